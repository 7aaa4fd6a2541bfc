using System.Globalization;
using System.Text;
using System.Text.Json;

namespace HotlineIoc.Web.Components.Dashboard;

/// <summary>One unit's outline, already projected into the map's drawing space.</summary>
/// <param name="Code">The unit code of the feature's <c>code</c> property.</param>
/// <param name="PathData">SVG path data of every ring, drawn with the even-odd rule so holes stay holes.</param>
/// <param name="LabelX">Where the unit's label goes: the centroid of its largest ring.</param>
/// <param name="LabelY">Where the unit's label goes.</param>
public sealed record MapShape(string Code, string PathData, double LabelX, double LabelY);

/// <summary>
/// Unit outlines from a GeoJSON FeatureCollection (Polygon and MultiPolygon features, property <c>code</c> = unit code),
/// projected once with an equirectangular projection fitted to the bounds. The deployment supplies the file,
/// since no boundary data with a licence to redistribute is shipped.
/// </summary>
public sealed class GeoJsonMap
{
    /// <summary>The drawing space is this wide; its height follows the area's aspect.</summary>
    public const double Width = 1000;

    private const double Margin = 10;

    private GeoJsonMap(string source, IReadOnlyList<MapShape> shapes, double height)
    {
        Source = source;
        Shapes = shapes;
        Height = height;
    }

    /// <summary>The file the outlines came from.</summary>
    public string Source { get; }

    public IReadOnlyList<MapShape> Shapes { get; }

    public double Height { get; }

