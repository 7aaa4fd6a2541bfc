using System.Globalization;
using System.Text;
using HotlineIoc.Infrastructure.Geography;
using NetTopologySuite.Algorithm.Construct;
using NetTopologySuite.Coverage;
using NetTopologySuite.Geometries;

namespace HotlineIoc.Web.Components.Dashboard;

/// <summary>One unit's outline, already simplified and projected into the map's drawing space.</summary>
/// <param name="Code">The unit code.</param>
/// <param name="PathData">SVG path data of every ring, drawn with the even-odd rule so holes stay holes.</param>
/// <param name="LabelX">Where the unit's label goes: the centre of the largest circle inside the outline.</param>
/// <param name="LabelY">Where the unit's label goes.</param>
public sealed record MapShape(string Code, string PathData, double LabelX, double LabelY);

/// <summary>
/// The unit polygons of <see cref="UnitBoundaries"/> made ready to draw, once at start: simplified as a coverage (shared
/// edges stay shared, so neighbours neither overlap nor part) to about a metre per drawing unit, and projected with an
/// equirectangular projection fitted to the bounds. A wall then sends a few kilobytes of outline instead of the survey's
/// thousands of vertices, and every circuit shares the same strings.
/// </summary>
public sealed class GeoJsonMap
{
    /// <summary>The drawing space is this wide; its height follows the area's aspect.</summary>
    public const double Width = 1000;

    /// <summary>Vertices closer than this to the simplified line are dropped: about 25 m, a quarter of a drawing unit at this width.</summary>
    public const double ToleranceDegrees = 0.00025;

    private const double Margin = 10;

    private readonly double _minLon;
    private readonly double _maxLat;
    private readonly double _xScale;
    private readonly double _scale;

    private GeoJsonMap(UnitBoundaries source, IReadOnlyList<Geometry> simplified)
    {
        var all = new Envelope();
        foreach (var area in simplified)
        {
            all.ExpandToInclude(area.EnvelopeInternal);
        }

        // Equirectangular: a degree of longitude is cos(latitude) as long as a degree of latitude.
        _minLon = all.MinX;
        _maxLat = all.MaxY;
        _xScale = Math.Cos((all.MinY + all.MaxY) / 2 * Math.PI / 180);
        var spanX = Math.Max(all.Width * _xScale, 1e-9);
        var spanY = Math.Max(all.Height, 1e-9);
        _scale = (Width - 2 * Margin) / spanX;
        Height = Math.Round(spanY * _scale + 2 * Margin, 1);
        Source = source;
        Shapes = source.Units.Select((u, i) => Shape(u.UnitCode, simplified[i])).ToList();
        Vertices = simplified.Sum(g => g.NumPoints);
    }

    /// <summary>The boundaries drawn, with their credit.</summary>
    public UnitBoundaries Source { get; }

    public IReadOnlyList<MapShape> Shapes { get; }

    public double Height { get; }

    /// <summary>Vertices left after simplification, over every outline.</summary>
    public int Vertices { get; }

    /// <summary>Simplifies and projects the boundaries; null when there are none, so the map draws its schematic.</summary>
    public static GeoJsonMap? From(UnitBoundaries boundaries)
    {
        ArgumentNullException.ThrowIfNull(boundaries);
        if (boundaries.IsEmpty)
        {
            return null;
        }

        var areas = boundaries.Units.Select(u => u.Area).ToArray();
        Geometry[] simplified;
        try
        {
            simplified = CoverageSimplifier.Simplify(areas, ToleranceDegrees);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or TopologyException)
        {
            // Outlines that do not form a clean coverage are simplified one by one instead.
            simplified = [.. areas.Select(a => NetTopologySuite.Simplify.TopologyPreservingSimplifier.Simplify(a, ToleranceDegrees))];
        }

        return new GeoJsonMap(boundaries, simplified);
    }

    /// <summary>Whether every one of the units has an outline to draw.</summary>
    public bool Covers(IEnumerable<string> unitCodes)
    {
        var drawn = Shapes.Select(s => s.Code).ToHashSet(StringComparer.Ordinal);
        return unitCodes.All(drawn.Contains);
    }

    /// <summary>Where a position falls in the drawing space.</summary>
    public (double X, double Y) ToPoint(double latitude, double longitude) =>
        (Margin + (longitude - _minLon) * _xScale * _scale, Margin + (_maxLat - latitude) * _scale);

    /// <summary>Whether a drawn point lies within the drawing space.</summary>
    public bool IsInside(double x, double y) => x is >= 0 and <= Width && y >= 0 && y <= Height;

    private MapShape Shape(string code, Geometry area)
    {
        var path = new StringBuilder();
        for (var i = 0; i < area.NumGeometries; i++)
        {
            if (area.GetGeometryN(i) is not Polygon polygon)
            {
                continue;
            }

            Ring(path, polygon.ExteriorRing.Coordinates);
            foreach (var hole in polygon.InteriorRings)
            {
                Ring(path, hole.Coordinates);
            }
        }

        var centre = MaximumInscribedCircle.GetCenter(area, ToleranceDegrees).Coordinate;
        var (x, y) = ToPoint(centre.Y, centre.X);
        return new MapShape(code, path.ToString().TrimEnd(), Math.Round(x, 1), Math.Round(y, 1));
    }

    private void Ring(StringBuilder path, Coordinate[] ring)
    {
        // The closing vertex repeats the first; Z closes the ring instead.
        for (var i = 0; i < ring.Length - 1; i++)
        {
            var (x, y) = ToPoint(ring[i].Y, ring[i].X);
            path.Append(i == 0 ? 'M' : 'L').Append(Number(x)).Append(' ').Append(Number(y)).Append(' ');
        }

        path.Append("Z ");
    }

    private static string Number(double value) => Math.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture);
}
