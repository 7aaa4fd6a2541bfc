using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HotlineIoc.Infrastructure.Zalo;

/// <summary>
/// A background worker that drains its table whenever it is woken, and at least every few seconds: the inbox processor
/// and the reply sender. A failure (the database away) is logged and tried again shortly; the rows wait.
/// </summary>
public abstract class SignalledWorker(WorkSignal signal, ILogger logger) : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(5);

    /// <summary>Done once before the first round, until it succeeds.</summary>
    protected virtual Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>One round: everything due now.</summary>
    protected abstract Task WorkAsync(CancellationToken cancellationToken);

    /// <summary>What the log calls this worker.</summary>
    protected abstract string Name { get; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!started)
                {
                    await StartingAsync(stoppingToken);
                    started = true;
                }

                await WorkAsync(stoppingToken);
                await signal.WaitAsync(Poll, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                logger.LogWarning(e, "The {Worker} could not run; trying again shortly.", Name);
                await Task.Delay(Poll, stoppingToken);
            }
        }
    }

    /// <summary>Takes the ids <paramref name="next"/> gives, handles each, until none is left; returns how many were handled.</summary>
    protected static async Task<int> DrainAsync(Func<CancellationToken, Task<List<long>>> next, Func<long, CancellationToken, Task> handle, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(next);
        ArgumentNullException.ThrowIfNull(handle);
        var handled = 0;
        while (await next(cancellationToken) is { Count: > 0 } ids)
        {
            foreach (var id in ids)
            {
                await handle(id, cancellationToken);
                handled++;
            }
        }

        return handled;
    }
}
