using System.Collections.Immutable;
using HotlineIoc.Infrastructure.Live;

namespace HotlineIoc.Infrastructure.Zalo;

/// <summary>
/// Tells the triage pages and case pages that a conversation or a reply changed, so they read again. In-process like
/// <see cref="Live.CaseEventBus"/>; a failing listener never stops the others.
/// </summary>
public sealed class ConversationEvents
{
    private ImmutableArray<Action<ConversationChange>> _listeners = [];

    public IDisposable Subscribe(Action<ConversationChange> listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        ImmutableInterlocked.Update(ref _listeners, list => list.Add(listener));
        return new Subscription(() => ImmutableInterlocked.Update(ref _listeners, list => list.Remove(listener)));
    }

    /// <summary>The other nodes of a cluster; null on a single node.</summary>
    public ILiveRelay? Relay { get; set; }

    /// <summary>A change made on this node: here, and on the other nodes through the relay.</summary>
    public void Publish(ConversationChange change)
    {
        Deliver(change);
        Relay?.Send(new RelayEnvelope { Conversation = change });
    }

    /// <summary>To this node's listeners only.</summary>
    public void Deliver(ConversationChange change)
    {
        foreach (var listener in _listeners)
        {
            try
            {
                listener(change);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A closed page's listener must not stop the others.
            }
        }
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}

/// <summary>A conversation changed (a message, made into a case, closed), or a reply of a case changed state.</summary>
public sealed record ConversationChange(long? ConversationId, string? CaseCode);
