using HotlineIoc.Infrastructure.Geography;
using HotlineIoc.Infrastructure.Seeding;

namespace HotlineIoc.Infrastructure.Tests;

/// <summary>Today's unit polygons as shipped, point-in-polygon, and a deployment's own file refused loudly when broken.</summary>
public class UnitBoundariesTests
{
    private static readonly UnitBoundaries Shipped = UnitBoundaries.LoadShipped(SeedData.DefaultFolder);

    [Fact]
    public void The_six_units_of_today_are_shipped_with_their_credit()
    {
        Assert.Equal(["p-buon-ma-thuot", "p-ea-kao", "p-tan-an", "p-tan-lap", "p-thanh-nhat", "x-hoa-phu"], Shipped.Units.Select(u => u.UnitCode));
        Assert.Contains("Thang Le Quoc", Shipped.Attribution, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(SeedData.DefaultFolder, "geojson-2025", "SOURCE.md")), "the attribution travels with the polygons");
        // Their areas add up to the former city's 377 km² (a degree is about 111 km; longitude shrinks with cos 12.7°).
        var km2 = Shipped.Units.Sum(u => u.Area.Area) * 111.32 * 111.32 * Math.Cos(12.67 * Math.PI / 180);
        Assert.InRange(km2, 360, 395);
    }

    [Theory]
    [InlineData(12.6670, 108.0380, "p-buon-ma-thuot")] // the old city centre, once Thắng Lợi
    [InlineData(12.7200, 108.1100, "p-tan-an")]
    [InlineData(12.6550, 108.0950, "p-tan-lap")]
    [InlineData(12.6600, 108.0000, "p-thanh-nhat")]
    [InlineData(12.6080, 108.0470, "p-ea-kao")]
    [InlineData(12.6100, 107.9730, "x-hoa-phu")]
    public void A_point_inside_a_unit_gives_that_unit(double latitude, double longitude, string unit) =>
        Assert.Equal(unit, Shipped.Locate(latitude, longitude));

    [Theory]
    [InlineData(12.9, 108.5)]     // Krông Pắc, beyond the city
    [InlineData(10.78, 106.70)]   // Hồ Chí Minh City
    [InlineData(0, 0)]
    [InlineData(95, 108)]         // not a latitude
    [InlineData(double.NaN, 108)]
    public void A_point_outside_all_of_them_gives_none(double latitude, double longitude) =>
        Assert.Null(Shipped.Locate(latitude, longitude));

    [Fact]
    public void A_random_point_of_a_unit_lies_inside_it()
    {
        var random = new Random(7);
        foreach (var unit in Shipped.Units)
        {
            for (var i = 0; i < 20; i++)
            {
                var (lat, lon) = Shipped.RandomPointIn(unit.UnitCode, random)!.Value;
                Assert.Equal(unit.UnitCode, Shipped.Locate(lat, lon));
            }
        }

        Assert.Null(Shipped.RandomPointIn("thang-loi", random));
    }

    [Fact]
    public void Without_a_manifest_there_are_no_boundaries()
    {
        var folder = Directory.CreateTempSubdirectory("hotline-seed-");

        var none = UnitBoundaries.LoadShipped(folder.FullName);

        Assert.True(none.IsEmpty);
        Assert.Null(none.Locate(12.67, 108.04));
    }

    [Theory]
    [InlineData("{ \"type\": \"FeatureCollection\", \"features\": [ { \"type\": \"Feature\", ", "is not valid GeoJSON (line 1")]
    [InlineData("{ \"type\": \"Feature\" }", "is not a GeoJSON FeatureCollection")]
    [InlineData("[1, 2]", "is not a GeoJSON FeatureCollection")]
    [InlineData("{ \"type\": \"FeatureCollection\", \"features\": [] }", "has no features")]
    [InlineData("{ \"type\": \"FeatureCollection\", \"features\": [ { \"type\": \"Feature\", \"properties\": {}, \"geometry\": { \"type\": \"Polygon\", \"coordinates\": [[[108.0, 12.6], [108.1, 12.6], [108.1, 12.7], [108.0, 12.6]]] } } ] }", "feature 1 has no \"code\" property")]
    [InlineData("{ \"type\": \"FeatureCollection\", \"features\": [ { \"type\": \"Feature\", \"properties\": { \"code\": \"tan-lap\" }, \"geometry\": { \"type\": \"Point\", \"coordinates\": [108.0, 12.6] } } ] }", "the feature of 'tan-lap' has geometry type \"Point\"")]
    [InlineData("{ \"type\": \"FeatureCollection\", \"features\": [ { \"type\": \"Feature\", \"properties\": { \"code\": \"tan-lap\" }, \"geometry\": { \"type\": \"Polygon\", \"coordinates\": [[[108.0, 12.6], [108.1, 12.6], [108.0, 12.6]]] } } ] }", "encloses no area")]
    [InlineData("{ \"type\": \"FeatureCollection\", \"features\": [ { \"type\": \"Feature\", \"properties\": { \"code\": \"tan-lap\" }, \"geometry\": { \"type\": \"Polygon\", \"coordinates\": [[[1080000, 12.6], [108.1, 12.6], [108.1, 12.7], [1080000, 12.6]]] } } ] }", "is not a longitude and latitude")]
    public void A_broken_file_is_refused_with_its_name_and_the_problem(string json, string problem)
    {
        var path = Path.Combine(Path.GetTempPath(), "hotline-map-" + Guid.NewGuid().ToString("N") + ".geojson");
        File.WriteAllText(path, json);

        var error = Assert.Throws<BoundaryFileException>(() => UnitBoundaries.LoadFile(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.Equal(path, error.File);
    }

    [Fact]
    public void A_missing_file_is_refused_with_its_name_and_the_setting()
    {
        var path = Path.Combine(Path.GetTempPath(), "hotline-no-such-map-" + Guid.NewGuid().ToString("N") + ".geojson");

        var error = Assert.Throws<BoundaryFileException>(() => UnitBoundaries.Load(SeedData.DefaultFolder, path, null));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("cannot be read", error.Message, StringComparison.Ordinal);
        Assert.StartsWith("Map:GeoJsonPath", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_shipped_file_with_the_wrong_statistics_code_is_refused()
    {
        var folder = Directory.CreateTempSubdirectory("hotline-seed-");
        Directory.CreateDirectory(Path.Combine(folder.FullName, "geojson-2025"));
        File.Copy(Path.Combine(SeedData.DefaultFolder, "geojson-2025", "24163_tan_an.geojson"), Path.Combine(folder.FullName, "geojson-2025", "24163_tan_an.geojson"));
        File.WriteAllText(Path.Combine(folder.FullName, UnitBoundaries.ManifestFile), "unit_code,file,statistics_code\np-tan-lap,geojson-2025/24163_tan_an.geojson,24121\n");

        var error = Assert.Throws<BoundaryFileException>(() => UnitBoundaries.LoadShipped(folder.FullName));

        Assert.Contains("statistics code '24163'", error.Message, StringComparison.Ordinal);
        Assert.Contains("expects 24121 for p-tan-lap", error.Message, StringComparison.Ordinal);
    }
}
