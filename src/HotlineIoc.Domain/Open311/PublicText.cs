using System.Text.RegularExpressions;

namespace HotlineIoc.Domain.Open311;

/// <summary>
/// Free text that a public read shows (a case's description and result). Citizens and operators sometimes write a phone
/// number or an e-mail address into it; those are replaced by <see cref="Redacted"/> before the text leaves the city.
/// Names cannot be recognised this way; the reporter's own fields are never part of a public read at all.
/// </summary>
public static partial class PublicText
{
    public const string Redacted = "[đã ẩn]";

    public static string? Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        try
        {
            return Phone().Replace(Email().Replace(text, Redacted), Redacted);
        }
        catch (RegexMatchTimeoutException)
        {
            // Text too tangled to check in time is not shown rather than shown unchecked.
            return Redacted;
        }
    }

    // Without backtracking: the time stays linear in the text, however it is built.
    [GeneratedRegex(@"[\p{L}\p{N}._%+\-]+@[\p{L}\p{N}.\-]+\.[\p{L}]{2,}", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Email();

    // Vietnamese numbers: 0 or +84/84, then 8 to 10 more digits, grouped by spaces, dots or dashes as people write them.
    [GeneratedRegex(@"(?<![\p{N}])(?:\+?84|0)(?:[ .\-]?\d){8,10}(?![\p{N}])", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Phone();
}
