using HotlineIoc.Web.Components.Dashboard;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HotlineIoc.Web.Tests.Components;

/// <summary>Reading the deployment's boundary file: projected right, and refused loudly when broken.</summary>
public class GeoJsonMapTests
{
    [Fact]
    public void Outlines_keep_their_places_west_to_east_and_north_to_south()
    {
        var map = GeoJsonMap.Load(UnitMapTests.TestMapPath);

        var at = map.Shapes.ToDictionary(s => s.Code);
        Assert.True(at["thanh-nhat"].LabelX < at["thang-loi"].LabelX, "Thành Nhất lies west of Thắng Lợi");
        Assert.True(at["thang-loi"].LabelX < at["ea-kao"].LabelX, "Ea Kao lies east");
        Assert.True(at["ea-kao"].LabelY > at["thang-loi"].LabelY, "Ea Kao lies south, lower on the map");
        Assert.Equal(at["thanh-nhat"].LabelY, at["thang-loi"].LabelY, 0.5);
    }

    [Fact]
    public void Projection_fits_the_width_and_keeps_a_degree_of_longitude_shorter_than_one_of_latitude()
    {
        var map = GeoJsonMap.Load(UnitMapTests.TestMapPath);

        // 0.08° of longitude by 0.04° of latitude at 12.66°N: width / height ≈ 2 × cos(12.66°) ≈ 1.95.
        var drawnWidth = GeoJsonMap.Width - 20;
        var drawnHeight = map.Height - 20;
        Assert.Equal(2 * Math.Cos(12.66 * Math.PI / 180), drawnWidth / drawnHeight, 2);
        // Thành Nhất is a square in degrees, so narrower than tall once projected, against the left and top margins.
        Assert.Equal("M10 261.1 L255 261.1 L255 10 L10 10 L10 261.1 Z", map.Shapes[0].PathData);
    }

    [Theory]
    [InlineData("{ \"type\": \"FeatureCollection\", \"features\": [ { \"type\": \"Feature\", ", "is not valid JSON (line 1")]
    [InlineData("{ \"type\": \"Feature\" }", "is not a GeoJSON FeatureCollection")]
    [InlineData("{ \"type\": \"FeatureCollection\", \"features\": [] }", "has no features")]
    [InlineData("{ \"type\": \"FeatureCollection\", \"features\": [ { \"type\": \"Feature\", \"properties\": {}, \"geometry\": null } ] }", "feature 1 has no \"code\" property")]
    [InlineData("{ \"type\": \"FeatureCollection\", \"features\": [ { \"type\": \"Feature\", \"properties\": { \"code\": \"tan-lap\" }, \"geometry\": { \"type\": \"Point\", \"coordinates\": [108.0, 12.6] } } ] }", "feature 1 (code \"tan-lap\") has geometry type \"Point\"")]
    [InlineData("{ \"type\": \"FeatureCollection\", \"features\": [ { \"type\": \"Feature\", \"properties\": { \"code\": \"tan-lap\" }, \"geometry\": { \"type\": \"Polygon\", \"coordinates\": [[[108.0, 12.6], [108.1, 12.6], [108.0, 12.6]]] } } ] }", "a ring needs at least 4 positions")]
    [InlineData("{ \"type\": \"FeatureCollection\", \"features\": [ { \"type\": \"Feature\", \"properties\": { \"code\": \"tan-lap\" }, \"geometry\": { \"type\": \"Polygon\", \"coordinates\": [[[1080000, 12.6], [108.1, 12.6], [108.1, 12.7], [1080000, 12.6]]] } } ] }", "is not a longitude and latitude")]
    public void A_broken_file_is_refused_with_its_name_and_the_problem(string json, string problem)
    {
        var path = Write(json);

        var error = Assert.Throws<MapFileException>(() => GeoJsonMap.Load(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.Equal(path, error.File);
    }

    [Fact]
    public void A_missing_file_is_refused_with_its_name()
    {
        var path = Path.Combine(Path.GetTempPath(), "hotline-no-such-map-" + Guid.NewGuid().ToString("N") + ".geojson");

        var error = Assert.Throws<MapFileException>(() => GeoJsonMap.Load(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("cannot be read", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_up_fails_on_a_broken_configured_map_instead_of_falling_back_to_the_schematic()
    {
        var path = Write("{ \"type\": \"FeatureCollection\" ");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Map:GeoJsonPath"] = path }).Build();

        var error = Assert.Throws<MapFileException>(() => new ServiceCollection().AddDashboard(configuration));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("Map:GeoJsonPath", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_configured_map_the_dashboard_uses_the_schematic()
    {
        var configuration = new ConfigurationBuilder().Build();

        using var services = new ServiceCollection().AddDashboard(configuration).BuildServiceProvider();

        Assert.Null(services.GetRequiredService<DashboardMap>().Outlines);
    }

    [Fact]
    public void A_relative_map_path_is_read_from_the_content_root()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Map:GeoJsonPath"] = Path.Combine("Components", "Maps", "three-units.geojson"),
            ["contentRoot"] = AppContext.BaseDirectory,
        }).Build();

        var map = DashboardMap.FromConfiguration(configuration);

        Assert.Equal(3, map.Outlines!.Shapes.Count);
    }

    private static string Write(string json)
    {
        var path = Path.Combine(Path.GetTempPath(), "hotline-map-" + Guid.NewGuid().ToString("N") + ".geojson");
        File.WriteAllText(path, json);
        return path;
    }
}
