using System.Diagnostics;
using System.Globalization;
using System.Text;
using HotlineIoc.Domain.Calendar;
using HotlineIoc.Infrastructure.CaseCsv;
using HotlineIoc.Infrastructure.Persistence;
using HotlineIoc.Infrastructure.Seeding;
using HotlineIoc.Infrastructure.Statistics;
using HotlineIoc.Reports;
using HotlineIoc.Reports.Benchmarks;
using HotlineIoc.Reports.Model;
using HotlineIoc.Reports.Pdf;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

// Usage: HotlineIoc.Reports.Benchmarks [cases=1000000] [folder] [report|stats|both|warm|http|verify]
// Generates the cases over 2023–2025 (a third a year) into a fresh SQLite file through the real CSV importer,
// then times the 2024 yearly report (model + PDF) three times, the first being the first report of the process; and
// (stats) the statistics of GET /api/stats for a year, a quarter and a month, 60 runs each, p50 and p95 of runs 1-30 and 31-60;
// (warm) the reports after the web app's start-up warm-up, so run 1 is the first report a secretary would get;
// (http) the same statistics over HTTP from the web app's Release build started on this database (build it first);
// (verify) the streamed counts and days against the database's own GROUP BY, at full size.
// With a folder, the database is kept, and a later run on the same folder reuses the cases already imported there.
var total = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
var folder = args.Length > 1 ? args[1] : Path.Combine(Path.GetTempPath(), "hotline-report-bench-" + Guid.NewGuid().ToString("N"));
var mode = args.Length > 2 ? args[2] : "both";
var processStart = Process.GetCurrentProcess().StartTime.ToUniversalTime();
Directory.CreateDirectory(folder);
var settings = new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(folder, "hotline.db")}");
await using var services = new ServiceCollection().AddHotlineDatabase(settings).BuildServiceProvider();
var contexts = services.GetRequiredService<IDbContextFactory<HotlineDbContext>>();

var watch = Stopwatch.StartNew();
var reused = false;
await using (var db = await contexts.CreateDbContextAsync())
{
    await DatabaseMigrator.MigrateAsync(db, CancellationToken.None);
    // A kept folder whose database already holds cases is reused as it is: the import takes about 14 minutes at 1,000,000.
    reused = args.Length > 1 && await db.Cases.AnyAsync();
    if (reused)
    {
        var held = await db.Cases.CountAsync();
        Console.WriteLine($"Reusing {held:N0} cases already imported in {folder}{(held == total ? "" : $" (asked for {total:N0}; delete the folder to import again)")}");
    }
    else
    {
        await ReferenceDataSeeder.SeedAsync(db, SeedData.Load(SeedData.DefaultFolder), CancellationToken.None);
        var reference = await ReferenceData.LoadAsync(db, CancellationToken.None);
        var csv = Path.Combine(folder, "cases.csv");
        WriteCases(csv, total, reference);
        Console.WriteLine($"Generated {total:N0} cases as CSV in {watch.Elapsed.TotalSeconds:F1} s");
    }
}

if (!reused)
{
    watch.Restart();
    var imported = await new CaseImporter(contexts).ImportAsync(Path.Combine(folder, "cases.csv"), "benchmark", null, null, CancellationToken.None);
    Console.WriteLine($"Imported {imported.Imported:N0} cases ({imported.RejectedCount:N0} rejected{(imported.FirstRejected.Count > 0 ? ": " + imported.FirstRejected[0] : "")}) in {watch.Elapsed.TotalSeconds:F1} s");
}

await using (var db = await contexts.CreateDbContextAsync())
{
    var inYear = await db.Cases.CountAsync(c => c.ReceivedAt >= new DateTime(2023, 12, 31, 17, 0, 0, DateTimeKind.Utc) && c.ReceivedAt < new DateTime(2024, 12, 31, 17, 0, 0, DateTimeKind.Utc));
    Console.WriteLine($"Cases received in 2024: {inYear:N0} of {await db.Cases.CountAsync():N0}");
}

