using HotlineIoc.Domain.Cases;
using HotlineIoc.Infrastructure.CaseCsv;
using HotlineIoc.Infrastructure.Cases;
using HotlineIoc.Infrastructure.Live;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace HotlineIoc.Infrastructure.Tests;

public sealed class DashboardAggregatesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Changes_move_the_figures_without_reading_the_history_again_and_deadlines_fall_due_on_time()
    {
        await using var database = await TestDatabase.CreateAsync();
        // Monday 2 March 2026, 09:00 in Vietnam.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 2, 0, 0, TimeSpan.Zero));
        var path = new CaseCsvBuilder()
            .Row("BMT-2026-000001,hotline,2026-02-25T09:00:00+07:00,MT,p-buon-ma-thuot,,,,a,,,in_progress,TNMT,,,,")
            .Row("BMT-2026-000002,zalo,2026-02-26T09:00:00+07:00,ATGT,p-ea-kao,,,,b,,,forwarded,CA,,,,")
            .Row("BMT-2026-000003,ioc,2026-01-05T09:00:00+07:00,HTDT,p-buon-ma-thuot,,,,c,,,closed,QLDT,2026-01-07T09:00:00+07:00,2026-01-07T15:00:00+07:00,,")
            .WriteTo(database.PathOf("live.csv"));
        await new CaseImporter(database.Contexts).ImportAsync(path, "test", null, null, Ct);
        var bus = new CaseEventBus(NullLogger<CaseEventBus>.Instance);
        using var aggregates = new DashboardAggregates(database.Contexts, clock, bus);
        await aggregates.LoadAsync(Ct);
        var changes = 0;
        aggregates.Changed += () => changes++;

        var start = aggregates.Snapshot();
        // Case 1 (Wed 25 Feb, 3 working days) was due Mon 2 March 23:59:59; case 2 is due Tue 3 March.
        Assert.Equal((3, 2, 0), (start.ReceivedThisYear, start.Open, start.Overdue));
        Assert.Equal(2, start.DueWithinOneWorkingDay);
        Assert.Equal(new DateTime(2026, 3, 2, 16, 59, 59, DateTimeKind.Utc), start.NextDeadlineAt);

        var intake = new CaseIntake(database.Contexts, clock, bus);
        var created = await intake.ReceiveAsync(new CaseSubmission("hotline", "MT", "p-buon-ma-thuot", null, "d", null, null, null), "op01", Ct);
        var afterNew = aggregates.Snapshot();
        Assert.Equal((1, 4, 3, 1), (changes, afterNew.ReceivedThisYear, afterNew.Open, afterNew.ReceivedToday));
        Assert.Equal(created.Code, afterNew.Stream[0].Code);

        var handling = new CaseHandling(database.Contexts, clock, bus);
        await handling.ApplyAsync("BMT-2026-000001", (c, now) => c.ReportResult("Đã xử lý", new Enforcement(EnforcementKind.Reminder), now, "agency:TNMT"), Ct);
        var afterResult = aggregates.Snapshot();
        Assert.Equal((2, 4, 2), (changes, afterResult.ReceivedThisYear, afterResult.Open));
        Assert.Equal(2.0 / 4, afterResult.ResolutionRateThisYear, 10);
        Assert.Equal("BMT-2026-000001", afterResult.Stream[0].Code);

        // One second past midnight on Tuesday: case 2 is not yet due (Tuesday 23:59:59), nothing is overdue.
        clock.SetUtcNow(new DateTimeOffset(2026, 3, 2, 17, 0, 1, TimeSpan.Zero));
        Assert.Equal(0, aggregates.Snapshot().Overdue);
        clock.SetUtcNow(new DateTimeOffset(2026, 3, 3, 17, 0, 0, TimeSpan.Zero));
        var late = aggregates.Snapshot();
        Assert.Equal(1, late.Overdue);
        Assert.Equal([new CodeCount("CA", 1)], late.OverdueByAgency);
    }

    [Fact]
    public async Task A_bulk_reload_rereads_the_database_and_a_closed_subscriber_is_forgotten()
    {
        await using var database = await TestDatabase.CreateAsync();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 2, 0, 0, TimeSpan.Zero));
        var bus = new CaseEventBus(NullLogger<CaseEventBus>.Instance);
        var aggregates = new DashboardAggregates(database.Contexts, clock, bus);
        await aggregates.LoadAsync(Ct);
        Assert.Equal(0, aggregates.Snapshot().ReceivedThisYear);

        var path = new CaseCsvBuilder().Row("BMT-2026-000001,hotline,2026-02-25T09:00:00+07:00,MT,p-buon-ma-thuot,,,,a,,,received,,,,,").WriteTo(database.PathOf("bulk.csv"));
        await new CaseImporter(database.Contexts).ImportAsync(path, "test", null, null, Ct);
        await bus.PublishAsync(new CasesReloaded(1, clock.GetUtcNow().UtcDateTime));
        // The reload reads the database on the bus's own loop, not inside the publisher's await.
        Assert.True(await bus.IdleAsync(TimeSpan.FromSeconds(30)));

        Assert.Equal(1, aggregates.Snapshot().ReceivedThisYear);
        Assert.Equal(2, bus.SubscriberCount); // the figures' inline counters and their queued reload
        aggregates.Dispose();
        Assert.Equal(0, bus.SubscriberCount);
    }
}
