using System.Globalization;

namespace HotlineIoc.Reports.Model;

/// <summary>Vietnamese conventions (FACTS.md): dd/MM/yyyy, "38.000.000 đ", decimal comma.</summary>
public static class VietnameseFormat
{
    public static readonly CultureInfo Culture = CreateCulture();

    private static CultureInfo CreateCulture()
    {
        // Built by hand so a server without ICU data still writes "38.000.000" and "98,6".
        var culture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        culture.NumberFormat.NumberGroupSeparator = ".";
        culture.NumberFormat.NumberDecimalSeparator = ",";
        culture.NumberFormat.PercentGroupSeparator = ".";
        culture.NumberFormat.PercentDecimalSeparator = ",";
        return CultureInfo.ReadOnly(culture);
    }

    public static string Date(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    /// <summary>
    /// A unit's name with its life span, so old and new units of one name stay apart: «Tân Lập (đến 30/06/2025)»,
    /// «Tân Lập (từ 01/07/2025)», «Tân An (01/11/2024 – 30/06/2025)»; a unit without either end is its name alone.
    /// </summary>
    public static string UnitName(string name, DateOnly? validFrom, DateOnly? validTo) => (validFrom, validTo) switch
    {
        (null, null) => name,
        (null, { } to) => $"{name} (đến {Date(to)})",
        ({ } from, null) => $"{name} (từ {Date(from)})",
        ({ } from, { } to) => $"{name} ({Date(from)} – {Date(to)})",
    };

    public static string Count(long value) => value.ToString("#,0", Culture);

    public static string Money(long vnd) => Count(vnd) + " đ";

    /// <summary>A fraction 0..1 as a percentage with one decimal: 0.986 → "98,6".</summary>
    public static string Percent(double fraction) => (fraction * 100).ToString("0.0", Culture);

    public static string OneDecimal(double value) => value.ToString("0.0", Culture);

    /// <summary>A change with its sign: "+12", "−3", "0".</summary>
    public static string SignedCount(long value) => value switch
    {
        > 0 => "+" + Count(value),
        < 0 => "−" + Count(-value),
        _ => "0",
    };

    /// <summary>A change of a rate in percentage points.</summary>
    public static string SignedPoints(double fractionChange)
    {
        var points = Math.Round(fractionChange * 100, 1);
        return points switch
        {
            > 0 => "+" + points.ToString("0.0", Culture),
            < 0 => "−" + (-points).ToString("0.0", Culture),
            _ => "0,0",
        };
    }

    public static string SignedOneDecimal(double change)
    {
        var value = Math.Round(change, 1);
        return value switch
        {
            > 0 => "+" + value.ToString("0.0", Culture),
            < 0 => "−" + (-value).ToString("0.0", Culture),
            _ => "0,0",
        };
    }
}
