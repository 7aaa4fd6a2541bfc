using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HotlineIoc.Infrastructure.Cluster;

/// <summary>
/// Runs <typeparamref name="TWork"/> only while this node holds its <see cref="WorkLease"/>: on one node of the cluster at
/// a time, and on another within a lease time when that node dies. A node that cannot renew (the database away) stops
/// the work before the lease can have passed to another node.
/// </summary>
public sealed class LeasedService<TWork>(TWork work, WorkLeases leases, ClusterSettings cluster, TimeProvider clock, ILogger<LeasedService<TWork>> logger)
    : BackgroundService
    where TWork : BackgroundService
{
    /// <summary>The lease's name: the work's type name.</summary>
    public string LeaseName { get; } = typeof(TWork).Name;

    /// <summary>True while this node runs the work.</summary>
    public bool IsRunning { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var renewEvery = cluster.LeaseTime / 3;
        var heldUntil = DateTime.MinValue;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                bool held;
                try
                {
                    var asked = clock.GetUtcNow().UtcDateTime;
                    held = await leases.TryHoldAsync(LeaseName, cluster.NodeName, cluster.LeaseTime, stoppingToken);
                    if (held)
                    {
                        heldUntil = asked + cluster.LeaseTime;
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
                {
                    // Keep going only while the lease surely is still ours, with a renewal's margin.
                    held = IsRunning && clock.GetUtcNow().UtcDateTime + renewEvery < heldUntil;
                    logger.LogWarning(e, "Could not renew the lease of {Work}; {State}.", LeaseName, held ? "still held for now" : "stopping it here");
                }

                if (held && !IsRunning)
                {
                    logger.LogInformation("This node ({Node}) now runs {Work}.", cluster.NodeName, LeaseName);
                    await work.StartAsync(CancellationToken.None);
                    IsRunning = true;
                }
                else if (!held && IsRunning)
                {
                    logger.LogWarning("This node ({Node}) no longer holds the lease of {Work}; stopping it.", cluster.NodeName, LeaseName);
                    await StopWorkAsync();
                }

                await Task.Delay(IsRunning ? renewEvery : TimeSpan.FromSeconds(Math.Min(2, renewEvery.TotalSeconds)), clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            if (IsRunning)
            {
                await StopWorkAsync();
                try
                {
                    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                    await leases.ReleaseAsync(LeaseName, cluster.NodeName, timeout.Token);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    logger.LogWarning(e, "Could not give back the lease of {Work}; another node takes it when it expires.", LeaseName);
                }
            }
        }
    }

    private async Task StopWorkAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await work.StopAsync(timeout.Token);
        IsRunning = false;
    }
}

public static class ClusterWork
{
    /// <summary>
    /// Background work that must run once across the cluster: on a single node it simply runs; on a cluster it runs
    /// where <see cref="LeasedService{TWork}"/> holds its lease.
    /// </summary>
    public static IServiceCollection AddClusterWork<TWork>(this IServiceCollection services)
        where TWork : BackgroundService
    {
        services.TryAddSingleton<TWork>();
        services.TryAddSingleton<WorkLeases>();
        services.AddSingleton<LeasedService<TWork>>();
        // Added, not TryAddEnumerable: every kind of work is a hosted service of its own.
        services.AddSingleton<IHostedService>(sp => sp.GetService<ClusterSettings>() is { IsCluster: true }
            ? sp.GetRequiredService<LeasedService<TWork>>()
            : sp.GetRequiredService<TWork>());
        return services;
    }
}
