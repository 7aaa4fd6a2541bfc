using HotlineIoc.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace HotlineIoc.Infrastructure.Privacy;

public sealed record ReporterAccessPage(IReadOnlyList<ReporterAccess> Rows, int Total);

/// <summary>The access log for the Admin: newest first, filtered by a case code or a user name.</summary>
public sealed class ReporterAccessLogQuery(IDbContextFactory<HotlineDbContext> contexts)
{
    public async Task<ReporterAccessPage> GetPageAsync(string? caseCode, string? userName, int page, int pageSize, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = db.ReporterAccessLog.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(caseCode))
        {
            var code = caseCode.Trim().ToUpperInvariant();
            rows = rows.Where(r => r.CaseCode == code);
        }

        if (!string.IsNullOrWhiteSpace(userName))
        {
            var user = userName.Trim();
            rows = rows.Where(r => r.UserName == user);
        }

        var size = Math.Clamp(pageSize, 1, 200);
        var total = await rows.CountAsync(cancellationToken);
        var found = await rows.OrderByDescending(r => r.AtUtc).ThenByDescending(r => r.Id).Skip(Math.Max(0, page) * size).Take(size).ToListAsync(cancellationToken);
        return new ReporterAccessPage(found, total);
    }
}
