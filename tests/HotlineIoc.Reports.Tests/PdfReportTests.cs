using HotlineIoc.Infrastructure.Tests;
using HotlineIoc.Reports.Model;
using HotlineIoc.Reports.Pdf;
using Microsoft.Extensions.Time.Testing;

namespace HotlineIoc.Reports.Tests;

public sealed class PdfReportTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Scratch => Path.Combine(Path.GetTempPath(), "hotline-tests", "pdf");

    [Fact]
    public async Task The_pdf_carries_the_hand_counted_figures_in_Vietnamese_format_and_the_official_header()
    {
        await using var database = await TestDatabase.CreateAsync();
        await KnownData.LoadAsync(database);
        var service = new ReportService(new ReportBuilder(database.Contexts, new FakeTimeProvider(KnownData.Now)), ReportFonts.Default);

        var report = await service.GenerateAsync(ReportPeriod.Parse("2024-03"), ReportScope.City, Ct);
        var text = await Poppler.TextOfAsync(report.Pdf, Scratch);

        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(report.Pdf, 0, 5), StringComparison.Ordinal);
        Assert.Contains("UBND THÀNH PHỐ BUÔN MA THUỘT", text, StringComparison.Ordinal);
        Assert.Contains("TỔ ĐIỀU HÀNH ĐƯỜNG DÂY NÓNG", text, StringComparison.Ordinal);
        Assert.Contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", text, StringComparison.Ordinal);
        Assert.Contains("Độc lập – Tự do – Hạnh phúc", text, StringComparison.Ordinal);
        Assert.Contains("Số: …/BC-ĐDN", text, StringComparison.Ordinal);
        Assert.Contains("Buôn Ma Thuột, ngày 02 tháng 04 năm 2024", text, StringComparison.Ordinal);
        var flat = Poppler.Flat(text);
        Assert.Contains("Kết quả tiếp nhận, xử lý phản ánh, kiến nghị qua Đường dây nóng tháng 03 năm 2024", flat, StringComparison.Ordinal);
        // 7 received, 2 resolved: 40,0 %; on time 50,0 %; 3,5 working days; the 2.000.000 đ sanction; −10,0 points against February's 50,0.
        Assert.Contains("tiếp nhận 7 phản ánh", flat, StringComparison.Ordinal);
        Assert.Contains("đạt tỷ lệ 40,0%", flat, StringComparison.Ordinal);
        Assert.Contains("đạt tỷ lệ 50,0%", flat, StringComparison.Ordinal);
        Assert.Contains("3,5 ngày làm việc", flat, StringComparison.Ordinal);
        Assert.Contains("2.000.000 đ", text, StringComparison.Ordinal);
        Assert.Contains("−10,0", text, StringComparison.Ordinal);
        // The overdue list: codes, Vietnamese names, due dates dd/MM/yyyy, working days late.
        Assert.Contains("BMT-2024-000010", text, StringComparison.Ordinal);
        Assert.Contains("15/01/2024", text, StringComparison.Ordinal);
        Assert.Contains("Đất đai, xây dựng", text, StringComparison.Ordinal);
        Assert.Contains("Phòng Quản lý đô thị", text, StringComparison.Ordinal);
        Assert.Contains("Đội Quản lý trật tự đô thị", text, StringComparison.Ordinal);
        Assert.Contains("TỔ TRƯỞNG", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_font_is_Be_Vietnam_Pro_embedded()
    {
        var pdf = new PdfRenderer(ReportFonts.Default).Render(new ReportDocument("t", [new Paragraph("Phường Tân Lợi – Hòa Thuận, Cư Êbur"), new Paragraph("Đậm", TextWeight.Bold)]), DateTime.UtcNow);
        var path = Path.Combine(Scratch, Guid.NewGuid().ToString("N") + ".pdf");
        Directory.CreateDirectory(Scratch);
        await File.WriteAllBytesAsync(path, pdf, Ct);

        var fonts = await Poppler.RunAsync("pdffonts", path);
        var text = await Poppler.RunAsync("pdftotext", "-enc", "UTF-8", path, "-");

        var rows = fonts.Split('\n').Where(l => l.Contains("BeVietnamPro", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, row => Assert.Contains(" yes ", row, StringComparison.Ordinal));
        Assert.DoesNotContain("DejaVu", fonts, StringComparison.Ordinal);
        Assert.Contains("Phường Tân Lợi – Hòa Thuận, Cư Êbur", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_long_table_repeats_its_header_on_every_page_and_pages_are_numbered()
    {
        var rows = Enumerable.Range(1, 150).Select(i => (IReadOnlyList<string>)[$"Dòng {i}", VietnameseFormat.Count(i * 1000)]).ToList();
        var document = new ReportDocument("t", [new Table([new("Tên cột đầu", 3), new("Giá trị", 1, TextAlign.Right)], rows)]);
        var pdf = new PdfRenderer(ReportFonts.Default).Render(document, DateTime.UtcNow);

        var text = await Poppler.TextOfAsync(pdf, Scratch);
        var pages = text.Split('\f').Where(p => p.Trim().Length > 0).ToList();

        Assert.True(pages.Count >= 3, $"150 rows should take several pages, took {pages.Count}");
        Assert.All(pages, page => Assert.Contains("Tên cột đầu", page, StringComparison.Ordinal));
        Assert.Contains("Dòng 150", pages[^1], StringComparison.Ordinal);
        Assert.Contains("150.000", pages[^1], StringComparison.Ordinal);
        Assert.Contains("2", pages[1].Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()), StringComparer.Ordinal);
    }
}
