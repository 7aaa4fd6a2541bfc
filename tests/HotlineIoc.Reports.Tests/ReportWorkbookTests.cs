using HotlineIoc.Infrastructure.Tests;
using HotlineIoc.Reports.Excel;
using HotlineIoc.Reports.Model;
using Microsoft.Extensions.Time.Testing;
using MiniExcelLibs;

namespace HotlineIoc.Reports.Tests;

public sealed class ReportWorkbookTests
{
    [Fact]
    public async Task The_workbook_has_one_sheet_per_breakdown_with_the_model_figures()
    {
        await using var database = await TestDatabase.CreateAsync();
        await KnownData.LoadAsync(database);
        var model = await new ReportBuilder(database.Contexts, new FakeTimeProvider(KnownData.Now)).BuildAsync(ReportPeriod.Parse("2024-03"), ReportScope.City, TestContext.Current.CancellationToken);

        using var stream = new MemoryStream(ReportWorkbook.Create(model));

        Assert.Equal(
            [ReportWorkbook.SummarySheet, ReportWorkbook.ChannelSheet, ReportWorkbook.FieldSheet, ReportWorkbook.UnitSheet, ReportWorkbook.AgencySheet, ReportWorkbook.OverdueSheet, ReportWorkbook.TrendSheet],
            stream.GetSheetNames());
        var fields = stream.Query(useHeaderRow: true, sheetName: ReportWorkbook.FieldSheet).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(15, fields.Count);
        var mt = fields.Single(r => (string)r["Mã"] == "MT");
        Assert.Equal(("Môi trường", 2.0, 2.0), ((string)mt["Tên"], Convert.ToDouble(mt["Tiếp nhận"]), Convert.ToDouble(mt["Đã xử lý"])));
        var overdue = stream.Query(useHeaderRow: true, sheetName: ReportWorkbook.OverdueSheet).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(["BMT-2024-000010", "BMT-2024-000003", "BMT-2024-000007"], overdue.Select(r => (string)r["Mã phản ánh"]));
        var summary = stream.Query(useHeaderRow: true, sheetName: ReportWorkbook.SummarySheet).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(2_000_000, Convert.ToInt64(summary.Single(r => (string)r["Chỉ tiêu"] == "Tiền phạt (VND)")["Kỳ này"]));
    }
}
