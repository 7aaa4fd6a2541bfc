using HotlineIoc.Infrastructure.Persistence;
using HotlineIoc.Web.Components.Pages.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HotlineIoc.Web.Components.Dashboard;

/// <summary>The map the dashboard draws: real outlines when <c>Map:GeoJsonPath</c> is configured, the schematic tiles otherwise.</summary>
/// <param name="Outlines">The configured outlines, or null for the schematic.</param>
public sealed record DashboardMap(GeoJsonMap? Outlines)
{
    public const string GeoJsonPathKey = "Map:GeoJsonPath";

    public static DashboardMap Schematic { get; } = new((GeoJsonMap?)null);

    /// <summary>
    /// Reads <c>Map:GeoJsonPath</c> (relative paths from the content root). A configured file that is missing or broken
    /// stops the start with <see cref="MapFileException"/>: a wall must not quietly show a different map than the one configured.
    /// </summary>
    public static DashboardMap FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (configuration[GeoJsonPathKey] is not { Length: > 0 } configured)
        {
            return Schematic;
        }

        var root = configuration[WebHostDefaults.ContentRootKey] is { Length: > 0 } contentRoot ? contentRoot : Directory.GetCurrentDirectory();
        return new DashboardMap(GeoJsonMap.Load(Path.GetFullPath(configured.Trim(), root)));
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
        services.AddSingleton(DashboardMap.FromConfiguration(configuration));
        services.AddSingleton<ReferenceNames>(sp => new ReferenceNames(sp.GetRequiredService<IDbContextFactory<HotlineDbContext>>()));
        services.AddSingleton<CaseListQuery>();
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }
}
