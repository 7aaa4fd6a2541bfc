using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Claims;
using System.Text;
using HotlineIoc.Domain.Calendar;
using HotlineIoc.Domain.Cases;
using HotlineIoc.Infrastructure.Cases;
using HotlineIoc.Infrastructure.Identity;
using HotlineIoc.Infrastructure.Live;
using HotlineIoc.Infrastructure.Overdue;
using HotlineIoc.Infrastructure.Persistence;
using HotlineIoc.Infrastructure.Privacy;
using HotlineIoc.Infrastructure.Seeding;
using LinqToDB.Data;
using LinqToDB.EntityFrameworkCore;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace HotlineIoc.Benchmarks;

public sealed record OverdueBenchmarkOptions(int Rows, string WorkFolder, int Runs, bool Explain);

/// <summary>
/// The overdue board's queries, as the page and the department heads run them, against a SQLite file of N generated cases.
/// Each measure is one whole call of <see cref="OverdueBoard"/> (a context, the calendar, the count and the page, or the
/// matrix), repeated after warming up; p50, p95 and the slowest run are reported.
/// </summary>
public static class OverdueBenchmark
{
    /// <summary>Wednesday 18 June 2025, 10:00 in Buôn Ma Thuột: the generated history ends here.</summary>
    public static readonly DateTime NowUtc = new(2025, 6, 18, 3, 0, 0, DateTimeKind.Utc);

    private const int BatchSize = 20_000;
    private const int Warmup = 3;

    public static async Task RunAsync(OverdueBenchmarkOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(options.WorkFolder);
        var path = Path.Combine(options.WorkFolder, $"overdue-{options.Rows}.db");
        var settings = new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={path}");
        var capture = new SqlCapture();
        var services = new ServiceCollection().AddHotlineDatabase(settings);
        services.ConfigureDbContext<HotlineDbContext>(o => o.AddInterceptors(capture));
        await using var provider = services.BuildServiceProvider();
        var contexts = provider.GetRequiredService<IDbContextFactory<HotlineDbContext>>();
        await EnsureDatabaseAsync(options, path, contexts, log, cancellationToken);

        var clock = new FixedClock(NowUtc);
        var board = new OverdueBoard(contexts, clock, new CaseHandling(contexts, clock, new CaseEventBus(NullLogger<CaseEventBus>.Instance)));
        var export = new OverdueExport(board, new ReporterDisclosure(contexts, clock), clock);
        await DescribeAsync(path, log, cancellationToken);

        var leader = Person("lanhdao", HotlineRoles.Leader);
        var head = Person("truong.ca", HotlineRoles.DepartmentHead, new Claim(HotlineRoles.AgencyClaim, "CA"));
        var today = VietnamTime.LocalDate(NowUtc);
        var lastMonth = new OverdueFilter { Channel = "zalo", From = today.AddDays(-30), To = today };
        var scenarios = new (string Name, Func<Task<int>> Run)[]
        {
            ("matrix, leader, no filter", async () => (await board.GetSummaryAsync(leader, new OverdueFilter(), cancellationToken)).Total),
            ("matrix, department head CA", async () => (await board.GetSummaryAsync(head, new OverdueFilter(), cancellationToken)).Total),
            ("page 1, no filter, most late first", () => PageAsync(board, leader, new OverdueRequest(new OverdueFilter()), cancellationToken)),
            ("page 50, no filter", () => PageAsync(board, leader, new OverdueRequest(new OverdueFilter(), Page: 49), cancellationToken)),
            ("page 1, field MT + unit p-tan-lap (its area: 4 unit codes)", () => PageAsync(board, leader, new OverdueRequest(new OverdueFilter { Field = "MT", Unit = "p-tan-lap" }), cancellationToken)),
            ("page 1, agency CA", () => PageAsync(board, leader, new OverdueRequest(new OverdueFilter { Agency = "CA" }), cancellationToken)),
            ("page 50, agency CA", () => PageAsync(board, leader, new OverdueRequest(new OverdueFilter { Agency = "CA" }, Page: 49), cancellationToken)),
            ("page 1, department head CA", () => PageAsync(board, head, new OverdueRequest(new OverdueFilter()), cancellationToken)),
            ("page 1, bucket > 5 days late", () => PageAsync(board, leader, new OverdueRequest(new OverdueFilter { Bucket = AgeingBucket.LateOver5 }), cancellationToken)),
            ("page 50, bucket > 5 days late", () => PageAsync(board, leader, new OverdueRequest(new OverdueFilter { Bucket = AgeingBucket.LateOver5 }, Page: 49), cancellationToken)),
            ("page 1, bucket due soon", () => PageAsync(board, leader, new OverdueRequest(new OverdueFilter { Bucket = AgeingBucket.DueSoon }), cancellationToken)),
            ("page 1, zalo received in the last 30 days", () => PageAsync(board, leader, new OverdueRequest(lastMonth), cancellationToken)),
            ("page 1, sorted by unit", () => PageAsync(board, leader, new OverdueRequest(new OverdueFilter(), OverdueSort.Unit, false), cancellationToken)),
            ("page 1, sorted by received, newest first", () => PageAsync(board, leader, new OverdueRequest(new OverdueFilter(), OverdueSort.Received, true), cancellationToken)),
            ("page 1, reminder pending", () => PageAsync(board, leader, new OverdueRequest(new OverdueFilter { ReminderPending = true }), cancellationToken)),
            ("CSV export of the whole board, leader (masked)", () => CsvAsync(export, leader, new OverdueFilter(), cancellationToken)),
            ("CSV export, department head CA (masked)", () => CsvAsync(export, head, new OverdueFilter(), cancellationToken)),
        };

        var results = new List<(string Name, int Rows, double P50, double P95, double Max)>();
        foreach (var (name, run) in scenarios)
        {
            var rows = 0;
            for (var i = 0; i < Warmup; i++)
            {
                rows = await run();
            }

            var times = new List<double>(options.Runs);
            for (var i = 0; i < options.Runs; i++)
            {
                capture.Clear();
                var watch = Stopwatch.StartNew();
                await run();
                times.Add(watch.Elapsed.TotalMilliseconds);
            }

            times.Sort();
            var result = (name, rows, Percentile(times, 0.50), Percentile(times, 0.95), times[^1]);
            results.Add(result);
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-45} {rows,8:N0}  p50 {result.Item3,7:F1} ms  p95 {result.Item4,7:F1} ms  max {result.Item5,7:F1} ms"));
            if (options.Explain)
            {
                foreach (var command in capture.Commands.Where(c => !c.Sql.Contains("CalendarDays", StringComparison.Ordinal)))
                {
                    log.WriteLine("      " + command.Sql.ReplaceLineEndings(" "));
                    foreach (var step in await ExplainAsync(path, command, cancellationToken))
                    {
                        log.WriteLine("        plan: " + step);
                    }
                }
            }
        }

