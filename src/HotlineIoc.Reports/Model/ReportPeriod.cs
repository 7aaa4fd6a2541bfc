using System.Globalization;
using System.Text.RegularExpressions;

namespace HotlineIoc.Reports.Model;

public enum PeriodKind
{
    Year,
    Quarter,
    Month,
    Week,
    Custom,
}

/// <summary>A report's period (kỳ báo cáo) in local dates, both ends inclusive.</summary>
public sealed partial record ReportPeriod(PeriodKind Kind, DateOnly From, DateOnly To)
{
    public int Days => To.DayNumber - From.DayNumber + 1;

    /// <summary>The period just before, of the same kind (or, for a custom range, the same number of days).</summary>
    public ReportPeriod Previous() => Kind switch
    {
        PeriodKind.Year => Year(From.Year - 1),
        PeriodKind.Quarter => FromMonths(PeriodKind.Quarter, From.AddMonths(-3), 3),
        PeriodKind.Month => FromMonths(PeriodKind.Month, From.AddMonths(-1), 1),
        PeriodKind.Week => new(PeriodKind.Week, From.AddDays(-7), To.AddDays(-7)),
        _ => new(PeriodKind.Custom, From.AddDays(-Days), From.AddDays(-1)),
    };

    /// <summary>The machine form: 2024, 2024-Q3, 2024-07, 2024-W05 or 2024-03-01..2024-03-15.</summary>
    public string Key => Kind switch
    {
        PeriodKind.Year => From.Year.ToString(CultureInfo.InvariantCulture),
        PeriodKind.Quarter => $"{From.Year}-Q{(From.Month + 2) / 3}",
        PeriodKind.Month => From.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        PeriodKind.Week => $"{ISOWeek.GetYear(From.ToDateTime(TimeOnly.MinValue))}-W{ISOWeek.GetWeekOfYear(From.ToDateTime(TimeOnly.MinValue)):00}",
        _ => $"{From:yyyy-MM-dd}..{To:yyyy-MM-dd}",
    };

    /// <summary>How the title names the period, in Vietnamese.</summary>
    public string TitleVi => Kind switch
    {
        PeriodKind.Year => $"năm {From.Year}",
        PeriodKind.Quarter => $"quý {RomanQuarter((From.Month + 2) / 3)} năm {From.Year}",
        PeriodKind.Month => $"tháng {From.Month:00} năm {From.Year}",
        PeriodKind.Week => $"tuần {ISOWeek.GetWeekOfYear(From.ToDateTime(TimeOnly.MinValue)):00} năm {ISOWeek.GetYear(From.ToDateTime(TimeOnly.MinValue))} (từ ngày {VietnameseFormat.Date(From)} đến ngày {VietnameseFormat.Date(To)})",
        _ => $"từ ngày {VietnameseFormat.Date(From)} đến ngày {VietnameseFormat.Date(To)}",
    };

    public static ReportPeriod Year(int year) => new(PeriodKind.Year, new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));

    public static ReportPeriod Quarter(int year, int quarter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(quarter, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quarter, 4);
        return FromMonths(PeriodKind.Quarter, new DateOnly(year, (quarter * 3) - 2, 1), 3);
    }

    public static ReportPeriod Month(int year, int month) => FromMonths(PeriodKind.Month, new DateOnly(year, month, 1), 1);

    /// <summary>ISO 8601 week: Monday to Sunday; week 1 holds the year's first Thursday.</summary>
    public static ReportPeriod Week(int isoYear, int week)
    {
        var monday = DateOnly.FromDateTime(ISOWeek.ToDateTime(isoYear, week, DayOfWeek.Monday));
        return new(PeriodKind.Week, monday, monday.AddDays(6));
    }

    public static ReportPeriod Custom(DateOnly from, DateOnly to) =>
        to < from ? throw new FormatException($"The period ends ({to:yyyy-MM-dd}) before it starts ({from:yyyy-MM-dd}).") : new(PeriodKind.Custom, from, to);

    /// <summary>Reads 2024, 2024-Q3, 2024-07, 2024-W05 or 2024-03-01..2024-03-15. Throws <see cref="FormatException"/> with a one-line reason.</summary>
    public static ReportPeriod Parse(string? text)
    {
        var value = (text ?? "").Trim();
        var match = Pattern().Match(value);
        if (!match.Success)
        {
            throw new FormatException($"The period '{value}' is not one of 2024, 2024-Q3, 2024-07, 2024-W05 or 2024-03-01..2024-03-15.");
        }

        if (match.Groups["from"].Success)
        {
            var from = ParseDate(match.Groups["from"].Value);
            var to = ParseDate(match.Groups["to"].Value);
            return Custom(from, to);
        }

        var year = int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
        if (year is < 2000 or > 2999)
        {
            throw new FormatException($"The year {year} is out of range.");
        }

        if (match.Groups["q"].Success)
        {
            var q = int.Parse(match.Groups["q"].Value, CultureInfo.InvariantCulture);
            return q is >= 1 and <= 4 ? Quarter(year, q) : throw new FormatException($"A quarter is Q1 to Q4, not Q{q}.");
        }

        if (match.Groups["m"].Success)
        {
            var m = int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture);
            return m is >= 1 and <= 12 ? Month(year, m) : throw new FormatException($"A month is 01 to 12, not {match.Groups["m"].Value}.");
        }

        if (match.Groups["w"].Success)
        {
            var w = int.Parse(match.Groups["w"].Value, CultureInfo.InvariantCulture);
            var weeks = ISOWeek.GetWeeksInYear(year);
            return w >= 1 && w <= weeks ? Week(year, w) : throw new FormatException($"{year} has ISO weeks W01 to W{weeks}, not W{w:00}.");
        }

        return Year(year);
    }

    public static bool TryParse(string? text, out ReportPeriod? period)
    {
        try
        {
            period = Parse(text);
            return true;
        }
        catch (FormatException)
        {
            period = null;
            return false;
        }
    }

    public override string ToString() => Key;

    private static DateOnly ParseDate(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new FormatException($"'{text}' is not a date like 2024-01-31.");

    private static ReportPeriod FromMonths(PeriodKind kind, DateOnly first, int months) =>
        new(kind, first, first.AddMonths(months).AddDays(-1));

    private static string RomanQuarter(int q) => q switch { 1 => "I", 2 => "II", 3 => "III", _ => "IV" };

    [GeneratedRegex(@"^(?:(?<from>\d{4}-\d{2}-\d{2})\.\.(?<to>\d{4}-\d{2}-\d{2})|(?<year>\d{4})(?:-Q(?<q>\d)|-W(?<w>\d{2})|-(?<m>\d{2}))?)$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
