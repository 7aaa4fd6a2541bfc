using System.Globalization;
using HotlineIoc.Web.Components.Dashboard;
using HotlineIoc.Web.Components.Pages.Cases;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace HotlineIoc.Web.Tests.Components;

/// <summary><c>AddDashboard</c> inside the real app: it finds the database, the texts and the reference data the host provides.</summary>
public class DashboardServicesTests(HotlineApp app) : IClassFixture<HotlineApp>
{
    [Fact]
    public async Task The_app_with_AddDashboard_names_units_fields_and_agencies_from_its_database()
    {
        using var services = Services();
        using var culture = new CultureScope("vi-VN");
        var names = services.GetRequiredService<ReferenceNames>();

        await names.EnsureLoadedAsync(TestContext.Current.CancellationToken);

        Assert.Equal("Cư Êbur", names.Unit("cu-ebur"));
        Assert.Equal("An toàn thực phẩm", names.Field("ATTP"));
        Assert.Equal("Công an thành phố", names.Agency("CA"));
        Assert.Equal(27, names.Units.Count);
        Assert.Equal(6, names.Catalog.Timeline.InForceOn(new DateOnly(2026, 12, 4)).Count);
        Assert.Equal(15, names.Fields.Count);
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
        Assert.Equal("Food safety", names.Field("ATTP"));
        Assert.Equal("Zalo Official Account", names.Channel("zalo"));
    }

    [Fact]
    public async Task The_app_with_AddDashboard_lists_cases_and_speaks_both_languages()
    {
        using var services = Services();
        var query = services.GetRequiredService<CaseListQuery>();
        var text = services.GetRequiredService<IStringLocalizer<DashboardText>>();

        var page = await query.GetPageAsync(new CaseListRequest(new CaseListFilter { State = CaseListStates.Overdue }), TestContext.Current.CancellationToken);

        Assert.Equal(0, page.Total);
        using (new CultureScope("vi-VN"))
        {
            Assert.Equal("Sơ đồ minh họa (không phải bản đồ ranh giới)", text["Map_Schematic"]);
        }

        using (new CultureScope("en"))
        {
            Assert.Equal("Schematic layout, not a boundary map", text["Map_Schematic"]);
        }

        // Today's six units are drawn from the shipped polygons, without any setting.
        Assert.Equal(6, services.GetRequiredService<DashboardMap>().Outlines!.Shapes.Count);
    }

    [Fact]
    public void Every_Vietnamese_text_has_an_English_twin()
    {
        var folder = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../src/HotlineIoc.Web/Resources"));

        var vi = Keys(Path.Combine(folder, "DashboardText.resx"));
        var en = Keys(Path.Combine(folder, "DashboardText.en.resx"));

        Assert.NotEmpty(vi);
        Assert.Equal(vi, en);
    }

    /// <summary>The host's own services plus the dashboard's, as Program.cs will compose them.</summary>
    private ServiceProvider Services()
    {
        var configuration = app.Services.GetRequiredService<IConfiguration>();
        var collection = new ServiceCollection();
        collection.AddSingleton(app.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Infrastructure.Persistence.HotlineDbContext>>());
        collection.AddLogging();
        collection.AddDashboard(configuration);
        return collection.BuildServiceProvider();
    }

    private static List<string> Keys(string path) =>
        [.. System.Xml.Linq.XDocument.Load(path).Root!.Elements("data").Select(e => (string)e.Attribute("name")!).Order(StringComparer.Ordinal)];
}
