using System.Collections.Immutable;
using Microsoft.Extensions.Logging;

namespace HotlineIoc.Infrastructure.Live;

/// <summary>
/// The in-process domain event bus: every path that creates or changes a case publishes here, and the dashboard
/// circuits, the live hub and the aggregates subscribe. A failing subscriber never stops the others or the publisher.
/// </summary>
public sealed class CaseEventBus(ILogger<CaseEventBus> logger)
{
    private ImmutableArray<Subscription> _subscriptions = [];

    public int SubscriberCount => _subscriptions.Length;

    public IDisposable Subscribe(Func<CaseChanged, ValueTask> onChanged, Func<CasesReloaded, ValueTask>? onReloaded = null)
    {
        var subscription = new Subscription(this, onChanged, onReloaded);
        ImmutableInterlocked.Update(ref _subscriptions, list => list.Add(subscription));
        return subscription;
    }

    /// <summary>
    /// Where changes made on this node also go, so that the other nodes of a cluster hear of them; null on a single node.
    /// Set by <see cref="Cluster.RedisLiveRelay"/>.
    /// </summary>
    public ILiveRelay? Relay { get; set; }

    /// <summary>A change made on this node: to this node's listeners at once, and to the other nodes through the relay.</summary>
    public async ValueTask PublishAsync(CaseChanged change)
    {
        await DeliverAsync(change);
        Relay?.Send(new RelayEnvelope { Case = change });
    }

    /// <summary>Many cases changed at once on this node: here at once, and on the other nodes through the relay.</summary>
    public async ValueTask PublishAsync(CasesReloaded reload)
    {
        await DeliverAsync(reload);
        Relay?.Send(new RelayEnvelope { Reload = reload });
    }

    /// <summary>To this node's listeners only: what another node relayed, or a reload this node decided on itself.</summary>
    public async ValueTask DeliverAsync(CaseChanged change)
    {
        foreach (var subscription in _subscriptions)
        {
            try
            {
                await subscription.OnChanged(change);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                logger.LogWarning(e, "A live subscriber failed on the change of case {Code}.", change.After.Code);
            }
        }
    }

    public async ValueTask DeliverAsync(CasesReloaded reload)
    {
        foreach (var subscription in _subscriptions)
        {
            if (subscription.OnReloaded is null)
            {
                continue;
            }

            try
            {
                await subscription.OnReloaded(reload);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                logger.LogWarning(e, "A live subscriber failed on a reload of {Count} cases.", reload.Count);
            }
        }
    }

    private void Remove(Subscription subscription) =>
        ImmutableInterlocked.Update(ref _subscriptions, list => list.Remove(subscription));

    private sealed class Subscription(CaseEventBus bus, Func<CaseChanged, ValueTask> onChanged, Func<CasesReloaded, ValueTask>? onReloaded) : IDisposable
    {
        public Func<CaseChanged, ValueTask> OnChanged { get; } = onChanged;

        public Func<CasesReloaded, ValueTask>? OnReloaded { get; } = onReloaded;

        public void Dispose() => bus.Remove(this);
    }
}
