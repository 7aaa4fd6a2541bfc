using System.Globalization;
using System.Text.Json;
using HotlineIoc.Infrastructure.Seeding;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.IO.Converters;

namespace HotlineIoc.Infrastructure.Geography;

/// <summary>One unit's area in WGS 84 (x = longitude, y = latitude), as read: not simplified.</summary>
public sealed record UnitBoundary(string UnitCode, Geometry Area);

/// <summary>
/// Polygons of units, read with NetTopologySuite's GeoJSON reader: what the map draws and what a location's unit is found
/// in (point-in-polygon). The shipped set is today's six units (<c>seed-data/boundaries.csv</c> names each unit's file);
/// a deployment may configure its own FeatureCollection whose features carry the unit code in the property <c>code</c>.
/// </summary>
public sealed class UnitBoundaries
{
    /// <summary>The manifest of the shipped boundaries in the seed-data folder: <c>unit_code,file,statistics_code</c>.</summary>
    public const string ManifestFile = "boundaries.csv";

    /// <summary>The setting naming a deployment's own boundary file (relative paths from the app's content root).</summary>
    public const string GeoJsonPathKey = "Map:GeoJsonPath";

    /// <summary>The setting with the credit for that file.</summary>
    public const string AttributionKey = "Map:Attribution";

    /// <summary>The credit the shipped polygons' licence asks for (seed-data/geojson-2025/SOURCE.md).</summary>
    public const string ShippedAttribution = "© 2021 Thang Le Quoc · vietnamese-provinces-database (MIT) · sapnhap.bando.com.vn";

    private static readonly GeometryFactory Wgs84 = new(new PrecisionModel(), 4326);

