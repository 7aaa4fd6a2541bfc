using System.Globalization;
using HotlineIoc.Domain.Calendar;
using HotlineIoc.Domain.Reference;
using HotlineIoc.Infrastructure.Persistence;
using HotlineIoc.Infrastructure.Seeding;
using Microsoft.EntityFrameworkCore;

namespace HotlineIoc.Web.Api;

/// <summary>A ward or commune as <c>GET /api/units</c> gives it; dates are local, <c>yyyy-MM-dd</c>, null when open.</summary>
public sealed record UnitView(string Code, string Name, string Kind, string? StatisticsCode, string? ValidFrom, string? ValidTo, string? Successor)
{
    public static UnitView From(AdministrativeUnit unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        return new UnitView(
            unit.Code,
            unit.Name,
            unit.Kind == UnitKind.Ward ? "ward" : "commune",
            unit.StatisticsCode,
            unit.ValidFrom?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            unit.ValidTo?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            unit.SuccessorCode);
    }
}

/// <summary><c>GET /api/units?at=YYYY-MM-DD</c>: the units in force on that local day, today without <c>at</c>.</summary>
public static class UnitEndpoints
{
    public static void MapUnitEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/units", async (string? at, IDbContextFactory<HotlineDbContext> contexts, TimeProvider clock, CancellationToken ct) =>
        {
            var day = VietnamTime.LocalDate(clock.GetUtcNow().UtcDateTime);
            if (!string.IsNullOrWhiteSpace(at) && !DateOnly.TryParseExact(at.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["at"] = [$"'{at}' is not a date like 2025-07-01."] });
            }

            await using var db = await contexts.CreateDbContextAsync(ct);
            var reference = await ReferenceData.LoadAsync(db, ct);
            return Results.Ok(reference.Timeline.InForceOn(day).Select(UnitView.From).ToList());
        }).RequireAuthorization(ApiScopes.Read).WithTags("Units");
    }
}
