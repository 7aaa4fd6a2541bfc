using HotlineIoc.Domain.Calendar;
using HotlineIoc.Domain.Reference;

namespace HotlineIoc.Domain.Cases;

/// <summary>
/// A citizen's report (phản ánh) and its handling, from intake to the citizen being told the outcome.
/// Every change of status goes through the workflow and leaves an event in <see cref="History"/>.
/// </summary>
public sealed class Case
{
    public const int DescriptionMaxLength = 4000;
    public const int AddressMaxLength = 300;

    private readonly List<CaseEvent> _history = [];
    private readonly List<CaseAttachment> _attachments = [];

    private Case()
    {
    }

    public long Id { get; private set; }

    public string Code { get; private set; } = "";

    public string ChannelCode { get; private set; } = "";

    public DateTime ReceivedAt { get; private set; }

    // Personal data (dữ liệu cá nhân), kept flat so bulk copy and column encryption see plain columns.
    public string? ReporterName { get; private set; }

    public string? ReporterPhone { get; private set; }

    public string? ReporterZaloId { get; private set; }

    public Reporter Reporter => new(ReporterName, ReporterPhone, ReporterZaloId);

    public string UnitCode { get; private set; } = "";

    public string? Address { get; private set; }

    public double? Latitude { get; private set; }

    public double? Longitude { get; private set; }

    public string FieldCode { get; private set; } = "";

    public string Description { get; private set; } = "";

    public CaseStatus Status { get; private set; }

    public string? AgencyCode { get; private set; }

    public DateTime DueAt { get; private set; }

    public DateTime? ResolvedAt { get; private set; }

    public DateTime? ClosedAt { get; private set; }

    /// <summary>The agency's account of what it did.</summary>
    public string? Result { get; private set; }

    public EnforcementKind? EnforcementKind { get; private set; }

    public long? FineVnd { get; private set; }

    public string? SanctionDecisionNumber { get; private set; }

    /// <summary>The case this one was merged into, when it is a duplicate.</summary>
    public string? DuplicateOfCode { get; private set; }

    public int ReopenCount { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    public IReadOnlyList<CaseEvent> History => _history;

    public IReadOnlyList<CaseAttachment> Attachments => _attachments;

    public Enforcement? Enforcement =>
        EnforcementKind is { } kind ? new Enforcement(kind, FineVnd, SanctionDecisionNumber) : null;

    /// <summary>A new report comes in. Its due instant follows the deadline rule for its channel.</summary>
    public static Case Receive(NewCase data, Channel channel, WorkingCalendar calendar, string actor)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(channel);
        var item = Create(data, channel, calendar);
        item.Status = CaseStatus.Received;
        item.UpdatedAt = item.ReceivedAt;
        item._history.Add(new CaseEvent(item.ReceivedAt, actor, CaseEventKind.Received, null, CaseStatus.Received, null));
        return item;
    }

