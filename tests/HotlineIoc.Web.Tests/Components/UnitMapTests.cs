using Bunit;
using HotlineIoc.Infrastructure.Live;
using HotlineIoc.Web.Components.Dashboard;
using static HotlineIoc.Web.Tests.Components.DashboardTestKit;

namespace HotlineIoc.Web.Tests.Components;

public class UnitMapTests
{
    public static string TestMapPath => Path.Combine(AppContext.BaseDirectory, "Components", "Maps", "three-units.geojson");

    [Fact]
    public async Task Schematic_has_one_tile_per_unit_placed_by_its_column_and_row()
    {
        using var culture = Vietnamese();
        await using var ctx = NewContext();

        var cut = RenderMap(ctx);

        Assert.Equal(21, cut.FindAll("svg a.hd-map-unit rect").Count);
        Assert.Empty(cut.FindAll("svg path"));
        // Cư Êbur is the westernmost tile (column 0, row 2); Hòa Thắng the easternmost (column 6, row 2).
        var west = cut.Find("[data-unit=cu-ebur] rect");
        var east = cut.Find("[data-unit=hoa-thang] rect");
        Assert.Equal("8", west.GetAttribute("x"));
        Assert.Equal(west.GetAttribute("y"), east.GetAttribute("y"));
        Assert.Equal("956", east.GetAttribute("x"));
        Assert.Equal("8", cut.Find("[data-unit=hoa-thuan] rect").GetAttribute("y"));
    }

    [Fact]
    public async Task Schematic_says_it_is_not_a_boundary_map()
    {
        using var culture = Vietnamese();
        await using var ctx = NewContext();

        var cut = RenderMap(ctx);

        Assert.Equal("Sơ đồ minh họa (không phải bản đồ ranh giới)", cut.Find(".hd-map-note").Text());
    }

    [Fact]
    public async Task Schematic_label_is_English_in_English()
    {
        using var culture = English();
        await using var ctx = NewContext();

        var cut = RenderMap(ctx);

        Assert.Equal("Schematic layout, not a boundary map", cut.Find(".hd-map-note").Text());
        Assert.Equal("Open cases by ward and commune", cut.Find(".hd-title").Text());
    }

    [Fact]
    public async Task Tiles_carry_the_unit_name_and_its_open_count_coloured_by_class()
    {
        using var culture = Vietnamese();
        await using var ctx = NewContext();

        var cut = RenderMap(ctx);

        Assert.Equal("Tân Lập", cut.Find("[data-unit=tan-lap] .hd-map-name").Text());
        Assert.Equal("10", cut.Find("[data-unit=tan-lap] .hd-map-count").Text());
        Assert.Contains("hd-c5", cut.Find("[data-unit=tan-lap]").ClassList);
        Assert.Contains("hd-c3", cut.Find("[data-unit=thang-loi]").ClassList);
        Assert.Contains("hd-c1", cut.Find("[data-unit=ea-kao]").ClassList);
        Assert.Contains("hd-c0", cut.Find("[data-unit=tu-an]").ClassList);
        Assert.Equal("0", cut.Find("[data-unit=tu-an] .hd-map-count").Text());
        Assert.Equal("Tân Lập: 10 đang xử lý, 2 quá hạn", cut.Find("[data-unit=tan-lap] title").Text());
    }

    [Fact]
    public async Task Legend_gives_the_numbers_of_each_colour()
    {
        using var culture = Vietnamese();
        await using var ctx = NewContext();

        var cut = RenderMap(ctx);

        // Highest is 10: five classes of two.
        Assert.Equal(["0", "1–2", "3–4", "5–6", "7–8", "9–10"], cut.FindAll(".hd-legend-step").Select(s => s.Text()));
        Assert.Equal("Số phản ánh đang xử lý", cut.Find(".hd-legend-caption").Text());
    }

    [Fact]
    public async Task Legend_of_a_quiet_city_has_one_number_per_colour()
    {
        using var culture = Vietnamese();
        await using var ctx = NewContext();

        var cut = ctx.Render<UnitMap>(p => p.Add(x => x.Loads, [new UnitLoad("tan-lap", 3, 0)]));

        Assert.Equal(["0", "1", "2", "3"], cut.FindAll(".hd-legend-step").Select(s => s.Text()));
        Assert.Equal(["hd-c0", "hd-c2", "hd-c4", "hd-c5"], cut.FindAll(".hd-legend-step .hd-swatch").Select(s => s.ClassList[^1]));
        Assert.Contains("hd-c5", cut.Find("[data-unit=tan-lap]").ClassList);
    }

