using SkiaSharp;

namespace HotlineIoc.Reports.Pdf;

/// <summary>
/// Be Vietnam Pro, loaded from the TTFs the build copies from the repository (src/HotlineIoc.Reports/Fonts) into the output's fonts/ folder.
/// Never a system font: a server without fonts renders the same PDF.
/// </summary>
public sealed class ReportFonts : IDisposable
{
    private static readonly Lazy<ReportFonts> Shared = new(() => new ReportFonts(Path.Combine(AppContext.BaseDirectory, "fonts")));

    public ReportFonts(string folder)
    {
        Regular = Load(folder, "BeVietnamPro-Regular.ttf");
        Bold = Load(folder, "BeVietnamPro-Bold.ttf");
        Italic = Load(folder, "BeVietnamPro-Italic.ttf");
    }

    public static ReportFonts Default => Shared.Value;

    public SKTypeface Regular { get; }

    public SKTypeface Bold { get; }

    public SKTypeface Italic { get; }

    public SKTypeface Of(TextWeight weight) => weight switch
    {
        TextWeight.Bold => Bold,
        TextWeight.Italic => Italic,
        _ => Regular,
    };

    /// <summary>Even letter spacing in the PDF needs unhinted, subpixel, linear metrics (STACK.md).</summary>
    public SKFont Font(TextWeight weight, float size) =>
        new(Of(weight), size) { Subpixel = true, LinearMetrics = true, Hinting = SKFontHinting.None, Edging = SKFontEdging.Antialias };

    private static SKTypeface Load(string folder, string file)
    {
        var path = Path.Combine(folder, file);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The report font {file} is missing from {folder}; the build copies it there from src/HotlineIoc.Reports/Fonts.", path);
        }

        return SKTypeface.FromFile(path) ?? throw new InvalidOperationException($"The report font {path} could not be read.");
    }

    public void Dispose()
    {
        Regular.Dispose();
        Bold.Dispose();
        Italic.Dispose();
    }
}
