using HotlineIoc.Cli;
using HotlineIoc.Infrastructure.CaseCsv;
using HotlineIoc.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace HotlineIoc.Infrastructure.Tests;

/// <summary>The command line as an operator meets it: exit codes, one-line reasons, files written.</summary>
public sealed class CliTests
{
    private static async Task<(int Code, string Output, string Error)> RunAsync(TestDatabase database, params string[] args)
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Interactive = InteractionSupport.No, Ansi = AnsiSupport.No });
        var error = new StringWriter();
        var settings = new Dictionary<string, string?> { ["ConnectionStrings:Hotline"] = database.Settings.ConnectionString };
        var code = await CliApp.RunAsync(args, console, error, settings, TestContext.Current.CancellationToken);
        return (code, output.ToString(), error.ToString());
    }

    private static void AssertOneLine(string error, string expected)
    {
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new string[0], "No command given")]
    [InlineData(new[] { "frobnicate" }, "Unknown command 'frobnicate'")]
    [InlineData(new[] { "export", "--from", "2024-02-30", "--to", "2024-03-01", "--out", "x.csv" }, "--from '2024-02-30' is not a date")]
    [InlineData(new[] { "export", "--from", "2024-03-01", "--to", "2024-02-01", "--out", "x.csv" }, "--to 2024-02-01 is before --from 2024-03-01")]
    [InlineData(new[] { "export", "--from", "2024-03-01" }, "needs --to")]
    [InlineData(new[] { "import" }, "needs the CSV file to import")]
    [InlineData(new[] { "import", "a.csv", "--colour", "red" }, "'import' has no option --colour")]
    [InlineData(new[] { "demo", "--until" }, "--until needs a value")]
    [InlineData(new[] { "demo", "--until", "2099-01-01" }, "is in the future")]
    public async Task Bad_arguments_exit_2_with_one_line(string[] args, string expected)
    {
        await using var database = await TestDatabase.CreateAsync(seed: false);
        var (code, _, error) = await RunAsync(database, args);
        Assert.Equal(CliApp.BadUsage, code);
        AssertOneLine(error, expected);
    }

    [Fact]
    public async Task Bad_files_exit_1_with_one_line()
    {
        await using var database = await TestDatabase.CreateAsync();
        var header = database.PathOf("header.csv");
        await File.WriteAllTextAsync(header, "code;channel\n", TestContext.Current.CancellationToken);
        var latin = database.PathOf("latin.csv");
        await File.WriteAllBytesAsync(latin, [.. System.Text.Encoding.UTF8.GetBytes(CaseCsvFormat.Header + "\nBMT-2024-000001,hotline,"), 0xC3, 0x28, (byte)'\n'], TestContext.Current.CancellationToken);

        var missing = await RunAsync(database, "import", database.PathOf("missing.csv"));
        var wrongHeader = await RunAsync(database, "import", header);
        var broken = await RunAsync(database, "import", latin);

        Assert.Equal(CliApp.Failed, missing.Code);
        AssertOneLine(missing.Error, "missing.csv does not exist");
        Assert.Equal(CliApp.Failed, wrongHeader.Code);
        AssertOneLine(wrongHeader.Error, "header.csv line 1: the header");
        Assert.Equal(CliApp.Failed, broken.Code);
        AssertOneLine(broken.Error, "latin.csv is not valid UTF-8: line 2");
    }

    [Fact]
    public async Task Import_writes_a_reject_report_and_exits_1_when_rows_were_rejected()
    {
        await using var database = await TestDatabase.CreateAsync();
        var path = new CaseCsvBuilder()
            .Row(CaseCsvBuilder.ValidRow("BMT-2024-000001"))
            .Row("BMT-2024-000002,hotline,2024-03-05T09:12:00+07:00,XX,tan-loi,,,,x,,,received,,,,,")
            .WriteTo(database.PathOf("some-bad.csv"));

        var (code, output, _) = await RunAsync(database, "import", path);

        Assert.Equal(CliApp.Failed, code);
        Assert.Contains("2 rows read: 1 imported, 0 already present, 1 rejected.", output, StringComparison.Ordinal);
        var report = await File.ReadAllLinesAsync(database.PathOf("some-bad.rejects.csv"), TestContext.Current.CancellationToken);
        Assert.Equal("line,column,code,reason", report[0]);
        Assert.StartsWith("3,field_code,BMT-2024-000002,'XX' is not one of the 15 fields", report[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_then_export_then_import_elsewhere_round_trips()
    {
        await using var source = await TestDatabase.CreateAsync(seed: false);
        await using var target = await TestDatabase.CreateAsync(seed: false);
        var file = source.PathOf("export.csv");

        var demo = await RunAsync(source, "demo", "--until", "2022-12-31");
        var again = await RunAsync(source, "demo", "--until", "2022-12-31");
        var export = await RunAsync(source, "export", "--from", "2022-08-01", "--to", "2022-12-31", "--out", file);
        var import = await RunAsync(target, "import", file);
        var twice = await RunAsync(target, "import", file);

        Assert.Equal(CliApp.Ok, demo.Code);
        Assert.Equal(CliApp.Failed, again.Code);
        AssertOneLine(again.Error, "already holds cases");
        Assert.Equal(CliApp.Ok, export.Code);
        var rows = File.ReadAllLines(file).Length - 1;
        Assert.InRange(rows, 300, 500);
        Assert.Equal(CliApp.Ok, import.Code);
        Assert.Contains($"{rows} rows read: {rows} imported, 0 already present, 0 rejected.", import.Output, StringComparison.Ordinal);
        Assert.Contains($"{rows} rows read: 0 imported, {rows} already present, 0 rejected.", twice.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(source.PathOf("export.csv.partial")));
    }

    [Fact]
    public async Task Migrate_and_seed_report_what_they_did()
    {
        await using var database = await TestDatabase.CreateAsync(seed: false);

        var migrate = await RunAsync(database, "migrate");
        var seed = await RunAsync(database, "seed");
        var reseed = await RunAsync(database, "seed");

        Assert.Equal((0, 0, 0), (migrate.Code, seed.Code, reseed.Code));
        Assert.Contains("3 channels, 15 fields, 41 agencies, 27 units", seed.Output, StringComparison.Ordinal);
        Assert.Contains("0 channels, 0 fields, 0 agencies, 0 units, 0 calendar days", reseed.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keys_rotate_makes_a_new_data_key_and_the_cases_written_before_stay_readable()
    {
        await using var database = await TestDatabase.CreateAsync();
        var path = new CaseCsvBuilder().Row(CaseCsvBuilder.ValidRow("BMT-2024-000001")).WriteTo(database.PathOf("one.csv"));
        Assert.Equal(0, (await RunAsync(database, "import", path)).Code);
        var keysBefore = Directory.GetFiles(database.PathOf("keys"), "reporter-data-key-*.key").Length;

        var (code, output, _) = await RunAsync(database, "keys", "rotate");
        Assert.Equal(0, code);
        Assert.Contains("New reporter data key", output, StringComparison.Ordinal);
        Assert.Equal(keysBefore + 1, Directory.GetFiles(database.PathOf("keys"), "reporter-data-key-*.key").Length);

        // A case imported after the rotation uses the new key; both read back.
        var later = new CaseCsvBuilder().Row(CaseCsvBuilder.ValidRow("BMT-2024-000002")).WriteTo(database.PathOf("two.csv"));
        Assert.Equal(0, (await RunAsync(database, "import", later)).Code);
        await using var services = new ServiceCollection().AddHotlineDatabase(database.Settings).BuildServiceProvider();
        await using var db = await services.GetRequiredService<IDbContextFactory<HotlineDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        var names = await db.Cases.OrderBy(c => c.Code).Select(c => c.ReporterName).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(["Nguyễn Văn Bình", "Nguyễn Văn Bình"], names);
        var stored = await db.Database.SqlQuery<string>($"SELECT substr(ReporterName, 1, 13) AS Value FROM Cases ORDER BY Code").ToListAsync(TestContext.Current.CancellationToken);
        Assert.NotEqual(stored[0], stored[1]); // another key id

        Assert.Equal(2, (await RunAsync(database, "keys", "list")).Code);
    }
}
