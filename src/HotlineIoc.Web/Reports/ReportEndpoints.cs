using HotlineIoc.Infrastructure.Identity;
using HotlineIoc.Reports;
using HotlineIoc.Reports.Archive;
using HotlineIoc.Reports.Excel;
using HotlineIoc.Reports.Model;
using HotlineIoc.Web.Security;
using Microsoft.AspNetCore.RateLimiting;

namespace HotlineIoc.Web.Reports;

/// <summary>The periodic reports in the web app: the services, a per-user rate limit and the PDF download.</summary>
public static class ReportEndpoints
{
    public const string Roles = HotlineRoles.Secretary + "," + HotlineRoles.Leader;
    public const string RateLimitPolicy = "reports";

    public static IServiceCollection AddReports(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddReportSchedule(configuration);
        // Every node warms its own process (query compilation, fonts, the PDF pipeline) once it has started.
        services.AddHostedService<ReportWarmUp>();
        services.AddPerUserRateLimit(RateLimitPolicy, configuration.GetValue("Reports:PerUserPerMinute", 6));
        return services;
    }

    public static IEndpointRouteBuilder MapReports(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/reports/pdf", DownloadAsync)
            .RequireAuthorization(p => p.RequireRole(HotlineRoles.Secretary, HotlineRoles.Leader))
            .RequireRateLimiting(RateLimitPolicy);
        endpoints.MapGet("/reports/xlsx", DownloadWorkbookAsync)
            .RequireAuthorization(p => p.RequireRole(HotlineRoles.Secretary, HotlineRoles.Leader))
            .RequireRateLimiting(RateLimitPolicy);
        endpoints.MapGet("/reports/archive/{id:int}", ArchivedAsync)
            .RequireAuthorization(p => p.RequireRole(HotlineRoles.Secretary, HotlineRoles.Leader));
        return endpoints;
    }

    /// <summary>The download link of a report, as the page builds it.</summary>
    public static string PdfLink(ReportPeriod period, ReportScope scope)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(scope);
        return $"/reports/pdf?period={Uri.EscapeDataString(period.Key)}&scope={Uri.EscapeDataString(scope.Key)}";
    }

    /// <summary>The same report's figures as an Excel workbook, one sheet per breakdown.</summary>
    public static string WorkbookLink(ReportPeriod period, ReportScope scope) =>
        PdfLink(period, scope).Replace("/reports/pdf?", "/reports/xlsx?", StringComparison.Ordinal);

    /// <summary>The re-download link of an archived report.</summary>
    public static string ArchiveLink(int id) => $"/reports/archive/{id}";

    /// <summary>Exactly the stored bytes: an archived report is never drawn again.</summary>
    private static async Task<IResult> ArchivedAsync(int id, ReportArchiveStore archive, CancellationToken cancellationToken) =>
        await archive.GetPdfAsync(id, cancellationToken) is { } file
            ? Results.File(file.Pdf, "application/pdf", file.FileName)
            : Results.NotFound();

    private static Task<IResult> DownloadAsync(string? period, string? scope, ReportService reports, CancellationToken cancellationToken) =>
        RenderAsync(period, scope, reports, (model, report) =>
        {
            var pdf = report.RenderPdf(model);
            return Results.File(pdf, "application/pdf", new GeneratedReport(model, pdf).FileName);
        }, cancellationToken);

    private static Task<IResult> DownloadWorkbookAsync(string? period, string? scope, ReportService reports, CancellationToken cancellationToken) =>
        RenderAsync(period, scope, reports, (model, _) => Results.File(
            ReportWorkbook.Create(model),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Path.ChangeExtension(new GeneratedReport(model, []).FileName, ".xlsx")), cancellationToken);

    private static async Task<IResult> RenderAsync(string? period, string? scope, ReportService reports, Func<ReportModel, ReportService, IResult> render, CancellationToken cancellationToken)
    {
        ReportPeriod parsedPeriod;
        ReportScope parsedScope;
        try
        {
            parsedPeriod = ReportPeriod.Parse(period);
            parsedScope = ReportScope.Parse(scope);
        }
        catch (FormatException e)
        {
            return Results.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest);
        }

        try
        {
            var model = await reports.BuildAsync(parsedPeriod, parsedScope, cancellationToken);
            // Drawing is CPU work: it runs on the thread pool, never on a circuit's UI thread.
            return await Task.Run(() => render(model, reports), cancellationToken);
        }
        catch (ReportScopeException e)
        {
            return Results.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest);
        }
    }
}
