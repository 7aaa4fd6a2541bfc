using System.Globalization;
using HotlineIoc.Infrastructure.Statistics;

namespace HotlineIoc.Web.Api;

/// <summary>
/// <c>GET /api/stats?from=DATE&amp;to=DATE[&amp;units=recorded|current]</c>: the period's figures, dates local and inclusive;
/// <c>units=current</c> rolls the units up to today's through the successors.
/// </summary>
public static class StatsEndpoints
{
    public static void MapStatsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/stats", async (string? from, string? to, string? units, CaseStatistics statistics, CancellationToken ct) =>
        {
            var errors = new Dictionary<string, string[]>();
            var fromDate = ParseDate("from", from, errors);
            var toDate = ParseDate("to", to, errors);
            var grouping = units?.Trim() switch
            {
                null or "" or "recorded" => UnitGrouping.Recorded,
                "current" => UnitGrouping.Current,
                _ => (UnitGrouping?)null,
            };
            if (grouping is null)
            {
                errors["units"] = [$"'{units}' is neither 'recorded' (units as recorded on each case, the default) nor 'current' (rolled up to today's units)."];
            }

            if (errors.Count == 0 && toDate < fromDate)
            {
                errors["to"] = [$"'to' ({to}) is before 'from' ({from})."];
            }

            if (errors.Count > 0)
            {
                return Results.ValidationProblem(errors);
            }

            return Results.Ok(await statistics.GetAsync(fromDate, toDate, grouping!.Value, ct));
        }).RequireAuthorization(ApiScopes.Read).WithTags("Statistics");
    }

    private static DateOnly ParseDate(string name, string? text, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors[name] = [$"'{name}' is required, as a date like 2024-01-31."];
            return default;
        }

        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            errors[name] = [$"'{text}' is not a date like 2024-01-31."];
        }

        return date;
    }
}
