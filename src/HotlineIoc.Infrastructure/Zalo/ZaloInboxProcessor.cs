using System.Text.Json;
using HotlineIoc.Domain.Calendar;
using HotlineIoc.Domain.Conversations;
using HotlineIoc.Infrastructure.Geography;
using HotlineIoc.Infrastructure.Persistence;
using HotlineIoc.Infrastructure.Privacy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace HotlineIoc.Infrastructure.Zalo;

/// <summary>
/// Turns stored webhook events into conversations, in the order they were stored: a user's first message opens a
/// conversation and queues the acknowledgement; a location gets the unit it falls in. Each event is processed in one
/// transaction with the mark that it was, so a crash never processes one twice or loses one.
/// </summary>
public sealed class ZaloInboxProcessor(
    IDbContextFactory<HotlineDbContext> contexts,
    ReporterProtection protection,
    UnitBoundaries boundaries,
    ZaloSettings settings,
    ZaloOutbox outbox,
    ZaloInboxSignal signal,
    ConversationEvents events,
    TimeProvider clock,
    ILogger<ZaloInboxProcessor> logger) : SignalledWorker(signal, logger)
{
    /// <summary>An event that failed this often is left for an administrator, with its error.</summary>
    public const int MaxAttempts = 10;

    /// <summary>Processes everything waiting now; returns how many events were handled.</summary>
    public Task<int> ProcessPendingAsync(CancellationToken cancellationToken) => DrainAsync(async ct =>
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.ZaloInbox.AsNoTracking()
            .Where(e => e.ProcessedAt == null && e.Attempts < MaxAttempts)
            .OrderBy(e => e.Id).Select(e => e.Id).Take(100)
            .ToListAsync(ct);
    }, ProcessAsync, cancellationToken);

    protected override string Name => "Zalo inbox processor";

    protected override Task WorkAsync(CancellationToken cancellationToken) => ProcessPendingAsync(cancellationToken);

    private async Task ProcessAsync(long id, CancellationToken cancellationToken)
    {
        long? conversationId = null;
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            // What only reads is done first, so the write lock is held for the writes alone: the webhook's inserts wait on it.
            var item = await db.ZaloInbox.SingleAsync(e => e.Id == id, cancellationToken);
            if (item.ProcessedAt is not null)
            {
                return;
            }

            var message = await db.ConversationMessages.AnyAsync(m => m.MessageId == item.MessageId, cancellationToken)
                ? null
                : await MessageOfAsync(db, item, cancellationToken);
            var key = protection.ZaloKey(item.SenderId);
            var open = message is null ? null : await OpenConversationAsync(db, key, cancellationToken);

            var now = clock.GetUtcNow().UtcDateTime;
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (message is not null)
            {
                // Handled or closed by an operator since it was read: the message opens the next conversation.
                if (open is not null && (await db.Conversations.AsNoTracking().Where(c => c.Id == open.Id).Select(c => c.Status).SingleAsync(cancellationToken)) != ConversationStatus.Open)
                {
                    db.Entry(open).State = EntityState.Detached;
                    open = null;
                }

                conversationId = await AddMessageAsync(db, item, open, message, now, cancellationToken);
            }

            item.ProcessedAt = now;
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (Exception e) when (e is DbUpdateException or InvalidOperationException or JsonException or Domain.DomainException)
        {
            logger.LogWarning(e, "Zalo inbox event {Id} could not be processed.", id);
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await db.ZaloInbox.Where(x => x.Id == id).ExecuteUpdateAsync(s => s
                .SetProperty(x => x.Attempts, x => x.Attempts + 1)
                .SetProperty(x => x.LastError, e.GetType().Name + ": " + (e.Message.Length > 1500 ? e.Message[..1500] : e.Message)), cancellationToken);
            return;
        }

        outbox.Wake();
        events.Publish(new ConversationChange(conversationId, null));
    }

    private async Task<ConversationMessage> MessageOfAsync(HotlineDbContext db, ZaloInboxEvent item, CancellationToken cancellationToken)
    {
        var payload = JsonSerializer.Deserialize<StoredPayload>(item.Payload, PayloadJson.Options) ?? new StoredPayload(null, []);
        var location = payload.Attachments.FirstOrDefault(a => a.Latitude is not null && a.Longitude is not null);
        var link = payload.Attachments.FirstOrDefault(a => a.Url is not null);
        return ConversationMessage.Create(
            item.MessageId,
            ZaloEvent.KindOf(item.EventName),
            item.EventAt,
            payload.Text,
            link?.Url,
            link?.Name,
            location?.Latitude,
            location?.Longitude,
            await SuggestUnitAsync(db, location, item.EventAt, cancellationToken));
    }

    private static Task<Conversation?> OpenConversationAsync(HotlineDbContext db, string key, CancellationToken cancellationToken) =>
        db.Conversations.Include(c => c.Messages)
            .Where(c => c.UserKey == key && c.Status == ConversationStatus.Open)
            .OrderByDescending(c => c.Id)
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>Adds the message to the user's open conversation, or opens one and queues the acknowledgement.</summary>
    private async Task<long> AddMessageAsync(HotlineDbContext db, ZaloInboxEvent item, Conversation? open, ConversationMessage message, DateTime now, CancellationToken cancellationToken)
    {
        if (open is not null)
        {
            open.Add(message);
            return open.Id;
        }

        var conversation = Conversation.Open(item.SenderId, message);
        db.Conversations.Add(conversation);
        await db.SaveChangesAsync(cancellationToken);
        await ZaloOutbox.QueueAsync(db, $"ack:{conversation.Id}", OutboxPurpose.Acknowledgement, item.SenderId, settings.AcknowledgementText, conversation.Id, null, "zalo", now, cancellationToken);
        return conversation.Id;
    }

    /// <summary>The unit of the location by point-in-polygon, if that unit exists on the day the message was sent.</summary>
    private async Task<string?> SuggestUnitAsync(HotlineDbContext db, ZaloAttachment? location, DateTime at, CancellationToken cancellationToken)
    {
        if (location is not { Latitude: { } lat, Longitude: { } lon } || boundaries.Locate(lat, lon) is not { } code)
        {
            return null;
        }

        var unit = await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Code == code, cancellationToken);
        return unit is not null && unit.IsValidOn(VietnamTime.LocalDate(at)) ? code : null;
    }
}
