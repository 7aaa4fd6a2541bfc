using HotlineIoc.Infrastructure.Zalo;

namespace HotlineIoc.Infrastructure.Live;

/// <summary>Carries what happens on this node to the other nodes of a cluster. Never blocks and never throws: a lost message is noticed by its number.</summary>
public interface ILiveRelay
{
    void Send(RelayEnvelope message);
}

/// <summary>
/// One message between nodes: its sender, the sender's running number (a gap means messages were lost, and the receiver
/// reloads from the database), and one of the things that happened. A message with nothing in it is a heartbeat carrying
/// the sender's last number.
/// </summary>
public sealed record RelayEnvelope
{
    public string Node { get; init; } = "";

    public long Sequence { get; init; }

    public CaseChanged? Case { get; init; }

    public CasesReloaded? Reload { get; init; }

    public ConversationChange? Conversation { get; init; }

    /// <summary>The name of a <see cref="WorkSignal"/> to wake on the node that runs that work.</summary>
    public string? Wake { get; init; }

    public bool IsHeartbeat => Case is null && Reload is null && Conversation is null && Wake is null;
}