// Reports stand at the end of their period; a fixed "now" in 2026 keeps every run the same.
var clock = new FixedClock(new DateTimeOffset(2026, 1, 5, 3, 0, 0, TimeSpan.Zero));
(string Name, DateOnly From, DateOnly To)[] statsPeriods =
[
    ("year 2024", new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31)),
    ("Q2 2024", new DateOnly(2024, 4, 1), new DateOnly(2024, 6, 30)),
    ("March 2024", new DateOnly(2024, 3, 1), new DateOnly(2024, 3, 31)),
];
if (mode is "http")
{
    // The web app opens the database itself: this process lets go of it first.
    SqliteConnection.ClearAllPools();
    await WebAppStats.RunAsync(Path.Combine(folder, "hotline.db"), DatabaseRegistration.DefaultKeysFolder(settings), statsPeriods, Percentiles, Console.Out);
    return;
}

if (mode is "verify")
{
    // The streamed counts against the database's own GROUP BY at full size, for each period and two instants.
    foreach (var (name, from, to) in statsPeriods)
    {
        var (start, end) = (VietnamTime.StartOfDayUtc(from), VietnamTime.StartOfDayUtc(to.AddDays(1)));
        foreach (var asOf in new[] { start + ((end - start) / 2), clock.GetUtcNow().UtcDateTime })
        {
            await using var db = await contexts.CreateDbContextAsync();
            var streamed = Lines(await CaseGroups.ReceivedAsync(db.Cases, start, end, asOf, CancellationToken.None));
            var grouped = Lines(await CaseGroups.ReceivedAsync(db.Cases, start, end, asOf, CancellationToken.None, portable: true));
            var streamedDays = Lines(await CaseGroups.ReceivedByDayAsync(db.Cases, start, end, asOf, CancellationToken.None));
            var groupedDays = Lines(await CaseGroups.ReceivedByDayAsync(db.Cases, start, end, asOf, CancellationToken.None, portable: true));
            var same = streamed.SequenceEqual(grouped) && streamedDays.SequenceEqual(groupedDays);
            Console.WriteLine($"- {name}, as of {asOf:yyyy-MM-dd HH:mm}: {grouped.Count:N0} groups, {groupedDays.Count:N0} day groups: {(same ? "identical" : "DIFFERENT")}");
            if (!same)
            {
                throw new InvalidOperationException($"The streamed counts differ from the database's GROUP BY for {name}: first difference {streamed.Except(grouped).Concat(streamedDays.Except(groupedDays)).FirstOrDefault()}");
            }
        }
    }

    return;
}

if (mode is "stats" or "both")
{
    var statistics = new CaseStatistics(contexts, clock);
    Console.WriteLine($"Statistics (GET /api/stats), 60 runs each after one warm-up, load average {LoadAverage()}:");
    foreach (var (name, from, to) in statsPeriods)
    {
        var first = await statistics.GetAsync(from, to, CancellationToken.None);
        var times = new List<double>();
        for (var run = 0; run < 60; run++)
        {
            watch.Restart();
            var stats = await statistics.GetAsync(from, to, CancellationToken.None);
            times.Add(watch.Elapsed.TotalMilliseconds);
            if (stats.Received != first.Received)
            {
                throw new InvalidOperationException("The figures changed between runs.");
            }
        }

        // Runs 1-30 are a process that has just started; runs 31-60 one that has been answering for a while.
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"- {name}: {first.Received:N0} cases; runs 1-30 {Percentiles(times[..30])}; runs 31-60 {Percentiles(times[30..])}"));
    }
}

if (mode is "stats")
{
    return;
}

var reports = new ReportService(new ReportBuilder(contexts, clock), ReportFonts.Default);
var period = ReportPeriod.Year(2024);
if (mode is "warm")
{
    // What the web app does once it has started (ReportWarmUp), before anyone asks for a report.
    watch.Restart();
    await ReportWarmUp.WarmAsync(reports, new CaseStatistics(contexts, clock), clock.GetUtcNow().UtcDateTime, CancellationToken.None);
    Console.WriteLine($"Warm-up as the web app runs it after start: {watch.Elapsed.TotalSeconds:F2} s");
}

Console.WriteLine($"Yearly report 2024; the process started {(DateTime.UtcNow - processStart).TotalSeconds:F1} s ago; load average {LoadAverage()}");
for (var run = 1; run <= 3; run++)
{
    GC.Collect();
    var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
    var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
    watch.Restart();
    var model = await reports.BuildAsync(period, ReportScope.City, CancellationToken.None);
    var modelSeconds = watch.Elapsed.TotalSeconds;
    var pdf = reports.RenderPdf(model);
    var seconds = watch.Elapsed.TotalSeconds;
    var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
    // CPU time of the whole process (all threads): on a shared machine it moves less than the wall clock does.
    var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"Run {run}: model {modelSeconds:F2} s + PDF {seconds - modelSeconds:F2} s = {seconds:F2} s (process CPU {cpu:F2} s); {pdf.Length / 1024.0:F0} KiB PDF, {model.OverdueCases.Count:N0} overdue rows; managed allocations {allocated / 1048576.0:F0} MB; peak working set {PeakMegabytes():F0} MB"));
}