        Write(options, path, results, log);
    }

    private static async Task<int> PageAsync(OverdueBoard board, ClaimsPrincipal user, OverdueRequest request, CancellationToken cancellationToken) =>
        (await board.GetPageAsync(user, request, cancellationToken)).Total;

    /// <summary>The export as the endpoint writes it, reporters decrypted and masked, into a stream that keeps nothing.</summary>
    private static async Task<int> CsvAsync(OverdueExport export, ClaimsPrincipal user, OverdueFilter filter, CancellationToken cancellationToken)
    {
        var plan = await export.PlanAsync(user, filter, OverdueSort.Lateness, true, cancellationToken);
        return await export.WriteCsvAsync(user, plan, Stream.Null, cancellationToken);
    }

    /// <summary>Nearest rank: the smallest time at or above the share of runs.</summary>
    private static double Percentile(List<double> sorted, double share) =>
        sorted[Math.Clamp((int)Math.Ceiling(share * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static ClaimsPrincipal Person(string name, string role, params Claim[] more) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, role), .. more], "benchmark"));

    private static async Task EnsureDatabaseAsync(OverdueBenchmarkOptions options, string path, IDbContextFactory<HotlineDbContext> contexts, TextWriter log, CancellationToken cancellationToken)
    {
        // Filling a million rows takes minutes; a file made by the same generator version for the same N is reused.
        var stamp = path + ".generator";
        var expected = $"{OverdueCaseGenerator.Version} {options.Rows} {NowUtc:O}";
        if (File.Exists(path) && File.Exists(stamp) && (await File.ReadAllTextAsync(stamp, cancellationToken)).Trim() == expected)
        {
            log.WriteLine($"Reusing {path} ({new FileInfo(path).Length / 1_048_576.0:F0} MB)");
            return;
        }

        File.Delete(stamp);
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }

        var seed = SeedData.Load(SeedData.DefaultFolder);
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await DatabaseMigrator.MigrateAsync(db, cancellationToken);
            await ReferenceDataSeeder.SeedAsync(db, seed, cancellationToken);
        }

        log.WriteLine($"Generating {options.Rows:N0} cases into {path} …");
        var watch = Stopwatch.StartNew();
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var protection = db.Protection ?? throw new InvalidOperationException("No reporter protection.");
            var batch = new List<Case>(BatchSize);
            var written = 0;
            foreach (var item in new OverdueCaseGenerator(seed, NowUtc).Generate(options.Rows))
            {
                item.IndexReporterPhone(protection.PhoneKey);
                batch.Add(item);
                if (batch.Count == BatchSize)
                {
                    written += await WriteAsync(db, batch, cancellationToken);
                    log.Write($"\r  {written:N0} cases, {watch.Elapsed.TotalSeconds:F0} s");
                }
            }

            written += await WriteAsync(db, batch, cancellationToken);
            log.WriteLine($"\r  {written:N0} cases in {watch.Elapsed.TotalSeconds:F0} s");
        }

        await File.WriteAllTextAsync(stamp, expected, cancellationToken);
    }

    /// <summary>Cases only, through linq2db bulk copy as the importer writes them; the board reads no history.</summary>
    private static async Task<int> WriteAsync(HotlineDbContext db, List<Case> batch, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.BulkCopyAsync(new BulkCopyOptions { BulkCopyType = BulkCopyType.MultipleRows, KeepIdentity = false }, batch, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        var count = batch.Count;
        batch.Clear();
        return count;
    }

    private static async Task DescribeAsync(string path, TextWriter log, CancellationToken cancellationToken)
    {
        var open = string.Join(", ", CaseQueries.OpenStatuses.Select(s => $"'{s.ToWire()}'"));
        var now = SqliteUtcDateTimeConverter.ToText(NowUtc);
        var total = await ScalarAsync(path, "SELECT COUNT(*) FROM Cases", cancellationToken);
        var openCount = await ScalarAsync(path, $"SELECT COUNT(*) FROM Cases WHERE Status IN ({open})", cancellationToken);
        var overdue = await ScalarAsync(path, $"SELECT COUNT(*) FROM Cases WHERE Status IN ({open}) AND DueAt < '{now}'", cancellationToken);
        var pending = await ScalarAsync(path, "SELECT COUNT(*) FROM Cases WHERE ReminderPendingSince IS NOT NULL", cancellationToken);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Cases: {total:N0}, open {openCount:N0}, overdue {overdue:N0}, reminder pending {pending:N0}"));
    }

    private static async Task<long> ScalarAsync(string path, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    private static async Task<List<string>> ExplainAsync(string path, CapturedCommand captured, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + captured.Sql;
        foreach (var (name, value) in captured.Parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        var steps = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            steps.Add(reader.GetString(3));
        }

        return steps;
    }

    private static void Write(OverdueBenchmarkOptions options, string path, List<(string Name, int Rows, double P50, double P95, double Max)> results, TextWriter log)
    {
        var markdown = new StringBuilder();
        markdown.AppendLine(CultureInfo.InvariantCulture, $"Overdue board, {options.Rows:N0} cases, {options.Runs} runs after {Warmup} warm-up runs, {DateTimeOffset.Now:yyyy-MM-dd HH:mm zzz}");
        markdown.AppendLine(CultureInfo.InvariantCulture, $"Machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}");
        markdown.AppendLine();
        markdown.AppendLine("| query | rows matching | p50 ms | p95 ms | max ms |");
        markdown.AppendLine("|---|---:|---:|---:|---:|");
        foreach (var (name, rows, p50, p95, max) in results)
        {
            markdown.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {rows:N0} | {p50:F1} | {p95:F1} | {max:F1} |");
        }

        var file = Path.ChangeExtension(path, ".md");
        File.WriteAllText(file, markdown.ToString());
        log.WriteLine();
        log.Write(markdown);
        log.WriteLine();
        log.WriteLine($"Written {file}");
    }

    /// <summary>The clock stands still at the end of the generated history.</summary>
    private sealed class FixedClock(DateTime nowUtc) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(nowUtc, TimeSpan.Zero);
    }

    private sealed record CapturedCommand(string Sql, IReadOnlyList<(string Name, object? Value)> Parameters);

    /// <summary>Keeps the SQL of the measured run's queries, for <c>--explain</c>.</summary>
    private sealed class SqlCapture : DbCommandInterceptor
    {
        private readonly List<CapturedCommand> _commands = [];

        public IReadOnlyList<CapturedCommand> Commands
        {
            get
            {
                lock (_commands)
                {
                    return [.. _commands];
                }
            }
        }

        public void Clear()
        {
            lock (_commands)
            {
                _commands.Clear();
            }
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Keep(command);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Keep(command);
            return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
        }

        private void Keep(DbCommand command)
        {
            var parameters = command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, (object?)p.Value)).ToList();
            lock (_commands)
            {
                _commands.Add(new CapturedCommand(command.CommandText, parameters));
            }
        }
    }
}
