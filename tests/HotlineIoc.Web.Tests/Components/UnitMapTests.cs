using Bunit;
using HotlineIoc.Infrastructure.Geography;
using HotlineIoc.Infrastructure.Live;
using HotlineIoc.Infrastructure.Seeding;
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

        var cut = ctx.Render<UnitMap>(p => p.Add(x => x.Loads, [new UnitLoad("tan-lap", 3, 0)]).Add(x => x.Today, FormerUnitsDay));

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

        var cut = ctx.Render<UnitMap>(p => p.Add(x => x.Loads, Snapshot().ByUnit).Add(x => x.Measure, MapMeasure.Overdue).Add(x => x.Today, FormerUnitsDay));

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
    public async Task Today_the_six_units_are_drawn_from_their_polygons_with_cases_of_former_units_counted_in_them()
    {
        using var culture = Vietnamese();
        await using var ctx = NewContext(ShippedMap.Value);

        var cut = ctx.Render<UnitMap>(p => p.Add(x => x.Loads, Snapshot().ByUnit).Add(x => x.Today, new DateOnly(2026, 12, 4)));

        Assert.Equal(["p-buon-ma-thuot", "p-ea-kao", "p-tan-an", "p-tan-lap", "p-thanh-nhat", "x-hoa-phu"], cut.FindAll("svg a.hd-map-unit").Select(s => s.GetAttribute("data-unit")));
        Assert.Equal(6, cut.FindAll("svg a.hd-map-unit path[fill-rule=evenodd]").Count);
        Assert.Empty(cut.FindAll("svg rect"));
        // Open cases still recorded in old Tân Lập, Thắng Lợi and Ea Kao count in the units that took them over.
        Assert.Equal("10", cut.Find("[data-unit=p-tan-lap] .hd-map-count").Text());
        Assert.Equal("5", cut.Find("[data-unit=p-buon-ma-thuot] .hd-map-count").Text());
        Assert.Equal("1", cut.Find("[data-unit=p-ea-kao] .hd-map-count").Text());
        Assert.Equal("0", cut.Find("[data-unit=x-hoa-phu] .hd-map-count").Text());
        Assert.Equal("Buôn Ma Thuột", cut.Find("[data-unit=p-buon-ma-thuot] .hd-map-name").Text());
        Assert.Equal("/cases?unit=p-tan-lap&state=open", cut.Find("a[data-unit=p-tan-lap]").GetAttribute("href"));
        var note = cut.Find(".hd-map-credit").Text();
        Assert.StartsWith("Ranh giới chỉ để tham khảo", note, StringComparison.Ordinal);
        Assert.Contains("Thang Le Quoc", note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_day_of_former_units_keeps_the_schematic_even_with_polygons_of_today()
    {
        using var culture = English();
        await using var ctx = NewContext(ShippedMap.Value);

        var cut = RenderMap(ctx);

        Assert.Equal(21, cut.FindAll("svg a.hd-map-unit rect").Count);
        Assert.Equal("Schematic layout, not a boundary map", cut.Find(".hd-map-note").Text());
    }

    [Fact]
    public async Task Between_the_two_mergers_nineteen_tiles_are_drawn_and_Thang_Loi_counts_in_Thanh_Cong()
    {
        using var culture = Vietnamese();
        await using var ctx = NewContext();

        var cut = ctx.Render<UnitMap>(p => p.Add(x => x.Loads, Snapshot().ByUnit).Add(x => x.Today, new DateOnly(2025, 3, 12)));

        Assert.Equal(19, cut.FindAll("svg a.hd-map-unit rect").Count);
        Assert.Empty(cut.FindAll("[data-unit=thang-loi]"));
        Assert.Equal("5", cut.Find("[data-unit=thanh-cong] .hd-map-count").Text());
    }

    [Fact]
    public async Task Outlines_that_leave_out_a_unit_of_the_day_give_way_to_the_schematic()
    {
        using var culture = Vietnamese();
        await using var ctx = NewContext(DashboardMap.From(UnitBoundaries.LoadFile(TestMapPath)));

        var cut = RenderMap(ctx);

        Assert.Equal(21, cut.FindAll("svg a.hd-map-unit rect").Count);
        Assert.Empty(cut.FindAll("svg path"));
    }

    [Fact]
    public async Task A_period_map_counts_received_cases_and_opens_the_period_of_a_unit()
    {
        using var culture = Vietnamese();
        await using var ctx = NewContext(ShippedMap.Value);
        UnitLoad[] received = [new("thang-loi", 0, 0, 40), new("thanh-cong", 0, 0, 2), new("p-tan-an", 0, 0, 7), new("tan-an", 0, 0, 5), new("ea-tu", 0, 0, 1)];
        var period = (new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31));

        // The units of the year's last day are today's: Thắng Lợi's 40 and Thành Công's 2 are Buôn Ma Thuột's 42.
        var cut = ctx.Render<UnitMap>(p => p.Add(x => x.Loads, received).Add(x => x.Measure, MapMeasure.Received).Add(x => x.Today, period.Item2).Add(x => x.Period, period));

        Assert.Equal(6, cut.FindAll("svg a.hd-map-unit path").Count);
        Assert.Equal("42", cut.Find("[data-unit=p-buon-ma-thuot] .hd-map-count").Text());
        Assert.Equal("13", cut.Find("[data-unit=p-tan-an] .hd-map-count").Text());
        Assert.Equal("Tân An: 13 phản ánh tiếp nhận", cut.Find("[data-unit=p-tan-an] title").Text());
        Assert.Equal("/cases?unit=p-tan-an&from=2025-01-01&to=2025-12-31", cut.Find("a[data-unit=p-tan-an]").GetAttribute("href"));
        Assert.Equal("Tiếp nhận theo phường, xã", cut.Find(".hd-title").Text());
        Assert.Empty(cut.FindAll(".hd-map-points"));
    }

    [Fact]
    public async Task A_period_of_former_units_keeps_its_tiles_and_rolls_up_into_the_polygons_of_today_when_asked()
    {
        using var culture = Vietnamese();
        await using var ctx = NewContext(ShippedMap.Value);
        UnitLoad[] received = [new("thang-loi", 0, 0, 40), new("thanh-cong", 0, 0, 2), new("tan-an", 0, 0, 5), new("ea-tu", 0, 0, 1)];
        var period = (new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31));

        var asItWas = ctx.Render<UnitMap>(p => p.Add(x => x.Loads, received).Add(x => x.Measure, MapMeasure.Received).Add(x => x.Today, period.Item2).Add(x => x.Period, period));
        var asToday = ctx.Render<UnitMap>(p => p.Add(x => x.Loads, received).Add(x => x.Measure, MapMeasure.Received).Add(x => x.Today, new DateOnly(2026, 12, 4)).Add(x => x.Period, period));

        // On 31 Dec 2024 there were 19 units; Thắng Lợi had become part of Thành Công.
        Assert.Equal(19, asItWas.FindAll("svg a.hd-map-unit rect").Count);
        Assert.Equal("42", asItWas.Find("[data-unit=thanh-cong] .hd-map-count").Text());
        Assert.Equal("5", asItWas.Find("[data-unit=tan-an] .hd-map-count").Text());
        Assert.Equal(6, asToday.FindAll("svg a.hd-map-unit path").Count);
        Assert.Equal("42", asToday.Find("[data-unit=p-buon-ma-thuot] .hd-map-count").Text());
        Assert.Equal("6", asToday.Find("[data-unit=p-tan-an] .hd-map-count").Text());
    }

    [Fact]
    public async Task Open_cases_with_a_location_are_dots_and_overdue_ones_stand_out()
    {
        using var culture = Vietnamese();
        await using var ctx = NewContext(ShippedMap.Value);
        CasePoint[] points = [new(12.72, 108.11, false), new(12.655, 108.095, true), new(12.667, 108.038, false), new(30.0, 100.0, false)];

        var open = ctx.Render<UnitMap>(p => p.Add(x => x.Loads, Snapshot().ByUnit).Add(x => x.Points, points).Add(x => x.Today, new DateOnly(2026, 12, 4)));
        var overdue = ctx.Render<UnitMap>(p => p.Add(x => x.Loads, Snapshot().ByUnit).Add(x => x.Points, points).Add(x => x.Measure, MapMeasure.Overdue).Add(x => x.Today, new DateOnly(2026, 12, 4)));

        // The point far outside the city is not drawn; nothing but the place is in the markup.
        Assert.Equal(3, open.FindAll(".hd-map-points circle").Count);
        Assert.Single(open.FindAll(".hd-map-points circle.hd-pt--late"));
        Assert.Empty(open.FindAll(".hd-map-points title"));
        Assert.Single(overdue.FindAll(".hd-map-points circle"));
    }

    [Fact]
    public async Task Many_cases_become_a_density_layer()
    {
        using var culture = Vietnamese();
        await using var ctx = NewContext(ShippedMap.Value);
        var random = new Random(3);
        var points = Enumerable.Range(0, 400).Select(_ => new CasePoint(12.66 + random.NextDouble() * 0.05, 108.0 + random.NextDouble() * 0.08, false)).ToList();

        var cut = ctx.Render<UnitMap>(p => p.Add(x => x.Loads, Snapshot().ByUnit).Add(x => x.Points, points).Add(x => x.Today, new DateOnly(2026, 12, 4)));

        Assert.Empty(cut.FindAll("circle"));
        var cells = cut.FindAll(".hd-map-density rect.hd-dens");
        Assert.InRange(cells.Count, 10, 400);
        Assert.Contains(cells, c => c.ClassList.Contains("hd-d5"));
    }

    /// <summary>A day before the first merger: the 21 former units, drawn as the schematic.</summary>
    private static readonly DateOnly FormerUnitsDay = new(2024, 6, 1);

    private static readonly Lazy<DashboardMap> ShippedMap = new(() => DashboardMap.From(UnitBoundaries.LoadShipped(SeedData.DefaultFolder)));

    private static IRenderedComponent<UnitMap> RenderMap(Bunit.BunitContext ctx) =>
        ctx.Render<UnitMap>(p => p.Add(x => x.Loads, Snapshot().ByUnit).Add(x => x.Today, FormerUnitsDay));
}
