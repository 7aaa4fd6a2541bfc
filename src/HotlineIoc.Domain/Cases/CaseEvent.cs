namespace HotlineIoc.Domain.Cases;

/// <summary>What happened to a case. New kinds are added at the end: the numbers are stored.</summary>
public enum CaseEventKind
{
    Received,
    Imported,
    Forwarded,
    WorkStarted,
    Returned,
    ResultReported,
    Closed,
    Reopened,
    Rejected,
    MarkedDuplicate,
    NoteAdded,
    DeadlineExtended,
    ExtensionRequested,
    ExtensionRefused,
    ReminderSent,
    ReporterLinked,
}

/// <summary>One entry of a case's append-only history: who did what, when, and from which status to which.</summary>
public sealed class CaseEvent
{
    private CaseEvent()
    {
    }

    public CaseEvent(DateTime atUtc, string actor, CaseEventKind kind, CaseStatus? fromStatus, CaseStatus? toStatus, string? note)
    {
        if (string.IsNullOrWhiteSpace(actor))
        {
            throw new DomainException("Every event of a case must say who did it.");
        }

        At = DateTime.SpecifyKind(atUtc, DateTimeKind.Utc);
        Actor = actor.Trim();
        Kind = kind;
        FromStatus = fromStatus;
        ToStatus = toStatus;
        Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
    }

    public long Id { get; private set; }

    public long CaseId { get; private set; }

    public DateTime At { get; private set; }

    public string Actor { get; private set; } = "";

    public CaseEventKind Kind { get; private set; }

    public CaseStatus? FromStatus { get; private set; }

    public CaseStatus? ToStatus { get; private set; }

    public string? Note { get; private set; }
}
