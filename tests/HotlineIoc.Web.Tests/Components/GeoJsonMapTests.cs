using HotlineIoc.Infrastructure.Geography;
using HotlineIoc.Infrastructure.Seeding;
using HotlineIoc.Web.Components.Dashboard;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HotlineIoc.Web.Tests.Components;

/// <summary>Outlines made ready to draw once: projected right, simplified without losing a unit, and a broken configured file refused.</summary>
public class GeoJsonMapTests
{
    private static GeoJsonMap ThreeUnits() => GeoJsonMap.From(UnitBoundaries.LoadFile(UnitMapTests.TestMapPath))!;

    [Fact]
    public void Outlines_keep_their_places_west_to_east_and_north_to_south()
    {
        var at = ThreeUnits().Shapes.ToDictionary(s => s.Code);

        Assert.True(at["thanh-nhat"].LabelX < at["thang-loi"].LabelX, "Thành Nhất lies west of Thắng Lợi");
        Assert.True(at["thang-loi"].LabelX < at["ea-kao"].LabelX, "Ea Kao lies east");
        Assert.True(at["ea-kao"].LabelY > at["thang-loi"].LabelY, "Ea Kao lies south, lower on the map");
        Assert.Equal(135.6, at["thanh-nhat"].LabelY, 0.5);
        // Thắng Lợi's label keeps clear of the hole (x 25–50 %, y 50–75 % of the square from its north-west corner).
        Assert.True(at["thang-loi"].LabelY < 135.6 - 20 || at["thang-loi"].LabelX > 255 + 0.6 * 245, "the label stands beside the hole");
    }

    [Fact]
    public void Projection_fits_the_width_and_keeps_a_degree_of_longitude_shorter_than_one_of_latitude()
    {
        var map = ThreeUnits();

        // 0.08° of longitude by 0.04° of latitude at 12.66°N: width / height ≈ 2 × cos(12.66°) ≈ 1.95.
        var drawnWidth = GeoJsonMap.Width - 20;
        var drawnHeight = map.Height - 20;
        Assert.Equal(2 * Math.Cos(12.66 * Math.PI / 180), drawnWidth / drawnHeight, 2);
        // Thành Nhất is a square in degrees, so narrower than tall once projected, against the left and top margins.
        var square = map.Shapes.Single(s => s.Code == "thanh-nhat").PathData;
        Assert.Equal(4, square.Count(c => c == 'L') + 1);
        foreach (var corner in new[] { "10 261.1", "255 261.1", "255 10", "10 10" })
        {
            Assert.Contains(corner, square, StringComparison.Ordinal);
        }

        Assert.Equal(map.ToPoint(12.68, 108.0), (10, 10));
    }

    [Fact]
    public void Holes_and_parts_stay_as_rings_of_their_own()
    {
        var at = ThreeUnits().Shapes.ToDictionary(s => s.Code);

        Assert.Equal(2, at["thang-loi"].PathData.Count(c => c == 'M'));
        Assert.Equal(2, at["ea-kao"].PathData.Count(c => c == 'M'));
    }

    [Fact]
    public void The_shipped_outlines_are_simplified_once_to_a_fraction_of_their_vertices_and_keep_every_unit()
    {
        var boundaries = UnitBoundaries.LoadShipped(SeedData.DefaultFolder);

        var map = GeoJsonMap.From(boundaries)!;

        var surveyed = boundaries.Units.Sum(u => u.Area.NumPoints);
        Assert.True(surveyed > 10_000, $"the shipped polygons have {surveyed} vertices");
        Assert.True(map.Vertices < surveyed / 4, $"{map.Vertices} of {surveyed} vertices left after simplification");
        Assert.Equal(["p-buon-ma-thuot", "p-ea-kao", "p-tan-an", "p-tan-lap", "p-thanh-nhat", "x-hoa-phu"], map.Shapes.Select(s => s.Code));
        // Each label sits inside its own unit.
        foreach (var shape in map.Shapes)
        {
            var (lat, lon) = Inverse(map, shape.LabelX, shape.LabelY);
            Assert.Equal(shape.Code, boundaries.Locate(lat, lon));
        }

        Assert.True(map.Shapes.Sum(s => s.PathData.Length) < 60_000, "a wall receives a few tens of kilobytes of outline");
    }

    [Fact]
    public void Start_up_fails_on_a_broken_configured_map_instead_of_falling_back()
    {
        var path = Path.Combine(Path.GetTempPath(), "hotline-map-" + Guid.NewGuid().ToString("N") + ".geojson");
        File.WriteAllText(path, "{ \"type\": \"FeatureCollection\" ");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Map:GeoJsonPath"] = path }).Build();

        var error = Assert.Throws<BoundaryFileException>(() => new ServiceCollection().AddDashboard(configuration));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("Map:GeoJsonPath", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_configured_map_the_dashboard_draws_the_shipped_outlines_of_today()
    {
        var configuration = new ConfigurationBuilder().Build();

        using var services = new ServiceCollection().AddDashboard(configuration).BuildServiceProvider();

        var outlines = services.GetRequiredService<DashboardMap>().Outlines!;
        Assert.Equal(6, outlines.Shapes.Count);
        Assert.Equal(UnitBoundaries.ShippedAttribution, outlines.Source.Attribution);
        Assert.Same(outlines.Source, services.GetRequiredService<UnitBoundaries>());
    }

    [Fact]
    public void A_relative_map_path_is_read_from_the_content_root()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Map:GeoJsonPath"] = Path.Combine("Components", "Maps", "three-units.geojson"),
            ["Map:Attribution"] = "Sở Nông nghiệp và Môi trường",
            ["contentRoot"] = AppContext.BaseDirectory,
        }).Build();

        var boundaries = DashboardMap.Boundaries(configuration);

        Assert.Equal(3, DashboardMap.From(boundaries).Outlines!.Shapes.Count);
        Assert.Equal("Sở Nông nghiệp và Môi trường", boundaries.Attribution);
    }

    /// <summary>The position a drawn point stands for (the projection is linear in each axis).</summary>
    private static (double Latitude, double Longitude) Inverse(GeoJsonMap map, double x, double y)
    {
        var origin = map.ToPoint(12.0, 108.0);
        var east = map.ToPoint(12.0, 109.0);
        var north = map.ToPoint(13.0, 108.0);
        return (12.0 + (y - origin.Y) / (north.Y - origin.Y), 108.0 + (x - origin.X) / (east.X - origin.X));
    }
}
