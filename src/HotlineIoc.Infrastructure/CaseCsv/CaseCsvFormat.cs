using System.Globalization;
using System.Text.RegularExpressions;
using HotlineIoc.Domain.Calendar;

namespace HotlineIoc.Infrastructure.CaseCsv;

/// <summary>The case CSV of BRIEF.md: UTF-8, header row, RFC 4180 quoting, columns in this order.</summary>
public static partial class CaseCsvFormat
{
    public static readonly IReadOnlyList<string> Columns =
    [
        "code", "channel", "received_at", "field_code", "unit_code", "address", "latitude", "longitude", "description",
        "reporter_name", "reporter_phone", "status", "agency_code", "resolved_at", "closed_at", "enforcement", "fine_vnd",
    ];

    public static string Header => string.Join(',', Columns);

    /// <summary>An instant as ISO 8601 in Vietnam's offset, e.g. <c>2024-03-05T09:12:00+07:00</c>.</summary>
    public static string FormatInstant(DateTime utc) =>
        VietnamTime.ToLocalOffset(utc).ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);

    /// <summary>ISO 8601 with an explicit offset (or Z); returns the UTC instant.</summary>
    public static bool TryParseInstant(string text, out DateTime utc)
    {
        utc = default;
        if (!HasOffset().IsMatch(text))
        {
            return false;
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value))
        {
            return false;
        }

        utc = value.UtcDateTime;
        return true;
    }

    public static string FormatNumber(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex HasOffset();
}
