using HotlineIoc.Domain.Cases;
using HotlineIoc.Infrastructure.Live;
using Microsoft.Extensions.Logging.Abstractions;

namespace HotlineIoc.Infrastructure.Tests;

/// <summary>
/// Publishing never waits for a subscriber: each has its own queue and loop, so a stuck page, a slow send or a throwing
/// handler holds up or breaks only itself.
/// </summary>
public sealed class CaseEventBusTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static CaseChanged Change(int n) =>
        new(null, new CaseFacts(n, $"BMT-2026-{n:000000}", "hotline", "MT", "p-tan-an", null, CaseStatus.Received,
            new DateTime(2026, 3, 2, 2, 0, 0, DateTimeKind.Utc), new DateTime(2026, 3, 5, 2, 0, 0, DateTimeKind.Utc), null, null), new DateTime(2026, 3, 2, 2, 0, 0, DateTimeKind.Utc));

    [Fact]
    public async Task A_subscriber_of_reloads_only_gets_the_reloads_and_no_change_is_queued_for_it()
    {
        var log = new Warnings();
        var bus = new CaseEventBus(log);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reloads = 0;
        using var reloadsOnly = bus.SubscribeReloads(async reload =>
        {
            Interlocked.Increment(ref reloads);
            await release.Task;
        });

        // While its reload is stuck, more changes than the backlog warning allows: queued for it, they would pile up.
        await bus.PublishAsync(new CasesReloaded(3, new DateTime(2026, 3, 2, 2, 0, 0, DateTimeKind.Utc)));
        for (var n = 1; n <= CaseEventBus.BacklogWarning + 1; n++)
        {
            await bus.PublishAsync(Change(n));
        }

        release.SetResult();
        Assert.True(await bus.IdleAsync(Patience));
        Assert.Equal(1, Volatile.Read(ref reloads));
        Assert.Equal(0, log.Count);
    }

    private sealed class Warnings : Microsoft.Extensions.Logging.ILogger<CaseEventBus>
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= Microsoft.Extensions.Logging.LogLevel.Warning)
            {
                Interlocked.Increment(ref _count);
            }
        }
    }

    [Fact]
    public async Task A_publish_returns_while_a_subscriber_is_stuck_and_the_others_get_every_change_in_order()
    {
        var bus = new CaseEventBus(NullLogger<CaseEventBus>.Instance);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stuckSaw = 0;
        using var stuck = bus.Subscribe(async _ =>
        {
            Interlocked.Increment(ref stuckSaw);
            await release.Task;
        });
        var seen = new List<string>();
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var follower = bus.Subscribe(change =>
        {
            lock (seen)
            {
                seen.Add(change.After.Code);
                if (seen.Count == 100)
                {
                    all.TrySetResult();
                }
            }

            return ValueTask.CompletedTask;
        });

        for (var n = 1; n <= 100; n++)
        {
            var publish = bus.PublishAsync(Change(n));
            Assert.True(publish.IsCompleted, $"publish {n} waited for a subscriber");
            await publish;
        }

        await all.Task.WaitAsync(Patience, TestContext.Current.CancellationToken);
        Assert.Equal(Enumerable.Range(1, 100).Select(n => $"BMT-2026-{n:000000}"), seen);
        while (Volatile.Read(ref stuckSaw) == 0)
        {
            await Task.Delay(5, TestContext.Current.CancellationToken);
        }

        await Task.Delay(50, TestContext.Current.CancellationToken);
        Assert.Equal(1, Volatile.Read(ref stuckSaw)); // it is still on the first one
        Assert.False(await bus.IdleAsync(TimeSpan.FromMilliseconds(50)));

        release.SetResult();
        Assert.True(await bus.IdleAsync(Patience));
        Assert.Equal(100, Volatile.Read(ref stuckSaw));
    }

    [Fact]
    public async Task A_throwing_subscriber_does_not_stop_the_others_nor_its_own_later_changes()
    {
        var bus = new CaseEventBus(NullLogger<CaseEventBus>.Instance);
        var thrower = 0;
        var quiet = 0;
        var reloads = 0;
        using var failing = bus.Subscribe(
            _ =>
            {
                Interlocked.Increment(ref thrower);
                throw new InvalidOperationException("a closed page");
            },
            _ => throw new InvalidOperationException("a closed page"));
        using var inlineFailing = bus.SubscribeInline(_ => throw new InvalidOperationException("inline failure"));
        using var good = bus.Subscribe(
            _ =>
            {
                Interlocked.Increment(ref quiet);
                return ValueTask.CompletedTask;
            },
            _ =>
            {
                Interlocked.Increment(ref reloads);
                return ValueTask.CompletedTask;
            });

        for (var n = 1; n <= 20; n++)
        {
            await bus.PublishAsync(Change(n));
        }

        await bus.PublishAsync(new CasesReloaded(5, DateTime.UtcNow));
        Assert.True(await bus.IdleAsync(Patience));
        Assert.Equal(20, thrower);
        Assert.Equal(20, quiet);
        Assert.Equal(1, reloads);
    }

    [Fact]
    public async Task An_inline_subscriber_has_the_change_before_the_publish_returns_and_a_closed_one_hears_nothing()
    {
        var bus = new CaseEventBus(NullLogger<CaseEventBus>.Instance);
        var inline = 0;
        var queued = 0;
        var subscription = bus.SubscribeInline(_ => inline++);
        var queue = bus.Subscribe(_ =>
        {
            Interlocked.Increment(ref queued);
            return ValueTask.CompletedTask;
        });

        await bus.PublishAsync(Change(1));
        Assert.Equal(1, inline);

        subscription.Dispose();
        queue.Dispose();
        await bus.PublishAsync(Change(2));
        Assert.True(await bus.IdleAsync(Patience));
        Assert.Equal(1, inline);
        Assert.True(Volatile.Read(ref queued) <= 1);
        Assert.Equal(0, bus.SubscriberCount);
    }
}
