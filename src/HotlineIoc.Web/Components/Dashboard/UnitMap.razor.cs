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

    /// <summary>
    /// The local day whose units are drawn; cases recorded in units that have ended since are counted in the unit that
    /// took them over. Null draws the units in force with no end date.
    /// </summary>
    [Parameter] public DateOnly? Today { get; set; }

    /// <summary>For <see cref="MapMeasure.Received"/>: the period, whose cases a unit opens.</summary>
    [Parameter] public (DateOnly From, DateOnly To)? Period { get; set; }

    /// <summary>Open cases with a location, drawn as points over the outlines (as a density layer when there are many).</summary>
    [Parameter] public IReadOnlyList<CasePoint> Points { get; set; } = [];

    /// <summary>More points than this are drawn as a density layer: a wall must stay light whatever the day brings.</summary>
    public const int MaxPoints = 150;

    /// <summary>The side of a density cell, in drawing units (the drawing is <see cref="GeoJsonMap.Width"/> wide).</summary>
    public const double DensityCell = 25;

    [Inject] private ReferenceNames Names { get; set; } = default!;

    [Inject] private DashboardMap Map { get; set; } = default!;

    private sealed record Area(string Code, string Href, string Class, MarkupString Title, MarkupString Shape, MarkupString Count);

    private sealed record MapView(string Class, string Title, string ViewBox, IReadOnlyList<Area> Areas, MarkupString Overlay, MarkupString Foot);

    private readonly record struct ViewKey(ViewCulture Culture, ReferenceCatalog Names, DashboardMap Map, MapMeasure Measure, DateOnly? Today, IReadOnlyList<CasePoint> Points, (DateOnly, DateOnly)? Period);

    private sealed record LegendStep(int Class, string Label);

    // Built once per snapshot's loads, measure, map, names and culture, shared by every circuit showing it.
    private MapView View => SharedView.Get(Loads, new ViewKey(ViewCulture.Current, Names.Catalog, Map, Measure, Today, Points, Period), _ => Build());

    /// <summary>The day whose units are drawn.</summary>
    private DateOnly Day => Today ?? DateOnly.MaxValue;

    /// <summary>The units drawn: those in force on the day.</summary>
    private IReadOnlyList<Domain.Reference.AdministrativeUnit> Shown => Names.Catalog.Timeline.InForceOn(Day);

    /// <summary>Real outlines when every unit drawn has one; otherwise (a period of former units) the schematic tiles.</summary>
    private GeoJsonMap? Outlines => Map.Outlines is { } outlines && Shown.Count > 0 && outlines.Covers(Shown.Select(u => u.Code)) ? outlines : null;

    /// <summary>The loads by the units drawn: a case recorded in a unit that has ended since counts in its successor.</summary>
    private IReadOnlyList<UnitLoad> RolledUp => Loads
        .GroupBy(l => Names.Catalog.Timeline.RollUp(l.UnitCode, Day), StringComparer.Ordinal)
        .Select(g => new UnitLoad(g.Key, g.Sum(l => l.Open), g.Sum(l => l.Overdue), g.Sum(l => l.Received)))
        .ToList();

    private static int Columns(IEnumerable<Domain.Reference.AdministrativeUnit> units) => units.Select(u => u.TileColumn + 1).DefaultIfEmpty(1).Max();

    private static int Rows(IEnumerable<Domain.Reference.AdministrativeUnit> units) => units.Select(u => u.TileRow + 1).DefaultIfEmpty(1).Max();

    /// <summary>The width of one colour class: the scale splits 1..max into at most <see cref="Classes"/> equal steps.</summary>
    private static int Step(int max) => Math.Max(1, (int)Math.Ceiling(max / (double)Classes));

    private int Count(UnitLoad load) => Measure switch
    {
        MapMeasure.Overdue => load.Overdue,
        MapMeasure.Received => load.Received,
        _ => load.Open,
    };

    private static int ClassOf(int count, int max) => count <= 0 ? 0 : Math.Min(Classes, (count + Step(max) - 1) / Step(max));

    /// <summary>
    /// The colour of a class: the classes in use are spread over the whole ramp, so the busiest unit always wears the
    /// strongest colour, even on a quiet day with one or two cases per unit.
    /// </summary>
    private static int ColourOf(int @class, int max)
    {
        var used = ClassOf(max, max);
        return @class <= 0 || used <= 0 ? 0 : (int)Math.Ceiling(@class * (double)Classes / used);
    }

    private MapView Build()
    {
        var overdue = Measure == MapMeasure.Overdue;
        var title = T["Title_Map" + Measure];
        var legendLabel = T["Map_Legend" + Measure];
        var shown = Shown;
        var outlines = Outlines;
        var loads = RolledUp.Where(l => shown.Any(u => u.Code == l.UnitCode)).ToDictionary(l => l.UnitCode, StringComparer.Ordinal);
        var max = loads.Values.Select(Count).DefaultIfEmpty(0).Max();

        var foot = new Html()
            .Open("div", ("class", "hd-map-foot"))
            .Open("ul", ("class", "hd-legend"), ("aria-label", legendLabel))
            .Element("li", legendLabel, ("class", "hd-legend-caption"));
        foreach (var step in Legend(max))
        {
            foot.Open("li", ("class", "hd-legend-step")).Open("span", ("class", $"hd-swatch hd-c{step.Class}")).Close("span").Text(step.Label).Close("li");
        }

        foot.Close("ul");
        if (outlines is null)
        {
            foot.Element("p", T["Map_Schematic"], ("class", "hd-map-note"));
        }
        else
        {
            foot.Element("p", outlines.Source.Attribution is { Length: > 0 } credit ? T["Map_Reference", credit] : T["Map_ReferenceOnly"], ("class", "hd-map-note hd-map-credit"));
        }

        var viewBox = outlines is not null
            ? $"0 0 {Svg(GeoJsonMap.Width)} {Svg(outlines.Height)}"
            : $"0 0 {Svg(Columns(shown) * (TileWidth + Gap) + Gap)} {Svg(Rows(shown) * (TileHeight + Gap) + Gap)}";
        var overlay = outlines is null || Measure == MapMeasure.Received ? new MarkupString("") : PointLayer(outlines);
        return new MapView($"hd-panel hd-map hd-map--{(overdue ? "overdue" : "open")}{(Measure == MapMeasure.Received ? " hd-map--received" : "")}{(outlines is null ? "" : " hd-map--outlines")}", title, viewBox, Areas(shown, outlines, loads, max), overlay, foot.Close("div").ToMarkup());
    }

    private List<Area> Areas(IReadOnlyList<Domain.Reference.AdministrativeUnit> shown, GeoJsonMap? outlines, Dictionary<string, UnitLoad> loads, int max)
    {
        var state = Measure switch { MapMeasure.Overdue => CaseListStates.Overdue, MapMeasure.Open => CaseListStates.Open, _ => null };
        Area Make(string code, double x, double y, string? path, double labelX, double labelY)
        {
            var load = loads.GetValueOrDefault(code) ?? new UnitLoad(code, 0, 0);
            var name = Names.Unit(code);
            var count = Count(load);
            var title = new Html().Element("title", Measure == MapMeasure.Received
                ? T["Map_UnitTitleReceived", name, DashboardFormat.Number(load.Received)]
                : T["Map_UnitTitle", name, DashboardFormat.Number(load.Open), DashboardFormat.Number(load.Overdue)]).ToMarkup();
            var shape = (path is not null
                    ? new Html().Open("path", ("d", path), ("fill-rule", "evenodd")).Close("path")
                    : new Html().Open("rect", ("x", Svg(x)), ("y", Svg(y)), ("width", Svg(TileWidth)), ("height", Svg(TileHeight)), ("rx", "8")).Close("rect"))
                .Element("text", name, ("class", "hd-map-name"), ("x", Svg(labelX)), ("y", Svg(labelY - NameOffset)), ("text-anchor", "middle"))
                .ToMarkup();
            var figure = new Html()
                .Space()
                .Element("text", DashboardFormat.Number(count), ("class", "hd-map-count"), ("x", Svg(labelX)), ("y", Svg(labelY + CountOffset)), ("text-anchor", "middle"))
                .ToMarkup();
            return new Area(code, new CaseListFilter { Unit = code, State = state, From = Period?.From, To = Period?.To }.ToUrl(), $"hd-map-unit hd-c{ColourOf(ClassOf(count, max), max)}", title, shape, figure);
        }

        if (outlines is not null)
        {
            return outlines.Shapes.Where(s => shown.Any(u => u.Code == s.Code)).Select(s => Make(s.Code, 0, 0, s.PathData, s.LabelX, s.LabelY)).ToList();
        }

        return shown.Select(u =>
        {
            var x = Gap + u.TileColumn * (TileWidth + Gap);
            var y = Gap + u.TileRow * (TileHeight + Gap);
            return Make(u.Code, x, y, null, x + TileWidth / 2, y + TileHeight / 2);
        }).ToList();
    }

    /// <summary>
    /// Where the open cases are: a dot each (overdue ones marked), or, beyond <see cref="MaxPoints"/>, squares of
    /// <see cref="DensityCell"/> shaded by how many cases fall in them. Locations only: never who reported.
    /// </summary>
    private MarkupString PointLayer(GeoJsonMap outlines)
    {
        var drawn = Points
            .Where(p => Measure == MapMeasure.Open || p.Overdue)
            .Select(p => (Point: outlines.ToPoint(p.Latitude, p.Longitude), p.Overdue))
            .Where(p => outlines.IsInside(p.Point.X, p.Point.Y))
            .ToList();
        if (drawn.Count == 0)
        {
            return new MarkupString("");
        }

        var html = new Html().Open("g", ("class", drawn.Count > MaxPoints ? "hd-map-density" : "hd-map-points"), ("aria-hidden", "true"));
        if (drawn.Count <= MaxPoints)
        {
            foreach (var (point, late) in drawn.OrderBy(p => p.Overdue))
            {
                html.Open("circle", ("cx", Svg(point.X)), ("cy", Svg(point.Y)), ("r", "5"), ("class", late ? "hd-pt hd-pt--late" : "hd-pt")).Close("circle");
            }
        }
        else
        {
            var cells = drawn
                .GroupBy(p => ((int)(p.Point.X / DensityCell), (int)(p.Point.Y / DensityCell)))
                .Select(g => (Column: g.Key.Item1, Row: g.Key.Item2, Count: g.Count()))
                .ToList();
            var busiest = cells.Max(c => c.Count);
            foreach (var (column, row, count) in cells.OrderBy(c => c.Row).ThenBy(c => c.Column))
            {
                var level = Math.Max(1, (int)Math.Ceiling(count * 5.0 / busiest));
                html.Open("rect", ("x", Svg(column * DensityCell)), ("y", Svg(row * DensityCell)), ("width", Svg(DensityCell)), ("height", Svg(DensityCell)), ("class", $"hd-dens hd-d{level}")).Close("rect");
            }
        }

        return html.Close("g").ToMarkup();
    }

    private static IEnumerable<LegendStep> Legend(int max)
    {
        yield return new LegendStep(0, DashboardFormat.Number(0));
        for (var c = 1; c <= ClassOf(max, max); c++)
        {
            var (low, high) = ((c - 1) * Step(max) + 1, c * Step(max));
            yield return new LegendStep(ColourOf(c, max), low == high ? DashboardFormat.Number(low) : $"{DashboardFormat.Number(low)}–{DashboardFormat.Number(high)}");
        }
    }

    private static string Svg(double value) => DashboardFormat.Svg(value);
}
