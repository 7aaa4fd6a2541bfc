using HotlineIoc.Infrastructure.Cluster;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HotlineIoc.Web.Live;

/// <summary>
/// Redis on <c>/healthz</c>: degraded, not unhealthy, when it cannot be reached, since the node still serves its users
/// alone (its live picture then shows only its own changes until Redis is back).
/// </summary>
public sealed class RelayHealthCheck(RedisLiveRelay relay) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(relay.IsConnected
            ? HealthCheckResult.Healthy("Redis relay connected.")
            : HealthCheckResult.Degraded("Redis is unreachable: this node works alone and its live picture misses the other nodes' changes until Redis is back."));
}
