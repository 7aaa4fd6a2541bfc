using HotlineIoc.Infrastructure.Live;
using HotlineIoc.Web.Components.Pages.Cases;
using Microsoft.AspNetCore.Components;

namespace HotlineIoc.Web.Components.Dashboard;

public partial class UnitMap
{
    private const double TileWidth = 150;
    private const double TileHeight = 76;
    private const double Gap = 8;
    private const double NameOffset = 8;
    private const double CountOffset = 26;

    /// <summary>How many colour classes above zero the scale has.</summary>
    public const int Classes = 5;

    /// <summary>Open and overdue counts per unit; units not listed have none.</summary>
    [Parameter, EditorRequired] public IReadOnlyList<UnitLoad> Loads { get; set; } = [];

    /// <summary>Colour by open cases (default) or by overdue cases; the drill-down links follow.</summary>
    [Parameter] public MapMeasure Measure { get; set; } = MapMeasure.Open;

    /// <summary>When set, the panel shows a switch between open and overdue and reports the choice here.</summary>
    [Parameter] public EventCallback<MapMeasure> MeasureChanged { get; set; }

    /// <summary>The local day, to leave out units that no longer exist (or do not yet). Null shows every unit.</summary>
    [Parameter] public DateOnly? Today { get; set; }

    [Inject] private ReferenceNames Names { get; set; } = default!;

    [Inject] private DashboardMap Map { get; set; } = default!;

    private sealed record Area(string Code, string Href, string Class, MarkupString Title, MarkupString Shape, MarkupString Count);

    private sealed record MapView(string Class, string Title, string ViewBox, IReadOnlyList<Area> Areas, MarkupString Foot);

    private readonly record struct ViewKey(ViewCulture Culture, ReferenceCatalog Names, DashboardMap Map, MapMeasure Measure, DateOnly? Today);

    private sealed record LegendStep(int Class, string Label);

    // Built once per snapshot's loads, measure, map, names and culture, shared by every circuit showing it.
    private MapView View => SharedView.Get(Loads, new ViewKey(ViewCulture.Current, Names.Catalog, Map, Measure, Today), _ => Build());

    private string ViewBox => Map.Outlines is { } outlines
        ? $"0 0 {Svg(GeoJsonMap.Width)} {Svg(outlines.Height)}"
        : $"0 0 {Svg(Columns * (TileWidth + Gap) + Gap)} {Svg(Rows * (TileHeight + Gap) + Gap)}";

    private int Columns => SchematicUnits().Select(u => u.TileColumn + 1).DefaultIfEmpty(1).Max();

    private int Rows => SchematicUnits().Select(u => u.TileRow + 1).DefaultIfEmpty(1).Max();

    /// <summary>The width of one colour class: the scale splits 1..max into at most <see cref="Classes"/> equal steps.</summary>
    private int Step => Math.Max(1, (int)Math.Ceiling(Loads.Select(Count).DefaultIfEmpty(0).Max() / (double)Classes));

    private int Count(UnitLoad load) => Measure == MapMeasure.Overdue ? load.Overdue : load.Open;

    private int ClassOf(int count) => count <= 0 ? 0 : Math.Min(Classes, (count + Step - 1) / Step);

    /// <summary>
    /// The colour of a class: the classes in use are spread over the whole ramp, so the busiest unit always wears the
    /// strongest colour, even on a quiet day with one or two cases per unit.
    /// </summary>
    private int ColourOf(int @class)
    {
        var used = ClassOf(Loads.Select(Count).DefaultIfEmpty(0).Max());
        return @class <= 0 || used <= 0 ? 0 : (int)Math.Ceiling(@class * (double)Classes / used);
    }

    private IEnumerable<Domain.Reference.AdministrativeUnit> SchematicUnits() =>
        Names.Units.Where(u => Today is not { } day || u.IsValidOn(day));

    private MapView Build()
    {
        var overdue = Measure == MapMeasure.Overdue;
        var title = T[overdue ? "Title_MapOverdue" : "Title_MapOpen"];
        var legendLabel = T[overdue ? "Map_LegendOverdue" : "Map_LegendOpen"];
        var foot = new Html()
            .Open("div", ("class", "hd-map-foot"))
            .Open("ul", ("class", "hd-legend"), ("aria-label", legendLabel))
            .Element("li", legendLabel, ("class", "hd-legend-caption"));
        foreach (var step in Legend())
        {
            foot.Open("li", ("class", "hd-legend-step")).Open("span", ("class", $"hd-swatch hd-c{step.Class}")).Close("span").Text(step.Label).Close("li");
        }

        foot.Close("ul");
        if (Map.Outlines is null)
        {
            foot.Element("p", T["Map_Schematic"], ("class", "hd-map-note"));
        }

        return new MapView($"hd-panel hd-map hd-map--{(overdue ? "overdue" : "open")}", title, ViewBox, Areas(), foot.Close("div").ToMarkup());
    }

    private List<Area> Areas()
    {
        var counts = Loads.ToDictionary(l => l.UnitCode, StringComparer.Ordinal);
        var state = Measure == MapMeasure.Overdue ? CaseListStates.Overdue : CaseListStates.Open;
        Area Make(string code, double x, double y, string? path, double labelX, double labelY)
        {
            var load = counts.GetValueOrDefault(code) ?? new UnitLoad(code, 0, 0);
            var name = Names.Unit(code);
            var count = Count(load);
            var title = new Html().Element("title", T["Map_UnitTitle", name, DashboardFormat.Number(load.Open), DashboardFormat.Number(load.Overdue)]).ToMarkup();
            var shape = (path is not null
                    ? new Html().Open("path", ("d", path), ("fill-rule", "evenodd")).Close("path")
                    : new Html().Open("rect", ("x", Svg(x)), ("y", Svg(y)), ("width", Svg(TileWidth)), ("height", Svg(TileHeight)), ("rx", "8")).Close("rect"))
                .Element("text", name, ("class", "hd-map-name"), ("x", Svg(labelX)), ("y", Svg(labelY - NameOffset)), ("text-anchor", "middle"))
                .ToMarkup();
            var figure = new Html()
                .Space()
                .Element("text", DashboardFormat.Number(count), ("class", "hd-map-count"), ("x", Svg(labelX)), ("y", Svg(labelY + CountOffset)), ("text-anchor", "middle"))
                .ToMarkup();
            return new Area(code, new CaseListFilter { Unit = code, State = state }.ToUrl(), $"hd-map-unit hd-c{ColourOf(ClassOf(count))}", title, shape, figure);
        }

        if (Map.Outlines is { } outlines)
        {
            return outlines.Shapes.Select(s => Make(s.Code, 0, 0, s.PathData, s.LabelX, s.LabelY)).ToList();
        }

        return SchematicUnits().Select(u =>
        {
            var x = Gap + u.TileColumn * (TileWidth + Gap);
            var y = Gap + u.TileRow * (TileHeight + Gap);
            return Make(u.Code, x, y, null, x + TileWidth / 2, y + TileHeight / 2);
        }).ToList();
    }

    private IEnumerable<LegendStep> Legend()
    {
        yield return new LegendStep(0, DashboardFormat.Number(0));
        var max = Loads.Select(Count).DefaultIfEmpty(0).Max();
        for (var c = 1; c <= ClassOf(max); c++)
        {
            var (low, high) = ((c - 1) * Step + 1, c * Step);
            yield return new LegendStep(ColourOf(c), low == high ? DashboardFormat.Number(low) : $"{DashboardFormat.Number(low)}–{DashboardFormat.Number(high)}");
        }
    }

    private static string Svg(double value) => DashboardFormat.Svg(value);
}
