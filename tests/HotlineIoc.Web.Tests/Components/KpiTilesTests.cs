using Bunit;
using HotlineIoc.Web.Components.Dashboard;
using static HotlineIoc.Web.Tests.Components.DashboardTestKit;

namespace HotlineIoc.Web.Tests.Components;

public class KpiTilesTests
{
    [Fact]
    public async Task Figures_are_written_the_Vietnamese_way()
    {
        using var culture = Vietnamese();
        await using var ctx = NewContext();

        var cut = ctx.Render<KpiTiles>(p => p.Add(x => x.Snapshot, Snapshot()));

        Assert.Equal("Tiếp nhận hôm nay 12", Tile(cut, "received-today"));
        Assert.Equal("Tiếp nhận tuần này 1.234", Tile(cut, "received-week"));
        Assert.Equal("Tiếp nhận năm 2025 5.678", Tile(cut, "received-year"));
        Assert.Equal("Đang xử lý 321", Tile(cut, "open"));
        Assert.Equal("Quá hạn 7", Tile(cut, "overdue"));
        Assert.Equal("Đến hạn trong 1 ngày làm việc 15", Tile(cut, "due-soon"));
        Assert.Equal("Tỷ lệ đã xử lý năm 2025 98,6 %", Tile(cut, "resolution-rate"));
        Assert.Equal("Tỷ lệ đúng hạn năm 2025 91,2 %", Tile(cut, "on-time-rate"));
    }

    [Fact]
    public async Task English_culture_gets_English_labels_and_figures()
    {
        using var culture = English();
        await using var ctx = NewContext();

        var cut = ctx.Render<KpiTiles>(p => p.Add(x => x.Snapshot, Snapshot()));

        Assert.Equal("Received this week 1,234", Tile(cut, "received-week"));
        Assert.Equal("Overdue 7", Tile(cut, "overdue"));
        Assert.Equal("Resolution rate 2025 98.6%", Tile(cut, "resolution-rate"));
    }

    [Fact]
    public async Task Overdue_tile_raises_the_alarm_only_when_a_case_is_overdue()
    {
        using var culture = Vietnamese();
        await using var ctx = NewContext();

        var late = ctx.Render<KpiTiles>(p => p.Add(x => x.Snapshot, Snapshot(overdue: 3)));
        var calm = ctx.Render<KpiTiles>(p => p.Add(x => x.Snapshot, Snapshot(overdue: 0)));

        var alarming = late.Find("[data-kpi=overdue]");
        Assert.Contains("hd-tile--alarm", alarming.ClassList);
        Assert.NotNull(alarming.QuerySelector("svg"));
        Assert.Single(late.FindAll(".hd-tile--alarm"));
        Assert.DoesNotContain("hd-tile--alarm", calm.Find("[data-kpi=overdue]").ClassList);
        Assert.Empty(calm.FindAll(".hd-tile--alarm"));
    }

    [Theory]
    [InlineData("received-today", "/cases?received=today")]
    [InlineData("received-week", "/cases?received=week")]
    [InlineData("received-year", "/cases?received=year")]
    [InlineData("open", "/cases?state=open")]
    [InlineData("overdue", "/cases?state=overdue")]
    [InlineData("due-soon", "/cases?state=due-soon")]
    [InlineData("resolution-rate", "/cases?received=year")]
    [InlineData("on-time-rate", "/cases?received=year")]
    public async Task Each_tile_is_a_link_to_the_cases_behind_it(string tile, string href)
    {
        using var culture = Vietnamese();
        await using var ctx = NewContext();

        var cut = ctx.Render<KpiTiles>(p => p.Add(x => x.Snapshot, Snapshot()));

        var link = cut.Find($"[data-kpi={tile}]");
        Assert.Equal("A", link.TagName);
        Assert.Equal(href, link.GetAttribute("href"));
    }

    private static string Tile(IRenderedComponent<KpiTiles> cut, string key) => cut.Find($"[data-kpi={key}]").Text();
}
