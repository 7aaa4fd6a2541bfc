using HotlineIoc.Infrastructure.Geography;
using HotlineIoc.Infrastructure.Persistence;
using HotlineIoc.Infrastructure.Seeding;
using HotlineIoc.Web.Components.Pages.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HotlineIoc.Web.Components.Dashboard;

/// <summary>
/// The map the dashboard draws: the outlines of <see cref="UnitBoundaries"/> (today's units as shipped, or the
/// deployment's own file in <c>Map:GeoJsonPath</c>), simplified and projected once; the schematic tiles without them.
/// </summary>
/// <param name="Outlines">The outlines, or null for the schematic.</param>
public sealed record DashboardMap(GeoJsonMap? Outlines)
{
    public static DashboardMap Schematic { get; } = new((GeoJsonMap?)null);

    public static DashboardMap From(UnitBoundaries boundaries) => new(GeoJsonMap.From(boundaries));

    /// <summary>
    /// Reads the boundaries the settings name (a relative <c>Map:GeoJsonPath</c> from the content root). A configured file
    /// that is missing or broken stops the start with <see cref="BoundaryFileException"/>: a wall must not quietly show a
    /// different map than the one configured.
    /// </summary>
    public static UnitBoundaries Boundaries(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var seedFolder = configuration["Seed:Path"] is { Length: > 0 } seed ? seed : SeedData.DefaultFolder;
        var root = configuration[WebHostDefaults.ContentRootKey] is { Length: > 0 } contentRoot ? contentRoot : Directory.GetCurrentDirectory();
        var configured = configuration[UnitBoundaries.GeoJsonPathKey] is { Length: > 0 } file ? Path.GetFullPath(file.Trim(), root) : null;
        return UnitBoundaries.Load(seedFolder, configured, configuration[UnitBoundaries.AttributionKey]);
    }
}

public static class DashboardServices
{
    /// <summary>
    /// What the dashboard panels, <see cref="LiveDashboard"/> and the case list need. <c>DashboardAggregates</c>,
    /// <c>CaseEventBus</c>, <c>TimeProvider</c> and the database are registered by the host.
    /// </summary>
    public static IServiceCollection AddDashboard(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        // Resources/DashboardText.resx beside the marker type HotlineIoc.Web.DashboardText.
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        var boundaries = DashboardMap.Boundaries(configuration);
        services.TryAddSingleton(boundaries);
        services.AddSingleton(DashboardMap.From(boundaries));
        services.AddSingleton<ReferenceNames>(sp => new ReferenceNames(sp.GetRequiredService<IDbContextFactory<HotlineDbContext>>()));
        services.AddSingleton<CaseListQuery>();
        services.TryAddSingleton(TimeProvider.System);
        // Never paused on a single node; AddCluster registers the same one for a cluster first.
        services.TryAddSingleton<HotlineIoc.Infrastructure.Cluster.RelayStatus>();
        return services;
    }
}
