using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HotlineIoc.Infrastructure.Cluster;

public static class ClusterRegistration
{
    /// <summary>
    /// One node or several: with <c>ConnectionStrings:Redis</c> the live relay between nodes, and background work under
    /// leases (see <see cref="ClusterWork.AddClusterWork{TWork}"/>); without it nothing changes.
    /// </summary>
    public static ClusterSettings AddCluster(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = ClusterSettings.FromConfiguration(configuration);
        services.AddSingleton(settings);
        services.TryAddSingleton<RelayStatus>();
        services.TryAddSingleton<WorkLeases>();
        if (settings.IsCluster)
        {
            services.AddSingleton<RedisLiveRelay>();
            services.AddHostedService(sp => sp.GetRequiredService<RedisLiveRelay>());
            services.AddHostedService<LiveFiguresCheck>();
        }

        return settings;
    }
}
