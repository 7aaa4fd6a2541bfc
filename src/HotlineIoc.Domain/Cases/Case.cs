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
    private readonly List<LinkedReporter> _linkedReporters = [];

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

    public string? ReporterEmail { get; private set; }

    public Reporter Reporter => new(ReporterName, ReporterPhone, ReporterZaloId, ReporterEmail);

    /// <summary>A keyed hash of the reporter's phone (blind index), so a phone can be looked up without storing it in clear.</summary>
    public string? ReporterPhoneKey { get; private set; }

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

    /// <summary>How the citizen was told the result; set when the case is closed through <see cref="RecordCitizenResponse"/>.</summary>
    public CitizenContact? CitizenContact { get; private set; }

    public DateTime? CitizenInformedAt { get; private set; }

    /// <summary>Whether the citizen was satisfied; unknown for imported cases.</summary>
    public bool? CitizenSatisfied { get; private set; }

    /// <summary>Since when a reminder from the leadership waits for the agency to act; cleared by the agency's next step.</summary>
    public DateTime? ReminderPendingSince { get; private set; }

    public int RemindersSent { get; private set; }

    /// <summary>The deadline the agency asked for, while the Secretary has not decided.</summary>
    public DateTime? ExtensionRequestedDueAt { get; private set; }

    public string? ExtensionRequestReason { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    public IReadOnlyList<CaseEvent> History => _history;

    public IReadOnlyList<CaseAttachment> Attachments => _attachments;

    /// <summary>Further citizens who reported the same problem; their reports were merged into this case.</summary>
    public IReadOnlyList<LinkedReporter> LinkedReporters => _linkedReporters;

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
            ReporterEmail = NullIfBlank(data.Reporter?.Email),
            UnitCode = data.UnitCode,
            Address = NullIfBlank(data.Address),
            Latitude = data.Latitude,
            Longitude = data.Longitude,
            FieldCode = data.FieldCode,
            Description = data.Description.Trim(),
            DueAt = DeadlineRule.DueAt(receivedAt, channel.WorkingDayLimit, calendar),
        };
    }

    /// <summary>
    /// Classified and sent to the responsible agency, or sent again after a return. Triage may also correct the ward or
    /// commune (<paramref name="unitCode"/>); the change is written in the event.
    /// </summary>
    public void Forward(string agencyCode, string fieldCode, DateTime atUtc, string actor, string? unitCode = null)
    {
        if (string.IsNullOrWhiteSpace(agencyCode))
        {
            throw new DomainException($"Case {Code} needs an agency to be forwarded to.");
        }

        if (string.IsNullOrWhiteSpace(fieldCode))
        {
            throw new DomainException($"Case {Code} needs a field before it is forwarded.");
        }

        var unitChanged = !string.IsNullOrWhiteSpace(unitCode) && !string.Equals(unitCode, UnitCode, StringComparison.Ordinal);
        var fieldChanged = !string.Equals(fieldCode, FieldCode, StringComparison.Ordinal);
        var note = agencyCode
            + (fieldChanged ? $" · field {FieldCode} → {fieldCode}" : "")
            + (unitChanged ? $" · unit {UnitCode} → {unitCode}" : "");
        Move(CaseStatus.Forwarded, CaseEventKind.Forwarded, atUtc, actor, note);
        FieldCode = fieldCode;
        AgencyCode = agencyCode;
        if (unitChanged)
        {
            UnitCode = unitCode!;
        }
    }

    public void StartWork(DateTime atUtc, string actor)
    {
        // closed → in_progress is the re-open: it needs a reason and happens once, so it goes through Reopen.
        if (Status == CaseStatus.Closed)
        {
            throw new DomainException($"Case {Code} is closed; it goes back to work only when re-opened with a reason.");
        }

        Move(CaseStatus.InProgress, CaseEventKind.WorkStarted, atUtc, actor, null);
        AgencyActed();
    }

    /// <summary>The agency says the case is not theirs. The clock keeps running.</summary>
    public void Return(string reason, DateTime atUtc, string actor)
    {
        RequireReason(reason, "returned");
        Move(CaseStatus.Returned, CaseEventKind.Returned, atUtc, actor, reason);
        AgencyCode = null;
        AgencyActed();
        DropExtensionRequest();
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
        AgencyActed();
        DropExtensionRequest();
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

    /// <summary>
    /// The operator told the citizen the result (call-back or Zalo) at <paramref name="informedAtUtc"/> and recorded whether they
    /// were satisfied. This closes the case.
    /// </summary>
    /// <summary>
    /// The citizen was told the outcome: the case closes. <paramref name="satisfied"/> is null when it is not known yet
    /// (a result sent over Zalo before the citizen answers); such a case can still be re-opened, as a dissatisfied one.
    /// </summary>
    public void RecordCitizenResponse(CitizenContact contact, DateTime informedAtUtc, bool? satisfied, string? note, DateTime atUtc, string actor)
    {
        if (!Enum.IsDefined(contact))
        {
            throw new DomainException($"Case {Code}: the citizen is told by call-back or Zalo, not '{contact}'.");
        }

        var informedAt = DateTime.SpecifyKind(informedAtUtc, DateTimeKind.Utc);
        if (informedAt > atUtc)
        {
            throw new DomainException($"Case {Code}: the citizen cannot have been told the result in the future ({informedAt:O}).");
        }

        if (Status == CaseStatus.Resolved && ResolvedAt is { } resolvedAt && informedAt < resolvedAt)
        {
            throw new DomainException($"Case {Code}: the citizen cannot have been told the result before it was reported ({resolvedAt:O}).");
        }

        var text = (satisfied switch { true => "satisfied", false => "not satisfied", null => "satisfaction not known yet" }) + " · " + contact.ToWire()
            + (string.IsNullOrWhiteSpace(note) ? "" : " · " + note.Trim());
        Close(text, atUtc, actor);
        ClosedAt = informedAt;
        CitizenContact = contact;
        CitizenInformedAt = informedAt;
        CitizenSatisfied = satisfied;
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

        if (CitizenSatisfied == true)
        {
            throw new DomainException($"Case {Code} was closed with a satisfied citizen; only a dissatisfied citizen can re-open it.");
        }

        Move(CaseStatus.InProgress, CaseEventKind.Reopened, atUtc, actor, reason);
        ReopenCount++;
        ResolvedAt = null;
        ClosedAt = null;
        Result = null;
        ApplyEnforcement(null);
        CitizenContact = null;
        CitizenInformedAt = null;
        CitizenSatisfied = null;
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

    /// <summary>The agency's progress note while it works the case; it answers a pending reminder.</summary>
    public void AddProgressNote(string note, DateTime atUtc, string actor)
    {
        if (Status is not (CaseStatus.Forwarded or CaseStatus.InProgress))
        {
            throw new DomainException($"Case {Code} is '{Status.ToWire()}'; progress notes are added while the agency holds it.");
        }

        AddNote(note, atUtc, actor);
        AgencyActed();
    }

    /// <summary>The agency asks for more time. One request waits at a time; the Secretary approves or refuses it.</summary>
    public void RequestExtension(DateTime newDueAtUtc, string reason, DateTime atUtc, string actor)
    {
        RequireReason(reason, "given an extension");
        if (Status is not (CaseStatus.Forwarded or CaseStatus.InProgress))
        {
            throw new DomainException($"Case {Code} is '{Status.ToWire()}'; only the agency holding it can ask for an extension.");
        }

        if (ExtensionRequestedDueAt is { } waiting)
        {
            throw new DomainException($"Case {Code} already has an extension request (to {waiting:O}) waiting for a decision.");
        }

        var newDue = DateTime.SpecifyKind(newDueAtUtc, DateTimeKind.Utc);
        if (newDue <= DueAt)
        {
            throw new DomainException($"An extension of case {Code} must move the deadline later than {DueAt:O}.");
        }

        Record(NewEvent(CaseEventKind.ExtensionRequested, Status, Status, atUtc, actor, $"{reason.Trim()} (→ {newDue:O})"));
        ExtensionRequestedDueAt = newDue;
        ExtensionRequestReason = reason.Trim();
        AgencyActed();
    }

    /// <summary>The Secretary grants the requested deadline; the due instant moves and the change is recorded.</summary>
    public void ApproveExtension(DateTime atUtc, string actor)
    {
        var requested = ExtensionRequestedDueAt
            ?? throw new DomainException($"Case {Code} has no extension request to approve.");
        ExtendDeadline(requested, "approved: " + ExtensionRequestReason, atUtc, actor);
        DropExtensionRequest();
    }

    public void RefuseExtension(string reason, DateTime atUtc, string actor)
    {
        RequireReason(reason, "refused an extension");
        if (ExtensionRequestedDueAt is null)
        {
            throw new DomainException($"Case {Code} has no extension request to refuse.");
        }

        Record(NewEvent(CaseEventKind.ExtensionRefused, Status, Status, atUtc, actor, reason));
        DropExtensionRequest();
    }

    /// <summary>A leader or the Secretary chases the agency. The reminder stays pending until the agency acts.</summary>
    public void SendReminder(string? note, DateTime atUtc, string actor)
    {
        if (Status is not (CaseStatus.Forwarded or CaseStatus.InProgress) || AgencyCode is null)
        {
            throw new DomainException($"Case {Code} is '{Status.ToWire()}'; a reminder goes to an agency that holds an open case.");
        }

        var reminder = NewEvent(CaseEventKind.ReminderSent, Status, Status, atUtc, actor, string.IsNullOrWhiteSpace(note) ? AgencyCode : $"{AgencyCode}: {note.Trim()}");
        Record(reminder);
        ReminderPendingSince ??= reminder.At;
        RemindersSent++;
    }

    /// <summary>
    /// Another citizen reported the same problem: their report joins this case instead of making a new one.
    /// The history says that a reporter was linked, never who.
    /// </summary>
    public void LinkReporter(Reporter reporter, DateTime atUtc, string actor, string? fromCaseCode = null)
    {
        ArgumentNullException.ThrowIfNull(reporter);
        if (Status.IsExcludedFromRates())
        {
            throw new DomainException($"Case {Code} is '{Status.ToWire()}'; link the report to the case it was merged into.");
        }

        var linked = NewEvent(CaseEventKind.ReporterLinked, Status, Status, atUtc, actor, fromCaseCode is null ? "duplicate report at intake" : $"merged from {fromCaseCode}");
        _linkedReporters.Add(new LinkedReporter(reporter, linked.At));
        Record(linked);
    }

    /// <summary>Sets the blind index of the reporter's phone with the deployment's keyed hash.</summary>
    public void IndexReporterPhone(Func<string, string> keyOf)
    {
        ArgumentNullException.ThrowIfNull(keyOf);
        ReporterPhoneKey = ReporterPhone is null ? null : keyOf(ReporterPhone);
        foreach (var linked in _linkedReporters)
        {
            linked.IndexPhone(keyOf);
        }
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
        if (url is not { Length: <= CaseAttachment.UrlMaxLength } || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            var shown = url is { Length: > 80 } ? url[..80] + "…" : url;
            throw new DomainException($"An attachment of case {Code} must be an http or https link of at most {CaseAttachment.UrlMaxLength} characters, not '{shown}'.");
        }

        _attachments.Add(new CaseAttachment(uri.ToString()));
    }

    /// <summary>Overdue now: still waiting for a result after the due instant (<see cref="CaseRules.IsOverdue"/>).</summary>
    public bool IsOverdueAt(DateTime nowUtc) => CaseRules.IsOverdue(Status, DueAt, nowUtc);

    /// <summary>No result by the due instant: overdue now, or resolved late.</summary>
    public bool MissedDeadline(DateTime nowUtc) => MissedDeadline(Status, ResolvedAt, DueAt, nowUtc);

    /// <summary>The overdue rule of the brief, for callers that hold only a case's facts: not excluded, and no result by the due instant.</summary>
    public static bool MissedDeadline(CaseStatus status, DateTime? resolvedAt, DateTime dueAt, DateTime nowUtc) =>
        !status.IsExcludedFromRates() && (resolvedAt is { } resolved ? !CaseRules.IsOnTime(resolved, dueAt) : CaseRules.IsPastDue(dueAt, nowUtc));

    private void AgencyActed() => ReminderPendingSince = null;

    private void DropExtensionRequest()
    {
        ExtensionRequestedDueAt = null;
        ExtensionRequestReason = null;
    }

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

/// <summary>How the citizen was told the result.</summary>
public enum CitizenContact
{
    CallBack,
    Zalo,
}

public static class CitizenContactNames
{
    public static string ToWire(this CitizenContact contact) => contact switch
    {
        CitizenContact.CallBack => "call_back",
        CitizenContact.Zalo => "zalo",
        _ => throw new ArgumentOutOfRangeException(nameof(contact)),
    };
}

/// <summary>A citizen whose report of the same problem was merged into a case. Personal data, like the case's own reporter.</summary>
public sealed class LinkedReporter
{
    private LinkedReporter()
    {
    }

    public LinkedReporter(Reporter reporter, DateTime linkedAtUtc)
    {
        ArgumentNullException.ThrowIfNull(reporter);
        Name = string.IsNullOrWhiteSpace(reporter.Name) ? null : reporter.Name.Trim();
        Phone = string.IsNullOrWhiteSpace(reporter.Phone) ? null : reporter.Phone.Trim();
        ZaloId = string.IsNullOrWhiteSpace(reporter.ZaloId) ? null : reporter.ZaloId.Trim();
        Email = string.IsNullOrWhiteSpace(reporter.Email) ? null : reporter.Email.Trim();
        LinkedAt = DateTime.SpecifyKind(linkedAtUtc, DateTimeKind.Utc);
    }

    public long Id { get; private set; }

    public long CaseId { get; private set; }

    public string? Name { get; private set; }

    public string? Phone { get; private set; }

    public string? ZaloId { get; private set; }

    public string? Email { get; private set; }

    public string? PhoneKey { get; private set; }

    public DateTime LinkedAt { get; private set; }

    public Reporter Reporter => new(Name, Phone, ZaloId, Email);

    public void IndexPhone(Func<string, string> keyOf) => PhoneKey = Phone is null ? null : keyOf(Phone);
}

/// <summary>A link to a photo, video or document sent with a case.</summary>
public sealed class CaseAttachment
{
    public const int UrlMaxLength = 2000;

    private CaseAttachment()
    {
    }

    public CaseAttachment(string url) => Url = url;

    public long Id { get; private set; }

    public long CaseId { get; private set; }

    public string Url { get; private set; } = "";
}
