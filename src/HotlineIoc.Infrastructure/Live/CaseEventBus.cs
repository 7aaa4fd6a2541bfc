using System.Collections.Immutable;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace HotlineIoc.Infrastructure.Live;

/// <summary>
/// The in-process domain event bus: every path that creates or changes a case publishes here, and the dashboard
/// circuits, the live hub and the aggregates subscribe.
/// Publishing returns once the change is queued: each subscriber has its own queue, read in order by its own loop, so a
/// page reloading from the database, a slow hub send or a throwing handler delays or breaks only itself, never the
/// publisher (an API request, an operator's click) nor another subscriber.
/// The one exception is <see cref="SubscribeInline"/>, for the in-memory figures: a few counters moved under a lock on the
/// publisher's thread, so they are exact the moment a post returns.
/// </summary>
public sealed class CaseEventBus(ILogger<CaseEventBus> logger)
{
    /// <summary>A queue longer than this is logged once: its subscriber is not keeping up.</summary>
    public const int BacklogWarning = 10_000;

    private readonly ILogger _logger = logger;
    private ImmutableArray<Subscription> _subscriptions = [];
    private ImmutableArray<InlineSubscription> _inline = [];

    public int SubscriberCount => _subscriptions.Length + _inline.Length;

    /// <summary>
    /// Handlers run one message at a time, in publishing order, on the subscription's own loop; they may await as long as
    /// they need (a page that reloads should still coalesce, so a burst costs one reload rather than one per change).
    /// </summary>
    public IDisposable Subscribe(Func<CaseChanged, ValueTask> onChanged, Func<CasesReloaded, ValueTask>? onReloaded = null)
    {
        ArgumentNullException.ThrowIfNull(onChanged);
        return Add(new Subscription(this, onChanged, onReloaded));
    }

    /// <summary>Reloads only (as <see cref="Subscribe"/>): single changes are not queued for this subscriber at all.</summary>
    public IDisposable SubscribeReloads(Func<CasesReloaded, ValueTask> onReloaded)
    {
        ArgumentNullException.ThrowIfNull(onReloaded);
        return Add(new Subscription(this, null, onReloaded));
    }

    private Subscription Add(Subscription subscription)
    {
        ImmutableInterlocked.Update(ref _subscriptions, list => list.Add(subscription));
        return subscription;
    }

    /// <summary>
    /// Handlers run on the publisher's thread before <see cref="PublishAsync(CaseChanged)"/> returns. Only for work that
    /// never waits (no I/O, no awaiting): anything longer must hand itself off, as the aggregates' reload does.
    /// </summary>
    public IDisposable SubscribeInline(Action<CaseChanged> onChanged, Action<CasesReloaded>? onReloaded = null)
    {
        ArgumentNullException.ThrowIfNull(onChanged);
        var subscription = new InlineSubscription(this, onChanged, onReloaded);
        ImmutableInterlocked.Update(ref _inline, list => list.Add(subscription));
        return subscription;
    }

    /// <summary>
    /// Where changes made on this node also go, so that the other nodes of a cluster hear of them; null on a single node.
    /// Set by <see cref="Cluster.RedisLiveRelay"/>.
    /// </summary>
    public ILiveRelay? Relay { get; set; }

    /// <summary>A change made on this node: queued for this node's listeners, and sent to the other nodes through the relay.</summary>
    public ValueTask PublishAsync(CaseChanged change)
    {
        Deliver(change);
        Relay?.Send(new RelayEnvelope { Case = change });
        return ValueTask.CompletedTask;
    }

    /// <summary>Many cases changed at once on this node: queued here, and sent to the other nodes through the relay.</summary>
    public ValueTask PublishAsync(CasesReloaded reload)
    {
        Deliver(reload);
        Relay?.Send(new RelayEnvelope { Reload = reload });
        return ValueTask.CompletedTask;
    }

    /// <summary>To this node's listeners only: what another node relayed, or a reload this node decided on itself.</summary>
    public ValueTask DeliverAsync(CaseChanged change)
    {
        Deliver(change);
        return ValueTask.CompletedTask;
    }

