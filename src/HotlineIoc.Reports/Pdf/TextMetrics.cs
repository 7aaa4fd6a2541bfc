using SkiaSharp;

namespace HotlineIoc.Reports.Pdf;

/// <summary>
/// The fonts of one rendering and what they measured. A report is laid out up to four times (until its table of contents
/// stops moving the headings) and a long table repeats the same field, unit and agency names in thousands of rows, so
/// each text is wrapped once per width and the answer reused.
/// </summary>
internal sealed class TextMetrics(ReportFonts fonts) : IDisposable
{
    private readonly Dictionary<(TextWeight, float), SKFont> _fonts = [];
    private readonly Dictionary<(string Text, TextWeight Weight, float Size, float Width), string[]> _lines = [];
    private readonly Dictionary<(string Text, TextWeight Weight, float Size), (SKTextBlob? Blob, float Width)> _runs = [];

    public SKFont Font(TextWeight weight, float size)
    {
        if (!_fonts.TryGetValue((weight, size), out var font))
        {
            font = fonts.Font(weight, size);
            _fonts[(weight, size)] = font;
        }

        return font;
    }

    /// <summary>
    /// Greedy word wrap with the font's own advance widths. A word longer than the width is broken, after a dash or a
    /// slash where it can, so nothing ever runs into the next column.
    /// </summary>
    public string[] Wrap(string text, TextWeight weight, float size, float width)
    {
        if (_lines.TryGetValue((text, weight, size, width), out var cached))
        {
            return cached;
        }

        var font = Font(weight, size);
        var lines = new List<string>();
        foreach (var paragraph in text.Split('\n'))
        {
            var current = "";
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries).SelectMany(w => Pieces(w, font, width)))
            {
                var candidate = current.Length == 0 ? word : current + " " + word;
                if (current.Length > 0 && font.MeasureText(candidate) > width)
                {
                    lines.Add(current);
                    current = word;
                }
                else
                {
                    current = candidate;
                }
            }

            lines.Add(current);
        }

        var result = lines.ToArray();
        _lines[(text, weight, size, width)] = result;
        return result;
    }

    /// <summary>The word itself when it fits; otherwise the longest runs that fit, cut after the last dash or slash in each.</summary>
    private static IEnumerable<string> Pieces(string word, SKFont font, float width)
    {
        if (font.MeasureText(word) <= width || width <= 0)
        {
            yield return word;
            yield break;
        }

        var rest = word;
        while (rest.Length > 0)
        {
            var fit = 1;
            while (fit < rest.Length && font.MeasureText(rest[..(fit + 1)]) <= width)
            {
                fit++;
            }

            var cut = fit < rest.Length ? rest.LastIndexOfAny(['-', '/'], fit - 1) + 1 : fit;
            if (cut <= 0)
            {
                cut = fit;
            }

            yield return rest[..cut];
            rest = rest[cut..];
        }
    }

    /// <summary>
    /// The glyphs of a line and its advance width, made once per text: what <see cref="SKCanvas.DrawText(string, float, float, SKTextAlign, SKFont, SKPaint)"/>
    /// makes on every call. Null for an empty line.
    /// </summary>
    public (SKTextBlob? Blob, float Width) Run(string text, TextWeight weight, float size)
    {
        if (!_runs.TryGetValue((text, weight, size), out var run))
        {
            var font = Font(weight, size);
            run = (SKTextBlob.Create(text, font), font.MeasureText(text));
            _runs[(text, weight, size)] = run;
        }

        return run;
    }

    public void Dispose()
    {
        foreach (var (blob, _) in _runs.Values)
        {
            blob?.Dispose();
        }

        foreach (var font in _fonts.Values)
        {
            font.Dispose();
        }
    }
}
