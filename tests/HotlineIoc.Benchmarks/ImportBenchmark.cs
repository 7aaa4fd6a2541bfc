using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using HotlineIoc.Infrastructure.CaseCsv;
using HotlineIoc.Infrastructure.Persistence;
using HotlineIoc.Infrastructure.Seeding;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HotlineIoc.Benchmarks;

public sealed record ImportBenchmarkOptions(int Rows, string WorkFolder, int? BatchSize, ImportWriter Writer = ImportWriter.Fastest);

public sealed record ImportResult(
    int Rows,
    string Machine,
    string Runtime,
    string SqliteLibrary,
    string SqliteShell,
    long CsvBytes,
    double ImporterSeconds,
    double RowsPerSecond,
    double ImporterCpuSeconds,
    double PeakWorkingSetMb,
    bool PeakCoversImportOnly,
    double MaxManagedHeapMb,
    double AllocatedMb,
    string GcCollections,
    double GcPauseSeconds,
    double ShellImportSeconds,
    double ShellImportSecondsBefore,
    double ShellImportSecondsAfter,
    double Ratio,
    double SchemaInsertSeconds,
    double SchemaRatio,
    long CasesCounted,
    long EventsCounted,
    int IndexesExpected,
    int IndexesFound,
    string IntegrityCheck,
    int BatchSize,
    string Writer,
    long ReporterNamesEncrypted,
    string LoadAverage,
    DateTimeOffset MeasuredAt);

