using System.Globalization;
using System.Text.RegularExpressions;

namespace HotlineIoc.Domain.Cases;

/// <summary>Case codes like <c>BMT-2024-000123</c>: city prefix, year received, a sequence within the year.</summary>
public static partial class CaseCode
{
    public const string Prefix = "BMT";

    public const int MaxLength = 32;

    public static string Format(int year, int sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}-{year:D4}-{sequence:D6}");

    /// <summary>Codes are upper-case letters, digits and dashes, so they travel safely in URLs and CSV.</summary>
    public static bool IsWellFormed(string? code) =>
        !string.IsNullOrEmpty(code) && code.Length <= MaxLength && Shape().IsMatch(code);

    public static bool TryParse(string code, out int year, out int sequence)
    {
        var match = Ours().Match(code ?? "");
        year = match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        sequence = match.Success ? int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture) : 0;
        return match.Success;
    }

    [GeneratedRegex("^[A-Z0-9][A-Z0-9-]*$")]
    private static partial Regex Shape();

    [GeneratedRegex("^BMT-([0-9]{4})-([0-9]{6,})$")]
    private static partial Regex Ours();
}
