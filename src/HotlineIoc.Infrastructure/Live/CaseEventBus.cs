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

    public async ValueTask PublishAsync(CaseChanged change)
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

    public async ValueTask PublishAsync(CasesReloaded reload)
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
