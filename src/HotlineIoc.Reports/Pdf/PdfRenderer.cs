using SkiaSharp;

namespace HotlineIoc.Reports.Pdf;

/// <summary>Draws a <see cref="ReportDocument"/> into a PDF with SkiaSharp: embedded Be Vietnam Pro, vector charts.</summary>
public sealed class PdfRenderer(ReportFonts fonts)
{
    /// <summary>Reports longer than this get a table of contents.</summary>
    public const int PagesBeforeContents = 4;

    public byte[] Render(ReportDocument document, DateTime createdAtUtc)
    {
        using var stream = new MemoryStream();
        Render(document, createdAtUtc, stream);
        return stream.ToArray();
    }

    public void Render(ReportDocument document, DateTime createdAtUtc, Stream output)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(output);
        var normalized = Normalize(document.Blocks);
        using var metrics = new TextMetrics(fonts);

        // First without contents, to see whether the report is long; then until the headings stop moving.
        var layout = new PageLayout(metrics, null);
        layout.Run(normalized);
        if (layout.Pages.Count > PagesBeforeContents && normalized.OfType<TableOfContents>().Any())
        {
            for (var pass = 0; pass < 3; pass++)
            {
                var toc = layout.Headings;
                layout.Dispose();
                layout = new PageLayout(metrics, toc);
                layout.Run(normalized);
                if (toc.SequenceEqual(layout.Headings))
                {
                    break;
                }
            }
        }

        try
        {
            layout.NumberPages();
            var metadata = new SKDocumentPdfMetadata
            {
                Title = document.Title,
                Author = "Tổ điều hành đường dây nóng",
                Creator = "HotlineIoc",
                Producer = "HotlineIoc",
                Creation = createdAtUtc,
                Modified = createdAtUtc,
            };
            using var pdf = SKDocument.CreatePdf(output, metadata);
            for (var page = 0; page < layout.Pages.Count; page++)
            {
                layout.Draw(pdf.BeginPage(PageLayout.PageWidth, PageLayout.PageHeight), page);
                pdf.EndPage();
            }

            pdf.Close();
        }
        finally
        {
            layout.Dispose();
        }
    }

    /// <summary>Vietnamese text is drawn precomposed (NFC), so every letter maps to one glyph and extracts as typed.</summary>
    private static List<Block> Normalize(IReadOnlyList<Block> blocks) => blocks.Select(b => b switch
    {
        Paragraph p => p with { Text = p.Text.Normalize() },
        Heading h => h with { Text = h.Text.Normalize() },
        OfficialHeader o => o with { ParentBody = o.ParentBody?.Normalize(), IssuingBody = o.IssuingBody.Normalize() },
        Table t => t with { Rows = t.Rows.Select(r => (IReadOnlyList<string>)r.Select(c => c.Normalize()).ToList()).ToList() },
        _ => b,
    }).ToList();
}