    public ValueTask DeliverAsync(CasesReloaded reload)
    {
        Deliver(reload);
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Waits until every queue is empty and no handler runs: for tests and for an orderly stop, never on a request's path.
    /// False when <paramref name="timeout"/> passed first.
    /// </summary>
    public async Task<bool> IdleAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (_subscriptions.Any(s => s.Pending > 0))
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(5);
        }

        return true;
    }

    private void Deliver(CaseChanged change)
    {
        foreach (var inline in _inline)
        {
            try
            {
                inline.OnChanged(change);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                LogFailure(e, change);
            }
        }

        foreach (var subscription in _subscriptions)
        {
            if (subscription.OnChanged is not null)
            {
                subscription.Post(change);
            }
        }
    }

    private void Deliver(CasesReloaded reload)
    {
        foreach (var inline in _inline)
        {
            try
            {
                inline.OnReloaded?.Invoke(reload);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                LogFailure(e, reload);
            }
        }

        foreach (var subscription in _subscriptions)
        {
            if (subscription.OnReloaded is not null)
            {
                subscription.Post(reload);
            }
        }
    }

    private void LogFailure(Exception e, object message)
    {
        if (message is CaseChanged change)
        {
            _logger.LogWarning(e, "A live subscriber failed on the change of case {Code}.", change.After.Code);
        }
        else
        {
            _logger.LogWarning(e, "A live subscriber failed on a reload of {Count} cases.", ((CasesReloaded)message).Count);
        }
    }

    private sealed class InlineSubscription(CaseEventBus bus, Action<CaseChanged> onChanged, Action<CasesReloaded>? onReloaded) : IDisposable
    {
        public Action<CaseChanged> OnChanged { get; } = onChanged;

        public Action<CasesReloaded>? OnReloaded { get; } = onReloaded;

        public void Dispose() => ImmutableInterlocked.Update(ref bus._inline, list => list.Remove(this));
    }

    /// <summary>One subscriber's queue and the loop that feeds it, one message at a time.</summary>
    private sealed class Subscription : IDisposable
    {
        private readonly CaseEventBus _bus;
        private readonly Channel<object> _queue = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
        private int _pending;
        private bool _warned;

        public Subscription(CaseEventBus bus, Func<CaseChanged, ValueTask>? onChanged, Func<CasesReloaded, ValueTask>? onReloaded)
        {
            _bus = bus;
            OnChanged = onChanged;
            OnReloaded = onReloaded;
            _ = Task.Run(PumpAsync);
        }

        /// <summary>Null for a subscriber of reloads only: no change is queued for it.</summary>
        public Func<CaseChanged, ValueTask>? OnChanged { get; }

        public Func<CasesReloaded, ValueTask>? OnReloaded { get; }

        public int Pending => Volatile.Read(ref _pending);

        public void Post(object message)
        {
            var pending = Interlocked.Increment(ref _pending);
            if (!_queue.Writer.TryWrite(message))
            {
                Interlocked.Decrement(ref _pending); // disposed meanwhile: nobody listens any more
                return;
            }

            if (pending > BacklogWarning && !_warned)
            {
                _warned = true;
                _bus._logger.LogWarning("A live subscriber has {Count} changes waiting: it is not keeping up.", pending);
            }
        }

        public void Dispose()
        {
            ImmutableInterlocked.Update(ref _bus._subscriptions, list => list.Remove(this));
            _queue.Writer.TryComplete();
        }

        private async Task PumpAsync()
        {
            await foreach (var message in _queue.Reader.ReadAllAsync())
            {
                try
                {
                    // Only what the subscriber has a handler for is ever posted to it.
                    await (message is CaseChanged change ? OnChanged!(change) : OnReloaded!((CasesReloaded)message));
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    _bus.LogFailure(e, message);
                }
                finally
                {
                    Interlocked.Decrement(ref _pending);
                }
            }
        }
    }
}
