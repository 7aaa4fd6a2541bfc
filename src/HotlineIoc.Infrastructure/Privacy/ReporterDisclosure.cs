using System.Security.Claims;
using HotlineIoc.Domain.Cases;
using HotlineIoc.Infrastructure.Identity;
using HotlineIoc.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace HotlineIoc.Infrastructure.Privacy;

/// <summary>
/// The one gate reporter data passes on its way to a person: Operators and the Secretary see it in clear and every such
/// view is written to the access log; everyone else (Leader, DepartmentHead, Admin, display tokens, machines) gets it masked.
/// </summary>
public sealed class ReporterDisclosure(IDbContextFactory<HotlineDbContext> contexts, TimeProvider clock)
{
    /// <summary>Roles that may see reporter data unmasked.</summary>
    public const string ClearRoles = HotlineRoles.Operator + "," + HotlineRoles.Secretary;

    public static bool MaySeeInClear(ClaimsPrincipal? user) =>
        user?.Identity?.IsAuthenticated == true && (user.IsInRole(HotlineRoles.Operator) || user.IsInRole(HotlineRoles.Secretary));

    /// <summary>The reporter of one case as <paramref name="user"/> may see it; an unmasked view is logged first.</summary>
    public async Task<Reporter> DiscloseAsync(ClaimsPrincipal? user, string caseCode, Reporter reporter, string purpose, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reporter);
        var shown = await DiscloseManyAsync(user, [(caseCode, reporter)], purpose, cancellationToken);
        return shown[0];
    }

    /// <summary>
    /// Reporters of many cases (an export, a list) in the same order. The log is written before anything is returned,
    /// so there is no unlogged clear view even when the caller fails afterwards.
    /// </summary>
    public async Task<IReadOnlyList<Reporter>> DiscloseManyAsync(ClaimsPrincipal? user, IReadOnlyList<(string CaseCode, Reporter Reporter)> items, string purpose, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (!MaySeeInClear(user))
        {
            return [.. items.Select(i => i.Reporter.Masked())];
        }

        var userName = user!.Identity!.Name ?? "unknown";
        var now = clock.GetUtcNow().UtcDateTime;
        var logged = items.Where(i => !i.Reporter.IsAnonymous).Select(i => new ReporterAccess(now, userName, i.CaseCode, purpose)).ToList();
        if (logged.Count > 0)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            db.ReporterAccessLog.AddRange(logged);
            await db.SaveChangesAsync(cancellationToken);
        }

        return [.. items.Select(i => i.Reporter)];
    }
}
