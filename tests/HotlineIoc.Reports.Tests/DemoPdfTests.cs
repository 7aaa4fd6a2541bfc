using HotlineIoc.Infrastructure.Statistics;
using HotlineIoc.Reports.Model;
using HotlineIoc.Reports.Pdf;

namespace HotlineIoc.Reports.Tests;

public sealed class DemoPdfTests(DemoDatabase demo) : IClassFixture<DemoDatabase>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_2024_annual_report_reads_the_published_figures_and_leaves_page_images_for_a_reviewer()
    {
        var service = new ReportService(new ReportBuilder(demo.Database.Contexts, demo.Clock), ReportFonts.Default);
        var stats = await new CaseStatistics(demo.Database.Contexts, demo.Clock).GetAsync(new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31), Ct);

        var report = await service.GenerateAsync(ReportPeriod.Year(2024), ReportScope.City, Ct);
        var folder = Path.Combine(AppContext.BaseDirectory, "report-pages");
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "bao-cao-2024.pdf");
        await File.WriteAllBytesAsync(path, report.Pdf, Ct);
        var text = Poppler.Flat(await Poppler.RunAsync("pdftotext", "-enc", "UTF-8", path, "-"));

        Assert.Contains("Đường dây nóng năm 2024", text, StringComparison.Ordinal);
        Assert.Contains($"ký cam kết không tái phạm 194 trường hợp", text, StringComparison.Ordinal);
        Assert.Contains($"ban hành 16 quyết định xử phạt", text, StringComparison.Ordinal);
        Assert.Contains(VietnameseFormat.Money(stats.Enforcement.FinesVnd), text, StringComparison.Ordinal);
        Assert.Contains($"tiếp nhận {VietnameseFormat.Count(stats.Received)} phản ánh", text, StringComparison.Ordinal);
        Assert.Contains("MỤC LỤC", text, StringComparison.Ordinal);
        Assert.Contains("VIII. Diễn biến theo tháng", text, StringComparison.Ordinal);

        await Poppler.RunAsync("pdftoppm", "-png", "-r", "60", path, Path.Combine(folder, "page"));
        var images = Directory.GetFiles(folder, "page*.png");
        Assert.True(images.Length >= PdfRenderer.PagesBeforeContents, $"expected a long report, got {images.Length} pages");
        TestContext.Current.SendDiagnosticMessage($"Page images of the 2024 annual report: {folder}");
    }
}
