using System.Globalization;
using System.Text;

namespace HotlineIoc.Domain.Cases;

/// <summary>
/// How alike two descriptions are, for spotting repeat reports at intake: the Dice coefficient of their word sets after
/// folding case and Vietnamese diacritics ("Đèn đường" and "den duong" are the same words). 1 is identical, 0 shares nothing.
/// </summary>
public static class TextSimilarity
{
    /// <summary>From this score two reports in the same unit and field are offered as possible duplicates.</summary>
    public const double DuplicateThreshold = 0.4;

    public static double Score(string? a, string? b)
    {
        var left = Words(a);
        var right = Words(b);
        if (left.Count == 0 || right.Count == 0)
        {
            return 0;
        }

        var shared = left.Count(right.Contains);
        return 2.0 * shared / (left.Count + right.Count);
    }

    public static HashSet<string> Words(string? text)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(text))
        {
            return words;
        }

        var folded = Fold(text);
        var word = new StringBuilder();
        foreach (var c in folded.Append(' '))
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(c);
                continue;
            }

            // One-letter words ("a", "o") carry no meaning here; numbers (house numbers) do.
            if (word.Length > 1 || (word.Length == 1 && char.IsDigit(word[0])))
            {
                words.Add(word.ToString());
            }

            word.Clear();
        }

        return words;
    }

    /// <summary>Lower case without diacritics; đ becomes d.</summary>
    public static string Fold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var decomposed = text.ToLowerInvariant().Replace('đ', 'd').Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                folded.Append(c);
            }
        }

        return folded.ToString().Normalize(NormalizationForm.FormC);
    }
}
