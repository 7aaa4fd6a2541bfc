namespace HotlineIoc.Web.Live;

/// <summary>
/// A page's reload on live changes, at most one at a time: a change that arrives while a reload runs asks for one more
/// after it, and any number of such changes still make only one. A burst of fifty changes costs a page two reloads, and
/// the bus's loop that asked for them never waits for either.
/// </summary>
public sealed class CoalescedRefresh(Func<Task> refresh, Action<Exception> failed)
{
    private const int Idle = 0;
    private const int Running = 1;
    private const int RunningAndAsked = 2;

    private int _state;

    /// <summary>Asks for a reload and returns at once.</summary>
    public void Request()
    {
        while (true)
        {
            switch (Volatile.Read(ref _state))
            {
                case Idle when Interlocked.CompareExchange(ref _state, Running, Idle) == Idle:
                    _ = RunAsync();
                    return;
                case Running when Interlocked.CompareExchange(ref _state, RunningAndAsked, Running) == Running:
                case RunningAndAsked:
                    return;
            }
        }
    }

    private async Task RunAsync()
    {
        while (true)
        {
            try
            {
                await refresh();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                failed(e);
            }

            // Asked again while it ran: once more. Otherwise done; a request from now on starts afresh.
            if (Interlocked.CompareExchange(ref _state, Running, RunningAndAsked) == RunningAndAsked)
            {
                continue;
            }

            if (Interlocked.CompareExchange(ref _state, Idle, Running) == Running)
            {
                return;
            }
        }
    }
}

/// <summary>How a page's live reload failing is logged: a page closed meanwhile is not a failure.</summary>
public static class LiveFailure
{
    public static void Log(ILogger logger, Exception exception, string page)
    {
        ArgumentNullException.ThrowIfNull(logger);
        if (exception is ObjectDisposedException or TaskCanceledException)
        {
            return;
        }

        logger.LogWarning(exception, "A live reload of {Page} failed; the page shows what it had and reloads at the next change.", page);
    }
}
