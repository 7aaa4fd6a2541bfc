using HotlineIoc.Domain.Cases;
using HotlineIoc.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace HotlineIoc.Infrastructure.Cases;

/// <summary>Hands out the next <c>BMT-YYYY-NNNNNN</c> code of a year.</summary>
public static class CaseCodes
{
    private const int LargestSixDigits = 999_999;

    public static async Task<string> NextAsync(HotlineDbContext db, int year, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var prefix = CaseCode.Format(year, 0)[..^6];
        // ':' sorts right after '9', so this range holds exactly the year's codes and is read backwards on the unique index.
        var upper = prefix + ":";
        var last = await db.Cases.AsNoTracking()
            .Where(c => c.Code.CompareTo(prefix) > 0 && c.Code.CompareTo(upper) < 0)
            .OrderByDescending(c => c.Code)
            .Select(c => c.Code)
            .FirstOrDefaultAsync(cancellationToken);
        var sequence = last is not null && CaseCode.TryParse(last, out _, out var found) ? found : 0;
        if (sequence >= LargestSixDigits)
        {
            // Past six digits the text order no longer follows the number; count the long codes the slow way.
            sequence = (await db.Cases.AsNoTracking()
                .Where(c => c.Code.StartsWith(prefix))
                .Select(c => c.Code)
                .ToListAsync(cancellationToken))
                .Select(code => CaseCode.TryParse(code, out _, out var n) ? n : 0)
                .Max();
        }

        return CaseCode.Format(year, sequence + 1);
    }
}
