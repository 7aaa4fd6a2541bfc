using Bunit;
using HotlineIoc.Web.Components.Dashboard;
using static HotlineIoc.Web.Tests.Components.DashboardTestKit;

namespace HotlineIoc.Web.Tests.Components;

public class DashboardViewTests
{
    [Fact]
    public async Task Wall_is_one_dark_grid_of_all_panels_without_page_chrome()
    {
        using var culture = Vietnamese();
        await using var ctx = NewContext();

        var cut = ctx.Render<DashboardView>(p => p.Add(x => x.Snapshot, Snapshot()).Add(x => x.Wall, true));

        var wall = cut.Find(".hd-wall");
        Assert.Equal(
            ["hd-area-kpi", "hd-area-map", "hd-area-fld", "hd-area-agy", "hd-area-chn", "hd-area-trd", "hd-area-str"],
            wall.Children.Where(c => c.ClassList.Contains("hd-area")).Select(c => c.ClassList[^1]));
        Assert.Empty(cut.FindAll(".mud-grid"));
        Assert.Empty(cut.FindAll(".mud-paper"));
        Assert.Empty(cut.FindAll(".hd-map-toggle"));
        Assert.Equal(4, cut.FindAll(".hd-stream-item").Count);
        Assert.Equal("Cập nhật 10:00", cut.Find(".hd-stamp").Text());
    }

    [Fact]
    public async Task Page_is_a_responsive_grid_of_cards_with_the_map_switch()
    {
        using var culture = Vietnamese();
        await using var ctx = NewContext();

        var cut = ctx.Render<DashboardView>(p => p.Add(x => x.Snapshot, Snapshot()));

        Assert.Empty(cut.FindAll(".hd-wall"));
        Assert.NotNull(cut.Find(".hd-page .mud-grid"));
        Assert.Equal(6, cut.FindAll(".mud-paper.hd-card").Count);
        Assert.NotNull(cut.Find(".hd-map-toggle"));
    }

    [Fact]
    public async Task Switching_the_map_to_overdue_survives_the_next_live_render()
    {
        using var culture = Vietnamese();
        await using var ctx = NewContext();
        var cut = ctx.Render<DashboardView>(p => p.Add(x => x.Snapshot, Snapshot()));

        await cut.FindAll(".hd-map-toggle .mud-toggle-item")[1].ClickAsync(new());
        cut.Render(p => p.Add(x => x.Snapshot, Snapshot(overdue: 9)));

        Assert.Contains("hd-map--overdue", cut.Find(".hd-map").ClassList);
        // Thắng Lợi's cases count in Thành Công, which took it over on 1 Nov 2024.
        Assert.Equal("/cases?unit=thanh-cong&state=overdue", cut.Find("a[data-unit=thanh-cong]").GetAttribute("href"));
    }

    [Fact]
    public async Task Every_panel_speaks_English_when_the_culture_is_English()
    {
        using var culture = English();
        await using var ctx = NewContext();

        var cut = ctx.Render<DashboardView>(p => p.Add(x => x.Snapshot, Snapshot()).Add(x => x.Wall, true));

        Assert.Equal(
            ["Open cases by ward and commune", "By field, 2025", "Overdue by agency", "By channel, 2025", "Received and resolved, last 30 days", "Latest case activity"],
            cut.FindAll(".hd-title").Select(t => t.Text()));
        Assert.Equal("Updated 10:00", cut.Find(".hd-stamp").Text());
        Assert.DoesNotContain("Tiếp nhận", cut.Markup, StringComparison.Ordinal);
    }
}
