using HotlineIoc.Domain.Cases;
using HotlineIoc.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace HotlineIoc.Infrastructure.Cases;

/// <summary>An open case that may be the same problem as a new report.</summary>
public sealed record DuplicateCandidate(string Code, DateTime ReceivedAt, CaseStatus Status, string? Address, string Description, DateTime DueAt, double Score);

/// <summary>
/// Finds possible repeats of a report: open cases in the same unit and field received in the last 14 days whose
/// description is similar (<see cref="TextSimilarity"/>). The unit/received index keeps the look-up to a handful of rows.
/// </summary>
public sealed class DuplicateFinder(IDbContextFactory<HotlineDbContext> contexts, TimeProvider clock)
{
    public const int WindowDays = 14;
    public const int MaxCandidates = 5;

    private static readonly List<CaseStatus> OpenStatuses = [.. CaseStatusNames.OpenStatuses];

    public async Task<IReadOnlyList<DuplicateCandidate>> FindAsync(string? unitCode, string? fieldCode, string? description, string? excludeCode, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(unitCode) || string.IsNullOrWhiteSpace(fieldCode) || TextSimilarity.Words(description).Count == 0)
        {
            return [];
        }

        var since = clock.GetUtcNow().UtcDateTime.AddDays(-WindowDays);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var recent = await db.Cases.AsNoTracking()
            .Where(c => c.UnitCode == unitCode && c.ReceivedAt >= since && c.FieldCode == fieldCode && OpenStatuses.Contains(c.Status) && c.Code != excludeCode)
            .Select(c => new { c.Code, c.ReceivedAt, c.Status, c.Address, c.Description, c.DueAt })
            .ToListAsync(cancellationToken);
        return [.. recent
            .Select(c => new DuplicateCandidate(c.Code, c.ReceivedAt, c.Status, c.Address, c.Description, c.DueAt, TextSimilarity.Score(description, c.Description)))
            .Where(c => c.Score >= TextSimilarity.DuplicateThreshold)
            .OrderByDescending(c => c.Score).ThenByDescending(c => c.ReceivedAt)
            .Take(MaxCandidates)];
    }
}