    [Fact]
    public async Task A_unit_opens_its_open_cases()
    {
        using var culture = Vietnamese();
        await using var ctx = NewContext();

        var cut = RenderMap(ctx);

        Assert.Equal("/cases?unit=tan-lap&state=open", cut.Find("a[data-unit=tan-lap]").GetAttribute("href"));
        Assert.Equal("/cases?unit=khanh-xuan&state=open", cut.Find("a[data-unit=khanh-xuan]").GetAttribute("href"));
    }

    [Fact]
    public async Task Overdue_mode_counts_and_links_overdue_cases()
    {
        using var culture = Vietnamese();
        await using var ctx = NewContext();

        var cut = ctx.Render<UnitMap>(p => p.Add(x => x.Loads, Snapshot().ByUnit).Add(x => x.Measure, MapMeasure.Overdue));

        Assert.Equal("4", cut.Find("[data-unit=thang-loi] .hd-map-count").Text());
        // Highest is 4: one class per number, spread over the ramp so the busiest unit wears the strongest colour.
        Assert.Contains("hd-c5", cut.Find("[data-unit=thang-loi]").ClassList);
        Assert.Contains("hd-c3", cut.Find("[data-unit=tan-lap]").ClassList);
        Assert.Equal("/cases?unit=thang-loi&state=overdue", cut.Find("a[data-unit=thang-loi]").GetAttribute("href"));
        Assert.Contains("hd-map--overdue", cut.Find(".hd-map").ClassList);
        Assert.Equal("Quá hạn theo phường, xã", cut.Find(".hd-title").Text());
    }

    [Fact]
    public async Task The_switch_shows_only_when_someone_listens_and_reports_the_choice()
    {
        using var culture = Vietnamese();
        await using var ctx = NewContext();
        MapMeasure? chosen = null;

        var silent = RenderMap(ctx);
        var switchable = ctx.Render<UnitMap>(p => p
            .Add(x => x.Loads, Snapshot().ByUnit)
            .Add(x => x.MeasureChanged, m => chosen = m));
        await switchable.FindAll(".hd-map-toggle .mud-toggle-item")[1].ClickAsync(new());

        Assert.Empty(silent.FindAll(".hd-map-toggle"));
        Assert.Equal(MapMeasure.Overdue, chosen);
    }

    [Fact]
    public async Task Configured_outlines_are_drawn_as_polygons_instead_of_tiles()
    {
        using var culture = Vietnamese();
        await using var ctx = NewContext(new DashboardMap(GeoJsonMap.Load(TestMapPath)));

        var cut = RenderMap(ctx);

        var shapes = cut.FindAll("svg a.hd-map-unit");
        Assert.Equal(["thanh-nhat", "thang-loi", "ea-kao"], shapes.Select(s => s.GetAttribute("data-unit")));
        Assert.Empty(cut.FindAll("svg rect"));
        Assert.Empty(cut.FindAll(".hd-map-note"));
        var thangLoi = cut.Find("[data-unit=thang-loi] path");
        Assert.Equal("evenodd", thangLoi.GetAttribute("fill-rule"));
        Assert.Equal(2, thangLoi.GetAttribute("d")!.Count(c => c == 'M'));
        Assert.Equal(2, cut.Find("[data-unit=ea-kao] path").GetAttribute("d")!.Count(c => c == 'M'));
        Assert.Equal("5", cut.Find("[data-unit=thang-loi] .hd-map-count").Text());
        Assert.Equal("/cases?unit=ea-kao&state=open", cut.Find("a[data-unit=ea-kao]").GetAttribute("href"));
    }

    private static IRenderedComponent<UnitMap> RenderMap(Bunit.BunitContext ctx) =>
        ctx.Render<UnitMap>(p => p.Add(x => x.Loads, Snapshot().ByUnit).Add(x => x.Today, Today));
}
