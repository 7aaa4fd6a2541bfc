using HotlineIoc.Domain.Calendar;
using HotlineIoc.Domain.Cases;
using HotlineIoc.Domain.Statistics;
using HotlineIoc.Infrastructure.Persistence;
using HotlineIoc.Infrastructure.Seeding;
using Microsoft.EntityFrameworkCore;

namespace HotlineIoc.Infrastructure.Statistics;

public sealed record EnforcementStats(int Reminder, int Minutes, int Commitment, int Sanction, long FinesVnd);

public sealed record BreakdownRow(string Code, int Received, int Resolved, int ResolvedOnTime, int Open, int OverdueOpen)
{
    public double ResolutionRate { get; init; }
}

/// <summary>The figures of <c>GET /api/stats</c> for cases received between two local dates (inclusive).</summary>
public sealed record CaseStats(
    DateOnly From,
    DateOnly To,
    int Received,
    int Rejected,
    int Duplicate,
    int Resolved,
    int ResolvedOnTime,
    double ResolutionRate,
    double OnTimeRate,
    int Open,
    int OverdueOpen,
    EnforcementStats Enforcement,
    IReadOnlyList<BreakdownRow> ByField,
    IReadOnlyList<BreakdownRow> ByUnit,
    IReadOnlyList<BreakdownRow> ByChannel,
    IReadOnlyList<BreakdownRow> ByAgency);

/// <summary>How <see cref="CaseStats.ByUnit"/> names units across a reorganisation.</summary>
public enum UnitGrouping
{
    /// <summary>As recorded on each case: the unit in force on the day it was received.</summary>
    Recorded,

    /// <summary>Rolled up through the successors to the unit in force today (thang-loi → thanh-cong → p-buon-ma-thuot).</summary>
    Current,
}

/// <summary>
/// Counts a period's cases with the rules of the domain. Cases are counted by the day they were received;
/// enforcement is counted by the day the result was reported, since that is when the follow-up happened.
/// </summary>
public sealed class CaseStatistics(IDbContextFactory<HotlineDbContext> contexts, TimeProvider clock)
{
    public async Task<CaseStats> GetAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
        await GetAsync(from, to, UnitGrouping.Recorded, cancellationToken);

    public async Task<CaseStats> GetAsync(DateOnly from, DateOnly to, UnitGrouping units, CancellationToken cancellationToken)
    {
        if (to < from)
        {
            throw new ArgumentException($"The period ends ({to:yyyy-MM-dd}) before it starts ({from:yyyy-MM-dd}).", nameof(to));
        }

        // The calendar's first and last days have no instant before or after them to stand for a bound: such a period is open there.
        var start = from == DateOnly.MinValue ? DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc) : VietnamTime.StartOfDayUtc(from);
        var end = to == DateOnly.MaxValue ? DateTime.SpecifyKind(DateTime.MaxValue, DateTimeKind.Utc) : VietnamTime.StartOfDayUtc(to.AddDays(1));
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);

        // One grouped pass, the same as the report's and the dashboard's (CaseGroups); every breakdown is summed from
        // these groups in memory. The status is in the key for the rejected and duplicate counts.
        var groups = await CaseGroups.ReceivedAsync(db.Cases, start, end, now, cancellationToken);

        var enforcement = await CaseGroups.EnforcementAsync(db.Cases, start, end, cancellationToken);

        if (units == UnitGrouping.Current)
        {
            // Every case keeps its recorded unit; only the grouping follows the successors, so the totals stay the same.
            var timeline = (await ReferenceData.LoadAsync(db, cancellationToken)).Timeline;
            var today = VietnamTime.LocalDate(now);
            groups = [.. groups.Select(g => g with { UnitCode = timeline.RollUp(g.UnitCode, today) })];
        }

        var total = Tally(groups);
        return new CaseStats(
            from,
            to,
            total.Received,
            groups.Where(g => g.Status == CaseStatus.Rejected).Sum(g => g.Count),
            groups.Where(g => g.Status == CaseStatus.Duplicate).Sum(g => g.Count),
            total.Resolved,
            total.OnTime,
            total.ResolutionRate,
            total.OnTimeRate,
            total.Open,
            total.Overdue,
            enforcement,
            Breakdown(groups, g => g.FieldCode),
            Breakdown(groups, g => g.UnitCode),
            Breakdown(groups, g => g.ChannelCode),
            Breakdown(groups.Where(g => g.AgencyCode is not null), g => g.AgencyCode!));
    }

    private static List<BreakdownRow> Breakdown(IEnumerable<OutcomeGroup> groups, Func<OutcomeGroup, string> key) =>
        CaseGroups.By(groups, key)
            .Select(g => ToRow(g.Key, g.Value))
            .OrderByDescending(r => r.Received).ThenBy(r => r.Code, StringComparer.Ordinal)
            .ToList();

    private static BreakdownRow ToRow(string code, OutcomeCounts c) =>
        new(code, c.Received, c.Resolved, c.OnTime, c.Open, c.Overdue) { ResolutionRate = c.ResolutionRate };

    private static OutcomeCounts Tally(IEnumerable<OutcomeGroup> groups)
    {
        var counts = new OutcomeCounts();
        foreach (var g in groups)
        {
            counts.Add(g.Outcome, g.Count);
        }

        return counts;
    }
}
