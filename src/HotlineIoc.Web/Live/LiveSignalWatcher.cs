using HotlineIoc.Infrastructure.Live;
using HotlineIoc.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace HotlineIoc.Web.Live;

/// <summary>
/// Tails <see cref="LiveSignal"/> twice a second, so cases imported by the command line (another process) reach
/// every open dashboard within a second, through the same reload the in-process bulk paths use. On a cluster one node
/// tails the table, and the relay carries the reload to the others.
/// </summary>
public sealed class LiveSignalWatcher(IDbContextFactory<HotlineDbContext> contexts, CaseEventBus bus, TimeProvider clock, ILogger<LiveSignalWatcher> logger)
    : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromMilliseconds(500);

    /// <summary>Signals this recent are announced again when the watcher starts.</summary>
    public static readonly TimeSpan Overlap = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        long last;
        await using (var db = await contexts.CreateDbContextAsync(stoppingToken))
        {
            // From a little before now: a node taking this work over from one that died hands on what that node may not
            // have announced yet. A reload too many costs one read; one too few leaves the dashboards behind.
            var since = clock.GetUtcNow().UtcDateTime - Overlap;
            last = await db.LiveSignals.Where(s => s.At < since).MaxAsync(s => (long?)s.Id, stoppingToken) ?? 0;
        }

        using var timer = new PeriodicTimer(Period, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var db = await contexts.CreateDbContextAsync(stoppingToken);
                var fresh = await db.LiveSignals.AsNoTracking().Where(s => s.Id > last).OrderBy(s => s.Id).ToListAsync(stoppingToken);
                if (fresh.Count == 0)
                {
                    continue;
                }

                last = fresh[^1].Id;
                await bus.PublishAsync(new CasesReloaded(fresh.Sum(s => s.Count), clock.GetUtcNow().UtcDateTime));
            }
            catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
            {
                // A busy or briefly unreachable database must not stop the live picture for good.
                logger.LogWarning(e, "Could not read live signals; trying again.");
            }
        }
    }
}
