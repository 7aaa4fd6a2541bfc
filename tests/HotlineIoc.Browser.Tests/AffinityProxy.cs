using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Model;

namespace HotlineIoc.Browser.Tests;

/// <summary>
/// A real reverse proxy (YARP) in front of the nodes, configured as the README's deployment: cookie session affinity
/// (Blazor Server circuits live on one node), active health checks on <c>/healthz</c>, and a client whose node died sent
/// to a live one. Destinations are picked in name order while healthy, so a test knows where a new client lands.
/// </summary>
public sealed class AffinityProxy : IAsyncDisposable
{
    private readonly WebApplication _app;

    private AffinityProxy(WebApplication app, int port)
    {
        _app = app;
        BaseUrl = $"http://127.0.0.1:{port}";
    }

    public string BaseUrl { get; }

    /// <summary>Which destination served each request, in order (path and destination id).</summary>
    public ConcurrentQueue<(string Path, string Destination)> Served { get; } = new();

    public static async Task<AffinityProxy> StartAsync(IReadOnlyList<(string Id, string Address)> destinations, CancellationToken cancellationToken)
    {
        var port = Loopback.FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var cluster = new ClusterConfig
        {
            ClusterId = "hotline",
            LoadBalancingPolicy = "FirstAlphabetical",
            SessionAffinity = new SessionAffinityConfig { Enabled = true, Policy = "Cookie", FailurePolicy = "Redistribute", AffinityKeyName = ".Hotline.Node" },
            HealthCheck = new HealthCheckConfig
            {
                Active = new ActiveHealthCheckConfig { Enabled = true, Interval = TimeSpan.FromSeconds(1), Timeout = TimeSpan.FromSeconds(2), Policy = "ConsecutiveFailures", Path = "/healthz" },
            },
            Destinations = destinations.ToDictionary(d => d.Id, d => new DestinationConfig { Address = d.Address + "/" }, StringComparer.Ordinal),
        };
        var route = new RouteConfig { RouteId = "all", ClusterId = "hotline", Match = new RouteMatch { Path = "{**rest}" } };
        builder.Services.AddReverseProxy().LoadFromMemory([route], [cluster]);
        var app = builder.Build();
        var proxy = new AffinityProxy(app, port);
        app.MapReverseProxy(pipeline =>
        {
            // The default pipeline, plus a note of where each request went.
            pipeline.UseSessionAffinity();
            pipeline.UseLoadBalancing();
            pipeline.UsePassiveHealthChecks();
            pipeline.Use(async (context, next) =>
            {
                await next();
                if (context.Features.Get<IReverseProxyFeature>()?.ProxiedDestination is { } destination)
                {
                    proxy.Served.Enqueue((context.Request.Path.Value ?? "", destination.DestinationId));
                }
            });
        });
        await app.StartAsync(cancellationToken);
        return proxy;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
