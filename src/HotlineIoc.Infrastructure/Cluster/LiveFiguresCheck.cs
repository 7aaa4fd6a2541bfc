using HotlineIoc.Domain.Calendar;
using HotlineIoc.Domain.Cases;
using HotlineIoc.Infrastructure.Live;
using HotlineIoc.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HotlineIoc.Infrastructure.Cluster;

/// <summary>
/// The last guard against drift on a cluster node: every <see cref="Period"/> it counts the open cases and the year's
/// cases in the database and compares them with this node's live figures. A difference seen twice in a row (once may be
/// a change on its way) reloads the figures. The relay's numbering catches lost messages; this catches the rest, such as
/// a change that reached a node both through a reload and through the relay.
/// </summary>
public sealed class LiveFiguresCheck(
    IDbContextFactory<HotlineDbContext> contexts,
    DashboardAggregates aggregates,
    CaseEventBus bus,
    TimeProvider clock,
    ILogger<LiveFiguresCheck> logger) : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var differedBefore = false;
        using var timer = new PeriodicTimer(Period, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var differs = await DiffersAsync(stoppingToken);
                if (differs is not null && differedBefore)
                {
                    logger.LogWarning("This node's live figures drifted from the database ({Difference}); reloading them.", differs);
                    await bus.DeliverAsync(new CasesReloaded(0, clock.GetUtcNow().UtcDateTime));
                    differedBefore = false;
                }
                else
                {
                    differedBefore = differs is not null;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
            {
                logger.LogDebug(e, "Could not compare the live figures with the database; trying again later.");
            }
        }
    }

    /// <summary>What differs between the live figures and the database now, or null when they agree.</summary>
    public async Task<string?> DiffersAsync(CancellationToken cancellationToken)
    {
        var snapshot = aggregates.Snapshot();
        var yearStart = VietnamTime.StartOfDayUtc(new DateOnly(snapshot.Today.Year, 1, 1));
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var open = await db.Cases.CountAsync(CaseRules.InOpenStatus, cancellationToken);
        var year = await db.Cases.CountAsync(c => c.ReceivedAt >= yearStart, cancellationToken);
        return open == snapshot.Open && year == snapshot.ReceivedThisYear
            ? null
            : $"open {snapshot.Open} here, {open} in the database; received this year {snapshot.ReceivedThisYear} here, {year} in the database";
    }
}