SqliteConnection.ClearAllPools();
if (args.Length < 2)
{
    Directory.Delete(folder, recursive: true);
}

static string Percentiles(List<double> times)
{
    var sorted = times.Order().ToList();
    // Nearest rank: the 15th and the 29th of 30.
    return string.Create(CultureInfo.InvariantCulture, $"p50 {sorted[(sorted.Count / 2) - 1]:F1} ms, p95 {sorted[(int)Math.Ceiling(sorted.Count * 0.95) - 1]:F1} ms, max {sorted[^1]:F1} ms");
}

static List<string> Lines<T>(IEnumerable<T> groups) => groups.Select(g => g!.ToString()!).Order(StringComparer.Ordinal).ToList();

static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

static double PeakMegabytes()
{
    // VmHWM: the resident set's high-water mark of this process, in kB.
    var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
    return line is null ? double.NaN : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
}

static void WriteCases(string path, int total, ReferenceData reference)
{
    var random = new Random(20240101);
    var channels = reference.Channels.Keys.Order(StringComparer.Ordinal).ToArray();
    var fields = reference.Fields.Values.OrderBy(f => f.Code, StringComparer.Ordinal).ToArray();
    // Each case in a unit in force on its day (21 units, then 19 from Nov 2024, then 6 from Jul 2025), as the import demands.
    var unitsOn = new Dictionary<DateOnly, string[]>();
    var start = new DateTime(2022, 12, 31, 17, 0, 0, DateTimeKind.Utc);
    var span = new DateTime(2025, 12, 31, 17, 0, 0, DateTimeKind.Utc) - start;
    var received = Enumerable.Range(0, total).Select(_ => start.AddSeconds(random.NextDouble() * span.TotalSeconds)).Order().ToArray();
    var perYear = new Dictionary<int, int>();
    using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
    writer.Write(CaseCsvFormat.Header);
    writer.Write('\n');
    foreach (var at in received)
    {
        var day = DateOnly.FromDateTime(at + TimeSpan.FromHours(7));
        if (!unitsOn.TryGetValue(day, out var units))
        {
            units = unitsOn[day] = [.. reference.Timeline.InForceOn(day).Select(u => u.Code)];
        }

        var year = day.Year;
        var n = perYear[year] = perYear.GetValueOrDefault(year) + 1;
        var field = fields[random.Next(fields.Length)];
        var roll = random.NextDouble();
        // 2% rejected, 2% duplicates, 1% left open; the rest resolved after 0–12 days, a fifth of them with enforcement.
        var (status, agency, resolved) = roll switch
        {
            < 0.02 => ("rejected", "", (DateTime?)null),
            < 0.04 => ("duplicate", "", null),
            < 0.05 => ("in_progress", field.DefaultAgencyCode, null),
            _ => (random.Next(2) == 0 ? "resolved" : "closed", field.DefaultAgencyCode, at.AddHours(2 + (random.NextDouble() * 12 * 24))),
        };
        var enforcement = resolved is null || random.Next(5) != 0 ? "" : new[] { "reminder", "minutes", "commitment", "sanction" }[random.Next(4)];
        var fine = enforcement == "sanction" ? (500_000 * (1 + random.Next(20))).ToString(CultureInfo.InvariantCulture) : "";
        var resolvedText = resolved is { } r ? CaseCsvFormat.FormatInstant(r) : "";
        var closedText = status == "closed" && resolved is { } c ? CaseCsvFormat.FormatInstant(c.AddHours(1)) : "";
        writer.Write(string.Create(CultureInfo.InvariantCulture,
            $"BMT-{year}-{n:000000},{channels[random.Next(channels.Length)]},{CaseCsvFormat.FormatInstant(at)},{field.Code},{units[random.Next(units.Length)]},,,,Phản ánh số {n},,,{status},{agency},{resolvedText},{closedText},{enforcement},{fine}\n"));
    }
}

/// <summary>A clock that stands still, so each run reports the same figures.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
