using System.Diagnostics;
using HotlineIoc.Domain.Calendar;
using HotlineIoc.Infrastructure.Statistics;
using HotlineIoc.Reports.Model;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HotlineIoc.Reports;

/// <summary>
/// The first report of a process used to pay for what only happens once: EF compiling each of the report's queries,
/// loading the fonts, SkiaSharp's first PDF. Once the app has started, this makes last year's city report (the heaviest
/// one a secretary usually asks for, and one that runs every query shape over many rows, so the hot loops are compiled
/// at full speed) and this month's statistics in the background and throws them away, so the first real report costs
/// what any other does. <c>/healthz</c> and start-up never wait for it; a failure is logged and changes nothing else.
/// </summary>
public sealed partial class ReportWarmUp(IServiceProvider services, IHostApplicationLifetime lifetime, TimeProvider clock, ILogger<ReportWarmUp> logger)
    : BackgroundService
{
    /// <summary>Makes and drops last year's report and this month's statistics: every query shape and the PDF pipeline once.</summary>
    public static async Task WarmAsync(ReportService reports, CaseStatistics? statistics, DateTime nowUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reports);
        var today = VietnamTime.LocalDate(nowUtc);
        await reports.GenerateAsync(ReportPeriod.Year(today.Year - 1), ReportScope.City, cancellationToken);
        if (statistics is not null)
        {
            await statistics.GetAsync(new DateOnly(today.Year, today.Month, 1), today, cancellationToken);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await started.Task.WaitAsync(stoppingToken);
        }

        try
        {
            var watch = Stopwatch.StartNew();
            await WarmAsync(services.GetRequiredService<ReportService>(), services.GetService<CaseStatistics>(), clock.GetUtcNow().UtcDateTime, stoppingToken);
            LogWarm(watch.ElapsedMilliseconds);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogFailed(e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reports warmed up in {Milliseconds} ms: the first report after start costs what any other does.")]
    private partial void LogWarm(long milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Warming up the reports failed; the first report will take a little longer.")]
    private partial void LogFailed(Exception exception);
}
