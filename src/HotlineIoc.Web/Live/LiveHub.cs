using HotlineIoc.Infrastructure.Cases;
using HotlineIoc.Infrastructure.Live;
using HotlineIoc.Web.Api;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace HotlineIoc.Web.Live;

/// <summary><c>/hubs/live</c>: machines connect with their API key as <c>access_token</c> and receive <c>CaseChanged</c>.</summary>
[Authorize(Policy = ApiScopes.Read)]
public sealed class LiveHub : Hub
{
    public const string Path = "/hubs/live";
    public const string CaseChangedMethod = "CaseChanged";
}

/// <summary>Forwards every case event of the bus to the hub's clients, as the case JSON of the API (no personal data).</summary>
public sealed class LiveHubBroadcaster(CaseEventBus bus, IHubContext<LiveHub> hub, TimeProvider clock) : IHostedService
{
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = bus.Subscribe(change =>
            new ValueTask(hub.Clients.All.SendAsync(LiveHub.CaseChangedMethod, CaseView.From(change.After, clock.GetUtcNow().UtcDateTime), CancellationToken.None)));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }
}
