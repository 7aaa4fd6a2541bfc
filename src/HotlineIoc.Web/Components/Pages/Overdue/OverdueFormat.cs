using HotlineIoc.Domain.Cases;
using HotlineIoc.Infrastructure.Cases;
using HotlineIoc.Infrastructure.Overdue;
using HotlineIoc.Web.Components.Dashboard;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace HotlineIoc.Web.Components.Pages.Overdue;

/// <summary>How the board names and colours buckets, agencies and lateness, so the matrix, the table and the filters agree.</summary>
public static class OverdueFormat
{
    public static string Bucket(AgeingBucket bucket, IStringLocalizer<OverdueText> text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text["Bucket_" + bucket.ToWire()];
    }

    /// <summary>Due soon in blue, then warmer as a case ages.</summary>
    public static Color BucketColor(AgeingBucket bucket) => bucket switch
    {
        AgeingBucket.DueSoon => Color.Info,
        AgeingBucket.Late1To2 => Color.Warning,
        AgeingBucket.Late3To5 => Color.Secondary,
        _ => Color.Error,
    };

    /// <summary>An agency's name; the empty code (or <c>none</c>) is "chưa chuyển".</summary>
    public static string Agency(string? code, ReferenceNames names, IStringLocalizer<OverdueText> text)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(text);
        return string.IsNullOrEmpty(code) || code == CaseQueries.NoAgency ? text["Agency_None"] : names.Agency(code);
    }

    /// <summary>The agency filter value of a matrix row: its code, or <c>none</c>.</summary>
    public static string AgencyFilter(string code) => code.Length == 0 ? CaseQueries.NoAgency : code;

    public static string Late(OverdueRow row, IStringLocalizer<OverdueText> text)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(text);
        return row.Bucket == AgeingBucket.DueSoon ? text["Late_NotYet"]
            : row.WorkingDaysLate == 0 ? text["Late_UnderOne"]
            : text["Late_Days", row.WorkingDaysLate];
    }
}
