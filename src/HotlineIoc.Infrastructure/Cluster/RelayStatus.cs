namespace HotlineIoc.Infrastructure.Cluster;

/// <summary>
/// Whether this node hears the other nodes. While the relay is down the live picture shows only this node's changes, so
/// the wall says "live updates paused"; it clears by itself once the relay is back and the figures are reloaded.
/// Always live on a single node.
/// </summary>
public sealed class RelayStatus
{
    private int _paused;

    public bool IsPaused => Volatile.Read(ref _paused) == 1;

    /// <summary>Raised on each change of <see cref="IsPaused"/>.</summary>
    public event Action? Changed;

    public void Pause()
    {
        if (Interlocked.Exchange(ref _paused, 1) == 0)
        {
            Changed?.Invoke();
        }
    }

    public void Resume()
    {
        if (Interlocked.Exchange(ref _paused, 0) == 1)
        {
            Changed?.Invoke();
        }
    }
}
