using Cronos;
using HotlineIoc.Domain.Calendar;
using HotlineIoc.Reports.Model;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HotlineIoc.Reports.Archive;

/// <summary>
/// When reports are due: at 06:00 Vietnam time on the 1st of each month the previous month's city report;
/// on 1 January, April, July and October also the previous quarter's; on 1 January also the previous year's.
/// </summary>
public static class ReportSchedule
{
    /// <summary>06:00 on the 1st of every month, in <see cref="VietnamTime.Zone"/>.</summary>
    public static readonly CronExpression Cron = CronExpression.Parse("0 6 1 * *");

    /// <summary>The periods due at a run on <paramref name="runDate"/> (a 1st of the month), shortest first.</summary>
    public static IReadOnlyList<ReportPeriod> PeriodsDueOn(DateOnly runDate)
    {
        var previousMonth = runDate.AddMonths(-1);
        var due = new List<ReportPeriod> { ReportPeriod.Month(previousMonth.Year, previousMonth.Month) };
        if (runDate.Month % 3 == 1)
        {
            due.Add(ReportPeriod.Quarter(previousMonth.Year, ((previousMonth.Month - 1) / 3) + 1));
        }

        if (runDate.Month == 1)
        {
            due.Add(ReportPeriod.Year(runDate.Year - 1));
        }

        return due;
    }

    /// <summary>The next run strictly after <paramref name="instant"/>.</summary>
    public static DateTimeOffset NextRun(DateTimeOffset instant) =>
        Cron.GetNextOccurrence(instant, VietnamTime.Zone) ?? throw new InvalidOperationException("The report schedule has no next run.");

    /// <summary>The most recent run at or before <paramref name="utcNow"/>: the one a late start-up catches up.</summary>
    public static DateTimeOffset LastRun(DateTimeOffset utcNow)
    {
        var local = TimeZoneInfo.ConvertTime(utcNow, VietnamTime.Zone);
        var first = new DateTime(local.Year, local.Month, 1, 6, 0, 0, DateTimeKind.Unspecified);
        if (local.DateTime < first)
        {
            first = first.AddMonths(-1);
        }

        return new DateTimeOffset(first, VietnamTime.Zone.GetUtcOffset(first));
    }

    /// <summary>The local date of a run, which names the periods due.</summary>
    public static DateOnly RunDate(DateTimeOffset run) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(run, VietnamTime.Zone).DateTime);
}

/// <summary>
/// Generates and archives the city's periodic reports on <see cref="ReportSchedule"/>. At start-up it catches up the most
/// recent run, so a server that was down on the 1st still archives that month; an archived period is never made twice.
/// </summary>
public sealed partial class ReportScheduler(ReportService reports, ReportArchiveStore archive, TimeProvider clock, IConfiguration configuration, ILogger<ReportScheduler> logger)
    : BackgroundService
{
    public bool Enabled => configuration.GetValue("Reports:Schedule:Enabled", true);

    /// <summary>Archives every period due at the run of <paramref name="runDate"/> that is not archived yet; returns what it added.</summary>
    public async Task<IReadOnlyList<ArchivedReport>> RunAsync(DateOnly runDate, CancellationToken cancellationToken)
    {
        var added = new List<ArchivedReport>();
        foreach (var period in ReportSchedule.PeriodsDueOn(runDate))
        {
            if (await archive.FindAsync(period, ReportScope.City, cancellationToken) is not null)
            {
                continue;
            }

            var report = await reports.GenerateAsync(period, ReportScope.City, cancellationToken);
            var result = await archive.SaveAsync(report, Infrastructure.Reports.ReportArchive.Schedule, cancellationToken);
            if (result.Added)
            {
                LogArchived(period.Key, result.Entry.SizeBytes);
                added.Add(result.Entry);
            }
        }

        return added;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
        {
            return;
        }

        // Never hold up start-up: the first await below yields before any report is drawn.
        await Task.Yield();
        var run = ReportSchedule.LastRun(clock.GetUtcNow());
        await RunSafelyAsync(ReportSchedule.RunDate(run), stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            // Each run follows the one before, not the clock: a host that slept past the 1st still makes that run on waking.
            run = ReportSchedule.NextRun(run);
            var wait = run - clock.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, clock, stoppingToken);
            }

            await RunSafelyAsync(ReportSchedule.RunDate(run), stoppingToken);
        }
    }

    private async Task RunSafelyAsync(DateOnly runDate, CancellationToken stoppingToken)
    {
        try
        {
            await RunAsync(runDate, stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A failed run is retried at the next start-up's catch-up; the loop carries on to the next month.
            LogFailed(e, runDate);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Archived the scheduled report {Period} ({Bytes} bytes).")]
    private partial void LogArchived(string period, int bytes);

    [LoggerMessage(Level = LogLevel.Error, Message = "The scheduled reports of {RunDate} failed.")]
    private partial void LogFailed(Exception exception, DateOnly runDate);
}
