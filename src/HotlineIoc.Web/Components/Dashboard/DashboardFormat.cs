using System.Globalization;
using HotlineIoc.Domain.Calendar;
using HotlineIoc.Domain.Cases;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace HotlineIoc.Web.Components.Dashboard;

/// <summary>
/// Figures, ages and dates as the panels show them. Vietnamese conventions ("1.234", "98,6 %", dd/MM/yyyy) unless
/// the UI is English; chosen by the UI language so a server whose own culture is invariant still writes vi-VN.
/// </summary>
public static class DashboardFormat
{
    private static readonly CultureInfo Vietnamese = WithPercentSpace(CultureInfo.GetCultureInfo("vi-VN"));
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    public static CultureInfo Culture => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? English : Vietnamese;

    public static string Number(int value) => value.ToString("N0", Culture);

    /// <summary>An amount of Vietnamese đồng: 2.500.000 ₫ in Vietnamese, 2,500,000 VND in English.</summary>
    public static string Money(long vnd) => vnd.ToString("N0", Culture) + (Culture.TwoLetterISOLanguageName == "en" ? " VND" : " ₫");

    /// <summary>A rate from 0 to 1 with one decimal: "98,6 %".</summary>
    public static string Percent(double rate) => (double.IsFinite(rate) ? rate : 0).ToString("P1", Culture);

    public static string DayMonth(DateOnly date) => date.ToString("dd/MM", CultureInfo.InvariantCulture);

    public static string Date(DateTime utc) => VietnamTime.ToLocal(utc).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    public static string DateTime(DateTime utc) => VietnamTime.ToLocal(utc).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);

    public static string Time(DateTime utc) => VietnamTime.ToLocal(utc).ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A coordinate in SVG markup: always a dot, never a decimal comma.</summary>
    public static string Svg(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>How long ago: "5 phút", "2 giờ", "3 ngày" (whole units, rounded down).</summary>
    public static string Age(TimeSpan age, IStringLocalizer text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (age < TimeSpan.FromMinutes(1))
        {
            return text["Age_JustNow"];
        }

        if (age < TimeSpan.FromHours(1))
        {
            return text["Age_Minutes", (int)age.TotalMinutes];
        }

        if (age < TimeSpan.FromDays(1))
        {
            return text["Age_Hours", (int)age.TotalHours];
        }

        var days = (int)age.TotalDays;
        return text[days == 1 ? "Age_Day" : "Age_Days", days];
    }

    /// <summary>The localized name of a status given by its wire name (<c>in_progress</c>).</summary>
    public static string Status(string wireName, IStringLocalizer text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var name = text["Status_" + wireName];
        return name.ResourceNotFound ? wireName : name.Value;
    }

    /// <summary>The chip colour of a status: open work in blue and amber, results in green, side exits grey.</summary>
    public static Color StatusColor(string wireName) =>
        CaseStatusNames.TryParse(wireName, out var status) ? status switch
        {
            CaseStatus.Received => Color.Info,
            CaseStatus.Forwarded => Color.Primary,
            CaseStatus.InProgress => Color.Warning,
            CaseStatus.Resolved or CaseStatus.Closed => Color.Success,
            CaseStatus.Returned => Color.Secondary,
            _ => Color.Default,
        }
        : Color.Default;

    /// <summary>A short channel name for charts ("Tổng đài"), falling back to the full name.</summary>
    public static string ChannelShort(string code, IStringLocalizer text, ReferenceNames names)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(names);
        var name = text["Channel_" + code];
        return name.ResourceNotFound ? names.Channel(code) : name.Value;
    }

    private static CultureInfo WithPercentSpace(CultureInfo culture)
    {
        var copy = (CultureInfo)culture.Clone();
        // "98,6 %": Vietnamese typography puts a space before the percent sign.
        copy.NumberFormat.PercentPositivePattern = 0;
        copy.NumberFormat.PercentNegativePattern = 0;
        return CultureInfo.ReadOnly(copy);
    }
}
