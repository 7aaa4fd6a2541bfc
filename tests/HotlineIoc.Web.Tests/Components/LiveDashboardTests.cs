using System.Reflection;
using Bunit;
using HotlineIoc.Domain.Calendar;
using HotlineIoc.Domain.Cases;
using HotlineIoc.Infrastructure.Cluster;
using HotlineIoc.Infrastructure.Live;
using HotlineIoc.Web.Components.Dashboard;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using static HotlineIoc.Web.Tests.Components.DashboardTestKit;

namespace HotlineIoc.Web.Tests.Components;

/// <summary>The live wrapper on real aggregates over a real SQLite file, with a clock the test moves.</summary>
public sealed class LiveDashboardTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(Now);
    private readonly CaseEventBus _bus = new(NullLogger<CaseEventBus>.Instance);
    private ComponentDatabase _db = default!;
    private DashboardAggregates _aggregates = default!;
    private int _sequence;

    public async ValueTask InitializeAsync()
    {
        _db = await ComponentDatabase.CreateAsync();
        _aggregates = new DashboardAggregates(_db.Contexts, _clock, _bus);
        await _aggregates.LoadAsync(Xunit.TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _aggregates.Dispose();
        await _db.DisposeAsync();
    }

    [Fact]
    public async Task A_new_case_shows_at_once()
    {
        using var culture = Vietnamese();
        await using var ctx = Context();
        var cut = ctx.Render<LiveDashboard>();
        Assert.Equal("Tiếp nhận hôm nay 0", Tile(cut, "received-today"));

        await PublishNewCaseAsync();

        cut.WaitForAssertion(() => Assert.Equal("Tiếp nhận hôm nay 1", Tile(cut, "received-today")));
        Assert.Equal(1, cut.Instance.LiveRenders);
        Assert.Single(cut.FindAll(".hd-stream-item"));
    }

    [Fact]
    public async Task A_burst_of_changes_is_one_render_now_and_one_at_the_end_of_the_window()
    {
        using var culture = Vietnamese();
        await using var ctx = Context();
        var cut = ctx.Render<LiveDashboard>();

        for (var i = 0; i < 5; i++)
        {
            await PublishNewCaseAsync();
        }

        cut.WaitForAssertion(() => Assert.Equal("Tiếp nhận hôm nay 1", Tile(cut, "received-today")));
        Assert.Equal(1, cut.Instance.LiveRenders);

        _clock.Advance(LiveDashboard.CoalesceWindow);

        cut.WaitForAssertion(() => Assert.Equal("Tiếp nhận hôm nay 5", Tile(cut, "received-today")));
        Assert.Equal(2, cut.Instance.LiveRenders);
    }

    [Fact]
    public async Task A_lone_change_after_a_quiet_spell_is_not_delayed()
    {
        using var culture = Vietnamese();
        await using var ctx = Context();
        var cut = ctx.Render<LiveDashboard>();
        await PublishNewCaseAsync();
        cut.WaitForAssertion(() => Assert.Equal(1, cut.Instance.LiveRenders));

        _clock.Advance(TimeSpan.FromSeconds(5));
        await PublishNewCaseAsync();

        cut.WaitForAssertion(() => Assert.Equal("Tiếp nhận hôm nay 2", Tile(cut, "received-today")));
        Assert.Equal(2, cut.Instance.LiveRenders);
    }

    [Fact]
    public async Task A_deadline_passing_without_any_event_turns_the_overdue_tile_red()
    {
        using var culture = Vietnamese();
        await using var ctx = Context();
        // Received on Friday 7 March: due at the end of Wednesday 12 March, 14 hours from now.
        await PublishNewCaseAsync(receivedAt: VietnamTime.FromLocal(new DateOnly(2025, 3, 7), new TimeOnly(9, 0)));
        var cut = ctx.Render<LiveDashboard>();
        Assert.Equal("Quá hạn 0", Tile(cut, "overdue"));

        for (var i = 0; i < 30; i++)
        {
            // Half an hour at a time: the heartbeat renders every 30 s and no case event is published.
            _clock.Advance(TimeSpan.FromMinutes(30));
        }

        cut.WaitForAssertion(() => Assert.Equal("Quá hạn 1", Tile(cut, "overdue")));
        Assert.Contains("hd-tile--alarm", cut.Find("[data-kpi=overdue]").ClassList);
    }

    [Fact]
    public async Task Closing_the_dashboard_unsubscribes_and_stops_its_timers()
    {
        using var culture = Vietnamese();
        await using var ctx = Context();
        var cut = ctx.Render<LiveDashboard>();
        var dashboard = cut.Instance;
        Assert.Equal(1, ChangedListeners());

        await ctx.DisposeComponentsAsync();
        await PublishNewCaseAsync();
        _clock.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(0, ChangedListeners());
        Assert.Equal(0, dashboard.LiveRenders);
        // The aggregates still listen to the bus (inline counters and a queued reload); the dashboard never did.
        Assert.Equal(2, _bus.SubscriberCount);
    }

    [Fact]
    public async Task Every_open_dashboard_listens_once()
    {
        using var culture = Vietnamese();
        await using var ctx = Context();

        ctx.Render<LiveDashboard>();
        ctx.Render<LiveDashboard>(p => p.Add(x => x.Wall, true));

        Assert.Equal(2, ChangedListeners());
    }

    [Fact]
    public async Task Wall_mode_renders_the_wall_grid_with_every_panel()
    {
        using var culture = Vietnamese();
        await using var ctx = Context();

        var cut = ctx.Render<LiveDashboard>(p => p.Add(x => x.Wall, true));

        Assert.NotNull(cut.Find(".hd-wall"));
        Assert.Equal(7, cut.FindAll(".hd-wall > .hd-area").Count);
    }

    [Fact]
    public async Task While_the_relay_between_nodes_is_down_the_dashboard_says_live_updates_are_paused_and_clears_itself()
    {
        using var culture = Vietnamese();
        await using var ctx = Context();
        var relay = ctx.Services.GetRequiredService<RelayStatus>();
        var cut = ctx.Render<LiveDashboard>();
        Assert.Empty(cut.FindAll("[data-testid=live-paused]"));

        relay.Pause();
        cut.WaitForAssertion(() => Assert.Equal("Tạm dừng cập nhật trực tiếp", cut.Find("[data-testid=live-paused]").Text()));

        // Changes of this node still show meanwhile (renders stay coalesced, so past the window).
        _clock.Advance(LiveDashboard.CoalesceWindow);
        await PublishNewCaseAsync();
        cut.WaitForAssertion(() => Assert.Equal("Tiếp nhận hôm nay 1", Tile(cut, "received-today")));
        Assert.Single(cut.FindAll("[data-testid=live-paused]"));

        _clock.Advance(LiveDashboard.CoalesceWindow);
        relay.Resume();
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=live-paused]")));
    }

    private BunitContext Context()
    {
        var ctx = NewContext();
        ctx.Services.AddSingleton(_aggregates);
        ctx.Services.AddSingleton<TimeProvider>(_clock);
        return ctx;
    }

    private async Task PublishNewCaseAsync(DateTime? receivedAt = null)
    {
        var id = ++_sequence;
        var received = receivedAt ?? _clock.GetUtcNow().UtcDateTime;
        var due = DeadlineRule.DueAt(received, 3, WorkingCalendar.WeekdaysOnly);
        var facts = new CaseFacts(id, CaseCode.Format(2025, id), "hotline", "MT", "tan-lap", null, CaseStatus.Received, received, due, null, null);
        await _bus.PublishAsync(new CaseChanged(null, facts, _clock.GetUtcNow().UtcDateTime));
    }

    /// <summary>How many handlers <see cref="DashboardAggregates.Changed"/> holds: a field-like event keeps them in its backing field.</summary>
    private int ChangedListeners()
    {
        var field = typeof(DashboardAggregates).GetField(nameof(DashboardAggregates.Changed), BindingFlags.Instance | BindingFlags.NonPublic)!;
        return (field.GetValue(_aggregates) as Delegate)?.GetInvocationList().Length ?? 0;
    }

    private static string Tile(IRenderedComponent<LiveDashboard> cut, string key) => cut.Find($"[data-kpi={key}]").Text();
}
