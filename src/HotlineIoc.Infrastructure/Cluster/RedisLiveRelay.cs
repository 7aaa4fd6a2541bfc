using System.Text.Json;
using HotlineIoc.Infrastructure.Live;
using HotlineIoc.Infrastructure.Zalo;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace HotlineIoc.Infrastructure.Cluster;

/// <summary>
/// Relays what happens on this node (case changes, bulk reloads, conversation changes, wake-ups of background work) to
/// every other node through Redis pub/sub, and delivers theirs to this node's listeners, each once.
/// <para>
/// Pub/sub drops messages while a node is disconnected, so each node numbers what it sends and beats once a second with
/// its last number. A receiver that sees a gap, or whose own connection comes back, reloads its figures from the database,
/// which holds every change; while its connection is down it shows "live updates paused".
/// </para>
/// </summary>
public sealed class RedisLiveRelay(
    ClusterSettings cluster,
    CaseEventBus bus,
    ConversationEvents conversations,
    ZaloInboxSignal inboxSignal,
    ZaloOutboxSignal outboxSignal,
    RelayStatus status,
    TimeProvider clock,
    ILogger<RedisLiveRelay> logger) : BackgroundService, ILiveRelay
{
    public static readonly TimeSpan Beat = TimeSpan.FromSeconds(1);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly Lock _sending = new();
    private readonly Lock _receiving = new();
    private readonly Dictionary<string, long> _lastFrom = new(StringComparer.Ordinal);
    private ConnectionMultiplexer? _redis;
    private RedisChannel _channel;
    private long _sequence;
    private int _resyncWanted;

    public bool IsConnected => _redis is { } redis && redis.IsConnected && redis.GetSubscriber().IsConnected(_channel);

    public void Send(RelayEnvelope message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_redis is not { } redis)
        {
            return;
        }

        lock (_sending)
        {
            // Numbered even when it cannot go out: the gap tells the other nodes that they missed something.
            var numbered = message with { Node = cluster.NodeName, Sequence = message.IsHeartbeat ? _sequence : ++_sequence };
            try
            {
                // Fire and forget keeps the order of this lock and never holds up a save; with the fail-fast backlog
                // policy nothing is queued while disconnected, so nothing stale arrives after a reconnect.
                redis.GetSubscriber().Publish(_channel, JsonSerializer.SerializeToUtf8Bytes(numbered, Json), CommandFlags.FireAndForget);
            }
            catch (Exception e) when (e is RedisException or ObjectDisposedException or TimeoutException)
            {
                logger.LogDebug(e, "Relay message {Sequence} not sent; the other nodes will reload when they see the gap.", numbered.Sequence);
            }
        }
    }

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var options = ConfigurationOptions.Parse(cluster.RedisConnection!);
        options.AbortOnConnectFail = false;
        options.BacklogPolicy = BacklogPolicy.FailFast;
        options.ReconnectRetryPolicy = new LinearRetry(1000);
        options.ConnectTimeout = Math.Min(options.ConnectTimeout, 3000);
        options.ClientName ??= "hotline-" + Environment.ProcessId;
        _channel = RedisChannel.Literal(cluster.Channel);
        _redis = await ConnectionMultiplexer.ConnectAsync(options);
        _redis.ConnectionFailed += (_, e) =>
        {
            logger.LogWarning("Redis connection lost ({Type}: {Failure}); live updates from other nodes are paused.", e.ConnectionType, e.FailureType);
            status.Pause();
        };
        _redis.ConnectionRestored += (_, e) =>
        {
            logger.LogInformation("Redis connection back ({Type}); reloading the live figures.", e.ConnectionType);
            Interlocked.Exchange(ref _resyncWanted, 1);
        };

        bus.Relay = this;
        conversations.Relay = this;
        inboxSignal.Relay = this;
        outboxSignal.Relay = this;
        await base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        bus.Relay = null;
        conversations.Relay = null;
        inboxSignal.Relay = null;
        outboxSignal.Relay = null;
        await base.StopAsync(cancellationToken);
        if (_redis is { } redis)
        {
            await redis.CloseAsync();
            await redis.DisposeAsync();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var redis = _redis!;
        var subscribed = false;
        using var timer = new PeriodicTimer(Beat, clock);
        do
        {
            try
            {
                if (!subscribed)
                {
                    var queue = await redis.GetSubscriber().SubscribeAsync(_channel);
                    queue.OnMessage(ReceiveAsync);
                    subscribed = true;
                    // Whatever happened before this node listened is in the database: load it once now.
                    Interlocked.Exchange(ref _resyncWanted, 1);
                }

                if (!IsConnected)
                {
                    status.Pause();
                    continue;
                }

                if (Interlocked.Exchange(ref _resyncWanted, 0) == 1)
                {
                    await ResyncAsync("the relay connected");
                }

                status.Resume();
                Send(new RelayEnvelope());
            }
            catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
            {
                status.Pause();
                logger.LogDebug(e, "Redis is not reachable yet; trying again.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task ReceiveAsync(ChannelMessage message)
    {
        RelayEnvelope? envelope;
        try
        {
            envelope = JsonSerializer.Deserialize<RelayEnvelope>((byte[])message.Message!, Json);
        }
        catch (JsonException e)
        {
            logger.LogWarning(e, "A relay message could not be read; ignored.");
            return;
        }

        if (envelope is null || envelope.Node == cluster.NodeName || envelope.Node.Length == 0)
        {
            return;
        }

        bool gap;
        lock (_receiving)
        {
            var known = _lastFrom.TryGetValue(envelope.Node, out var last);
            var expected = envelope.IsHeartbeat ? last : last + 1;
            if (known && envelope.Sequence < expected)
            {
                return; // Already seen.
            }

            gap = known && envelope.Sequence > expected;
            _lastFrom[envelope.Node] = envelope.Sequence;
        }

        try
        {
            if (envelope.Case is { } change)
            {
                await bus.DeliverAsync(change);
            }
            else if (envelope.Reload is { } reload)
            {
                await bus.DeliverAsync(reload);
            }
            else if (envelope.Conversation is { } conversation)
            {
                conversations.Deliver(conversation);
            }
            else if (envelope.Wake == inboxSignal.Name)
            {
                inboxSignal.WakeHere();
            }
            else if (envelope.Wake == outboxSignal.Name)
            {
                outboxSignal.WakeHere();
            }

            if (gap)
            {
                await ResyncAsync($"messages from {envelope.Node} were missed");
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            logger.LogWarning(e, "A relay message from {Node} could not be delivered.", envelope.Node);
        }
    }

    /// <summary>The database has every change this node may have missed: reload the figures and tell every page.</summary>
    private async Task ResyncAsync(string why)
    {
        logger.LogInformation("Reloading the live figures from the database: {Why}.", why);
        await bus.DeliverAsync(new CasesReloaded(0, clock.GetUtcNow().UtcDateTime));
    }
}
