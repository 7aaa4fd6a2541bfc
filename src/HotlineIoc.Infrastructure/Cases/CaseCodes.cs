using HotlineIoc.Domain.Cases;
using HotlineIoc.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace HotlineIoc.Infrastructure.Cases;

/// <summary>Hands out the next <c>BMT-YYYY-NNNNNN</c> code of a year.</summary>
public static class CaseCodes
{
    public static async Task<string> NextAsync(HotlineDbContext db, int year, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var prefix = CaseCode.Format(year, 0)[..^6];
        // Codes of one year share a prefix and a fixed-width sequence, so the greatest string is the latest code.
        var last = await db.Cases.AsNoTracking()
            .Where(c => c.Code.StartsWith(prefix))
            .OrderByDescending(c => c.Code.Length).ThenByDescending(c => c.Code)
            .Select(c => c.Code)
            .FirstOrDefaultAsync(cancellationToken);
        var next = last is not null && CaseCode.TryParse(last, out _, out var sequence) ? sequence + 1 : 1;
        return CaseCode.Format(year, next);
    }
}