/// <summary>
/// 1,000,000 generated cases into a fresh SQLite file through <see cref="CaseImporter"/>, against the SQLite shell's
/// <c>.import</c> of the same CSV in the same run. The import is timed alone: schema and reference data go in first, as in the CLI.
/// </summary>
public static class ImportBenchmark
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static async Task<ImportResult> RunAsync(ImportBenchmarkOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(options.WorkFolder);
        var seedFolder = SeedData.DefaultFolder;
        var csvPath = await EnsureCsvAsync(options, seedFolder, log);
        var csvBytes = new FileInfo(csvPath).Length;

        // The floor before and after the importer: the faster of the two, so load from the other agent on the machine cannot flatter the ratio.
        log.WriteLine($"sqlite3 .import of {csvPath} into a bare table …");
        var floorPath = Path.Combine(options.WorkFolder, "floor.db");
        var floorBefore = await SqliteShellFloor.ImportAsync(csvPath, floorPath, options.Rows, cancellationToken);
        log.WriteLine($"  {floorBefore.TotalSeconds:F2} s");

        var databasePath = Path.Combine(options.WorkFolder, "bench.db");
        await using var services = await CreateDatabaseAsync(databasePath, seedFolder, cancellationToken);
        var contexts = services.GetRequiredService<IDbContextFactory<HotlineDbContext>>();

        var indexesExpected = await IndexesAsync(databasePath, cancellationToken);
        var importer = new CaseImporter(contexts) { BatchSize = options.BatchSize, Writer = options.Writer };
        var loadBefore = LoadAverage();
        log.WriteLine($"CaseImporter into {databasePath} (batch size {importer.BatchSize?.ToString(CultureInfo.InvariantCulture) ?? "chosen by the importer"}) …");

        GC.Collect();
        GC.WaitForPendingFinalizers();
        ImportReport report;
        TimeSpan importerTime;
        MemoryFigures memory;
        await using (var rejects = new StreamWriter(Path.Combine(options.WorkFolder, "rejects.csv"), false, new UTF8Encoding(false)))
        {
            using var meter = MemoryMeter.Start();
            var clock = Stopwatch.StartNew();
            report = await importer.ImportAsync(csvPath, "benchmark", rejects, null, cancellationToken);
            importerTime = clock.Elapsed;
            memory = meter.Stop();
        }

        log.WriteLine($"  {importerTime.TotalSeconds:F2} s: {report.Imported} imported, {report.AlreadyPresent} already present, {report.RejectedCount} rejected");
        if (report.RejectedCount > 0)
        {
            foreach (var row in report.FirstRejected.Take(5))
            {
                log.WriteLine($"  line {row.Line}, {row.Column}: {row.Reason}");
            }
        }

        SqliteConnection.ClearAllPools();
        log.WriteLine("sqlite3 .import again …");
        var floorAfter = await SqliteShellFloor.ImportAsync(csvPath, floorPath, options.Rows, cancellationToken);
        log.WriteLine($"  {floorAfter.TotalSeconds:F2} s");
        var floor = floorBefore < floorAfter ? floorBefore : floorAfter;

        log.WriteLine("sqlite3 copying the imported rows into an empty copy of the app's schema …");
        var schemaPath = Path.Combine(options.WorkFolder, "schema.db");
        await (await CreateDatabaseAsync(schemaPath, seedFolder, cancellationToken)).DisposeAsync();
        SqliteConnection.ClearAllPools();
        var schemaInsert = await SqliteShellFloor.InsertIntoSchemaAsync(databasePath, schemaPath, options.Rows, cancellationToken);
        log.WriteLine($"  {schemaInsert.TotalSeconds:F2} s");
        SqliteConnection.ClearAllPools();
        SqliteShellFloor.DeleteDatabase(schemaPath);

        log.WriteLine("Checking the database …");
        var cases = await SqliteShellFloor.CountAsync(databasePath, "Cases", cancellationToken);
        var events = await SqliteShellFloor.CountAsync(databasePath, "CaseEvents", cancellationToken);
        var indexesFound = await IndexesAsync(databasePath, cancellationToken);
        var integrity = await ScalarAsync(databasePath, "PRAGMA integrity_check", cancellationToken);

        var result = new ImportResult(
            Rows: options.Rows,
            Machine: $"{Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.ProcessArchitecture}",
            Runtime: RuntimeInformation.FrameworkDescription,
            SqliteLibrary: "SQLite " + await ScalarAsync(databasePath, "SELECT sqlite_version()", cancellationToken),
            SqliteShell: await SqliteShellFloor.VersionAsync(),
            CsvBytes: csvBytes,
            ImporterSeconds: Math.Round(importerTime.TotalSeconds, 2),
            RowsPerSecond: Math.Round(report.Imported / importerTime.TotalSeconds),
            ImporterCpuSeconds: Math.Round(memory.Cpu.TotalSeconds, 2),
            PeakWorkingSetMb: Mb(memory.PeakWorkingSetBytes),
            PeakCoversImportOnly: memory.PeakWasReset,
            MaxManagedHeapMb: Mb(memory.MaxManagedHeapBytes),
            AllocatedMb: Mb(memory.AllocatedBytes),
            GcCollections: $"{memory.Gen0Collections}/{memory.Gen1Collections}/{memory.Gen2Collections}",
            GcPauseSeconds: Math.Round(memory.GcPause.TotalSeconds, 2),
            ShellImportSeconds: Math.Round(floor.TotalSeconds, 2),
            ShellImportSecondsBefore: Math.Round(floorBefore.TotalSeconds, 2),
            ShellImportSecondsAfter: Math.Round(floorAfter.TotalSeconds, 2),
            Ratio: Math.Round(importerTime / floor, 2),
            SchemaInsertSeconds: Math.Round(schemaInsert.TotalSeconds, 2),
            SchemaRatio: Math.Round(schemaInsert / floor, 2),
            CasesCounted: cases,
            EventsCounted: events,
            IndexesExpected: indexesExpected.Count,
            IndexesFound: indexesFound.Count,
            IntegrityCheck: integrity,
            BatchSize: report.BatchSize,
            Writer: importer.Writer.ToString(),
            // Encryption is on: every reporter name went in as ciphertext of the data key.
            ReporterNamesEncrypted: long.Parse(await ScalarAsync(databasePath, "SELECT COUNT(*) FROM Cases WHERE ReporterName LIKE 'HE1.%'", cancellationToken), CultureInfo.InvariantCulture),
            LoadAverage: $"{loadBefore} before, {LoadAverage()} after",
            MeasuredAt: DateTimeOffset.Now);

        var problems = new List<string>();
        if (report.Imported != options.Rows || report.RejectedCount != 0)
        {
            problems.Add($"the importer imported {report.Imported} and rejected {report.RejectedCount} of {options.Rows} rows");
        }

        if (cases != options.Rows || events != options.Rows)
        {
            problems.Add($"the database holds {cases} cases and {events} events, expected {options.Rows} of each");
        }

        var missing = indexesExpected.Except(indexesFound, StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            problems.Add("indexes missing after the import: " + string.Join(", ", missing));
        }

        if (integrity != "ok")
        {
            problems.Add("integrity_check: " + integrity);
        }

        Write(result, problems, options.WorkFolder, log);
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("The import is wrong: " + string.Join("; ", problems) + ".");
        }

        return result;
    }

    /// <summary>A fresh database, migrated and seeded with the reference data, as the CLI makes it before an import.</summary>
    private static async Task<ServiceProvider> CreateDatabaseAsync(string databasePath, string seedFolder, CancellationToken cancellationToken)
    {
        SqliteShellFloor.DeleteDatabase(databasePath);
        var settings = new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={databasePath}");
        var services = new ServiceCollection().AddHotlineDatabase(settings).BuildServiceProvider();
        await using var db = await services.GetRequiredService<IDbContextFactory<HotlineDbContext>>().CreateDbContextAsync(cancellationToken);
        await DatabaseMigrator.MigrateAsync(db, cancellationToken);
        await ReferenceDataSeeder.SeedAsync(db, SeedData.Load(seedFolder), cancellationToken);
        return services;
    }

    private static async Task<string> EnsureCsvAsync(ImportBenchmarkOptions options, string seedFolder, TextWriter log)
    {
        // Generating a million rows takes a while; a file written by the same generator version for the same N is reused.
        var csvPath = Path.Combine(options.WorkFolder, $"cases-{options.Rows}.csv");
        var stamp = csvPath + ".generator";
        var expected = $"{CaseCsvGenerator.Version} {options.Rows}";
        if (File.Exists(csvPath) && File.Exists(stamp) && (await File.ReadAllTextAsync(stamp)).Trim() == expected)
        {
            log.WriteLine($"Reusing {csvPath} ({new FileInfo(csvPath).Length / 1_048_576.0:F0} MB)");
            return csvPath;
        }

        log.WriteLine($"Generating {options.Rows:N0} cases into {csvPath} …");
        var clock = Stopwatch.StartNew();
        File.Delete(stamp);
        new CaseCsvGenerator(SeedData.Load(seedFolder)).Write(csvPath, options.Rows);
        await File.WriteAllTextAsync(stamp, expected);
        log.WriteLine($"  {clock.Elapsed.TotalSeconds:F1} s, {new FileInfo(csvPath).Length / 1_048_576.0:F0} MB");
        return csvPath;
    }

    private static async Task<List<string>> IndexesAsync(string databasePath, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT tbl_name || '.' || name || ': ' || COALESCE(sql, 'automatic') FROM sqlite_master WHERE type = 'index' ORDER BY 1";
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private static async Task<string> ScalarAsync(string databasePath, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) ?? "";
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static double Mb(long bytes) => Math.Round(bytes / 1_048_576.0, 1);

    private static void Write(ImportResult result, List<string> problems, string folder, TextWriter log)
    {
        var rows = new (string Name, string Value)[]
        {
            ("rows", result.Rows.ToString("N0", CultureInfo.InvariantCulture)),
            ("CSV size", $"{result.CsvBytes / 1_048_576.0:F0} MB"),
            ("importer", $"{result.ImporterSeconds:F2} s ({result.ImporterCpuSeconds:F2} s CPU, user + system, all threads)"),
            ("rows/s", result.RowsPerSecond.ToString("N0", CultureInfo.InvariantCulture)),
            ("peak working set", $"{result.PeakWorkingSetMb:F0} MB" + (result.PeakCoversImportOnly ? "" : " (whole process)")),
            ("max managed heap", $"{result.MaxManagedHeapMb:F0} MB"),
            ("allocated", $"{result.AllocatedMb:F0} MB, GC gen0/1/2 {result.GcCollections}, paused {result.GcPauseSeconds:F2} s"),
            ("sqlite3 .import", $"{result.ShellImportSeconds:F2} s (before {result.ShellImportSecondsBefore:F2} s, after {result.ShellImportSecondsAfter:F2} s)"),
            ("ratio importer / .import", $"{result.Ratio:F2}×"),
            ("SQLite alone into the app's schema", $"{result.SchemaInsertSeconds:F2} s ({result.SchemaRatio:F2}× .import): the same rows, already checked and encrypted, every index kept"),
            ("Cases / CaseEvents", $"{result.CasesCounted:N0} / {result.EventsCounted:N0}"),
            ("indexes", $"{result.IndexesFound} of {result.IndexesExpected}"),
            ("integrity_check", result.IntegrityCheck),
            ("batch size", result.BatchSize.ToString("N0", CultureInfo.InvariantCulture)),
            ("writer", result.Writer),
            ("reporter names encrypted", result.ReporterNamesEncrypted.ToString("N0", CultureInfo.InvariantCulture)),
            ("load average", result.LoadAverage),
            ("machine", result.Machine),
            ("runtime", $"{result.Runtime}, {result.SqliteLibrary}, shell {result.SqliteShell}"),
        };

        var width = rows.Max(r => r.Name.Length);
        log.WriteLine();
        foreach (var (name, value) in rows)
        {
            log.WriteLine($"{name.PadRight(width)}  {value}");
        }

        foreach (var problem in problems)
        {
            log.WriteLine($"PROBLEM: {problem}");
        }

        var baseName = Path.Combine(folder, $"import-{result.Rows}");
        File.WriteAllText(baseName + ".json", JsonSerializer.Serialize(result, Json));
        var markdown = new StringBuilder();
        markdown.AppendLine(CultureInfo.InvariantCulture, $"# Import benchmark, {result.MeasuredAt:yyyy-MM-dd HH:mm zzz}");
        markdown.AppendLine();
        markdown.AppendLine("| measure | value |");
        markdown.AppendLine("|---|---|");
        foreach (var (name, value) in rows)
        {
            markdown.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {value} |");
        }

        foreach (var problem in problems)
        {
            markdown.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"**Problem:** {problem}");
        }

        File.WriteAllText(baseName + ".md", markdown.ToString());
        log.WriteLine();
        log.WriteLine($"Written {baseName}.json and {baseName}.md");
    }
}
