using System.Buffers;

namespace HotlineIoc.Infrastructure.Csv;

/// <summary>
/// CSV injection (OWASP): a spreadsheet reads a cell that starts with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, tab or
/// carriage return as a formula. Every CSV this app writes puts a single quote before such a cell, which a spreadsheet
/// shows as text. To stay reversible, a cell that already starts with quotes followed by one of those characters gets
/// one quote more; <see cref="Restore"/> takes exactly one off, so reading back what was written gives every value back.
/// </summary>
public static class CsvCell
{
    public const char Quote = '\'';

    private static readonly SearchValues<char> FormulaStarts = SearchValues.Create("=+-@\t\r");

    /// <summary>The cell as written: <c>=1+2</c> → <c>'=1+2</c>, <c>+84 912 345 678</c> → <c>'+84 912 345 678</c>, <c>'=x</c> → <c>''=x</c>.</summary>
    public static string Neutralise(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return value ?? "";
        }

        return StartsWithFormula(value, quotes: 0) ? Quote + value : value;
    }

    /// <summary>The value a neutralised cell stood for: one quote less before a formula character, anything else as it is.</summary>
    public static string Restore(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Length > 1 && value[0] == Quote && StartsWithFormula(value, quotes: 1) ? value[1..] : value;
    }

    /// <summary>At least <paramref name="quotes"/> quotes, perhaps more, then a character a spreadsheet starts a formula with.</summary>
    private static bool StartsWithFormula(string value, int quotes)
    {
        var i = 0;
        while (i < value.Length && value[i] == Quote)
        {
            i++;
        }

        return i >= quotes && i < value.Length && FormulaStarts.Contains(value[i]);
    }
}
