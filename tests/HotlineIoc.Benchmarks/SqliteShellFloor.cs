using System.Diagnostics;
using HotlineIoc.Infrastructure.CaseCsv;
using Microsoft.Data.Sqlite;

namespace HotlineIoc.Benchmarks;

/// <summary>
/// The floor: the SQLite shell's own <c>.import</c> of the same CSV into a bare table (17 TEXT columns, no key, no index,
/// no checks). No importer that validates rows and keeps indexes can beat it; the ratio says how far we are from it.
/// </summary>
public static class SqliteShellFloor
{
    public const string Shell = "sqlite3";

    public static async Task<TimeSpan> ImportAsync(string csvPath, string databasePath, int expectedRows, CancellationToken cancellationToken)
    {
        DeleteDatabase(databasePath);
        await using (var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False"))
        {
            await connection.OpenAsync(cancellationToken);
            await using var create = connection.CreateCommand();
            create.CommandText = $"CREATE TABLE bare ({string.Join(", ", CaseCsvFormat.Columns.Select(c => c + " TEXT"))});";
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        var (exitCode, messages, elapsed) = await RunAsync(databasePath, $".mode csv\n.import --skip 1 \"{csvPath}\" bare", cancellationToken);
        if (exitCode != 0 || messages.Length > 0)
        {
            throw new InvalidOperationException($"{Shell} .import failed (exit {exitCode}): {messages}");
        }

        var imported = await CountAsync(databasePath, "bare", cancellationToken);
        if (imported != expectedRows)
        {
            throw new InvalidOperationException($"{Shell} .import loaded {imported} rows, expected {expectedRows}.");
        }

        return elapsed;
    }

    /// <summary>
    /// SQLite's own share of the importer's work: the shell copies the rows the importer wrote (already parsed, checked
    /// and encrypted) from <paramref name="sourcePath"/> into the same, empty schema at <paramref name="schemaPath"/>
    /// (every index, the foreign keys on, WAL and the importer's 64 MB page cache) in one transaction, cases then events.
    /// No importer can write the app's schema faster than SQLite itself does; the floor above has no index at all.
    /// </summary>
    public static async Task<TimeSpan> InsertIntoSchemaAsync(string sourcePath, string schemaPath, int expectedRows, CancellationToken cancellationToken)
    {
        var cases = await ColumnsAsync(schemaPath, "Cases", cancellationToken);
        var events = await ColumnsAsync(schemaPath, "CaseEvents", cancellationToken);
        var script = string.Join('\n',
            "PRAGMA journal_mode=WAL;",
            "PRAGMA cache_size=-65536;",
            "PRAGMA foreign_keys=ON;",
            $"ATTACH '{sourcePath.Replace("'", "''", StringComparison.Ordinal)}' AS source;",
            "BEGIN;",
            // A WHERE clause keeps SQLite from copying records and index entries wholesale (its transfer optimisation),
            // so each row goes through the insert path the importer's statement takes.
            $"INSERT INTO main.Cases ({cases}) SELECT {cases} FROM source.Cases WHERE Id > 0 ORDER BY Id;",
            $"INSERT INTO main.CaseEvents ({events}) SELECT {events} FROM source.CaseEvents WHERE Id > 0 ORDER BY Id;",
            "COMMIT;");

        var (exitCode, messages, elapsed) = await RunAsync(schemaPath, script, cancellationToken);
        // The journal_mode pragma answers "wal"; anything else is an error.
        if (exitCode != 0 || messages != "wal")
        {
            throw new InvalidOperationException($"{Shell} copying the rows into the app's schema failed (exit {exitCode}): {messages}");
        }

        var copied = await CountAsync(schemaPath, "Cases", cancellationToken);
        if (copied != expectedRows)
        {
            throw new InvalidOperationException($"{Shell} copied {copied} cases into the app's schema, expected {expectedRows}.");
        }

        return elapsed;
    }

    /// <summary>Runs the shell on <paramref name="databasePath"/> with <paramref name="script"/> on its input, timed; stops at the first error.</summary>
    private static async Task<(int ExitCode, string Messages, TimeSpan Elapsed)> RunAsync(string databasePath, string script, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Shell)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-bail");
        start.ArgumentList.Add(databasePath);

        var clock = Stopwatch.StartNew();
        using var shell = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Shell}.");
        var output = shell.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = shell.StandardError.ReadToEndAsync(cancellationToken);
        await shell.StandardInput.WriteLineAsync(script);
        shell.StandardInput.Close();
        await shell.WaitForExitAsync(cancellationToken);
        clock.Stop();
        return (shell.ExitCode, (await output + await error).Trim(), clock.Elapsed);
    }

    private static async Task<string> ColumnsAsync(string databasePath, string table, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT name FROM pragma_table_info('{table}') WHERE pk = 0 ORDER BY cid";
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            names.Add($"\"{reader.GetString(0)}\"");
        }

        return string.Join(", ", names);
    }

    public static async Task<string> VersionAsync()
    {
        using var shell = Process.Start(new ProcessStartInfo(Shell, "--version") { RedirectStandardOutput = true, UseShellExecute = false })
            ?? throw new InvalidOperationException($"Could not start {Shell}.");
        var text = await shell.StandardOutput.ReadToEndAsync();
        await shell.WaitForExitAsync();
        return string.Join(' ', text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(2));
    }

    public static async Task<long> CountAsync(string databasePath, string table, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(cancellationToken);
        await using var count = connection.CreateCommand();
        count.CommandText = $"SELECT COUNT(*) FROM {table}";
        return (long)(await count.ExecuteScalarAsync(cancellationToken))!;
    }

    public static void DeleteDatabase(string databasePath)
    {
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
        {
            File.Delete(databasePath + suffix);
        }
    }
}
