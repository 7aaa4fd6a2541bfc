using System.Text.Json;
using HotlineIoc.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace HotlineIoc.Infrastructure.Zalo;

public enum InboxResult
{
    Stored,

    /// <summary>Zalo delivered the same <c>msg_id</c> again: it is already stored.</summary>
    AlreadyStored,
}

/// <summary>
/// Stores a webhook event durably before Zalo gets its 200; the processing happens afterwards, in
/// <see cref="ZaloInboxProcessor"/>. A database error is thrown to the caller, which answers 503 so that Zalo retries.
/// </summary>
public sealed class ZaloInbox(IDbContextFactory<HotlineDbContext> contexts, TimeProvider clock, ZaloInboxSignal signal)
{
    /// <summary>How long storing one event may wait for the database.</summary>
    public static readonly TimeSpan StoreTimeout = TimeSpan.FromSeconds(1.5);

    public async Task<InboxResult> StoreAsync(ZaloEvent message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!message.IsCitizenMessage)
        {
            throw new ArgumentException($"Only citizens' messages are stored, not {message.EventName}.", nameof(message));
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // Zalo wants its answer within about 2 s: a database that is locked or away fails fast, and Zalo retries.
        db.Database.SetCommandTimeout(StoreTimeout);
        if (await db.ZaloInbox.AnyAsync(e => e.MessageId == message.MessageId, cancellationToken))
        {
            return InboxResult.AlreadyStored;
        }

        db.ZaloInbox.Add(new ZaloInboxEvent
        {
            MessageId = message.MessageId!,
            EventName = message.EventName,
            SenderId = message.SenderId!,
            EventAt = message.At,
            ReceivedAt = clock.GetUtcNow().UtcDateTime,
            Payload = JsonSerializer.Serialize(new StoredPayload(message.Text, message.Attachments), PayloadJson.Options),
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two deliveries of one message at once: the other one stored it. Anything else is the database's failure.
            if (await StoredMeanwhileAsync(message.MessageId!, cancellationToken))
            {
                return InboxResult.AlreadyStored;
            }

            throw;
        }

        signal.Wake();
        return InboxResult.Stored;
    }

    private async Task<bool> StoredMeanwhileAsync(string messageId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.ZaloInbox.AnyAsync(e => e.MessageId == messageId, cancellationToken);
    }
}

/// <summary>The message's content as the inbox keeps it.</summary>
public sealed record StoredPayload(string? Text, IReadOnlyList<ZaloAttachment> Attachments);

internal static class PayloadJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}

/// <summary>Wakes a background worker at once instead of at its next poll; several wakes before it runs count as one.</summary>
public class WorkSignal : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Dispose()
    {
        _signal.Dispose();
        GC.SuppressFinalize(this);
    }

    public void Wake()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already woken.
        }
    }

    /// <summary>Waits for a wake or for <paramref name="poll"/>, whichever comes first.</summary>
    public Task WaitAsync(TimeSpan poll, CancellationToken cancellationToken) => _signal.WaitAsync(poll, cancellationToken);
}

public sealed class ZaloInboxSignal : WorkSignal;

public sealed class ZaloOutboxSignal : WorkSignal;
