using HotlineIoc.Infrastructure.Tests;
using HotlineIoc.Reports.Excel;
using HotlineIoc.Reports.Model;
using HotlineIoc.Reports.Pdf;
using Microsoft.Extensions.Time.Testing;
using MiniExcelLibs;

namespace HotlineIoc.Reports.Tests;

/// <summary>
/// The section by unit across the reorganisations of 1 Nov 2024 and 1 Jul 2025, on <see cref="ReorganisedData"/>,
/// made on 2 March 2026: units as recorded on the cases, each with today's unit, and today's units with the previous
/// period rolled up the same way. Rows are written as "code | name | today's unit | received resolved on-time open overdue".
/// </summary>
public sealed class UnitReportTests(UnitReportTests.Data data) : IClassFixture<UnitReportTests.Data>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Scratch => Path.Combine(Path.GetTempPath(), "hotline-tests", "units");

    [Fact]
    public async Task The_2024_report_lists_the_21_units_as_recorded_each_with_its_unit_today()
    {
        var report = await data.BuildAsync("2024");

        // The 21 units of 2024 (Thắng Lợi and Thống Nhất until 31/10/2024), none of the six of 2025.
        Assert.Equal(21, report.Units.Recorded.Count);
        Assert.DoesNotContain(report.Units.Recorded, r => r.Code.StartsWith("p-", StringComparison.Ordinal) || r.Code.StartsWith("x-", StringComparison.Ordinal));
        Assert.Equal(
            [
                "ea-kao | Ea Kao (đến 30/06/2025) | Ea Kao | 1 1 1 0 0",
                "hoa-phu | Hòa Phú (đến 30/06/2025) | Hòa Phú | 1 1 0 0 0",
                "tan-lap | Tân Lập (đến 30/06/2025) | Tân Lập | 2 1 1 0 0",
                "tan-tien | Tân Tiến (đến 30/06/2025) | Buôn Ma Thuột | 1 0 0 1 1",
                "thang-loi | Thắng Lợi (đến 31/10/2024) | Buôn Ma Thuột | 2 2 1 0 0",
                "thanh-cong | Thành Công (đến 30/06/2025) | Buôn Ma Thuột | 1 1 1 0 0",
                "thong-nhat | Thống Nhất (đến 31/10/2024) | Buôn Ma Thuột | 1 1 1 0 0",
            ],
            report.Units.Recorded.Where(r => r.Figures.Received > 0).Select(Recorded).Order(StringComparer.Ordinal));
        Assert.All(report.Units.Recorded.Where(r => r.Figures.Received == 0), r => Assert.Equal((0, 0, 0), (r.Figures.Resolved, r.Figures.Open, r.Figures.Overdue)));
        // Every old unit's area is one of today's six: Cư Êbur went into Buôn Ma Thuột, Hòa Xuân into Hòa Phú, Khánh Xuân into Thành Nhất.
        Assert.Equal(("Buôn Ma Thuột", "Hòa Phú", "Thành Nhất"), (Today(report, "cu-ebur"), Today(report, "hoa-xuan"), Today(report, "khanh-xuan")));
        Assert.Equal(report.Summary.Received, report.Units.Recorded.Sum(r => r.Figures.Received));
        Assert.Equal(9, report.Summary.Received);
    }

    [Fact]
    public async Task The_2024_report_compares_with_2023_by_todays_unit()
    {
        var report = await data.BuildAsync("2024");

        Assert.True(report.Units.CrossesReorganisation);
        Assert.Equal(new DateOnly(2026, 3, 2), report.Units.Today);
        // This period | the previous one (2023), both rolled up to today's units.
        Assert.Equal(
            [
                "p-buon-ma-thuot | Buôn Ma Thuột | 5 4 3 1 1 | 1 1 1 0 0",
                "p-ea-kao | Ea Kao | 1 1 1 0 0 | 1 0 0 1 1",
                "x-hoa-phu | Hòa Phú | 1 1 0 0 0 | 0 0 0 0 0",
                "p-tan-an | Tân An | 0 0 0 0 0 | 0 0 0 0 0",
                "p-tan-lap | Tân Lập | 2 1 1 0 0 | 1 0 0 0 0",
                "p-thanh-nhat | Thành Nhất | 0 0 0 0 0 | 0 0 0 0 0",
            ],
            report.Units.ByTodayUnit.Select(TodayRow));
        // Rates recomputed from the summed counts: Buôn Ma Thuột 4 of 5, 3 of 4 on time; Tân Lập's rejected case leaves its rate.
        var bmt = report.Units.ByTodayUnit.Single(r => r.Code == "p-buon-ma-thuot");
        Assert.Equal((4.0 / 5, 3.0 / 4, 1.0), (bmt.Current.ResolutionRate, bmt.Current.OnTimeRate, bmt.Previous.ResolutionRate));
        var tanLap = report.Units.ByTodayUnit.Single(r => r.Code == "p-tan-lap");
        Assert.Equal((1.0, 0.0), (tanLap.Current.ResolutionRate, tanLap.Previous.ResolutionRate));
        Assert.Equal((9, 3), (report.Units.ByTodayUnit.Sum(r => r.Current.Received), report.Units.ByTodayUnit.Sum(r => r.Previous.Received)));
        Assert.Equal((report.Summary.Received, report.PreviousSummary.Received), (9, 3));
    }

    [Fact]
    public async Task The_2025_report_shows_the_19_and_the_6_as_recorded_and_compares_with_2024_by_todays_unit()
    {
        var report = await data.BuildAsync("2025");

        // The 19 until 30/06/2025, then the 6 from 01/07/2025; Thắng Lợi and Thống Nhất were gone before 2025.
        Assert.Equal(25, report.Units.Recorded.Count);
        Assert.Equal(19, report.Units.Recorded.TakeWhile(r => r.ValidTo == new DateOnly(2025, 6, 30)).Count());
        Assert.All(report.Units.Recorded.Skip(19), r => Assert.Equal(new DateOnly(2025, 7, 1), r.ValidFrom));
        Assert.DoesNotContain(report.Units.Recorded, r => r.Code is "thang-loi" or "thong-nhat");
        Assert.Equal(
            [
                "ea-kao | Ea Kao (đến 30/06/2025) | Ea Kao | 1 1 1 0 0",
                "hoa-xuan | Hòa Xuân (đến 30/06/2025) | Hòa Phú | 1 0 0 0 0",
                "p-buon-ma-thuot | Buôn Ma Thuột (từ 01/07/2025) | Buôn Ma Thuột | 1 1 1 0 0",
                "p-ea-kao | Ea Kao (từ 01/07/2025) | Ea Kao | 1 0 0 0 0",
                "p-tan-lap | Tân Lập (từ 01/07/2025) | Tân Lập | 2 1 1 1 1",
                "tan-lap | Tân Lập (đến 30/06/2025) | Tân Lập | 1 1 1 0 0",
                "tan-tien | Tân Tiến (đến 30/06/2025) | Buôn Ma Thuột | 1 1 0 0 0",
                "thanh-cong | Thành Công (đến 30/06/2025) | Buôn Ma Thuột | 1 1 1 0 0",
                "x-hoa-phu | Hòa Phú (từ 01/07/2025) | Hòa Phú | 1 1 0 0 0",
            ],
            report.Units.Recorded.Where(r => r.Figures.Received > 0).Select(Recorded).Order(StringComparer.Ordinal));

        // 2025 against 2024, unit by unit, across both reorganisations.
        Assert.Equal(
            [
                "p-buon-ma-thuot | Buôn Ma Thuột | 3 3 2 0 0 | 5 4 3 1 1",
                "p-ea-kao | Ea Kao | 2 1 1 0 0 | 1 1 1 0 0",
                "x-hoa-phu | Hòa Phú | 2 1 0 0 0 | 1 1 0 0 0",
                "p-tan-an | Tân An | 0 0 0 0 0 | 0 0 0 0 0",
                "p-tan-lap | Tân Lập | 3 2 2 1 1 | 2 1 1 0 0",
                "p-thanh-nhat | Thành Nhất | 0 0 0 0 0 | 0 0 0 0 0",
            ],
            report.Units.ByTodayUnit.Select(TodayRow));
        var tanLap = report.Units.ByTodayUnit.Single(r => r.Code == "p-tan-lap");
        Assert.Equal((2.0 / 3, 1.0), (tanLap.Current.ResolutionRate, tanLap.Previous.ResolutionRate));
        var hoaPhu = report.Units.ByTodayUnit.Single(r => r.Code == "x-hoa-phu");
        Assert.Equal((1.0, 0.0), (hoaPhu.Current.ResolutionRate, hoaPhu.Current.OnTimeRate));

        // The totals of both tables are the report's, this period's and the previous one's.
        Assert.Equal(new ReportSummary(10, 2, 7, 5, 1, 1, 7.0 / 8, 5.0 / 7, report.Summary.AverageHandlingWorkingDays), report.Summary);
        Assert.Equal(10, report.Units.Recorded.Sum(r => r.Figures.Received));
        Assert.Equal(10, report.Units.ByTodayUnit.Sum(r => r.Current.Received));
        Assert.Equal((9, 9), (report.PreviousSummary.Received, report.Units.ByTodayUnit.Sum(r => r.Previous.Received)));
        Assert.Equal(report.Summary.Resolved, report.Units.ByTodayUnit.Sum(r => r.Current.Resolved));
        Assert.Equal(report.PreviousSummary.Resolved, report.Units.ByTodayUnit.Sum(r => r.Previous.Resolved));
    }

    [Fact]
    public async Task The_2026_report_compares_with_2025_by_todays_unit_and_a_quarter_within_todays_units_has_one_table()
    {
        var year = await data.BuildAsync("2026");

        Assert.Equal(6, year.Units.Recorded.Count);
        Assert.All(year.Units.Recorded, r => Assert.True(r.IsToday));
        Assert.Equal(
            [
                "p-buon-ma-thuot | Buôn Ma Thuột | 1 1 1 0 0 | 3 3 2 0 0",
                "p-ea-kao | Ea Kao | 0 0 0 0 0 | 2 1 1 0 0",
                "x-hoa-phu | Hòa Phú | 1 1 1 0 0 | 2 1 0 0 0",
                "p-tan-an | Tân An | 0 0 0 0 0 | 0 0 0 0 0",
                "p-tan-lap | Tân Lập | 0 0 0 0 0 | 3 2 2 1 1",
                "p-thanh-nhat | Thành Nhất | 0 0 0 0 0 | 0 0 0 0 0",
            ],
            year.Units.ByTodayUnit.Select(TodayRow));

        // The first quarter of 2026 against the last of 2025: both within today's six units, so no second table.
        var quarter = await data.BuildAsync("2026-Q1");
        Assert.False(quarter.Units.CrossesReorganisation);
        Assert.Empty(quarter.Units.ByTodayUnit);
        Assert.Equal(6, quarter.Units.Recorded.Count);
    }

    [Fact]
    public async Task The_map_draws_the_units_of_the_last_day_with_their_former_units_cases()
    {
        var report2024 = await data.BuildAsync("2024");
        var report2025 = await data.BuildAsync("2025");

        // On 31/12/2024 the 19 were in force: Thắng Lợi's two cases are Thành Công's tile, Thống Nhất's one is Tân Tiến's.
        Assert.Equal(19, report2024.Map.Count);
        Assert.Equal((3, 2), (report2024.Map.Single(t => t.Code == "thanh-cong").Received, report2024.Map.Single(t => t.Code == "tan-tien").Received));
        Assert.Equal(9, report2024.Map.Sum(t => t.Received));
        // On 31/12/2025 the six, on their own tiles, with the whole year's cases of their areas.
        Assert.Equal(["p-buon-ma-thuot", "p-tan-an", "p-thanh-nhat", "p-tan-lap", "x-hoa-phu", "p-ea-kao"], report2025.Map.Select(t => t.Code));
        Assert.Equal(6, report2025.Map.Select(t => (t.Column, t.Row)).Distinct().Count());
        Assert.Equal(10, report2025.Map.Sum(t => t.Received));
        Assert.Equal(3, report2025.Map.Single(t => t.Code == "p-tan-lap").Received);
    }

    [Fact]
    public async Task The_pdf_has_both_tables_under_IV_and_the_todays_unit_rows()
    {
        var report = await data.GenerateAsync("2024");
        var layout = await LayoutTextAsync(report.Pdf);
        var flat = Poppler.Flat(layout);

        Assert.Contains("IV. Theo địa bàn", flat, StringComparison.Ordinal);
        Assert.Contains("1. Theo phường, xã ghi trên phản ánh", flat, StringComparison.Ordinal);
        Assert.Contains("2. Theo địa bàn hiện nay (phường, xã tại ngày 02/03/2026)", flat, StringComparison.Ordinal);
        var lines = layout.Split('\n');
        // A recorded row: Thắng Lợi, its life span, and its unit today, on one line of the table.
        Assert.Contains(lines, l => Cells(l) is [_, "Thắng Lợi (đến 31/10/2024)", "Buôn Ma Thuột", "2", "2", "100,0", "50,0", "0"]);
        // A row of today's units: 5 against 1 received, 80,0 % against 100,0 %, 1 overdue.
        Assert.Contains(lines, l => Cells(l) is ["1", "Buôn Ma Thuột", "5", "1", "+4", "80,0", "100,0", "−20,0", "1"]);
        Assert.Contains(lines, l => Cells(l) is ["Tổng cộng", "9", "3", "+6", "87,5", "50,0", "+37,5", "1"]);
    }

    [Fact]
    public async Task The_workbook_has_a_sheet_for_each_table()
    {
        var report = await data.BuildAsync("2025");

        using var stream = new MemoryStream(ReportWorkbook.Create(report));

        Assert.Equal(
            [ReportWorkbook.SummarySheet, ReportWorkbook.ChannelSheet, ReportWorkbook.FieldSheet, ReportWorkbook.UnitSheet, ReportWorkbook.TodayUnitSheet, ReportWorkbook.AgencySheet, ReportWorkbook.OverdueSheet, ReportWorkbook.TrendSheet],
            stream.GetSheetNames());
        var recorded = stream.Query(useHeaderRow: true, sheetName: ReportWorkbook.UnitSheet).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(25, recorded.Count);
        var oldTanLap = recorded.Single(r => (string)r["Mã"] == "tan-lap");
        Assert.Equal(("Tân Lập (đến 30/06/2025)", "30/06/2025", "p-tan-lap", "Tân Lập", 1.0), ((string)oldTanLap["Tên"], (string)oldTanLap["Hiệu lực đến"], (string)oldTanLap["Mã địa bàn hiện nay"], (string)oldTanLap["Địa bàn hiện nay"], Convert.ToDouble(oldTanLap["Tiếp nhận"])));
        var today = stream.Query(useHeaderRow: true, sheetName: ReportWorkbook.TodayUnitSheet).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(["p-buon-ma-thuot", "p-ea-kao", "x-hoa-phu", "p-tan-an", "p-tan-lap", "p-thanh-nhat"], today.Select(r => (string)r["Mã"]));
        var tanLap = today.Single(r => (string)r["Mã"] == "p-tan-lap");
        Assert.Equal((3.0, 2.0, 1.0), (Convert.ToDouble(tanLap["Tiếp nhận"]), Convert.ToDouble(tanLap["Tiếp nhận kỳ trước"]), Convert.ToDouble(tanLap["Tăng, giảm tiếp nhận"])));
        Assert.Equal((10.0, 9.0), (today.Sum(r => Convert.ToDouble(r["Tiếp nhận"])), today.Sum(r => Convert.ToDouble(r["Tiếp nhận kỳ trước"]))));
    }

    [Fact]
    public async Task A_recorded_code_the_reference_data_lacks_keeps_its_row_in_both_tables()
    {
        // History loaded before units were checked may hold a code no unit has; the database is written past the check.
        await using var database = await TestDatabase.CreateAsync();
        var path = new CaseCsvBuilder()
            .Row("BMT-2024-000001,hotline,2024-03-04T09:00:00+07:00,MT,tan-loi,,,,a,,,closed,TNMT,2024-03-04T11:00:00+07:00,2024-03-04T15:00:00+07:00,,")
            .Row("BMT-2024-000002,hotline,2024-03-05T09:00:00+07:00,MT,tan-loi,,,,b,,,closed,TNMT,2024-03-05T11:00:00+07:00,2024-03-05T15:00:00+07:00,,")
            .WriteTo(database.PathOf("two.csv"));
        await new HotlineIoc.Infrastructure.CaseCsv.CaseImporter(database.Contexts).ImportAsync(path, "test", null, null, Ct);
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection(database.Settings.ConnectionString))
        {
            await connection.OpenAsync(Ct);
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA foreign_keys = OFF; UPDATE Cases SET UnitCode = 'phuong-cu' WHERE Code = 'BMT-2024-000002';";
            await command.ExecuteNonQueryAsync(Ct);
        }

        var report = await new ReportBuilder(database.Contexts, new FakeTimeProvider(ReorganisedData.Now)).BuildAsync(ReportPeriod.Year(2024), ReportScope.City, Ct);

        Assert.Equal(22, report.Units.Recorded.Count);
        Assert.Equal("phuong-cu | phuong-cu | phuong-cu | 1 1 1 0 0", Recorded(report.Units.Recorded[^1]));
        Assert.Equal("tan-loi | Tân Lợi (đến 30/06/2025) | Buôn Ma Thuột | 1 1 1 0 0", Recorded(report.Units.Recorded.Single(r => r.Code == "tan-loi")));
        Assert.Equal("phuong-cu | phuong-cu | 1 1 1 0 0 | 0 0 0 0 0", TodayRow(report.Units.ByTodayUnit[^1]));
        Assert.Equal("p-buon-ma-thuot | Buôn Ma Thuột | 1 1 1 0 0 | 0 0 0 0 0", TodayRow(report.Units.ByTodayUnit[0]));
        Assert.Equal((2, 2), (report.Units.Recorded.Sum(r => r.Figures.Received), report.Units.ByTodayUnit.Sum(r => r.Current.Received)));
    }

    private static string Recorded(RecordedUnitRow r) =>
        $"{r.Code} | {r.Figures.Name} | {r.TodayName} | {r.Figures.Received} {r.Figures.Resolved} {r.Figures.ResolvedOnTime} {r.Figures.Open} {r.Figures.Overdue}";

    private static string TodayRow(TodayUnitRow r) =>
        $"{r.Code} | {r.Name} | {r.Current.Received} {r.Current.Resolved} {r.Current.ResolvedOnTime} {r.Current.Open} {r.Current.Overdue} | {r.Previous.Received} {r.Previous.Resolved} {r.Previous.ResolvedOnTime} {r.Previous.Open} {r.Previous.Overdue}";

    private static string Today(ReportModel report, string code) => report.Units.Recorded.Single(r => r.Code == code).TodayName;

    /// <summary>The cells of a table line as <c>pdftotext -layout</c> lays them out: separated by two spaces or more.</summary>
    private static string[] Cells(string line) =>
        System.Text.RegularExpressions.Regex.Split(line.Trim(), @"\s{2,}").Where(c => c.Length > 0).ToArray();

    private static async Task<string> LayoutTextAsync(byte[] pdf)
    {
        var path = Path.Combine(Scratch, Guid.NewGuid().ToString("N") + ".pdf");
        Directory.CreateDirectory(Scratch);
        await File.WriteAllBytesAsync(path, pdf, Ct);
        return await Poppler.RunAsync("pdftotext", "-layout", "-enc", "UTF-8", path, "-");
    }

    /// <summary><see cref="ReorganisedData"/> in one SQLite file for the class, with the clock on 2 March 2026.</summary>
    public sealed class Data : IAsyncLifetime
    {
        private TestDatabase _database = null!;

        public Microsoft.EntityFrameworkCore.IDbContextFactory<HotlineIoc.Infrastructure.Persistence.HotlineDbContext> Contexts => _database.Contexts;

        public HotlineIoc.Infrastructure.Persistence.DatabaseSettings Settings => _database.Settings;

        public string PathOf(string name) => _database.PathOf(name);

        public async ValueTask InitializeAsync()
        {
            _database = await TestDatabase.CreateAsync();
            await ReorganisedData.LoadAsync(_database);
        }

        public Task<ReportModel> BuildAsync(string period) =>
            new ReportBuilder(_database.Contexts, new FakeTimeProvider(ReorganisedData.Now)).BuildAsync(ReportPeriod.Parse(period), ReportScope.City, Ct);

        public Task<GeneratedReport> GenerateAsync(string period) =>
            new ReportService(new ReportBuilder(_database.Contexts, new FakeTimeProvider(ReorganisedData.Now)), ReportFonts.Default).GenerateAsync(ReportPeriod.Parse(period), ReportScope.City, Ct);

        public async ValueTask DisposeAsync() => await _database.DisposeAsync();
    }
}
