using HotlineIoc.Cli;
using HotlineIoc.Infrastructure.CaseCsv;
using HotlineIoc.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;

namespace HotlineIoc.Infrastructure.Tests;

/// <summary><c>hotline backup</c> and <c>hotline restore</c> on a real SQLite file, while someone is writing to it.</summary>
public sealed class BackupTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(int Code, string Output, string Error)> RunAsync(string connectionString, params string[] args)
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Interactive = InteractionSupport.No, Ansi = AnsiSupport.No });
        var error = new StringWriter();
        var code = await CliApp.RunAsync(args, console, error, new Dictionary<string, string?> { ["ConnectionStrings:Hotline"] = connectionString }, Ct);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task A_backup_taken_while_the_app_writes_restores_to_the_same_cases_with_their_reporters_readable()
    {
        await using var database = await TestDatabase.CreateAsync();
        var rows = new CaseCsvBuilder();
        for (var i = 1; i <= 40; i++)
        {
            rows.Row(CaseCsvBuilder.ValidRow($"BMT-2024-{i:000000}"));
        }

        Assert.Equal(40, (await new CaseImporter(database.Contexts).ImportAsync(rows.WriteTo(database.PathOf("cases.csv")), "test", null, null, Ct)).Imported);
        var backup = database.PathOf("nightly.db");

        // The web app holds a write transaction open meanwhile: the online backup copies what is committed.
        await using (var app = new SqliteConnection(database.Settings.ConnectionString + ";Pooling=False"))
        {
            await app.OpenAsync(Ct);
            await using var write = app.CreateCommand();
            write.CommandText = "BEGIN IMMEDIATE; UPDATE Cases SET Address = 'chưa lưu' WHERE Code = 'BMT-2024-000001';";
            await write.ExecuteNonQueryAsync(Ct);

            var (code, output, error) = await RunAsync(database.Settings.ConnectionString, "backup", "--out", backup);

            Assert.True(code == CliApp.Ok, error);
            Assert.Contains("40 cases", output, StringComparison.Ordinal);
            Assert.Contains("integrity check ok", output, StringComparison.Ordinal);
            Assert.Contains("keys", output, StringComparison.Ordinal);
            await using var rollback = app.CreateCommand();
            rollback.CommandText = "ROLLBACK;";
            await rollback.ExecuteNonQueryAsync(Ct);
        }

        Assert.False(File.Exists(backup + ".partial"));
        // Lose the database, then restore it from the backup beside the same keys.
        SqliteConnection.ClearAllPools();
        await using (var db = database.Open())
        {
            await db.Database.ExecuteSqlRawAsync("DELETE FROM CaseEvents; DELETE FROM CaseAttachments; DELETE FROM Cases;", Ct);
        }

        var restored = await RunAsync(database.Settings.ConnectionString, "restore", backup);

        Assert.True(restored.Code == CliApp.Ok, restored.Error);
        Assert.Contains("Restored 40 cases", restored.Output, StringComparison.Ordinal);
        SqliteConnection.ClearAllPools();
        await using var read = database.Open();
        Assert.Equal(40, await read.Cases.CountAsync(Ct));
        var first = await read.Cases.SingleAsync(c => c.Code == "BMT-2024-000001", Ct);
        Assert.Equal("Nguyễn Văn Bình", first.ReporterName);
        Assert.NotEqual("chưa lưu", first.Address);
    }

    [Fact]
    public async Task A_file_that_is_not_a_sound_database_is_refused_and_nothing_is_restored()
    {
        await using var database = await TestDatabase.CreateAsync();
        var junk = database.PathOf("junk.db");
        await File.WriteAllTextAsync(junk, "not a database", Ct);

        var refused = await RunAsync(database.Settings.ConnectionString, "restore", junk);
        var missing = await RunAsync(database.Settings.ConnectionString, "restore", database.PathOf("none.db"));
        var noFolder = await RunAsync(database.Settings.ConnectionString, "backup", "--out", Path.Combine(database.Folder, "no", "such", "x.db"));

        Assert.Equal(CliApp.Failed, refused.Code);
        Assert.Contains("is not a HotlineIoc database", refused.Error, StringComparison.Ordinal);
        Assert.Equal(CliApp.Failed, missing.Code);
        Assert.Contains("does not exist", missing.Error, StringComparison.Ordinal);
        Assert.Equal(CliApp.Failed, noFolder.Code);
        Assert.Contains("does not exist", noFolder.Error, StringComparison.Ordinal);
        await using var read = database.Open();
        Assert.True(await read.Channels.AnyAsync(Ct));
    }

    [Fact]
    public async Task On_sql_server_the_database_own_backups_are_named_instead()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Interactive = InteractionSupport.No, Ansi = AnsiSupport.No });

        var code = await CliApp.RunAsync(["backup", "--out", Path.Combine(Path.GetTempPath(), "x.db")], console, error, new Dictionary<string, string?>
        {
            ["Database:Provider"] = "SqlServer",
            ["ConnectionStrings:Hotline"] = "Server=nowhere;Database=hotline;Trusted_Connection=True;TrustServerCertificate=True",
        }, Ct);

        Assert.Equal(CliApp.Failed, code);
        Assert.Contains("use the database's own backups", error.ToString(), StringComparison.Ordinal);
    }
}
