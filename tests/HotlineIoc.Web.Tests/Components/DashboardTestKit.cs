using System.Globalization;
using Bunit;
using HotlineIoc.Infrastructure.Geography;
using HotlineIoc.Infrastructure.Live;
using HotlineIoc.Infrastructure.Seeding;
using HotlineIoc.Web.Components.Dashboard;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace HotlineIoc.Web.Tests.Components;

/// <summary>
/// What every component test needs: a bUnit context with MudBlazor, the dashboard's texts, the shipped reference names,
/// a chosen UI culture, and a hand-made snapshot whose figures are easy to recognise in the markup.
/// </summary>
public static class DashboardTestKit
{
    /// <summary>10:00 on Wednesday 12 March 2025 in Buôn Ma Thuột.</summary>
    public static readonly DateTime Now = new(2025, 3, 12, 3, 0, 0, DateTimeKind.Utc);

    public static readonly DateOnly Today = new(2025, 3, 12);

    private static readonly Lazy<ReferenceCatalog> Catalog = new(() =>
    {
        var seed = SeedData.Load(SeedData.DefaultFolder);
        return new ReferenceCatalog(seed.Fields, seed.Units, seed.Channels, seed.Agencies);
    });

    /// <summary>Today's unit polygons as shipped, for the pages that place a location.</summary>
    public static readonly Lazy<UnitBoundaries> Boundaries = new(() => UnitBoundaries.LoadShipped(SeedData.DefaultFolder));

    /// <summary>A context set up like the app: MudBlazor, localization from Resources/, reference names from seed-data/.</summary>
    public static BunitContext NewContext(DashboardMap? map = null)
    {
        var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        ctx.Services.AddLocalization(o => o.ResourcesPath = "Resources");
        ctx.Services.AddSingleton(new ReferenceNames(Catalog.Value));
        ctx.Services.AddSingleton(map ?? DashboardMap.Schematic);
        ctx.Services.AddSingleton(Boundaries.Value);
        ctx.Services.AddSingleton(new HotlineIoc.Infrastructure.Cluster.RelayStatus());
        return ctx;
    }

    /// <summary>Vietnamese, as the app starts; dispose to restore the test thread's cultures.</summary>
    public static CultureScope Vietnamese() => new("vi-VN");

    public static CultureScope English() => new("en");

    public static DashboardSnapshot Snapshot(int overdue = 7) => new(
        Now,
        Today,
        ReceivedToday: 12,
        ReceivedThisWeek: 1234,
        ReceivedThisYear: 5678,
        Open: 321,
        Overdue: overdue,
        DueWithinOneWorkingDay: 15,
        ResolutionRateThisYear: 0.9861,
        OnTimeRateThisYear: 0.912,
        Stream:
        [
            new StreamItem("BMT-2025-000101", "ANTT", "tan-lap", "hotline", "in_progress", Now.AddMinutes(-5), Now.AddMinutes(-1), false),
            new StreamItem("BMT-2025-000090", "MT", "ea-kao", "zalo", "forwarded", Now.AddHours(-2), Now.AddMinutes(-30), false),
            new StreamItem("BMT-2025-000042", "ATGT", "thang-loi", "ioc", "received", Now.AddDays(-3), Now.AddHours(-3), true),
            new StreamItem("BMT-2025-000120", "TTDT", "tu-an", "zalo", "resolved", Now.AddDays(-1).AddHours(-1), Now.AddSeconds(-10), false),
        ],
        ByUnit:
        [
            new UnitLoad("tan-lap", 10, 2),
            new UnitLoad("thang-loi", 5, 4),
            new UnitLoad("ea-kao", 1, 0),
        ],
        ByField:
        [
            new CodeCount("ANTT", 1234),
            new CodeCount("MT", 456),
            new CodeCount("ATGT", 78),
        ],
        ByChannel:
        [
            new CodeCount("hotline", 3000),
            new CodeCount("zalo", 2000),
            new CodeCount("ioc", 678),
        ],
        OverdueByAgency:
        [
            new CodeCount("CA", 4),
            new CodeCount("TNMT", 2),
            new CodeCount("", 1),
        ],
        Trend: [.. Enumerable.Range(0, DashboardAggregates.TrendDays).Select(i => new DayCount(Today.AddDays(i - DashboardAggregates.TrendDays + 1), 10 + i % 7, 8 + i % 5))])
    {
        Version = 42,
    };

    /// <summary>The text a reader sees: each text node's words, separated by single spaces.</summary>
    public static string Text(this AngleSharp.Dom.INode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var words = new List<string>();
        Collect(node, words);
        return string.Join(' ', words);
    }

    private static void Collect(AngleSharp.Dom.INode node, List<string> words)
    {
        if (node.NodeType == AngleSharp.Dom.NodeType.Text)
        {
            words.AddRange(node.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            return;
        }

        foreach (var child in node.ChildNodes)
        {
            Collect(child, words);
        }
    }
}

/// <summary>Sets the current culture and UI culture for a test and puts the old ones back.</summary>
public sealed class CultureScope : IDisposable
{
    private readonly CultureInfo _culture = CultureInfo.CurrentCulture;
    private readonly CultureInfo _uiCulture = CultureInfo.CurrentUICulture;

    public CultureScope(string name)
    {
        var culture = CultureInfo.GetCultureInfo(name);
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = culture;
    }

    public void Dispose()
    {
        CultureInfo.CurrentCulture = _culture;
        CultureInfo.CurrentUICulture = _uiCulture;
    }
}