    /// <summary>
    /// A case from another system or an earlier period, with the status and instants it already has.
    /// The history records the import, not a replay of steps that were never seen here.
    /// </summary>
    public static Case Import(NewCase data, Channel channel, WorkingCalendar calendar, ImportedState state, string actor, DateTime importedAtUtc)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(state);
        var item = Create(data, channel, calendar);
        state.Validate(item.ReceivedAt);
        item.Status = state.Status;
        item.AgencyCode = state.AgencyCode;
        item.ResolvedAt = state.ResolvedAt;
        item.ClosedAt = state.ClosedAt;
        item.Result = state.Result;
        item.ApplyEnforcement(state.Enforcement);
        item.UpdatedAt = state.ClosedAt ?? state.ResolvedAt ?? item.ReceivedAt;
        item._history.Add(new CaseEvent(importedAtUtc, actor, CaseEventKind.Imported, null, state.Status, null));
        return item;
    }

    private static Case Create(NewCase data, Channel channel, WorkingCalendar calendar)
    {
        data.Validate();
        if (!string.Equals(channel.Code, data.ChannelCode, StringComparison.Ordinal))
        {
            throw new DomainException($"The case says channel '{data.ChannelCode}' but channel '{channel.Code}' was given.");
        }

        var receivedAt = DateTime.SpecifyKind(data.ReceivedAt, DateTimeKind.Utc);
        return new Case
        {
            Code = data.Code,
            ChannelCode = data.ChannelCode,
            ReceivedAt = receivedAt,
            ReporterName = NullIfBlank(data.Reporter?.Name),
            ReporterPhone = NullIfBlank(data.Reporter?.Phone),
            ReporterZaloId = NullIfBlank(data.Reporter?.ZaloId),
            UnitCode = data.UnitCode,
            Address = NullIfBlank(data.Address),
            Latitude = data.Latitude,
            Longitude = data.Longitude,
            FieldCode = data.FieldCode,
            Description = data.Description.Trim(),
            DueAt = DeadlineRule.DueAt(receivedAt, channel.WorkingDayLimit, calendar),
        };
    }

    /// <summary>Classified and sent to the responsible agency, or sent again after a return.</summary>
    public void Forward(string agencyCode, string fieldCode, DateTime atUtc, string actor)
    {
        if (string.IsNullOrWhiteSpace(agencyCode))
        {
            throw new DomainException($"Case {Code} needs an agency to be forwarded to.");
        }

        if (string.IsNullOrWhiteSpace(fieldCode))
        {
            throw new DomainException($"Case {Code} needs a field before it is forwarded.");
        }

        Move(CaseStatus.Forwarded, CaseEventKind.Forwarded, atUtc, actor, agencyCode);
        FieldCode = fieldCode;
        AgencyCode = agencyCode;
    }

    public void StartWork(DateTime atUtc, string actor)
    {
        // closed → in_progress is the re-open: it needs a reason and happens once, so it goes through Reopen.
        if (Status == CaseStatus.Closed)
        {
            throw new DomainException($"Case {Code} is closed; it goes back to work only when re-opened with a reason.");
        }

        Move(CaseStatus.InProgress, CaseEventKind.WorkStarted, atUtc, actor, null);
    }

    /// <summary>The agency says the case is not theirs. The clock keeps running.</summary>
    public void Return(string reason, DateTime atUtc, string actor)
    {
        RequireReason(reason, "returned");
        Move(CaseStatus.Returned, CaseEventKind.Returned, atUtc, actor, reason);
        AgencyCode = null;
    }

    public void ReportResult(string result, Enforcement? enforcement, DateTime atUtc, string actor)
    {
        if (string.IsNullOrWhiteSpace(result))
        {
            throw new DomainException($"Case {Code} needs a result text to be resolved.");
        }

        Move(CaseStatus.Resolved, CaseEventKind.ResultReported, atUtc, actor, result);
        Result = result.Trim();
        ResolvedAt = DateTime.SpecifyKind(atUtc, DateTimeKind.Utc);
        ApplyEnforcement(enforcement);
    }

    /// <summary>The citizen was told the outcome.</summary>
    public void Close(string note, DateTime atUtc, string actor)
    {
        // The same rule an import enforces (ImportedState), so every case can be exported and imported again.
        if (Status == CaseStatus.Resolved && ResolvedAt is { } resolvedAt && atUtc < resolvedAt)
        {
            throw new DomainException($"Case {Code} cannot be closed before it was resolved ({resolvedAt:O}).");
        }

        Move(CaseStatus.Closed, CaseEventKind.Closed, atUtc, actor, note);
        ClosedAt = DateTime.SpecifyKind(atUtc, DateTimeKind.Utc);
    }

    /// <summary>A dissatisfied citizen re-opens the case, once. The result is kept in the history, not on the case.</summary>
    public void Reopen(string reason, DateTime atUtc, string actor)
    {
        RequireReason(reason, "re-opened");
        if (Status != CaseStatus.Closed)
        {
            throw new DomainException($"Case {Code} is '{Status.ToWire()}'; only a closed case can be re-opened.");
        }

        if (ReopenCount >= 1)
        {
            throw new DomainException($"Case {Code} was already re-opened once and cannot be re-opened again.");
        }

        Move(CaseStatus.InProgress, CaseEventKind.Reopened, atUtc, actor, reason);
        ReopenCount++;
        ResolvedAt = null;
        ClosedAt = null;
        Result = null;
        ApplyEnforcement(null);
    }

    public void Reject(string reason, DateTime atUtc, string actor)
    {
        RequireReason(reason, "rejected");
        Move(CaseStatus.Rejected, CaseEventKind.Rejected, atUtc, actor, reason);
    }

    public void MarkDuplicateOf(string originalCode, DateTime atUtc, string actor)
    {
        if (string.IsNullOrWhiteSpace(originalCode) || string.Equals(originalCode, Code, StringComparison.Ordinal))
        {
            throw new DomainException($"Case {Code} must be merged into another case, not '{originalCode}'.");
        }

        Move(CaseStatus.Duplicate, CaseEventKind.MarkedDuplicate, atUtc, actor, originalCode);
        DuplicateOfCode = originalCode;
    }

    public void AddNote(string note, DateTime atUtc, string actor)
    {
        if (string.IsNullOrWhiteSpace(note))
        {
            throw new DomainException($"A note on case {Code} cannot be empty.");
        }

        Record(NewEvent(CaseEventKind.NoteAdded, Status, Status, atUtc, actor, note));
    }

    /// <summary>An approved extension moves the due instant; the old and new deadlines are recorded.</summary>
    public void ExtendDeadline(DateTime newDueAtUtc, string reason, DateTime atUtc, string actor)
    {
        RequireReason(reason, "given an extension");
        if (!Status.IsOpen())
        {
            throw new DomainException($"Case {Code} is '{Status.ToWire()}' and its deadline can no longer be extended.");
        }

        if (newDueAtUtc <= DueAt)
        {
            throw new DomainException($"An extension of case {Code} must move the deadline later than {DueAt:O}.");
        }

        var newDue = DateTime.SpecifyKind(newDueAtUtc, DateTimeKind.Utc);
        var extended = NewEvent(CaseEventKind.DeadlineExtended, Status, Status, atUtc, actor, $"{reason.Trim()} ({DueAt:O} → {newDue:O})");
        DueAt = newDue;
        Record(extended);
    }

    public void AddAttachment(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new DomainException($"An attachment of case {Code} must be an http or https link, not '{url}'.");
        }

        _attachments.Add(new CaseAttachment(uri.ToString()));
    }

    /// <summary>Overdue now: still waiting for a result after the due instant.</summary>
    public bool IsOverdueAt(DateTime nowUtc) => Status.IsOpen() && nowUtc > DueAt;

    /// <summary>No result by the due instant: overdue now, or resolved late.</summary>
    public bool MissedDeadline(DateTime nowUtc) => MissedDeadline(Status, ResolvedAt, DueAt, nowUtc);

    /// <summary>The overdue rule of the brief, for callers that hold only a case's facts.</summary>
    public static bool MissedDeadline(CaseStatus status, DateTime? resolvedAt, DateTime dueAt, DateTime nowUtc) =>
        !status.IsExcludedFromRates() && (resolvedAt ?? nowUtc) > dueAt;

    private void ApplyEnforcement(Enforcement? enforcement)
    {
        EnforcementKind = enforcement?.Kind;
        FineVnd = enforcement?.FineVnd;
        SanctionDecisionNumber = enforcement?.DecisionNumber;
    }

    private void Move(CaseStatus to, CaseEventKind kind, DateTime atUtc, string actor, string? note)
    {
        CaseWorkflow.EnsureAllowed(Code, Status, to);
        var moved = NewEvent(kind, Status, to, atUtc, actor, note);
        Status = to;
        Record(moved);
    }

    /// <summary>Checks an event before anything changes, so a refused step leaves the case as it was.</summary>
    private CaseEvent NewEvent(CaseEventKind kind, CaseStatus from, CaseStatus to, DateTime atUtc, string actor, string? note)
    {
        var at = DateTime.SpecifyKind(atUtc, DateTimeKind.Utc);
        if (at < ReceivedAt)
        {
            throw new DomainException($"An event of case {Code} cannot happen before the case was received ({ReceivedAt:O}).");
        }

        return new CaseEvent(at, actor, kind, from, to, note);
    }

    private void Record(CaseEvent item)
    {
        _history.Add(item);
        UpdatedAt = item.At;
    }

    private void RequireReason(string reason, string what)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainException($"Case {Code} can only be {what} with a reason.");
        }
    }

    private static string? NullIfBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>A link to a photo, video or document sent with a case.</summary>
public sealed class CaseAttachment
{
    private CaseAttachment()
    {
    }

    public CaseAttachment(string url) => Url = url;

    public long Id { get; private set; }

    public long CaseId { get; private set; }

    public string Url { get; private set; } = "";
}
