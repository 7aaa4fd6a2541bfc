using System.Text;
using HotlineIoc.Infrastructure.CaseCsv;
using HotlineIoc.Infrastructure.Cases;
using HotlineIoc.Infrastructure.Live;
using HotlineIoc.Infrastructure.Overdue;
using HotlineIoc.Infrastructure.Privacy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using MiniExcelLibs;

namespace HotlineIoc.Infrastructure.Tests;

/// <summary>The board's current view as CSV and Excel files, with the reporter only as the disclosure gate allows.</summary>
public sealed class OverdueExportTests : IAsyncLifetime
{
    private TestDatabase _database = default!;
    private OverdueExport _export = default!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        var clock = new FakeTimeProvider(OverdueBoardTests.Now);
        var board = new OverdueBoard(_database.Contexts, clock, new CaseHandling(_database.Contexts, clock, new CaseEventBus(NullLogger<CaseEventBus>.Instance)));
        _export = new OverdueExport(board, new ReporterDisclosure(_database.Contexts, clock), clock);
        await OverdueCases.ImportAsync(_database);
    }

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task The_csv_is_utf8_with_a_bom_and_rfc_4180_quoting_in_the_board_order()
    {
        var (bytes, count) = await CsvAsync(OverdueCases.Secretary, "agency=TNMT");

        Assert.Equal(2, count);
        Assert.Equal(Encoding.UTF8.Preamble.ToArray(), bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes.AsSpan(3));
        Assert.Equal(
            "code,channel,received_at,field_code,unit_code,agency_code,status,due_at,working_days_late,bucket,reminders_sent,reminder_pending_since,reporter_name,reporter_phone,reporter_zalo_id\r\n"
            + "BMT-2025-000103,hotline,2025-04-25T09:00:00+07:00,MT,tan-lap,TNMT,in_progress,2025-04-29T23:59:59+07:00,2,late-1-2,0,,\"Lê Văn \"\"Cường\"\", Tân Lập\",0905111103,\r\n"
            + "BMT-2025-000104,zalo,2025-05-02T09:00:00+07:00,MT,thanh-cong,TNMT,forwarded,2025-05-07T23:59:59+07:00,0,due-soon,0,,,,\r\n",
            text);
    }

    [Fact]
    public async Task Cells_that_a_spreadsheet_would_run_as_formulas_are_written_as_text()
    {
        var path = new CaseCsvBuilder()
            .Row("BMT-2025-000110,hotline,2025-04-21T09:00:00+07:00,ANTT,tan-lap,,,,j,\"=HYPERLINK(\"\"http://evil.example\"\",\"\"Xem\"\")\",+84 905 111 110,forwarded,CA,,,,")
            .WriteTo(_database.PathOf("formula.csv"));
        await new CaseImporter(_database.Contexts).ImportAsync(path, "test", null, null, Ct);

        var (bytes, _) = await CsvAsync(OverdueCases.Operator, "agency=CA&bucket=late-over-5");
        var plan = await _export.PlanAsync(OverdueCases.Operator, OverdueCases.Filter("agency=CA&bucket=late-over-5"), OverdueSort.Lateness, true, Ct);
        using var workbook = new MemoryStream();
        await _export.WriteXlsxAsync(OverdueCases.Operator, plan, workbook, c => c, Ct);

        var lines = Encoding.UTF8.GetString(bytes.AsSpan(3)).Split("\r\n");
        Assert.Contains(
            "BMT-2025-000110,hotline,2025-04-21T09:00:00+07:00,ANTT,tan-lap,CA,forwarded,2025-04-24T23:59:59+07:00,6,late-over-5,0,,\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"Xem\"\")\",'+84 905 111 110,",
            lines);
        // The workbook holds text cells, never a formula, and the values as they are.
        workbook.Position = 0;
        using var zip = new System.IO.Compression.ZipArchive(workbook);
        var sheet = await new StreamReader(zip.Entries.Single(e => e.FullName.StartsWith("xl/worksheets/sheet", StringComparison.Ordinal)).Open()).ReadToEndAsync(Ct);
        Assert.DoesNotMatch("<(x:)?f[ >]", sheet);
        workbook.Position = 0;
        var rows = workbook.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Contains(rows, r => Equals(r["reporter_name"], "=HYPERLINK(\"http://evil.example\",\"Xem\")") && Equals(r["reporter_phone"], "+84 905 111 110"));
    }

    [Fact]
    public async Task The_leader_and_department_heads_get_the_reporter_masked_and_nothing_is_logged()
    {
        var (leader, _) = await CsvAsync(OverdueCases.Leader, "bucket=late-over-5");
        var (head, _) = await CsvAsync(OverdueCases.DepartmentHead("CA"), "");

        Assert.Contains(",Ng*** V** A***,09******01,", Encoding.UTF8.GetString(leader), StringComparison.Ordinal);
        Assert.DoesNotContain("0905111101", Encoding.UTF8.GetString(head), StringComparison.Ordinal);
        Assert.Contains(",09******02,", Encoding.UTF8.GetString(head), StringComparison.Ordinal);
        await using var db = _database.Open();
        Assert.Equal(0, await db.ReporterAccessLog.CountAsync(Ct));
    }

    [Fact]
    public async Task An_operator_gets_the_reporter_in_clear_and_each_view_is_logged()
    {
        var (bytes, count) = await CsvAsync(OverdueCases.Operator, "");

        Assert.Equal(7, count);
        Assert.Contains(",Nguyễn Văn An,0905111101,", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        await using var db = _database.Open();
        var logged = await db.ReporterAccessLog.OrderBy(a => a.CaseCode).ToListAsync(Ct);
        // Cases without a reporter show nothing and log nothing.
        Assert.Equal(["BMT-2025-000101", "BMT-2025-000102", "BMT-2025-000103", "BMT-2025-000105", "BMT-2025-000109"], logged.Select(a => a.CaseCode));
        Assert.All(logged, a => Assert.Equal(("dieuhanh", OverdueExport.Purpose), (a.UserName, a.Purpose)));
    }

    [Fact]
    public async Task The_workbook_holds_the_same_rows_with_named_headers()
    {
        var plan = await _export.PlanAsync(OverdueCases.Leader, new OverdueFilter(), OverdueSort.Lateness, true, Ct);
        using var file = new MemoryStream();

        await _export.WriteXlsxAsync(OverdueCases.Leader, plan, file, column => "[" + column + "]", Ct);

        file.Position = 0;
        var rows = file.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(OverdueExport.Columns.Select(c => "[" + c + "]"), rows[0].Keys);
        Assert.Equal(["BMT-2025-000101", "BMT-2025-000106", "BMT-2025-000102", "BMT-2025-000103", "BMT-2025-000109", "BMT-2025-000105", "BMT-2025-000104"], rows.Select(r => r["[code]"]));
        Assert.Equal(new DateTime(2025, 4, 24, 23, 59, 59), rows[0]["[due_at]"]);
        Assert.Equal("late-over-5", rows[0]["[bucket]"]);
        Assert.Equal(6.0, Convert.ToDouble(rows[0]["[working_days_late]"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("09******01", rows[0]["[reporter_phone]"]);
    }

    [Fact]
    public async Task A_capped_export_says_so_in_its_file_name()
    {
        var capped = new OverdueExport(
            new OverdueBoard(_database.Contexts, new FakeTimeProvider(OverdueBoardTests.Now), null!),
            new ReporterDisclosure(_database.Contexts, TimeProvider.System),
            new FakeTimeProvider(OverdueBoardTests.Now)) { Limit = 3 };

        var plan = await capped.PlanAsync(OverdueCases.Leader, new OverdueFilter(), OverdueSort.Lateness, true, Ct);
        var head = await capped.PlanAsync(OverdueCases.DepartmentHead("CA"), new OverdueFilter(), OverdueSort.Lateness, true, Ct);
        using var file = new MemoryStream();
        var written = await capped.WriteCsvAsync(OverdueCases.Leader, plan, file, Ct);

        Assert.True(plan.Capped);
        Assert.Equal(3, written);
        Assert.Equal("qua-han-20250506-1000-3-tren-7.csv", plan.FileName("csv"));
        Assert.Equal("qua-han-CA-20250506-1000.xlsx", head.FileName("xlsx"));
    }

    private async Task<(byte[] Bytes, int Count)> CsvAsync(System.Security.Claims.ClaimsPrincipal user, string query)
    {
        var plan = await _export.PlanAsync(user, OverdueCases.Filter(query), OverdueSort.Lateness, true, Ct);
        using var output = new MemoryStream();
        var count = await _export.WriteCsvAsync(user, plan, output, Ct);
        return (output.ToArray(), count);
    }
}
