using System.Globalization;
using Bunit;
using HotlineIoc.Infrastructure.Live;
using HotlineIoc.Web.Components.Dashboard;
using static HotlineIoc.Web.Tests.Components.DashboardTestKit;

namespace HotlineIoc.Web.Tests.Components;

/// <summary>The channel donut and the 30-day trend, both SVG drawn on the server.</summary>
public class ChartTests
{
    [Fact]
    public async Task Channels_show_counts_and_shares_in_Vietnamese()
    {
        using var culture = Vietnamese();
        await using var ctx = NewContext();

        var cut = RenderChannels(ctx);

        var legend = cut.FindAll(".hd-channel-legend li").Select(l => l.Text()).ToList();
        Assert.Equal(["Tổng đài 3.000 52,8 %", "Zalo 2.000 35,2 %", "IOC 678 11,9 %"], legend);
        Assert.Equal("5.678", cut.Find(".hd-donut-total").Text());
    }

    [Fact]
    public async Task Each_channel_is_an_arc_of_its_share_of_the_donut()
    {
        using var culture = Vietnamese();
        await using var ctx = NewContext();

        var cut = RenderChannels(ctx);

        var arcs = cut.FindAll("svg a .hd-donut-arc");
        Assert.Equal(3, arcs.Count);
        var circumference = 2 * Math.PI * 80;
        var first = arcs[0].GetAttribute("stroke-dasharray")!.Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(circumference * 3000 / 5678, first[0], 0.01);
        Assert.Equal(circumference, first[0] + first[1], 0.01);
    }

    [Theory]
    [InlineData("hotline", "/cases?channel=hotline&received=year")]
    [InlineData("zalo", "/cases?channel=zalo&received=year")]
    [InlineData("ioc", "/cases?channel=ioc&received=year")]
    public async Task A_channel_opens_its_cases_of_the_year(string code, string href)
    {
        using var culture = Vietnamese();
        await using var ctx = NewContext();

        var cut = RenderChannels(ctx);

        Assert.Equal(href, cut.Find($".hd-channel-legend [data-channel={code}] a").GetAttribute("href"));
        Assert.Equal(href, cut.Find($"svg a[data-channel={code}]").GetAttribute("href"));
    }

    [Fact]
    public async Task A_channel_without_cases_is_listed_at_zero_and_draws_no_arc()
    {
        using var culture = English();
        await using var ctx = NewContext();

        var cut = ctx.Render<ChannelMix>(p => p.Add(x => x.Counts, [new CodeCount("zalo", 5)]).Add(x => x.Year, 2025));

        Assert.Equal(["Zalo 5 100.0%", "Hotline 0 0.0%", "IOC 0 0.0%"], cut.FindAll(".hd-channel-legend li").Select(l => l.Text()));
        Assert.Single(cut.FindAll(".hd-donut-arc"));
        Assert.Equal("By channel, 2025", cut.Find(".hd-title").Text());
    }

    [Fact]
    public async Task Trend_draws_two_lines_of_30_days_with_dd_MM_labels()
    {
        using var culture = Vietnamese();
        await using var ctx = NewContext();

        var cut = RenderTrend(ctx);

        Assert.Equal(30, Points(cut, ".hd-line--received").Count);
        Assert.Equal(30, Points(cut, ".hd-line--resolved").Count);
        var labels = cut.FindAll(".hd-axis-x").Select(t => t.Text()).ToList();
        Assert.Equal(["15/02", "20/02", "25/02", "02/03", "07/03", "12/03"], labels);
        Assert.Equal(["Tiếp nhận", "Đã xử lý"], cut.FindAll(".hd-trend-keys li").Select(l => l.Text()));
    }

    [Fact]
    public async Task Trend_lines_rise_with_the_figures_on_a_round_axis()
    {
        using var culture = Vietnamese();
        await using var ctx = NewContext();

        var cut = RenderTrend(ctx);

        // The busiest day has 16 received cases: the axis goes 0, 5, 10, 15, 20.
        Assert.Equal(["0", "5", "10", "15", "20"], cut.FindAll(".hd-axis-y").Select(t => t.Text()));
        var received = Points(cut, ".hd-line--received");
        var days = Snapshot().Trend;
        var busiest = days.ToList().FindIndex(d => d.Received == days.Max(x => x.Received));
        var quietest = days.ToList().FindIndex(d => d.Received == days.Min(x => x.Received));
        Assert.True(received[busiest].Y < received[quietest].Y, "a busier day is drawn higher");
    }

    [Fact]
    public async Task A_day_of_the_trend_opens_the_cases_received_that_day()
    {
        using var culture = Vietnamese();
        await using var ctx = NewContext();

        var cut = RenderTrend(ctx);

        var days = cut.FindAll("svg a[data-day]");
        Assert.Equal(30, days.Count);
        Assert.Equal("/cases?from=2025-03-12&to=2025-03-12", days[^1].GetAttribute("href"));
        Assert.Equal("/cases?from=2025-02-11&to=2025-02-11", days[0].GetAttribute("href"));
    }

    [Fact]
    public async Task Trend_speaks_English_when_asked()
    {
        using var culture = English();
        await using var ctx = NewContext();

        var cut = RenderTrend(ctx);

        Assert.Equal("Received and resolved, last 30 days", cut.Find(".hd-title").Text());
        Assert.Equal(["Received", "Resolved"], cut.FindAll(".hd-trend-keys li").Select(l => l.Text()));
    }

    private static IRenderedComponent<ChannelMix> RenderChannels(Bunit.BunitContext ctx) =>
        ctx.Render<ChannelMix>(p => p.Add(x => x.Counts, Snapshot().ByChannel).Add(x => x.Year, 2025));

    private static IRenderedComponent<TrendChart> RenderTrend(Bunit.BunitContext ctx) =>
        ctx.Render<TrendChart>(p => p.Add(x => x.Days, Snapshot().Trend));

    private static List<(double X, double Y)> Points(IRenderedComponent<TrendChart> cut, string selector) =>
        cut.Find(selector).GetAttribute("points")!
            .Split(' ')
            .Select(p => p.Split(','))
            .Select(p => (double.Parse(p[0], CultureInfo.InvariantCulture), double.Parse(p[1], CultureInfo.InvariantCulture)))
            .ToList();
}
