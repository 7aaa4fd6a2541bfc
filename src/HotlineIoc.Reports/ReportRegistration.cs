using HotlineIoc.Infrastructure.Cluster;
using HotlineIoc.Reports.Archive;
using HotlineIoc.Reports.Model;
using HotlineIoc.Reports.Pdf;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HotlineIoc.Reports;

public static class ReportRegistration
{
    /// <summary>
    /// The report model, its PDF renderer and the service that joins them; needs the database and a <see cref="TimeProvider"/>.
    /// Reads <c>Reports:IssuingBodies</c> here, so a bad entry stops the app or the command at start-up, naming the entry.
    /// </summary>
    public static IServiceCollection AddReportGeneration(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(IssuingBodies.FromConfiguration(configuration));
        services.TryAddSingleton(TimeProvider.System);
        // Registered as an instance, so no container disposes the process-wide typefaces under another's feet.
        services.TryAddSingleton(ReportFonts.Default);
        services.TryAddSingleton<ReportBuilder>();
        services.TryAddSingleton<ReportService>();
        services.TryAddSingleton<ReportArchiveStore>();
        return services;
    }

    /// <summary>The monthly, quarterly and yearly city reports, archived by a background service; off when <c>Reports:Schedule:Enabled</c> is false.</summary>
    public static IServiceCollection AddReportSchedule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddReportGeneration(configuration);
        services.TryAddSingleton<ReportScheduler>();
        // On a cluster, one node archives the reports (an archived period is never made twice in any case).
        services.AddClusterWork<ReportScheduler>();
        return services;
    }

    /// <summary>Reads the scope options shared by the command line and the web page: at most one of agency, unit, field.</summary>
    public static ReportScope ScopeOf(string? agency, string? unit, string? field)
    {
        var given = new[] { (ScopeKind.Agency, agency), (ScopeKind.Unit, unit), (ScopeKind.Field, field) }.Where(s => !string.IsNullOrWhiteSpace(s.Item2)).ToList();
        return given.Count switch
        {
            0 => ReportScope.City,
            1 => new ReportScope(given[0].Item1, given[0].Item2!.Trim()),
            _ => throw new FormatException("A report covers the city or one agency, unit or field: give at most one of --agency, --unit, --field."),
        };
    }
}
