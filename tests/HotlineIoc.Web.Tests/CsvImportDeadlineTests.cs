using System.Net;
using System.Text;
using HotlineIoc.Infrastructure.CaseCsv;
using HotlineIoc.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HotlineIoc.Web.Tests;

/// <summary>The app with a small case CSV imported into its database, once for the class.</summary>
public sealed class ImportedCasesApp : HotlineApp, IAsyncLifetime
{
    /// <summary>
    /// Cases around Tết 2025 (25 Jan–2 Feb off), Hùng Kings' day (Mon 7 Apr), the make-up Saturday 26 Apr 2025
    /// and 30 Apr–4 May off, and an ordinary weekend in March. Descriptions carry RFC 4180 quoting.
    /// </summary>
    public const string Csv = """"
        code,channel,received_at,field_code,unit_code,address,latitude,longitude,description,reporter_name,reporter_phone,status,agency_code,resolved_at,closed_at,enforcement,fine_vnd
        BMT-2025-100001,hotline,2025-01-23T18:00:00Z,ATGT,tan-loi,12 Lê Duẩn,12.68,108.04,"Ổ gà lớn, nguy hiểm ""khẩn cấp""",Nguyen Van Imported,0911222333,received,,,,,
        BMT-2025-100002,hotline,2025-01-23T15:00:00+07:00,ANTT,thanh-cong,,,,Tụ tập gây ồn ào ban đêm,,,received,,,,,
        BMT-2025-100003,zalo,2025-01-29T10:00:00+07:00,MT,tan-an,,,,Đốt rác gây khói,,,received,,,,,
        BMT-2025-100004,ioc,2025-01-22T09:00:00+07:00,HTDT,ea-tam,,12.64,108.03,Nắp cống bị vỡ,,,forwarded,QLDT,,,,
        BMT-2025-100005,hotline,2025-04-24T10:00:00+07:00,TTDT,tan-tien,,,,Lấn chiếm vỉa hè,,,received,,,,,
        BMT-2025-100006,hotline,2025-04-26T09:00:00+07:00,TTDT,tan-tien,,,,Lấn chiếm lòng đường,,,received,,,,,
        BMT-2025-100007,ioc,2025-04-25T14:00:00+07:00,DDXD,hoa-thuan,,,,Xây dựng không phép,,,in_progress,QLDT,,,,
        BMT-2025-100008,zalo,2025-03-15T10:00:00+07:00,ATTP,tan-tien,,,,Thực phẩm không rõ nguồn gốc,,,received,,,,,
        BMT-2025-100009,hotline,2025-03-16T23:30:00+07:00,ANTT,tu-an,,,,Đánh nhau trước quán,,,received,,,,,
        BMT-2025-100010,ioc,2025-03-14T16:00:00+07:00,MT,khanh-xuan,,,,Nước thải chảy tràn,,,received,,,,,
        BMT-2025-100011,hotline,2025-04-03T09:00:00+07:00,HC,thanh-cong,,,,Hồ sơ chậm trả kết quả,,,received,,,,,
        BMT-2025-100012,hotline,2025-01-20T08:00:00+07:00,ATGT,tan-lap,,,,Xe tải chở quá tải,,,closed,CA,2025-01-22T16:00:00+07:00,2025-01-23T09:00:00+07:00,sanction,1500000
        BMT-2025-100013,zalo,2025-01-24T10:00:00+07:00,TTDT,tan-hoa,,,,Quảng cáo sai quy định,,,resolved,DTTDT,2025-02-06T08:00:00+07:00,,reminder,
        BMT-2025-100014,zalo,2025-01-24T10:30:00+07:00,TTDT,tan-hoa,,,,Biển hiệu lấn chiếm,,,resolved,DTTDT,2025-02-05T23:59:59+07:00,,,
        """";

    public ImportReport? FirstImport { get; private set; }

    public string CsvPath => Path.Combine(Folder, "cases.csv");

    public async ValueTask InitializeAsync()
    {
        await File.WriteAllTextAsync(CsvPath, Csv + "\n", new UTF8Encoding(false), TestContext.Current.CancellationToken);
        FirstImport = await ImportAsync(TestContext.Current.CancellationToken);
    }

    public Task<ImportReport> ImportAsync(CancellationToken cancellationToken) =>
        new CaseImporter(Services.GetRequiredService<IDbContextFactory<HotlineDbContext>>())
            .ImportAsync(CsvPath, "test-import", null, null, cancellationToken);
}

/// <summary>
/// Done-when of the issue: for a case imported from CSV, <c>GET /api/cases/{code}</c> gives the due instant of the rule in
/// FACTS.md, holidays included. Each expected instant was counted by hand on the 2025 calendar of seed-data/holidays.csv.
/// </summary>
public class CsvImportDeadlineTests(ImportedCasesApp app) : IClassFixture<ImportedCasesApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Every_row_of_the_file_was_imported()
    {
        var report = app.FirstImport!;

        Assert.Empty(report.FirstRejected);
        Assert.Equal(0, report.RejectedCount);
        Assert.Equal(14, report.RowsRead);
        Assert.Equal(14, report.Imported);
    }

    [Theory]
    // 18:00 UTC on Thu 23 Jan is Fri 24 Jan 01:00 local: Tết 25 Jan–2 Feb, then Mon 3, Tue 4, Wed 5 Feb.
    [InlineData("BMT-2025-100001", "2025-01-24T01:00:00+07:00", "2025-02-05T23:59:59+07:00")]
    // Thu 23 Jan: Fri 24, then Tết, then Mon 3, Tue 4 Feb.
    [InlineData("BMT-2025-100002", "2025-01-23T15:00:00+07:00", "2025-02-04T23:59:59+07:00")]
    // Wed 29 Jan, inside Tết: Mon 3, Tue 4, Wed 5 Feb.
    [InlineData("BMT-2025-100003", "2025-01-29T10:00:00+07:00", "2025-02-05T23:59:59+07:00")]
    // Wed 22 Jan, ioc (7): Thu 23, Fri 24, then Tết, then Mon 3, Tue 4, Wed 5, Thu 6, Fri 7 Feb.
    [InlineData("BMT-2025-100004", "2025-01-22T09:00:00+07:00", "2025-02-07T23:59:59+07:00")]
    // Thu 24 Apr: Fri 25, the make-up Sat 26, Mon 28.
    [InlineData("BMT-2025-100005", "2025-04-24T10:00:00+07:00", "2025-04-28T23:59:59+07:00")]
    // Received on the make-up Sat 26 Apr itself: Mon 28, Tue 29, then 30 Apr–4 May off, then Mon 5 May.
    [InlineData("BMT-2025-100006", "2025-04-26T09:00:00+07:00", "2025-05-05T23:59:59+07:00")]
    // Fri 25 Apr, ioc (7): Sat 26 (make-up), Mon 28, Tue 29, then 30 Apr–4 May off, Mon 5, Tue 6, Wed 7, Thu 8 May.
    [InlineData("BMT-2025-100007", "2025-04-25T14:00:00+07:00", "2025-05-08T23:59:59+07:00")]
    // Sat 15 Mar, an ordinary weekend: Mon 17, Tue 18, Wed 19.
    [InlineData("BMT-2025-100008", "2025-03-15T10:00:00+07:00", "2025-03-19T23:59:59+07:00")]
    // Sun 16 Mar, late evening: Mon 17, Tue 18, Wed 19.
    [InlineData("BMT-2025-100009", "2025-03-16T23:30:00+07:00", "2025-03-19T23:59:59+07:00")]
    // Fri 14 Mar, ioc (7): Mon 17 … Fri 21, Mon 24, Tue 25.
    [InlineData("BMT-2025-100010", "2025-03-14T16:00:00+07:00", "2025-03-25T23:59:59+07:00")]
    // Thu 3 Apr: Fri 4, then Hùng Kings' day Mon 7 Apr off, Tue 8, Wed 9.
    [InlineData("BMT-2025-100011", "2025-04-03T09:00:00+07:00", "2025-04-09T23:59:59+07:00")]
    // Mon 20 Jan: Tue 21, Wed 22, Thu 23.
    [InlineData("BMT-2025-100012", "2025-01-20T08:00:00+07:00", "2025-01-23T23:59:59+07:00")]
    // Fri 24 Jan: Tết, then Mon 3, Tue 4, Wed 5 Feb.
    [InlineData("BMT-2025-100013", "2025-01-24T10:00:00+07:00", "2025-02-05T23:59:59+07:00")]
    [InlineData("BMT-2025-100014", "2025-01-24T10:30:00+07:00", "2025-02-05T23:59:59+07:00")]
    public async Task Imported_case_is_due_by_the_rule_with_holidays(string code, string receivedAt, string dueAt)
    {
        using var client = app.Client(HotlineApp.ReadKey);

        using var response = await client.GetAsync($"/api/cases/{code}", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await ApiAssert.JsonAsync(response);
        Assert.Equal(code, json.GetProperty("code").GetString());
        Assert.Equal(receivedAt, json.GetProperty("receivedAt").GetString());
        Assert.Equal(dueAt, json.GetProperty("dueAt").GetString());
    }

    [Theory]
    // Still open, long past due.
    [InlineData("BMT-2025-100001", "received", null, null, null, true)]
    [InlineData("BMT-2025-100004", "forwarded", "QLDT", null, null, true)]
    [InlineData("BMT-2025-100007", "in_progress", "QLDT", null, null, true)]
    // Resolved the day before it was due.
    [InlineData("BMT-2025-100012", "closed", "CA", "2025-01-22T16:00:00+07:00", "2025-01-23T09:00:00+07:00", false)]
    // Resolved the morning after its due day.
    [InlineData("BMT-2025-100013", "resolved", "DTTDT", "2025-02-06T08:00:00+07:00", null, true)]
    // Resolved in the very last second of its due day.
    [InlineData("BMT-2025-100014", "resolved", "DTTDT", "2025-02-05T23:59:59+07:00", null, false)]
    public async Task Imported_case_keeps_its_state_and_is_overdue_only_without_a_result_in_time(
        string code, string status, string? agency, string? resolvedAt, string? closedAt, bool overdue)
    {
        using var client = app.Client(HotlineApp.ReadKey);

        using var response = await client.GetAsync($"/api/cases/{code}", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await ApiAssert.JsonAsync(response);
        Assert.Equal(status, json.GetProperty("status").GetString());
        Assert.Equal(agency, json.GetProperty("agencyCode").GetString());
        Assert.Equal(resolvedAt, json.GetProperty("resolvedAt").GetString());
        Assert.Equal(closedAt, json.GetProperty("closedAt").GetString());
        Assert.Equal(overdue, json.GetProperty("overdue").GetBoolean());
    }

    [Fact]
    public async Task Imported_case_shows_no_reporter_data()
    {
        using var client = app.Client(HotlineApp.ReadKey);

        using var response = await client.GetAsync("/api/cases/BMT-2025-100001", Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("Imported", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("0911222333", text, StringComparison.Ordinal);
        Assert.DoesNotContain("reporter", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Importing_the_same_file_again_adds_nothing()
    {
        var again = await app.ImportAsync(Ct);
        using var client = app.Client(HotlineApp.ReadKey);
        using var response = await client.GetAsync("/api/stats?from=2025-01-01&to=2025-12-31", Ct);

        Assert.Equal(0, again.Imported);
        Assert.Equal(14, again.AlreadyPresent);
        Assert.Equal(14, (await ApiAssert.JsonAsync(response)).GetProperty("received").GetInt32());
    }

    [Fact]
    public async Task Imported_enforcement_counts_in_the_stats_of_the_day_it_was_resolved()
    {
        using var client = app.Client(HotlineApp.ReadKey);

        using var january = await client.GetAsync("/api/stats?from=2025-01-01&to=2025-01-31", Ct);
        using var february = await client.GetAsync("/api/stats?from=2025-02-01&to=2025-02-28", Ct);

        var inJanuary = (await ApiAssert.JsonAsync(january)).GetProperty("enforcement");
        var inFebruary = (await ApiAssert.JsonAsync(february)).GetProperty("enforcement");
        Assert.Equal(1, inJanuary.GetProperty("sanction").GetInt32());
        Assert.Equal(1_500_000, inJanuary.GetProperty("finesVnd").GetInt64());
        Assert.Equal(0, inJanuary.GetProperty("reminder").GetInt32());
        Assert.Equal(1, inFebruary.GetProperty("reminder").GetInt32());
        Assert.Equal(0, inFebruary.GetProperty("sanction").GetInt32());
    }
}
