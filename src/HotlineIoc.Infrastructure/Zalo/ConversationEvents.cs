using System.Collections.Immutable;

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

    public void Publish(ConversationChange change)
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
