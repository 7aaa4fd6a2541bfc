using System.Data.Common;
using HotlineIoc.Infrastructure.Cases;
using HotlineIoc.Infrastructure.Cluster;
using HotlineIoc.Infrastructure.Live;
using HotlineIoc.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace HotlineIoc.Infrastructure.Tests;

/// <summary>The cluster node's last guard against drift: its live figures against the database.</summary>
public sealed class LiveFiguresCheckTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_case_this_node_never_heard_of_is_seen_as_drift_and_a_reload_ends_it()
    {
        await using var database = await TestDatabase.CreateAsync();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 2, 0, 0, TimeSpan.Zero));
        var bus = new CaseEventBus(NullLogger<CaseEventBus>.Instance);
        using var aggregates = new DashboardAggregates(database.Contexts, clock, bus);
        await aggregates.LoadAsync(Ct);
        var check = new LiveFiguresCheck(database.Contexts, aggregates, bus, clock, NullLogger<LiveFiguresCheck>.Instance);
        var here = new CaseIntake(database.Contexts, clock, bus);

        await here.ReceiveAsync(new CaseSubmission("hotline", "MT", "p-buon-ma-thuot", null, "heard here", null, null, null), "op01", Ct);
        Assert.Null(await check.DiffersAsync(Ct));

        // Another node's case whose message never arrived: written to the database, told to nobody here.
        var elsewhere = new CaseIntake(database.Contexts, clock, new CaseEventBus(NullLogger<CaseEventBus>.Instance));
        await elsewhere.ReceiveAsync(new CaseSubmission("zalo", "ATGT", "p-tan-an", null, "heard elsewhere", null, null, null), "op02", Ct);
        var drift = await check.DiffersAsync(Ct);
        Assert.Equal("open 1 here, 2 in the database; received this year 1 here, 2 in the database", drift);

        await bus.DeliverAsync(new CasesReloaded(0, clock.GetUtcNow().UtcDateTime));
        Assert.True(await bus.IdleAsync(TimeSpan.FromSeconds(30)));
        Assert.Null(await check.DiffersAsync(Ct));
    }
}

/// <summary>A reload while cases keep arriving (a relay resync under traffic) must neither lose nor double a change.</summary>
public sealed class ReloadUnderTrafficTests
{
    [Fact]
    public async Task Reloads_while_cases_keep_arriving_end_with_the_databases_figures()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 2, 0, 0, TimeSpan.Zero));
        var bus = new CaseEventBus(NullLogger<CaseEventBus>.Instance);
        // Reads slowed down, so that many changes are committed and delivered while each reload reads.
        using var aggregates = new DashboardAggregates(new SlowReads(database.Settings), clock, bus);
        await aggregates.LoadAsync(ct);
        var intake = new CaseIntake(database.Contexts, clock, bus);
        var handling = new CaseHandling(database.Contexts, clock, bus);

        // The writes wait for a reload to finish every 60 cases, so at least three reloads run while cases keep arriving
        // however the two sides are scheduled (on busy cores the writes could otherwise outrun every reload).
        var reloads = 0;
        var writes = Task.Run(async () =>
        {
            for (var i = 0; i < 240; i++)
            {
                while (Volatile.Read(ref reloads) < i / 60)
                {
                    await Task.Delay(1, ct);
                }

                var item = await intake.ReceiveAsync(new CaseSubmission(i % 2 == 0 ? "hotline" : "zalo", "MT", "p-tan-an", null, "traffic " + i, null, null, null), "op01", ct);
                if (i % 3 == 0)
                {
                    // Some change status too, so reloads meet changes of cases they already hold.
                    await handling.ApplyAsync(item.Code, (c, now) => c.Reject("trùng lặp", now, "op01"), ct);
                }
            }
        }, ct);
        while (!writes.IsCompleted)
        {
            await aggregates.LoadAsync(ct);
            Interlocked.Increment(ref reloads);
        }

        await writes;
        using var fresh = new DashboardAggregates(database.Contexts, clock, new CaseEventBus(NullLogger<CaseEventBus>.Instance));
        await fresh.LoadAsync(ct);
        var expected = fresh.Snapshot();
        var actual = aggregates.Snapshot();
        Assert.True(reloads >= 3, $"only {reloads} reloads ran during the writes");
        Assert.Equal((expected.ReceivedThisYear, expected.ReceivedToday, expected.Open, expected.ResolutionRateThisYear), (actual.ReceivedThisYear, actual.ReceivedToday, actual.Open, actual.ResolutionRateThisYear));
        Assert.Equal(expected.ByChannel, actual.ByChannel);
        Assert.Equal(expected.ByField, actual.ByField);
    }

    /// <summary>Contexts whose every query waits 10 ms before it runs.</summary>
    private sealed class SlowReads(DatabaseSettings settings) : DbCommandInterceptor, IDbContextFactory<HotlineDbContext>
    {
        public HotlineDbContext CreateDbContext()
        {
            var options = new DbContextOptionsBuilder<HotlineDbContext>();
            options.UseDatabase(settings).AddInterceptors(this);
            return new HotlineDbContext(options.Options);
        }

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            await Task.Delay(10, cancellationToken);
            return result;
        }
    }
}
