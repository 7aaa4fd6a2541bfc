using HotlineIoc.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace HotlineIoc.Infrastructure.Zalo;

/// <summary>
/// Sends the outbox, oldest first. A reply is marked as being sent before Zalo gets it and as sent (or why not) after,
/// so none is sent twice: one caught by a stop in between is marked <see cref="OutboxStatus.Uncertain"/> at the next start
/// and left for an operator, never sent again. Transient failures are retried with growing waits; an expired token is
/// refreshed once and the send retried once; outside Zalo's 7-day window the case is marked for a call-back.
/// </summary>
public sealed class ZaloSender(
    IDbContextFactory<HotlineDbContext> contexts,
    ZaloClient client,
    ZaloTokenStore tokens,
    ZaloOutboxSignal signal,
    ConversationEvents events,
    TimeProvider clock,
    ILogger<ZaloSender> logger) : SignalledWorker(signal, logger)
{
    /// <summary>Attempts before a transient failure becomes a failure.</summary>
    public const int MaxAttempts = 6;

    /// <summary>
    /// Called once at start: replies caught mid-send by a stop are marked uncertain, and replies still waiting are tried at
    /// once instead of after the wait they had when the app stopped.
    /// </summary>
    public async Task<int> RecoverAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        await db.ZaloOutbox.Where(m => m.Status == OutboxStatus.Pending && m.NextAttemptAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAt, now), cancellationToken);
        return await db.ZaloOutbox.Where(m => m.Status == OutboxStatus.Sending).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Status, OutboxStatus.Uncertain)
            .SetProperty(m => m.LastError, "Ứng dụng dừng khi tin đang được gửi: có thể đã đến người dân; không gửi lại để tránh trùng. Hãy kiểm tra trên Zalo OA."), cancellationToken);
    }

    /// <summary>Sends every reply that is due now; returns how many were tried.</summary>
    public Task<int> SendDueAsync(CancellationToken cancellationToken) => DrainAsync(async ct =>
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.ZaloOutbox.AsNoTracking()
            .Where(m => m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now)
            .OrderBy(m => m.Id).Select(m => m.Id).Take(50)
            .ToListAsync(ct);
    }, SendAsync, cancellationToken);

    protected override string Name => "Zalo reply sender";

    protected override async Task StartingAsync(CancellationToken cancellationToken)
    {
        var interrupted = await RecoverAsync(cancellationToken);
        if (interrupted > 0)
        {
            logger.LogWarning("{Count} Zalo replies were being sent when the app stopped; they are marked uncertain and not sent again.", interrupted);
        }
    }

    protected override Task WorkAsync(CancellationToken cancellationToken) => SendDueAsync(cancellationToken);

    private async Task SendAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var message = await db.ZaloOutbox.SingleAsync(m => m.Id == id, cancellationToken);
        if (message.Status != OutboxStatus.Pending)
        {
            return;
        }

        // Claimed before Zalo gets it: a stop from here on leaves it Sending, never Pending, so it is never sent twice.
        message.Status = OutboxStatus.Sending;
        message.Attempts++;
        await db.SaveChangesAsync(cancellationToken);

        var result = await TrySendAsync(message, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        Record(message, result, now);
        await db.SaveChangesAsync(CancellationToken.None);
        events.Publish(new ConversationChange(message.ConversationId, message.CaseCode));
    }

    private async Task<ZaloSendResult> TrySendAsync(ZaloOutboxMessage message, CancellationToken cancellationToken)
    {
        ZaloTokens? current;
        try
        {
            current = await tokens.CurrentAsync(cancellationToken);
        }
        catch (Exception e) when (e is InvalidOperationException or DbUpdateException)
        {
            return new ZaloSendResult(null, "the access token could not be read: " + e.Message, null);
        }

        if (current is null)
        {
            return new ZaloSendResult(null, "no access token is set (Zalo:AccessToken)", null);
        }

        var result = await client.SendTextAsync(current.AccessToken, message.RecipientId, message.Text, cancellationToken);
        if (!result.TokenExpired)
        {
            return result;
        }

        // Refresh once with the single-use refresh token (the new pair is stored first), then retry once.
        try
        {
            var fresh = await tokens.RefreshAsync(current, cancellationToken);
            var retried = await client.SendTextAsync(fresh.AccessToken, message.RecipientId, message.Text, cancellationToken);
            return retried.TokenExpired ? retried with { Message = "the access token was refreshed but Zalo still refuses it: " + retried.Message } : retried;
        }
        catch (ZaloTokenException e)
        {
            logger.LogError(e, "The Zalo access token could not be refreshed.");
            return new ZaloSendResult(result.Error, e.Message, null);
        }
    }

    private static void Record(ZaloOutboxMessage message, ZaloSendResult result, DateTime now)
    {
        message.ErrorCode = result.Error;
        if (result.Succeeded)
        {
            message.Status = OutboxStatus.Sent;
            message.SentAt = now;
            message.ZaloMessageId = result.MessageId;
            message.LastError = null;
            return;
        }

        message.LastError = $"{(result.Error is { } code ? $"Zalo {code}: " : "")}{result.Message}";
        if (result.OutsideWindow)
        {
            message.Status = OutboxStatus.CannotSend;
            message.LastError = $"Zalo {result.Error}: người dân chưa tương tác với OA trong 7 ngày qua, không gửi được qua Zalo — hãy gọi điện lại cho người dân.";
        }
        else if (result.BadPayload || result.TokenExpired || message.Attempts >= MaxAttempts)
        {
            message.Status = OutboxStatus.Failed;
        }
        else
        {
            // 30 s, 1 min, 2 min, 4 min, 8 min; Zalo's rate limit waits longer.
            var wait = TimeSpan.FromSeconds(30 * Math.Pow(2, message.Attempts - 1)) * (result.RateLimited ? 4 : 1);
            message.Status = OutboxStatus.Pending;
            message.NextAttemptAt = now + wait;
        }
    }
}
