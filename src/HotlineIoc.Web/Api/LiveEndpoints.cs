using HotlineIoc.Infrastructure.Cluster;
using HotlineIoc.Infrastructure.Live;

namespace HotlineIoc.Web.Api;

/// <summary>
/// <c>GET /api/live</c> (scope <c>read</c>): the live figures this node's dashboards and walls show now, and which node
/// answered. Behind a load balancer, monitoring can ask each node and see that they agree with each other and with
/// <c>/api/stats</c>, which reads the database.
/// </summary>
public static class LiveEndpoints
{
    public static void MapLiveEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/live", (DashboardAggregates aggregates, ClusterSettings cluster, RelayStatus relay) =>
        {
            var s = aggregates.Snapshot();
            return Results.Ok(new
            {
                node = cluster.NodeName,
                relayPaused = relay.IsPaused,
                at = new DateTimeOffset(DateTime.SpecifyKind(s.AtUtc, DateTimeKind.Utc)),
                receivedToday = s.ReceivedToday,
                receivedThisWeek = s.ReceivedThisWeek,
                receivedThisYear = s.ReceivedThisYear,
                open = s.Open,
                overdue = s.Overdue,
                dueWithinOneWorkingDay = s.DueWithinOneWorkingDay,
                resolutionRate = s.ResolutionRateThisYear,
                onTimeRate = s.OnTimeRateThisYear,
                byUnit = s.ByUnit.Select(u => new { code = u.UnitCode, open = u.Open, overdue = u.Overdue }),
                byField = s.ByField.Select(c => new { code = c.Code, count = c.Count }),
                byChannel = s.ByChannel.Select(c => new { code = c.Code, count = c.Count }),
                overdueByAgency = s.OverdueByAgency.Select(c => new { code = c.Code, count = c.Count }),
            });
        }).RequireAuthorization(ApiScopes.Read).WithTags("Statistics");
    }
}
