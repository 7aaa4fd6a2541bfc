using System.Globalization;
using System.Security.Claims;
using HotlineIoc.Infrastructure.Overdue;
using HotlineIoc.Web.Security;
using Microsoft.Extensions.Localization;

namespace HotlineIoc.Web.Overdue;

/// <summary>
/// The overdue board's services and its exports. The exports take the board's own address (filters and order) and
/// answer under the same roles and the same agency scope as the page: the scope is applied again in the query service.
/// </summary>
public static class OverdueEndpoints
{
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>Response header with the number of rows written.</summary>
    public const string RowsHeader = "X-Export-Rows";

    /// <summary>Response header present when the view held more rows than an export carries: "100000 of 123456".</summary>
    public const string CappedHeader = "X-Export-Capped";

    public const string RateLimitPolicy = "overdue-exports";

    public static IServiceCollection AddOverdueBoard(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton<OverdueBoard>();
        services.AddSingleton<OverdueExport>();
        // A whole-board export reads every open case: each person gets a few a minute.
        services.AddPerUserRateLimit(RateLimitPolicy, configuration.GetValue("Overdue:ExportsPerUserPerMinute", 10));
        return services;
    }

    public static IEndpointRouteBuilder MapOverdueBoard(this IEndpointRouteBuilder endpoints)
    {
        var viewers = OverdueScope.Viewers.Split(',');
        endpoints.MapGet(OverdueLinks.CsvPath, CsvAsync).RequireAuthorization(p => p.RequireRole(viewers)).RequireRateLimiting(RateLimitPolicy);
        endpoints.MapGet(OverdueLinks.XlsxPath, XlsxAsync).RequireAuthorization(p => p.RequireRole(viewers)).RequireRateLimiting(RateLimitPolicy);
        return endpoints;
    }

    private static async Task<IResult> CsvAsync(HttpContext http, OverdueExport export, CancellationToken cancellationToken)
    {
        if (await PlanAsync(http, export, cancellationToken) is not { } planned)
        {
            return Results.Forbid();
        }

        var (user, plan) = planned;
        // Written straight to the response as rows arrive from the database.
        return Results.Stream(
            body => export.WriteCsvAsync(user, plan, body, cancellationToken),
            "text/csv; charset=utf-8",
            plan.FileName("csv"));
    }

    private static async Task<IResult> XlsxAsync(HttpContext http, OverdueExport export, IStringLocalizer<OverdueText> text, CancellationToken cancellationToken)
    {
        if (await PlanAsync(http, export, cancellationToken) is not { } planned)
        {
            return Results.Forbid();
        }

        var (user, plan) = planned;
        // A workbook states its size at the start, so it is written to a temporary file (deleted when sent) rather than held in memory.
        var path = Path.GetTempFileName();
        try
        {
            await using (var file = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            {
                await export.WriteXlsxAsync(user, plan, file, column => text["Export_" + column], cancellationToken);
            }

            var sent = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Delete, 1 << 16, FileOptions.Asynchronous | FileOptions.DeleteOnClose);
            return Results.File(sent, XlsxContentType, plan.FileName("xlsx"));
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }

    /// <summary>The plan of the export, or null when the board's own rules refuse this person (a department head without an agency).</summary>
    private static async Task<(ClaimsPrincipal User, OverdueExportPlan Plan)?> PlanAsync(HttpContext http, OverdueExport export, CancellationToken cancellationToken)
    {
        var q = http.Request.Query;
        var filter = OverdueFilter.Parse(q["field"], q["unit"], q["channel"], q["agency"], q["from"], q["to"], q["bucket"], q["reminder"]);
        var (sort, descending) = OverdueLinks.ParseSort(q["sort"], q["dir"]);
        OverdueExportPlan plan;
        try
        {
            plan = await export.PlanAsync(http.User, filter, sort, descending, cancellationToken);
        }
        catch (OverdueAccessException)
        {
            return null;
        }

        http.Response.Headers[RowsHeader] = plan.Rows.ToString(CultureInfo.InvariantCulture);
        if (plan.Capped)
        {
            http.Response.Headers[CappedHeader] = string.Create(CultureInfo.InvariantCulture, $"{plan.Limit} of {plan.Matching}");
        }

        return (http.User, plan);
    }
}
