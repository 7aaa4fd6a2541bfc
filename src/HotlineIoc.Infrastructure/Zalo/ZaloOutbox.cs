using HotlineIoc.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace HotlineIoc.Infrastructure.Zalo;

/// <summary>
/// Queues replies to citizens in the caller's own unit of work, so a reply exists exactly when the step that caused it was
/// saved; the idempotency key keeps a reply from being queued twice. <see cref="ZaloSender"/> sends them.
/// </summary>
public sealed class ZaloOutbox(IDbContextFactory<HotlineDbContext> contexts, ZaloOutboxSignal signal)
{
    /// <summary>Adds the reply to <paramref name="db"/> unless one with the same key exists; the caller saves. Returns whether it was added.</summary>
    public static async Task<bool> QueueAsync(
        HotlineDbContext db,
        string idempotencyKey,
        OutboxPurpose purpose,
        string recipientId,
        string text,
        long? conversationId,
        string? caseCode,
        string requestedBy,
        DateTime nowUtc,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentException.ThrowIfNullOrWhiteSpace(recipientId);
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        if (text.Length > ZaloOutboxMessage.TextMaxLength)
        {
            throw new Domain.DomainException($"A Zalo message is at most {ZaloOutboxMessage.TextMaxLength} characters; this one has {text.Length}.");
        }

        if (db.ZaloOutbox.Local.Any(m => m.IdempotencyKey == idempotencyKey)
            || await db.ZaloOutbox.AnyAsync(m => m.IdempotencyKey == idempotencyKey, cancellationToken))
        {
            return false;
        }

        db.ZaloOutbox.Add(new ZaloOutboxMessage
        {
            IdempotencyKey = idempotencyKey,
            Purpose = purpose,
            RecipientId = recipientId,
            Text = text.Trim(),
            ConversationId = conversationId,
            CaseCode = caseCode,
            Status = OutboxStatus.Pending,
            CreatedAt = nowUtc,
            NextAttemptAt = nowUtc,
            RequestedBy = requestedBy,
        });
        return true;
    }

    /// <summary>The replies of a case, oldest first, for its timeline.</summary>
    public async Task<IReadOnlyList<OutboxView>> OfCaseAsync(string caseCode, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.ZaloOutbox.AsNoTracking()
            .Where(m => m.CaseCode == caseCode)
            .OrderBy(m => m.Id)
            .Select(m => new OutboxView(m.Id, m.Purpose, m.Status, m.Text, m.CreatedAt, m.SentAt, m.Attempts, m.ErrorCode, m.LastError, m.RequestedBy))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Starts the sender now rather than at its next poll.</summary>
    public void Wake() => signal.Wake();
}

/// <summary>A reply as the case page shows it: never the recipient.</summary>
public sealed record OutboxView(long Id, OutboxPurpose Purpose, OutboxStatus Status, string Text, DateTime CreatedAt, DateTime? SentAt, int Attempts, int? ErrorCode, string? LastError, string RequestedBy);
