using HotlineIoc.Infrastructure.Cluster;
using HotlineIoc.Infrastructure.Persistence;
using HotlineIoc.Infrastructure.Privacy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace HotlineIoc.Infrastructure.Tests;

/// <summary>The lease that makes background work run on one node of a cluster, on a real SQLite file both "nodes" share.</summary>
public sealed class WorkLeaseTests
{
    private static readonly TimeSpan Time = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task One_node_holds_a_lease_until_it_expires_then_another_takes_it()
    {
        await using var database = await TestDatabase.CreateAsync(seed: false);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 4, 3, 0, 0, TimeSpan.Zero));
        var leases = new WorkLeases(database.Contexts, clock);
        var ct = TestContext.Current.CancellationToken;

        Assert.True(await leases.TryHoldAsync("ZaloSender", "node-a", Time, ct));
        Assert.False(await leases.TryHoldAsync("ZaloSender", "node-b", Time, ct));
        Assert.True(await leases.TryHoldAsync("ReportScheduler", "node-b", Time, ct)); // each work has its own lease

        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.True(await leases.TryHoldAsync("ZaloSender", "node-a", Time, ct)); // renewed: good for 15 s from now
        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.False(await leases.TryHoldAsync("ZaloSender", "node-b", Time, ct));

        // Node A dies: nobody renews, and once the lease has run out node B takes it, and A cannot take it back.
        clock.Advance(TimeSpan.FromSeconds(16));
        Assert.True(await leases.TryHoldAsync("ZaloSender", "node-b", Time, ct));
        Assert.False(await leases.TryHoldAsync("ZaloSender", "node-a", Time, ct));
        Assert.Equal("node-b", (await leases.FindAsync("ZaloSender", ct))!.Holder);
    }

    [Fact]
    public async Task A_lease_given_back_at_a_clean_stop_is_taken_at_once()
    {
        await using var database = await TestDatabase.CreateAsync(seed: false);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 4, 3, 0, 0, TimeSpan.Zero));
        var leases = new WorkLeases(database.Contexts, clock);
        var ct = TestContext.Current.CancellationToken;

        Assert.True(await leases.TryHoldAsync("DemoLiveFeed", "node-a", Time, ct));
        await leases.ReleaseAsync("DemoLiveFeed", "node-b", ct); // not B's to give back
        Assert.False(await leases.TryHoldAsync("DemoLiveFeed", "node-b", Time, ct));
        await leases.ReleaseAsync("DemoLiveFeed", "node-a", ct);
        Assert.True(await leases.TryHoldAsync("DemoLiveFeed", "node-b", Time, ct));
    }

    [Fact]
    public async Task Many_nodes_asking_at_once_for_a_new_lease_give_it_to_exactly_one()
    {
        await using var database = await TestDatabase.CreateAsync(seed: false);
        var leases = new WorkLeases(database.Contexts, TimeProvider.System);
        var ct = TestContext.Current.CancellationToken;

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => leases.TryHoldAsync("LiveSignalWatcher", $"node-{i}", Time, ct), ct)));

        Assert.Equal(1, results.Count(r => r));
    }

    [Fact]
    public async Task Leased_work_runs_on_one_of_two_nodes_and_moves_to_the_other_when_that_node_stops()
    {
        await using var database = await TestDatabase.CreateAsync(seed: false);
        var ct = TestContext.Current.CancellationToken;
        var leases = new WorkLeases(database.Contexts, TimeProvider.System);
        var time = TimeSpan.FromSeconds(3);
        var a = new CountingWork();
        var b = new CountingWork();
        var nodeA = new LeasedService<CountingWork>(a, leases, new ClusterSettings("redis", "node-a", time), TimeProvider.System, NullLogger<LeasedService<CountingWork>>.Instance);
        var nodeB = new LeasedService<CountingWork>(b, leases, new ClusterSettings("redis", "node-b", time), TimeProvider.System, NullLogger<LeasedService<CountingWork>>.Instance);

        await nodeA.StartAsync(ct);
        await WaitUntilAsync(() => a.Running, ct);
        await nodeB.StartAsync(ct);
        await Task.Delay(TimeSpan.FromSeconds(3), ct);
        Assert.True(a.Running);
        Assert.Equal(0, b.Starts); // never both

        // A clean stop gives the lease back; B takes the work over without waiting for the lease to run out.
        await nodeA.StopAsync(ct);
        Assert.False(a.Running);
        await WaitUntilAsync(() => b.Running, ct);
        Assert.Equal(1, a.Starts);
        await nodeB.StopAsync(ct);
        Assert.False(b.Running);
    }

    [Fact]
    public async Task A_node_with_other_keys_than_the_database_was_written_with_is_told_what_is_wrong()
    {
        await using var database = await TestDatabase.CreateAsync(seed: false);
        var ct = TestContext.Current.CancellationToken;
        await using var first = new ServiceCollection().AddHotlineDatabase(database.Settings).BuildServiceProvider();
        await using (var db = database.Open())
        {
            Assert.Null(await KeyCheck.VerifyAsync(db, first.GetRequiredService<ReporterProtection>(), first.GetRequiredService<ReporterKeyFolder>(), ct));
        }

        // A second node sharing the key folder passes.
        await using var shared = new ServiceCollection().AddHotlineDatabase(database.Settings).BuildServiceProvider();
        await using (var db = database.Open())
        {
            Assert.Null(await KeyCheck.VerifyAsync(db, shared.GetRequiredService<ReporterProtection>(), shared.GetRequiredService<ReporterKeyFolder>(), ct));
        }

        // A node given its own key folder is told which folder is wrong and what to do.
        await using var other = new ServiceCollection().AddHotlineDatabase(database.Settings, database.PathOf("node-b-keys")).BuildServiceProvider();
        await using (var db = database.Open())
        {
            var problem = await KeyCheck.VerifyAsync(db, other.GetRequiredService<ReporterProtection>(), other.GetRequiredService<ReporterKeyFolder>(), ct);
            Assert.NotNull(problem);
            Assert.Contains("node-b-keys", problem, StringComparison.Ordinal);
            Assert.Contains("Privacy:KeysFolder", problem, StringComparison.Ordinal);
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition, CancellationToken ct)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(50, ct);
        }

        Assert.True(condition());
    }

    public sealed class CountingWork : BackgroundService
    {
        private int _starts;
        private volatile bool _running;

        public int Starts => _starts;

        public bool Running => _running;

        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            Interlocked.Increment(ref _starts);
            _running = true;
            try
            {
                await Task.Delay(Timeout.Infinite, stoppingToken);
            }
            catch (OperationCanceledException)
            {
            }
            finally
            {
                _running = false;
            }
        }
    }
}
