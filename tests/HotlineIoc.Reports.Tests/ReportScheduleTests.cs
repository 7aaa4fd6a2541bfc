using System.Security.Cryptography;
using HotlineIoc.Infrastructure.Tests;
using HotlineIoc.Reports.Archive;
using HotlineIoc.Reports.Model;
using HotlineIoc.Reports.Pdf;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace HotlineIoc.Reports.Tests;

public sealed class ReportScheduleTests
{
    private static readonly TimeSpan Vietnam = TimeSpan.FromHours(7);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("2024-05-01", new[] { "2024-04" })]
    [InlineData("2024-04-01", new[] { "2024-03", "2024-Q1" })]
    [InlineData("2024-10-01", new[] { "2024-09", "2024-Q3" })]
    [InlineData("2025-01-01", new[] { "2024-12", "2024-Q4", "2024" })]
    public void The_first_of_the_month_brings_the_month_and_the_quarter_and_year_when_they_end(string runDate, string[] periods)
    {
        Assert.Equal(periods, ReportSchedule.PeriodsDueOn(DateOnly.Parse(runDate, System.Globalization.CultureInfo.InvariantCulture)).Select(p => p.Key));
    }

    [Fact]
    public void Runs_are_at_six_in_the_morning_Vietnam_time()
    {
        // 05:59 local on 1 April: April's run is still ahead, March's is the last one.
        var before = new DateTimeOffset(2024, 4, 1, 5, 59, 0, Vietnam);
        Assert.Equal(new DateTimeOffset(2024, 3, 1, 6, 0, 0, Vietnam), ReportSchedule.LastRun(before));
        Assert.Equal(new DateTimeOffset(2024, 4, 1, 6, 0, 0, Vietnam), ReportSchedule.NextRun(before));
        Assert.Equal(new DateTimeOffset(2024, 3, 31, 23, 0, 0, TimeSpan.Zero), ReportSchedule.NextRun(before.ToUniversalTime()));

        var at = new DateTimeOffset(2024, 4, 1, 6, 0, 0, Vietnam);
        Assert.Equal(at, ReportSchedule.LastRun(at));
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 6, 0, 0, Vietnam), ReportSchedule.NextRun(at));
        Assert.Equal(new DateOnly(2024, 4, 1), ReportSchedule.RunDate(at.ToUniversalTime()));
    }

    [Fact]
    public async Task Start_up_catches_up_the_last_run_once_and_the_clock_brings_the_next()
    {
        await using var database = await TestDatabase.CreateAsync();
        await KnownData.LoadAsync(database);
        var clock = new FakeTimeProvider(KnownData.Now);
        var archive = new ReportArchiveStore(database.Contexts, clock);
        var reports = new ReportService(new ReportBuilder(database.Contexts, clock), ReportFonts.Default);

        // Started on 2 April, after the 1 April run was missed: March and the first quarter are archived.
        await using (var first = await StartAsync(reports, archive, clock))
        {
            await WaitForAsync(archive, 2);
            Assert.Equal(["2024-03", "2024-Q1"], (await archive.ListAsync(Ct)).Select(a => a.PeriodKey).Order(StringComparer.Ordinal));
        }

        // A restart finds them archived and makes nothing twice.
        await using (var second = await StartAsync(reports, archive, clock))
        {
            Assert.Empty(await second.Scheduler.RunAsync(new DateOnly(2024, 4, 1), Ct));
            clock.Advance(new DateTimeOffset(2024, 5, 1, 6, 0, 0, Vietnam) - clock.GetUtcNow());
            await WaitForAsync(archive, 3);
        }

        var list = await archive.ListAsync(Ct);
        Assert.Equal(["2024-03", "2024-04", "2024-Q1"], list.Select(a => a.PeriodKey).Order(StringComparer.Ordinal));
        Assert.All(list, a => Assert.Equal("schedule", a.CreatedBy));
        Assert.All(list, a => Assert.Equal("city", a.ScopeKey));
        Assert.Equal(new DateTime(2024, 4, 30, 23, 0, 0, DateTimeKind.Utc), list.Single(a => a.PeriodKey == "2024-04").CreatedAtUtc);

        // The archive keeps the bytes it was given.
        var march = list.Single(a => a.PeriodKey == "2024-03");
        var stored = await archive.GetPdfAsync(march.Id, Ct);
        Assert.NotNull(stored);
        Assert.Equal(march.Sha256, Convert.ToHexString(SHA256.HashData(stored.Value.Pdf)));
        Assert.Equal("%PDF"u8.ToArray(), stored.Value.Pdf[..4]);
    }

    [Fact]
    public async Task A_manual_save_of_an_archived_period_keeps_the_first_copy()
    {
        await using var database = await TestDatabase.CreateAsync();
        await KnownData.LoadAsync(database);
        var clock = new FakeTimeProvider(KnownData.Now);
        var archive = new ReportArchiveStore(database.Contexts, clock);
        var reports = new ReportService(new ReportBuilder(database.Contexts, clock), ReportFonts.Default);
        var march = await reports.GenerateAsync(ReportPeriod.Parse("2024-03"), ReportScope.City, Ct);

        var first = await archive.SaveAsync(march, "thuky", Ct);
        clock.Advance(TimeSpan.FromHours(1));
        var again = await archive.SaveAsync(await reports.GenerateAsync(ReportPeriod.Parse("2024-03"), ReportScope.City, Ct), "lanhdao", Ct);
        var unit = await archive.SaveAsync(await reports.GenerateAsync(ReportPeriod.Parse("2024-03"), ReportScope.Unit("tan-loi"), Ct), "lanhdao", Ct);

        Assert.True(first.Added);
        Assert.False(again.Added);
        Assert.Equal(first.Entry.Id, again.Entry.Id);
        Assert.Equal("thuky", again.Entry.CreatedBy);
        Assert.True(unit.Added);
        Assert.Equal("unit:tan-loi", unit.Entry.ScopeKey);
        Assert.Equal(march.Pdf, (await archive.GetPdfAsync(first.Entry.Id, Ct))!.Value.Pdf);
    }

    [Fact]
    public async Task The_schedule_can_be_switched_off()
    {
        await using var database = await TestDatabase.CreateAsync();
        var clock = new FakeTimeProvider(KnownData.Now);
        var archive = new ReportArchiveStore(database.Contexts, clock);
        var reports = new ReportService(new ReportBuilder(database.Contexts, clock), ReportFonts.Default);

        await using (var running = await StartAsync(reports, archive, clock, enabled: false))
        {
            Assert.False(running.Scheduler.Enabled);
            // Switched off, the service ends on its own, before anyone stops it (.NET 10 starts it on the thread pool).
            Assert.NotNull(running.Scheduler.ExecuteTask);
            await running.Scheduler.ExecuteTask.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        }

        Assert.Empty(await archive.ListAsync(Ct));
    }

    private static async Task<Running> StartAsync(ReportService reports, ReportArchiveStore archive, TimeProvider clock, bool enabled = true)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Reports:Schedule:Enabled"] = enabled ? "true" : "false" })
            .Build();
        var scheduler = new ReportScheduler(reports, archive, clock, configuration, Log);
        await scheduler.StartAsync(Ct);
        return new Running(scheduler);
    }

    /// <summary>What the scheduler logged: a failed run says why in the assertion, instead of only that a report is missing.</summary>
    private static readonly ErrorLog Log = new();

    private static async Task WaitForAsync(ReportArchiveStore archive, int count)
    {
        // Generous: with every test project running at once on two cores, one report can take many seconds.
        for (var i = 0; i < 2400 && (await archive.ListAsync(Ct)).Count < count; i++)
        {
            await Task.Delay(50, Ct);
        }

        var errors = string.Join("\n", Log.Errors);
        Assert.True((await archive.ListAsync(Ct)).Count == count, $"Expected {count} archived reports, found {(await archive.ListAsync(Ct)).Count}. Scheduler errors: {(errors.Length == 0 ? "none" : errors)}");
    }

    private sealed class Running(ReportScheduler scheduler) : IAsyncDisposable
    {
        public ReportScheduler Scheduler => scheduler;

        public async ValueTask DisposeAsync()
        {
            await scheduler.StopAsync(CancellationToken.None);
            scheduler.Dispose();
        }
    }
}

/// <summary>Keeps the scheduler's errors (a failed run is logged, not thrown) for the assertion messages.</summary>
internal sealed class ErrorLog : Microsoft.Extensions.Logging.ILogger<ReportScheduler>
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _errors = new();

    public IEnumerable<string> Errors => _errors;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => logLevel >= Microsoft.Extensions.Logging.LogLevel.Error;

    public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (IsEnabled(logLevel))
        {
            _errors.Enqueue(formatter(state, exception) + " " + exception);
        }
    }
}
