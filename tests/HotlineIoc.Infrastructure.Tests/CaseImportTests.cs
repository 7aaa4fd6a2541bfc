using System.Text;
using HotlineIoc.Domain.Cases;
using HotlineIoc.Infrastructure.CaseCsv;
using Microsoft.EntityFrameworkCore;

namespace HotlineIoc.Infrastructure.Tests;

public sealed class CaseImportTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(ImportReport Report, string Rejects)> ImportAsync(TestDatabase database, string path, int batchSize = CaseImporter.DefaultBatchSize)
    {
        var rejects = new StringWriter();
        var report = await new CaseImporter(database.Contexts) { BatchSize = batchSize }.ImportAsync(path, "test", rejects, null, Ct);
        return (report, rejects.ToString());
    }

    [Fact]
    public async Task A_first_load_into_an_empty_database_takes_larger_transactions_and_a_later_import_short_ones()
    {
        await using var database = await TestDatabase.CreateAsync();
        var first = new CaseCsvBuilder().Row(CaseCsvBuilder.ValidRow("BMT-2024-000001")).WriteTo(database.PathOf("first.csv"));
        var later = new CaseCsvBuilder().Row(CaseCsvBuilder.ValidRow("BMT-2024-000002")).WriteTo(database.PathOf("later.csv"));

        // Nobody logs cases into an empty database: few, large transactions.
        var load = await new CaseImporter(database.Contexts).ImportAsync(first, "test", null, null, Ct);
        Assert.Equal((1, CaseImporter.FirstLoadBatchSize), (load.Imported, load.BatchSize));

        // Once it holds cases the app may be in use: each transaction holds the write lock briefly.
        var again = await new CaseImporter(database.Contexts).ImportAsync(later, "test", null, null, Ct);
        Assert.Equal((1, CaseImporter.DefaultBatchSize), (again.Imported, again.BatchSize));

        // A size given (the command line's --batch-size) is used as it is, and a size below one is refused.
        var given = await new CaseImporter(database.Contexts) { BatchSize = 7 }.ImportAsync(later, "test", null, null, Ct);
        Assert.Equal((0, 1, 7), (given.Imported, given.AlreadyPresent, given.BatchSize));
        await Assert.ThrowsAsync<InvalidOperationException>(() => new CaseImporter(database.Contexts) { BatchSize = 0 }.ImportAsync(later, "test", null, null, Ct));
    }

    [Fact]
    public async Task Progress_only_moves_forward_and_ends_at_the_whole_file()
    {
        await using var database = await TestDatabase.CreateAsync();
        var path = ImportPathsTests.Rows(700).WriteTo(database.PathOf("cases.csv"));
        var reports = new List<ImportProgress>();
        var report = await new CaseImporter(database.Contexts) { BatchSize = 250 }.ImportAsync(path, "test", null, new Recorder(reports), Ct);

        Assert.Equal(700, report.Imported);
        // At least one report a batch (three here), each at or past the one before, the last at the end of the file.
        Assert.True(reports.Count >= 3, $"{reports.Count} progress reports");
        Assert.All(reports.Zip(reports.Skip(1)), pair => Assert.True(pair.Second.BytesRead >= pair.First.BytesRead && pair.Second.RowsRead >= pair.First.RowsRead));
        Assert.Equal((new FileInfo(path).Length, new FileInfo(path).Length, 700), (reports[^1].BytesRead, reports[^1].BytesTotal, reports[^1].RowsRead));
    }

    /// <summary>Records each report as it is made (<see cref="Progress{T}"/> would post them to the thread pool, out of order).</summary>
    private sealed class Recorder(List<ImportProgress> reports) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value)
        {
            lock (reports)
            {
                reports.Add(value);
            }
        }
    }

    [Fact]
    public async Task Good_rows_go_in_and_bad_rows_are_reported_by_line_and_column()
    {
        await using var database = await TestDatabase.CreateAsync();
        var path = new CaseCsvBuilder()
            .Row(CaseCsvBuilder.ValidRow("BMT-2024-000001"))
            .Row("BMT-2024-000002,fax,2024-03-05T09:12:00+07:00,MT,tan-loi,,,,x,,,received,,,,,")
            .Row("BMT-2024-000003,hotline,2024-03-05 09:12:00,MT,tan-loi,,,,x,,,received,,,,,")
            .Row("BMT-2024-000004,hotline,2024-03-05T09:12:00+07:00,MT,tan-loi,,,,x,,,resolved,TNMT,,,,")
            .Row("BMT-2024-000005,hotline,2024-03-05T09:12:00+07:00,MT,tan-loi,,,,x,,,closed,TNMT,2024-03-06T10:00:00+07:00,2024-03-06T15:00:00+07:00,reminder,500000")
            .Row("BMT-2024-000006,hotline,2024-03-05T09:12:00+07:00,MT,tan-loi,,,,x,,,received")
            .Row(CaseCsvBuilder.ValidRow("BMT-2024-000001"))
            .Row("BMT-2024-000007,ioc,2024-03-05T09:12:00+07:00,ATGT,ea-kao,,abc,108.1,x,,,received,,,,,")
            .Row("BMT-2024-000008,ioc,2024-03-05T09:12:00+07:00,ATGT,nowhere,,,,x,,,received,,,,,")
            .Row(CaseCsvBuilder.ValidRow("BMT-2024-000009"))
            .WriteTo(database.PathOf("mixed.csv"));

        var (report, rejects) = await ImportAsync(database, path);

        Assert.Equal(10, report.RowsRead);
        Assert.Equal(2, report.Imported);
        Assert.Equal(8, report.RejectedCount);
        var byLine = report.FirstRejected.ToDictionary(r => r.Line);
        Assert.Equal("channel", byLine[3].Column);
        Assert.Contains("'fax'", byLine[3].Reason, StringComparison.Ordinal);
        Assert.Equal("received_at", byLine[4].Column);
        Assert.Equal("row", byLine[5].Column);
        Assert.Contains("resolved", byLine[5].Reason, StringComparison.Ordinal);
        Assert.Equal("fine_vnd", byLine[6].Column);
        Assert.Equal("row", byLine[7].Column);
        Assert.Contains("columns", byLine[7].Reason, StringComparison.Ordinal);
        Assert.Equal("code", byLine[8].Column);
        Assert.Contains("earlier in the same file", byLine[8].Reason, StringComparison.Ordinal);
        Assert.Equal("latitude", byLine[9].Column);
        Assert.Equal("unit_code", byLine[10].Column);
        Assert.StartsWith("line,column,code,reason\n3,channel,BMT-2024-000002,", rejects.ReplaceLineEndings("\n"), StringComparison.Ordinal);

        await using var db = database.Open();
        var codes = await db.Cases.Select(c => c.Code).OrderBy(c => c).ToListAsync(Ct);
        Assert.Equal(["BMT-2024-000001", "BMT-2024-000009"], codes);
        Assert.Equal(2, await db.CaseEvents.CountAsync(e => e.Kind == CaseEventKind.Imported, Ct));
    }

    [Fact]
    public async Task Import_works_while_the_web_app_holds_the_database_open()
    {
        await using var database = await TestDatabase.CreateAsync();
        // The running web app keeps pooled connections open (WAL mode) and reads all the time.
        await using var webApp = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={database.FilePath};Pooling=False");
        await webApp.OpenAsync(Ct);
        await using (var read = webApp.CreateCommand())
        {
            read.CommandText = "SELECT COUNT(*) FROM Cases";
            await read.ExecuteScalarAsync(Ct);
        }

        var path = new CaseCsvBuilder().Row(CaseCsvBuilder.ValidRow("BMT-2024-000001")).WriteTo(database.PathOf("busy.csv"));
        var (report, _) = await ImportAsync(database, path);

        Assert.Equal(1, report.Imported);
        await using var count = webApp.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM Cases";
        Assert.Equal(1L, await count.ExecuteScalarAsync(Ct));
    }

    [Fact]
    public async Task A_second_import_of_the_same_file_adds_nothing()
    {
        await using var database = await TestDatabase.CreateAsync();
        var builder = new CaseCsvBuilder();
        for (var i = 1; i <= 25; i++)
        {
            builder.Row(CaseCsvBuilder.ValidRow($"BMT-2024-{i:D6}"));
        }

        var path = builder.WriteTo(database.PathOf("cases.csv"));
        var first = (await ImportAsync(database, path, batchSize: 7)).Report;
        var second = (await ImportAsync(database, path, batchSize: 7)).Report;

        Assert.Equal((25, 0), (first.Imported, first.AlreadyPresent));
        Assert.Equal((0, 25), (second.Imported, second.AlreadyPresent));
        await using var db = database.Open();
        Assert.Equal(25, await db.Cases.CountAsync(Ct));
        Assert.Equal(25, await db.CaseEvents.CountAsync(Ct));
        // Every event belongs to its own case: the batch's events attach to exactly the batch's rows.
        Assert.Equal(25, await db.CaseEvents.Select(e => e.CaseId).Distinct().CountAsync(Ct));
    }

    [Fact]
    public async Task An_imported_case_keeps_its_state_and_gets_the_due_instant_of_the_rule()
    {
        await using var database = await TestDatabase.CreateAsync();
        // Received Wednesday 7 Feb 2024, the day before Tết (8–14 Feb off): three working days are 15, 16 and 19 Feb.
        var path = new CaseCsvBuilder()
            .Row("BMT-2024-000100,hotline,2024-02-07T22:30:00+07:00,ATTP,tu-an,\"Chợ Tự An, \"\"khu B\"\"\",,,\"Bán thực phẩm\nkhông rõ nguồn gốc\",Trần Thị Hà,0912345678,closed,YT,2024-02-16T10:00:00+07:00,2024-02-16T15:30:00+07:00,sanction,2500000")
            .WriteTo(database.PathOf("one.csv"));

        var (report, _) = await ImportAsync(database, path);

        Assert.Equal(1, report.Imported);
        await using var db = database.Open();
        var item = await db.Cases.SingleAsync(Ct);
        Assert.Equal(new DateTime(2024, 2, 19, 16, 59, 59, DateTimeKind.Utc), item.DueAt);
        Assert.Equal(CaseStatus.Closed, item.Status);
        Assert.Equal("Chợ Tự An, \"khu B\"", item.Address);
        Assert.Equal("Bán thực phẩm\nkhông rõ nguồn gốc", item.Description);
        Assert.Equal("Trần Thị Hà", item.ReporterName);
        Assert.Equal(EnforcementKind.Sanction, item.EnforcementKind);
        Assert.Equal(2_500_000, item.FineVnd);
        Assert.Equal(new DateTime(2024, 2, 16, 3, 0, 0, DateTimeKind.Utc), item.ResolvedAt);
    }

    [Fact]
    public async Task A_wrong_header_is_refused_before_anything_is_written()
    {
        await using var database = await TestDatabase.CreateAsync();
        var path = database.PathOf("header.csv");
        await File.WriteAllTextAsync(path, CaseCsvFormat.Header.Replace("unit_code", "ward", StringComparison.Ordinal) + "\n" + CaseCsvBuilder.ValidRow("BMT-2024-000001") + "\n", Ct);

        var error = await Assert.ThrowsAsync<CaseImportException>(() => ImportAsync(database, path));

        Assert.Contains("line 1", error.Message, StringComparison.Ordinal);
        Assert.Contains("'ward' where column 5 should be 'unit_code'", error.Message, StringComparison.Ordinal);
        await using var db = database.Open();
        Assert.Equal(0, await db.Cases.CountAsync(Ct));
    }

    [Fact]
    public async Task A_broken_encoding_is_refused_with_its_line_before_anything_is_written()
    {
        await using var database = await TestDatabase.CreateAsync();
        var path = database.PathOf("latin1.csv");
        var good = Encoding.UTF8.GetBytes(CaseCsvFormat.Header + "\n" + CaseCsvBuilder.ValidRow("BMT-2024-000001") + "\n");
        // "Hòa" in Windows-1258/Latin-1 style single bytes: 0xF2 is not valid UTF-8 on its own.
        var bad = Encoding.UTF8.GetBytes(CaseCsvBuilder.ValidRow("BMT-2024-000002").Replace("Nguyễn Văn Bình", "Ho?a", StringComparison.Ordinal) + "\n");
        bad[Array.IndexOf(bad, (byte)'?')] = 0xF2;
        await File.WriteAllBytesAsync(path, [.. good, .. bad], Ct);

        var error = await Assert.ThrowsAsync<CaseImportException>(() => ImportAsync(database, path));

        Assert.Contains("not valid UTF-8", error.Message, StringComparison.Ordinal);
        Assert.Contains("line 3", error.Message, StringComparison.Ordinal);
        await using var db = database.Open();
        Assert.Equal(0, await db.Cases.CountAsync(Ct));
    }

    [Fact]
    public async Task A_missing_file_is_named_in_the_error()
    {
        await using var database = await TestDatabase.CreateAsync();
        var error = await Assert.ThrowsAsync<CaseImportException>(() => ImportAsync(database, database.PathOf("nowhere.csv")));
        Assert.Contains("nowhere.csv does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_then_import_gives_back_the_same_file()
    {
        await using var source = await TestDatabase.CreateAsync();
        await using (var db = source.Open())
        {
            await Demo.DemoSeeder.SeedAsync(db, new DateTime(2023, 3, 31, 0, 0, 0, DateTimeKind.Utc), Geography.UnitBoundaries.LoadShipped(Seeding.SeedData.DefaultFolder), null, Ct);
        }

        var exporter = new CaseExporter(source.Contexts);
        var first = source.PathOf("first.csv");
        var exported = await exporter.ExportToFileAsync(new DateOnly(2022, 8, 1), new DateOnly(2023, 3, 31), first, null, Ct);
        Assert.True(exported > 500, $"only {exported} demo cases were exported");

        await using var target = await TestDatabase.CreateAsync();
        var (report, _) = await ImportAsync(target, first, batchSize: 100);
        Assert.Equal((exported, 0), (report.Imported, report.RejectedCount));

        var second = target.PathOf("second.csv");
        await new CaseExporter(target.Contexts).ExportToFileAsync(new DateOnly(2022, 8, 1), new DateOnly(2023, 3, 31), second, null, Ct);
        Assert.Equal(await File.ReadAllTextAsync(first, Ct), await File.ReadAllTextAsync(second, Ct));
    }

    [Fact]
    public async Task Formula_looking_cells_are_exported_with_a_leading_quote_and_import_gives_every_value_back()
    {
        await using var source = await TestDatabase.CreateAsync();
        var path = new CaseCsvBuilder()
            .Row("BMT-2024-000001,hotline,2024-03-05T09:12:00+07:00,MT,tan-loi,\"=HYPERLINK(\"\"http://x\"\")\",12.67,108.04,- Rác tồn đọng nhiều ngày,@Bình,+84 905 123 456,received,,,,,")
            .Row("BMT-2024-000002,zalo,2024-03-05T10:12:00+07:00,MT,tan-loi,''=already quoted,-12.5,108.04,+1 và thêm nữa,'Nam',0905123457,received,,,,,")
            .WriteTo(source.PathOf("formulas.csv"));
        var (imported, _) = await ImportAsync(source, path);
        Assert.Equal(2, imported.Imported);

        var first = source.PathOf("first.csv");
        await new CaseExporter(source.Contexts).ExportToFileAsync(new DateOnly(2024, 3, 1), new DateOnly(2024, 3, 31), first, null, Ct);
        var lines = (await File.ReadAllLinesAsync(first, Ct)).Skip(1).ToList();

        // Every cell a spreadsheet would run starts with a quote; the rest is as stored.
        Assert.Equal(
            "BMT-2024-000001,hotline,2024-03-05T09:12:00+07:00,MT,tan-loi,\"'=HYPERLINK(\"\"http://x\"\")\",12.67,108.04,'- Rác tồn đọng nhiều ngày,'@Bình,'+84 905 123 456,received,,,,,",
            lines[0]);
        Assert.Equal(
            "BMT-2024-000002,zalo,2024-03-05T10:12:00+07:00,MT,tan-loi,''=already quoted,'-12.5,108.04,'+1 và thêm nữa,'Nam',0905123457,received,,,,,",
            lines[1]);

        await using var target = await TestDatabase.CreateAsync();
        var (report, rejects) = await ImportAsync(target, first);
        Assert.Equal((2, 0), (report.Imported, report.RejectedCount));
        await using (var db = target.Open())
        {
            var cases = await db.Cases.OrderBy(c => c.Code).ToListAsync(Ct);
            Assert.Equal(["=HYPERLINK(\"http://x\")", "'=already quoted"], cases.Select(c => c.Address));
            Assert.Equal(["- Rác tồn đọng nhiều ngày", "+1 và thêm nữa"], cases.Select(c => c.Description));
            Assert.Equal(["@Bình", "'Nam'"], cases.Select(c => c.ReporterName));
            Assert.Equal(["+84 905 123 456", "0905123457"], cases.Select(c => c.ReporterPhone));
            Assert.Equal([12.67, -12.5], cases.Select(c => c.Latitude!.Value));
        }

        var second = target.PathOf("second.csv");
        await new CaseExporter(target.Contexts).ExportToFileAsync(new DateOnly(2024, 3, 1), new DateOnly(2024, 3, 31), second, null, Ct);
        Assert.Equal(await File.ReadAllBytesAsync(first, Ct), await File.ReadAllBytesAsync(second, Ct));
    }

    [Fact]
    public async Task The_reject_report_quotes_what_the_file_held_without_letting_it_run_as_a_formula()
    {
        await using var database = await TestDatabase.CreateAsync();
        var path = new CaseCsvBuilder()
            .Row("=1+2,hotline,2024-03-05T09:12:00+07:00,MT,tan-loi,,,,x,,,received,,,,,")
            .Row("BMT-2024-000002,@fax,2024-03-05T09:12:00+07:00,MT,tan-loi,,,,x,,,received,,,,,")
            .WriteTo(database.PathOf("bad.csv"));

        var (report, rejects) = await ImportAsync(database, path);

        Assert.Equal(2, report.RejectedCount);
        var lines = rejects.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("line,column,code,reason", lines[0]);
        // The reason quotes the value in single quotes; before a formula character they get one more, so the cell shows as text.
        Assert.StartsWith("2,code,'=1+2,\"''=1+2' is not a case code", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("3,channel,BMT-2024-000002,\"''@fax' is not a channel", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_phone_is_checked_by_the_same_rule_as_the_desk_and_the_api()
    {
        await using var database = await TestDatabase.CreateAsync();
        var path = new CaseCsvBuilder()
            .Row("BMT-2024-000001,hotline,2024-03-05T09:12:00+07:00,MT,tan-loi,,,,x,An,0912-345-678,received,,,,,")
            .Row("BMT-2024-000002,hotline,2024-03-05T09:12:00+07:00,MT,tan-loi,,,,x,Bình,12345678,received,,,,,")
            .Row("BMT-2024-000003,hotline,2024-03-05T09:12:00+07:00,MT,tan-loi,,,,x,Chi,(0262) 3812 345,received,,,,,")
            .Row("BMT-2024-000004,hotline,2024-03-05T09:12:00+07:00,MT,tan-loi,,,,x,,,received,,,,,")
            .WriteTo(database.PathOf("phones.csv"));

        var (report, _) = await ImportAsync(database, path);

        Assert.Equal(3, report.Imported);
        var rejected = Assert.Single(report.FirstRejected);
        Assert.Equal((3, "reporter_phone"), (rejected.Line, rejected.Column));
        Assert.Contains("'12345678' is not a Vietnamese phone number: a Vietnamese number starts with 0", rejected.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_covers_local_days_inclusive()
    {
        await using var database = await TestDatabase.CreateAsync();
        // 31 Jan 23:30 local is still January in Vietnam although it is 16:30 UTC; 1 Feb 00:10 local is 31 Jan 17:10 UTC.
        var path = new CaseCsvBuilder()
            .Row(CaseCsvBuilder.ValidRow("BMT-2024-000001", "2024-01-01T00:05:00+07:00"))
            .Row(CaseCsvBuilder.ValidRow("BMT-2024-000002", "2024-01-31T23:30:00+07:00"))
            .Row(CaseCsvBuilder.ValidRow("BMT-2024-000003", "2024-02-01T00:10:00+07:00"))
            .Row(CaseCsvBuilder.ValidRow("BMT-2023-000004", "2023-12-31T23:59:00+07:00"))
            .WriteTo(database.PathOf("edges.csv"));
        await ImportAsync(database, path);

        var output = new StringWriter();
        var count = await new CaseExporter(database.Contexts).ExportAsync(new DateOnly(2024, 1, 1), new DateOnly(2024, 1, 31), output, null, Ct);

        Assert.Equal(2, count);
        var text = output.ToString();
        Assert.Contains("BMT-2024-000001", text, StringComparison.Ordinal);
        Assert.Contains("BMT-2024-000002", text, StringComparison.Ordinal);
        Assert.DoesNotContain("BMT-2024-000003", text, StringComparison.Ordinal);
    }
}