    /// <summary>Reads and projects the file; throws <see cref="MapFileException"/> naming the file and the problem.</summary>
    public static GeoJsonMap Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new MapFileException(path, $"cannot be read: {e.Message}", e);
        }

        return Parse(text, path);
    }

    /// <summary>Parses GeoJSON text; <paramref name="source"/> names it in errors.</summary>
    public static GeoJsonMap Parse(string json, string source)
    {
        List<(string Code, List<List<(double Lon, double Lat)>> Rings)> features;
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            features = ReadFeatures(document.RootElement);
        }
        catch (JsonException e)
        {
            throw new MapFileException(source, $"is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}): {e.Message}", e);
        }
        catch (FormatException e)
        {
            throw new MapFileException(source, e.Message, e);
        }

        if (features.Count == 0)
        {
            throw new MapFileException(source, "has no features; the map needs one Polygon or MultiPolygon feature per unit.");
        }

        return Project(source, features);
    }

    private static List<(string Code, List<List<(double Lon, double Lat)>> Rings)> ReadFeatures(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || Text(root, "type") != "FeatureCollection")
        {
            throw new FormatException("is not a GeoJSON FeatureCollection (the top level needs \"type\": \"FeatureCollection\").");
        }

        if (!root.TryGetProperty("features", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("has no \"features\" array.");
        }

        var features = new List<(string, List<List<(double, double)>>)>();
        var index = 0;
        foreach (var feature in list.EnumerateArray())
        {
            index++;
            var code = feature.ValueKind == JsonValueKind.Object && feature.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object
                ? Text(properties, "code")
                : null;
            if (string.IsNullOrWhiteSpace(code))
            {
                throw new FormatException($"feature {index} has no \"code\" property (the unit code, e.g. \"tan-lap\").");
            }

            var where = $"feature {index} (code \"{code}\")";
            if (!feature.TryGetProperty("geometry", out var geometry) || geometry.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException($"{where} has no geometry.");
            }

            var coordinates = geometry.TryGetProperty("coordinates", out var c) ? c : default;
            var rings = Text(geometry, "type") switch
            {
                "Polygon" => Polygon(coordinates, where),
                "MultiPolygon" when coordinates.ValueKind == JsonValueKind.Array => coordinates.EnumerateArray().SelectMany(p => Polygon(p, where)).ToList(),
                "MultiPolygon" => throw new FormatException($"{where}: MultiPolygon coordinates must be an array of polygons."),
                var other => throw new FormatException($"{where} has geometry type \"{other}\"; only Polygon and MultiPolygon can be drawn."),
            };
            features.Add((code.Trim(), rings));
        }

        return features;
    }

    private static List<List<(double Lon, double Lat)>> Polygon(JsonElement polygon, string where)
    {
        if (polygon.ValueKind != JsonValueKind.Array || polygon.GetArrayLength() == 0)
        {
            throw new FormatException($"{where}: a polygon must be an array of rings.");
        }

        var rings = new List<List<(double, double)>>();
        foreach (var ring in polygon.EnumerateArray())
        {
            if (ring.ValueKind != JsonValueKind.Array || ring.GetArrayLength() < 4)
            {
                throw new FormatException($"{where}: a ring needs at least 4 positions, the last one repeating the first.");
            }

            var points = new List<(double, double)>();
            foreach (var position in ring.EnumerateArray())
            {
                if (position.ValueKind != JsonValueKind.Array || position.GetArrayLength() < 2
                    || position[0].ValueKind != JsonValueKind.Number || position[1].ValueKind != JsonValueKind.Number)
                {
                    throw new FormatException($"{where}: a position must be [longitude, latitude] numbers.");
                }

                var (lon, lat) = (position[0].GetDouble(), position[1].GetDouble());
                if (lon is < -180 or > 180 || lat is < -90 or > 90)
                {
                    throw new FormatException($"{where}: position [{lon.ToString(CultureInfo.InvariantCulture)}, {lat.ToString(CultureInfo.InvariantCulture)}] is not a longitude and latitude in degrees (WGS 84).");
                }

                points.Add((lon, lat));
            }

            rings.Add(points);
        }

        return rings;
    }

    private static GeoJsonMap Project(string source, List<(string Code, List<List<(double Lon, double Lat)>> Rings)> features)
    {
        var all = features.SelectMany(f => f.Rings).SelectMany(r => r).ToList();
        var (minLon, maxLon) = (all.Min(p => p.Lon), all.Max(p => p.Lon));
        var (minLat, maxLat) = (all.Min(p => p.Lat), all.Max(p => p.Lat));
        // Equirectangular: a degree of longitude is cos(latitude) as long as a degree of latitude.
        var xScale = Math.Cos((minLat + maxLat) / 2 * Math.PI / 180);
        var spanX = Math.Max((maxLon - minLon) * xScale, 1e-9);
        var spanY = Math.Max(maxLat - minLat, 1e-9);
        var scale = (Width - 2 * Margin) / spanX;
        var height = Math.Round(spanY * scale + 2 * Margin, 1);

        (double X, double Y) ToPoint((double Lon, double Lat) p) =>
            (Margin + (p.Lon - minLon) * xScale * scale, Margin + (maxLat - p.Lat) * scale);

        var shapes = features
            .GroupBy(f => f.Code, StringComparer.Ordinal)
            .Select(g =>
            {
                var rings = g.SelectMany(f => f.Rings).Select(r => r.Select(ToPoint).ToList()).ToList();
                var path = new StringBuilder();
                foreach (var ring in rings)
                {
                    for (var i = 0; i < ring.Count; i++)
                    {
                        path.Append(i == 0 ? 'M' : 'L').Append(Number(ring[i].X)).Append(' ').Append(Number(ring[i].Y)).Append(' ');
                    }

                    path.Append("Z ");
                }

                var (x, y) = Centroid(rings.MaxBy(r => Math.Abs(Area(r)))!);
                return new MapShape(g.Key, path.ToString().TrimEnd(), Math.Round(x, 1), Math.Round(y, 1));
            })
            .ToList();
        return new GeoJsonMap(source, shapes, height);
    }

    private static double Area(List<(double X, double Y)> ring)
    {
        var sum = 0.0;
        for (var i = 0; i < ring.Count - 1; i++)
        {
            sum += ring[i].X * ring[i + 1].Y - ring[i + 1].X * ring[i].Y;
        }

        return sum / 2;
    }

    private static (double X, double Y) Centroid(List<(double X, double Y)> ring)
    {
        var area = Area(ring);
        if (Math.Abs(area) < 1e-9)
        {
            return (ring.Average(p => p.X), ring.Average(p => p.Y));
        }

        double cx = 0, cy = 0;
        for (var i = 0; i < ring.Count - 1; i++)
        {
            var cross = ring[i].X * ring[i + 1].Y - ring[i + 1].X * ring[i].Y;
            cx += (ring[i].X + ring[i + 1].X) * cross;
            cy += (ring[i].Y + ring[i + 1].Y) * cross;
        }

        return (cx / (6 * area), cy / (6 * area));
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Number(double value) => Math.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture);
}

/// <summary>The configured map file cannot be used; the message names the file and what is wrong with it.</summary>
public sealed class MapFileException : Exception
{
    public MapFileException()
    {
    }

    public MapFileException(string message)
        : base(message)
    {
    }

    public MapFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public MapFileException(string file, string problem, Exception? innerException = null)
        : base($"The map file '{file}' (Map:GeoJsonPath) {problem}", innerException)
    {
        File = file;
    }

    /// <summary>The file that was configured.</summary>
    public string? File { get; }
}