    private static readonly JsonSerializerOptions GeoJsonOptions = new()
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        Converters = { new GeoJsonConverterFactory(Wgs84) },
    };

    private readonly Dictionary<string, (UnitBoundary Boundary, IPreparedGeometry Prepared)> _byCode;

    private UnitBoundaries(IReadOnlyList<UnitBoundary> units, string source, string? attribution)
    {
        Units = units;
        Source = source;
        Attribution = attribution;
        _byCode = units.ToDictionary(u => u.UnitCode, u => (u, PreparedGeometryFactory.Prepare(u.Area)), StringComparer.Ordinal);
    }

    /// <summary>No polygons: the map draws its schematic tiles and no location is placed.</summary>
    public static UnitBoundaries None { get; } = new([], "none", null);

    public IReadOnlyList<UnitBoundary> Units { get; }

    /// <summary>Where the polygons came from, for messages.</summary>
    public string Source { get; }

    /// <summary>The credit to show wherever the polygons are drawn.</summary>
    public string? Attribution { get; }

    public bool IsEmpty => Units.Count == 0;

    public UnitBoundary? Find(string code) => _byCode.TryGetValue(code, out var entry) ? entry.Boundary : null;

    /// <summary>
    /// The unit whose polygon holds the point (a point on a shared edge goes to the first unit in code order), or null
    /// when it lies outside all of them or is not a position on Earth.
    /// </summary>
    public string? Locate(double latitude, double longitude)
    {
        if (!double.IsFinite(latitude) || !double.IsFinite(longitude) || latitude is < -90 or > 90 || longitude is < -180 or > 180)
        {
            return null;
        }

        var point = Wgs84.CreatePoint(new Coordinate(longitude, latitude));
        return Units.Select(u => _byCode[u.UnitCode]).FirstOrDefault(e => e.Prepared.Covers(point)).Boundary?.UnitCode;
    }

    /// <summary>A point inside the unit's polygon, drawn from <paramref name="random"/>; null when the unit has no polygon.</summary>
    public (double Latitude, double Longitude)? RandomPointIn(string code, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (!_byCode.TryGetValue(code, out var entry))
        {
            return null;
        }

        var box = entry.Boundary.Area.EnvelopeInternal;
        for (var attempt = 0; attempt < 1000; attempt++)
        {
            var (x, y) = (box.MinX + random.NextDouble() * box.Width, box.MinY + random.NextDouble() * box.Height);
            if (entry.Prepared.Covers(Wgs84.CreatePoint(new Coordinate(x, y))))
            {
                return (Math.Round(y, 6), Math.Round(x, 6));
            }
        }

        var inside = entry.Boundary.Area.InteriorPoint;
        return (inside.Y, inside.X);
    }

    /// <summary>
    /// The deployment's own file when one is configured (<c>Map:GeoJsonPath</c>, credited with <c>Map:Attribution</c>),
    /// otherwise the boundaries shipped in the seed-data folder.
    /// </summary>
    public static UnitBoundaries Load(string seedFolder, string? configuredFile, string? attribution)
    {
        if (configuredFile is not { Length: > 0 } file)
        {
            return LoadShipped(seedFolder);
        }

        try
        {
            return LoadFile(file, attribution);
        }
        catch (BoundaryFileException e)
        {
            throw new BoundaryFileException($"{GeoJsonPathKey}: {e.Message}", e) { File = e.File };
        }
    }

    /// <summary>The boundaries shipped in the seed-data folder, as its manifest names them; none when it has no manifest.</summary>
    public static UnitBoundaries LoadShipped(string seedFolder)
    {
        var manifest = Path.Combine(seedFolder, ManifestFile);
        if (!File.Exists(manifest))
        {
            return None;
        }

        var units = new List<UnitBoundary>();
        foreach (var row in SeedCsv.Read(manifest, ["unit_code", "file", "statistics_code"], r => (Code: r.Text("unit_code"), File: r.Text("file"), Statistics: r.Text("statistics_code"))))
        {
            var path = Path.Combine(seedFolder, row.File);
            var features = ReadFeatures(path);
            foreach (var (feature, index) in features.Select((f, i) => (f, i + 1)))
            {
                var code = Property(feature, "code");
                if (code != row.Statistics)
                {
                    throw new BoundaryFileException(path, $"feature {index} has the statistics code '{code}', but {ManifestFile} expects {row.Statistics} for {row.Code}");
                }
            }

            units.Add(new UnitBoundary(row.Code, Union(features.Select(f => Polygonal(f, path, row.Code)))));
        }

        return new UnitBoundaries(units.OrderBy(u => u.UnitCode, StringComparer.Ordinal).ToList(), seedFolder, ShippedAttribution);
    }

    /// <summary>A deployment's own FeatureCollection: Polygon or MultiPolygon features whose property <c>code</c> is the unit code.</summary>
    public static UnitBoundaries LoadFile(string path, string? attribution = null) =>
        FromFeatures(ReadFeatures(path), path, attribution);

    /// <summary>GeoJSON text in the form of <see cref="LoadFile"/>; <paramref name="source"/> names it in errors.</summary>
    public static UnitBoundaries Parse(string json, string source, string? attribution = null) =>
        FromFeatures(ParseFeatures(json, source), source, attribution);

    private static UnitBoundaries FromFeatures(List<IFeature> features, string source, string? attribution)
    {
        var units = features
            .Select((f, i) => (Code: Property(f, "code") is { Length: > 0 } code ? code.Trim() : throw new BoundaryFileException(source, $"feature {i + 1} has no \"code\" property (the unit code, e.g. \"p-tan-an\")"), Feature: f))
            .GroupBy(f => f.Code, StringComparer.Ordinal)
            .Select(g => new UnitBoundary(g.Key, Union(g.Select(f => Polygonal(f.Feature, source, g.Key)))))
            .OrderBy(u => u.UnitCode, StringComparer.Ordinal)
            .ToList();
        return new UnitBoundaries(units, source, attribution);
    }

    private static List<IFeature> ReadFeatures(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new BoundaryFileException(path, $"cannot be read: {e.Message}", e);
        }

        return ParseFeatures(text, path);
    }

    private static List<IFeature> ParseFeatures(string json, string source)
    {
        FeatureCollection? collection;
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "FeatureCollection")
            {
                throw new BoundaryFileException(source, "is not a GeoJSON FeatureCollection (the top level needs \"type\": \"FeatureCollection\")");
            }

            collection = document.RootElement.Deserialize<FeatureCollection>(GeoJsonOptions);
        }
        catch (JsonException e)
        {
            throw new BoundaryFileException(source, $"is not valid GeoJSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}): {e.Message}", e);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException or NotSupportedException)
        {
            throw new BoundaryFileException(source, $"is not valid GeoJSON: {e.Message}", e);
        }

        if (collection is null || collection.Count == 0)
        {
            throw new BoundaryFileException(source, "has no features; the map needs one Polygon or MultiPolygon feature per unit");
        }

        return [.. collection];
    }

    private static Geometry Polygonal(IFeature feature, string source, string code)
    {
        var where = $"the feature of '{code}'";
        if (feature.Geometry is not (Polygon or MultiPolygon) || feature.Geometry.IsEmpty)
        {
            throw new BoundaryFileException(source, $"{where} has geometry type \"{feature.Geometry?.GeometryType ?? "none"}\"; only Polygon and MultiPolygon can be drawn");
        }

        foreach (var c in feature.Geometry.Coordinates)
        {
            if (!double.IsFinite(c.X) || !double.IsFinite(c.Y) || c.X is < -180 or > 180 || c.Y is < -90 or > 90)
            {
                throw new BoundaryFileException(source,
                    $"{where}: position [{c.X.ToString(CultureInfo.InvariantCulture)}, {c.Y.ToString(CultureInfo.InvariantCulture)}] is not a longitude and latitude in degrees (WGS 84)");
            }
        }

        // A ring that touches itself is common in traced data; a zero-width buffer mends it without moving the outline.
        var area = feature.Geometry.IsValid ? feature.Geometry : feature.Geometry.Buffer(0);
        return area.IsEmpty || area.Area <= 0
            ? throw new BoundaryFileException(source, $"{where} encloses no area (a ring needs at least 4 positions, the last repeating the first, around some ground)")
            : area;
    }

    private static Geometry Union(IEnumerable<Geometry> parts)
    {
        var list = parts.ToList();
        return list.Count == 1 ? list[0] : Wgs84.BuildGeometry(list).Union();
    }

    private static string? Property(IFeature feature, string name) =>
        feature.Attributes is { } attributes && attributes.Exists(name) ? Convert.ToString(attributes[name], CultureInfo.InvariantCulture) : null;
}

/// <summary>A boundary file cannot be used; the message names the file and what is wrong with it.</summary>
public sealed class BoundaryFileException : Exception
{
    public BoundaryFileException()
    {
    }

    public BoundaryFileException(string message)
        : base(message)
    {
    }

    public BoundaryFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public BoundaryFileException(string file, string problem, Exception? innerException = null)
        : base($"The boundary file '{file}' {problem}.", innerException)
    {
        File = file;
    }

    /// <summary>The file at fault.</summary>
    public string? File { get; init; }
}
