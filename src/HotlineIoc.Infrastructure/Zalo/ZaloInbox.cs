using System.Text.Json;
using System.Threading.Channels;
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
/// Stores webhook events durably before Zalo gets its 200; the processing happens afterwards, in
/// <see cref="ZaloInboxProcessor"/>. Deliveries that arrive together are written by one writer in one transaction
/// (group commit): a burst costs one commit instead of one each, and no delivery waits on another's lock. Each caller
/// gets its answer only once its batch is committed; a database error is thrown to every caller of the batch, which
/// answers 503 so that Zalo retries.
/// </summary>
public sealed class ZaloInbox : IAsyncDisposable
{
    /// <summary>How long writing one batch may wait for the database: Zalo wants its answer within about 2 s.</summary>
    public static readonly TimeSpan StoreTimeout = TimeSpan.FromSeconds(1.5);

    private const int MaxBatch = 500;

    private readonly IDbContextFactory<HotlineDbContext> _contexts;
    private readonly TimeProvider _clock;
    private readonly ZaloInboxSignal _signal;
    private readonly Channel<Delivery> _queue = Channel.CreateUnbounded<Delivery>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;

    public ZaloInbox(IDbContextFactory<HotlineDbContext> contexts, TimeProvider clock, ZaloInboxSignal signal)
    {
        _contexts = contexts;
        _clock = clock;
        _signal = signal;
        _writer = Task.Run(WriteAsync);
    }

    public async Task<InboxResult> StoreAsync(ZaloEvent message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!message.IsCitizenMessage)
        {
            throw new ArgumentException($"Only citizens' messages are stored, not {message.EventName}.", nameof(message));
        }

        var delivery = new Delivery(message, new TaskCompletionSource<InboxResult>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(delivery))
        {
            throw new InvalidOperationException("The Zalo inbox is shutting down.");
        }

        return await delivery.Stored.Task.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer;
    }

    private async Task WriteAsync()
    {
        var batch = new List<Delivery>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var delivery))
            {
                batch.Add(delivery);
            }

            try
            {
                var results = await WriteBatchAsync(batch);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Stored.TrySetResult(results[i]);
                }

                _signal.Wake();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                foreach (var delivery in batch)
                {
                    delivery.Stored.TrySetException(e);
                }
            }
        }
    }

    /// <summary>Writes the new events of the batch in one transaction; an event delivered twice (now or before) is stored once.</summary>
    private async Task<InboxResult[]> WriteBatchAsync(List<Delivery> batch)
    {
        await using var db = await _contexts.CreateDbContextAsync();
        db.Database.SetCommandTimeout(StoreTimeout);
        var ids = batch.Select(d => d.Message.MessageId!).Distinct(StringComparer.Ordinal).ToList();
        var known = (await db.ZaloInbox.AsNoTracking().Where(e => ids.Contains(e.MessageId)).Select(e => e.MessageId).ToListAsync()).ToHashSet(StringComparer.Ordinal);
        var now = _clock.GetUtcNow().UtcDateTime;
        var results = new InboxResult[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            var message = batch[i].Message;
            if (!known.Add(message.MessageId!))
            {
                results[i] = InboxResult.AlreadyStored;
                continue;
            }

            results[i] = InboxResult.Stored;
            db.ZaloInbox.Add(new ZaloInboxEvent
            {
                MessageId = message.MessageId!,
                EventName = message.EventName,
                SenderId = message.SenderId!,
                EventAt = message.At,
                ReceivedAt = now,
                Payload = JsonSerializer.Serialize(new StoredPayload(message.Text, message.Attachments), PayloadJson.Options),
            });
        }

        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException) when (batch.Count > 1)
        {
            // Another app node stored one of these meanwhile: write them one by one, so the others are not lost with it.
            return await WriteOneByOneAsync(batch);
        }

        return results;
    }

    private async Task<InboxResult[]> WriteOneByOneAsync(List<Delivery> batch)
    {
        var results = new InboxResult[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            try
            {
                results[i] = (await WriteBatchAsync([batch[i]]))[0];
            }
            catch (DbUpdateException)
            {
                await using var db = await _contexts.CreateDbContextAsync();
                var id = batch[i].Message.MessageId!;
                if (!await db.ZaloInbox.AnyAsync(e => e.MessageId == id))
                {
                    throw;
                }

                results[i] = InboxResult.AlreadyStored;
            }
        }

        return results;
    }

    private sealed record Delivery(ZaloEvent Message, TaskCompletionSource<InboxResult> Stored);
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

    /// <summary>The other nodes of a cluster, one of which may run the work; null on a single node.</summary>
    public Live.ILiveRelay? Relay { get; set; }

    /// <summary>What the relay calls this signal.</summary>
    public string Name => GetType().Name;

    /// <summary>Wakes the worker here, and on whichever node runs it.</summary>
    public void Wake()
    {
        WakeHere();
        Relay?.Send(new Live.RelayEnvelope { Wake = Name });
    }

    public void WakeHere()
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
