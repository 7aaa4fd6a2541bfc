using System.Globalization;
using System.Security.Claims;
using HotlineIoc.Domain;
using HotlineIoc.Domain.Calendar;
using HotlineIoc.Domain.Cases;
using HotlineIoc.Domain.Conversations;
using HotlineIoc.Infrastructure.Cases;
using HotlineIoc.Infrastructure.Identity;
using HotlineIoc.Infrastructure.Live;
using HotlineIoc.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace HotlineIoc.Infrastructure.Zalo;

/// <summary>A conversation waiting in triage, without the user's id.</summary>
public sealed record ConversationSummary(long Id, DateTime FirstMessageAt, DateTime LastMessageAt, int Messages, string? Preview, string? SuggestedUnitCode);

/// <summary>What the operator decides for a conversation that is a report.</summary>
public sealed record ConversationCase(string FieldCode, string UnitCode, string Description, string? Address);

/// <summary>
/// Triage of Zalo conversations for the Operator and the Secretary: list them, make one a case (received at the citizen's
/// first message, so slow triage never stretches the deadline), link one to a case as a further reporter, or close one
/// that is not a report. Making or linking a case queues the reply with the code and due date in the same save.
/// </summary>
public sealed class ConversationDesk(
    IDbContextFactory<HotlineDbContext> contexts,
    CaseIntake intake,
    CaseEventBus bus,
    ZaloSettings settings,
    ZaloOutbox outbox,
    ConversationEvents events,
    TimeProvider clock)
{
    public const int ListLimit = 200;

    /// <summary>Open conversations, the one with the newest message first.</summary>
    public async Task<IReadOnlyList<ConversationSummary>> OpenAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        Require(user);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Conversations.AsNoTracking()
            .Where(c => c.Status == ConversationStatus.Open)
            .OrderByDescending(c => c.LastMessageAt).ThenByDescending(c => c.Id)
            .Take(ListLimit)
            .Select(c => new ConversationSummary(
                c.Id,
                c.FirstMessageAt,
                c.LastMessageAt,
                c.Messages.Count,
                c.Messages.OrderBy(m => m.At).Where(m => m.Text != null).Select(m => m.Text).FirstOrDefault(),
                c.Messages.OrderByDescending(m => m.At).Where(m => m.SuggestedUnitCode != null).Select(m => m.SuggestedUnitCode).FirstOrDefault()))
            .ToListAsync(cancellationToken);
    }

    /// <summary>A conversation with its messages in order; the user id stays in the record but no page shows it unmasked.</summary>
    public async Task<Conversation?> FindAsync(ClaimsPrincipal user, long id, CancellationToken cancellationToken)
    {
        Require(user);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Conversations.AsNoTracking().Include(c => c.Messages).SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
    }

    /// <summary>Makes the conversation a <c>zalo</c> case received at its first message; returns the case.</summary>
    public async Task<Case> MakeCaseAsync(ClaimsPrincipal user, long id, ConversationCase decision, CancellationToken cancellationToken)
    {
        Require(user);
        ArgumentNullException.ThrowIfNull(decision);
        Conversation conversation;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            conversation = await db.Conversations.AsNoTracking().Include(c => c.Messages).SingleOrDefaultAsync(c => c.Id == id, cancellationToken)
                ?? throw new KeyNotFoundException($"No conversation has the number {id}.");
        }

        RequireOpen(conversation);
        var location = conversation.LastLocation;
        var submission = new CaseSubmission(
            HotlineIoc.Domain.Reference.Channel.Zalo,
            decision.FieldCode,
            decision.UnitCode,
            decision.Address,
            decision.Description,
            null,
            null,
            new DateTimeOffset(conversation.FirstMessageAt, TimeSpan.Zero),
            location?.Latitude,
            location?.Longitude,
            conversation.UserId);
        var actor = CaseDesk.ActorOf(user);
        var item = await intake.ReceiveAsync(submission, actor, async (db, created, now) =>
        {
            var tracked = await db.Conversations.SingleAsync(c => c.Id == id, cancellationToken);
            tracked.Handle(created.Code, now, actor);
            await QueueCaseReplyAsync(db, tracked, created, actor, now, cancellationToken);
        }, cancellationToken);
        Announce(id, item.Code);
        return item;
    }

    /// <summary>The citizen reports a case that is already open: they are linked to it as a further reporter.</summary>
    public async Task<Case> LinkToCaseAsync(ClaimsPrincipal user, long id, string caseCode, CancellationToken cancellationToken)
    {
        Require(user);
        var code = (caseCode ?? "").Trim().ToUpperInvariant();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var conversation = await db.Conversations.SingleOrDefaultAsync(c => c.Id == id, cancellationToken)
            ?? throw new KeyNotFoundException($"No conversation has the number {id}.");
        RequireOpen(conversation);
        var item = await db.Cases.Include(c => c.History).SingleOrDefaultAsync(c => c.Code == code, cancellationToken)
            ?? throw new DomainException($"No case has the code '{caseCode}'.");
        var before = CaseFacts.From(item);
        var now = clock.GetUtcNow().UtcDateTime;
        var actor = CaseDesk.ActorOf(user);
        item.LinkReporter(new Reporter(null, null, conversation.UserId), now, actor);
        conversation.Handle(item.Code, now, actor);
        await QueueCaseReplyAsync(db, conversation, item, actor, now, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException e)
        {
            throw new CaseChangedMeanwhileException(item.Code, e);
        }

        await bus.PublishAsync(new CaseChanged(before, CaseFacts.From(item), now));
        Announce(id, item.Code);
        return item;
    }

    /// <summary>Not a report: closed with its reason; nothing is sent.</summary>
    public async Task CloseAsync(ClaimsPrincipal user, long id, string reason, CancellationToken cancellationToken)
    {
        Require(user);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var conversation = await db.Conversations.SingleOrDefaultAsync(c => c.Id == id, cancellationToken)
            ?? throw new KeyNotFoundException($"No conversation has the number {id}.");
        conversation.Close(reason, clock.GetUtcNow().UtcDateTime, CaseDesk.ActorOf(user));
        await db.SaveChangesAsync(cancellationToken);
        events.Publish(new ConversationChange(id, null));
    }

    /// <summary>
    /// Sends the outcome to the citizen over Zalo and records it as the citizen response (Zalo, now); the satisfaction is
    /// what the operator recorded, or unknown until the citizen answers.
    /// </summary>
    public async Task<Case> SendResultAsync(ClaimsPrincipal user, string caseCode, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new DomainException("The message to the citizen is empty.");
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var item = await db.Cases.Include(c => c.History).Include(c => c.LinkedReporters).SingleOrDefaultAsync(c => c.Code == caseCode, cancellationToken)
            ?? throw new KeyNotFoundException($"No case has the code '{caseCode}'.");
        if (!CaseActionPolicy.Allows(user, CaseAction.RecordCitizenResponse, item))
        {
            throw new CaseActionRefusedException($"{CaseDesk.ActorOf(user)} may not tell the citizen the outcome of case {item.Code}.");
        }

        var recipients = new[] { item.ReporterZaloId }.Concat(item.LinkedReporters.Select(r => r.ZaloId)).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        if (recipients.Count == 0)
        {
            throw new DomainException($"Case {item.Code} has no Zalo reporter to send the result to; call the citizen back.");
        }

        var before = CaseFacts.From(item);
        var now = clock.GetUtcNow().UtcDateTime;
        var actor = CaseDesk.ActorOf(user);
        // One set of replies per time the case is closed (a re-opened case may be answered again).
        var attempt = item.History.Count(e => e.Kind == CaseEventKind.Closed);
        item.RecordCitizenResponse(CitizenContact.Zalo, now, satisfied: null, "Gửi kết quả qua Zalo", now, actor);
        for (var i = 0; i < recipients.Count; i++)
        {
            await ZaloOutbox.QueueAsync(db, $"result:{item.Code}:{attempt}:{i}", OutboxPurpose.Result, recipients[i], text.Trim(), null, item.Code, actor, now, cancellationToken);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException e)
        {
            throw new CaseChangedMeanwhileException(item.Code, e);
        }

        await bus.PublishAsync(new CaseChanged(before, CaseFacts.From(item), now));
        Announce(null, item.Code);
        return item;
    }

    /// <summary>The reply with the case code and due date, from the text in the settings.</summary>
    private async Task QueueCaseReplyAsync(HotlineDbContext db, Conversation conversation, Case item, string actor, DateTime now, CancellationToken cancellationToken)
    {
        var due = VietnamTime.ToLocal(item.DueAt).ToString("HH:mm 'ngày' dd/MM/yyyy", CultureInfo.InvariantCulture);
        var text = settings.CaseReceivedText.Replace("{code}", item.Code, StringComparison.Ordinal).Replace("{due}", due, StringComparison.Ordinal);
        await ZaloOutbox.QueueAsync(db, $"case:{item.Code}:{conversation.Id}", OutboxPurpose.CaseReceived, conversation.UserId, text, conversation.Id, item.Code, actor, now, cancellationToken);
    }

    private void Announce(long? conversationId, string caseCode)
    {
        outbox.Wake();
        events.Publish(new ConversationChange(conversationId, caseCode));
    }

    private static void RequireOpen(Conversation conversation)
    {
        if (!conversation.IsOpen)
        {
            throw new DomainException(conversation.Status == ConversationStatus.Handled
                ? $"This conversation was already made into case {conversation.CaseCode}."
                : "This conversation was already closed.");
        }
    }

    private static void Require(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!user.IsInRole(HotlineRoles.Operator) && !user.IsInRole(HotlineRoles.Secretary))
        {
            throw new CaseActionRefusedException($"{CaseDesk.ActorOf(user)} may not triage Zalo conversations; only operators and the secretary do.");
        }
    }
}
