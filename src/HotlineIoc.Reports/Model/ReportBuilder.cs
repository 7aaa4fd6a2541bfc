using System.Linq.Expressions;
using HotlineIoc.Domain.Calendar;
using HotlineIoc.Domain.Cases;
using HotlineIoc.Domain.Reference;
using HotlineIoc.Domain.Statistics;
using HotlineIoc.Infrastructure.Persistence;
using HotlineIoc.Infrastructure.Seeding;
using HotlineIoc.Infrastructure.Statistics;
using Microsoft.EntityFrameworkCore;

namespace HotlineIoc.Reports.Model;

/// <summary>Thrown when a report names a scope that does not exist; the message is one line for the user.</summary>
public sealed class ReportScopeException(string message) : Exception(message);

/// <summary>
/// Builds the report model from the database with the rules of the domain and the counting of <c>GET /api/stats</c>:
/// cases by the day they were received, enforcement by the day the result was reported, rates from <see cref="Rates"/>.
/// Figures stand at the end of the period (or now, while it runs), so a report of a past period reads the same whenever it is made.
/// </summary>
/// <remarks>
/// The database does the counting: every case is put in one <see cref="Outcome"/> by a single expression, and the
/// queries return counts per group (a year of a million-case history comes back as a few thousand rows), never the cases.
/// The queries are independent and each runs on its own connection, side by side.
/// </remarks>
/// <param name="issuingBodies">The bodies that issue reports over time; <see cref="IssuingBodies.Default"/> when not given.</param>
public sealed class ReportBuilder(IDbContextFactory<HotlineDbContext> contexts, TimeProvider clock, IssuingBodies? issuingBodies = null)
{
    private readonly IssuingBodies _issuingBodies = issuingBodies ?? IssuingBodies.Default;

    public async Task<ReportModel> BuildAsync(ReportPeriod period, ReportScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(scope);
        var now = clock.GetUtcNow().UtcDateTime;
        ReferenceData reference;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            reference = await ReferenceData.LoadAsync(db, cancellationToken);
        }

        var scopeName = ScopeName(scope, reference);

        var previous = period.Previous();
        var start = VietnamTime.StartOfDayUtc(period.From);
        var end = VietnamTime.StartOfDayUtc(period.To.AddDays(1));
        var previousStart = VietnamTime.StartOfDayUtc(previous.From);
        var previousEnd = VietnamTime.StartOfDayUtc(previous.To.AddDays(1));
        var asOf = end < now ? end : now;
        var previousAsOf = previousEnd < now ? previousEnd : now;

        // Each query on a thread of its own: Microsoft.Data.Sqlite runs a command synchronously inside its async methods,
        // so without one each query would have finished before the next was even started.
        var breakdownQuery = Task.Run(() => BreakdownAsync(scope, start, end, asOf, cancellationToken), cancellationToken);
        var daysQuery = Task.Run(() => DaysAsync(scope, start, end, asOf, cancellationToken), cancellationToken);
        var previousDaysQuery = Task.Run(() => DaysAsync(scope, previousStart, previousEnd, previousAsOf, cancellationToken), cancellationToken);
        var enforcementQuery = Task.Run(() => EnforcementAsync(scope, start, end, cancellationToken), cancellationToken);
        var overdueQuery = Task.Run(() => OverdueAtAsync(scope, reference, asOf, cancellationToken), cancellationToken);
        // The previous period by unit, for the comparison by today's unit across a reorganisation.
        var previousUnitsQuery = Task.Run(() => UnitsAsync(scope, previousStart, previousEnd, previousAsOf, cancellationToken), cancellationToken);
        await Task.WhenAll(breakdownQuery, daysQuery, previousDaysQuery, enforcementQuery, overdueQuery, previousUnitsQuery);

        var breakdown = new Breakdown();
        foreach (var group in await breakdownQuery)
        {
            breakdown.Add(group);
        }

        var current = new Days(reference.Calendar);
        foreach (var group in await daysQuery)
        {
            current.Add(group);
        }

        var before = new Days(reference.Calendar);
        foreach (var group in await previousDaysQuery)
        {
            before.Add(group);
        }

        var enforcement = await enforcementQuery;
        var overdue = await overdueQuery;

        var previousUnits = await previousUnitsQuery;

        var today = LocalDate(now);
        var units = Units(reference.Timeline, period, previous, today, breakdown.ByUnit, previousUnits);
        return new ReportModel(
            period,
            scope,
            scopeName,
            now,
            asOf,
            current.Summary(),
            before.Summary(),
            previous,
            Rows(breakdown.ByChannel, reference.Channels.Values.OrderBy(c => c.Code, StringComparer.Ordinal).Select(c => (c.Code, c.NameVi)), includeEmpty: true),
            Rows(breakdown.ByField, reference.Fields.Values.OrderBy(f => f.SortOrder).Select(f => (f.Code, f.NameVi)), includeEmpty: true),
            units,
            Rows(breakdown.ByAgency, reference.Agencies.Values.Select(a => (a.Code, a.Name)), includeEmpty: false)
                .OrderByDescending(r => r.Received).ThenBy(r => r.Code, StringComparer.Ordinal).ToList(),
            Map(reference.Timeline, period.To, breakdown.ByUnit),
            new ReportEnforcement(enforcement.Reminder, enforcement.Minutes, enforcement.Commitment, enforcement.Sanction, enforcement.FinesVnd),
            overdue.GroupBy(c => c.AgencyCode, StringComparer.Ordinal)
                .Select(g => new OverdueAgency(g.Key, g.First().AgencyName, g.Count(), g.Max(c => c.WorkingDaysLate)))
                .OrderByDescending(a => a.OverdueCases).ThenBy(a => a.Code, StringComparer.Ordinal).ToList(),
            overdue,
            current.Trend(period),
            _issuingBodies.On(LocalDate(asOf.AddTicks(-1))));
    }

    /// <summary>
    /// The section by unit: every unit in force at some time in the period, as recorded, each with the unit its area
    /// belongs to today; and, when a unit of the period or of the previous period is gone by today, both periods rolled
    /// up to today's units, so that they can be compared. Rates are recomputed from the summed counts.
    /// </summary>
    private static ReportUnits Units(UnitTimeline timeline, ReportPeriod period, ReportPeriod previous, DateOnly today, Dictionary<string, OutcomeCounts> current, Dictionary<string, OutcomeCounts> before)
    {
        static bool InForceDuring(AdministrativeUnit u, ReportPeriod p) =>
            (u.ValidFrom is null || u.ValidFrom <= p.To) && (u.ValidTo is null || p.From <= u.ValidTo);
        var byName = StringComparer.Create(VietnameseFormat.Culture, false);

        // Units that began later come after the ones they replaced; within a life span, by name.
        var listed = timeline.Units
            .Where(u => InForceDuring(u, period) || current.ContainsKey(u.Code))
            .OrderBy(u => u.ValidFrom ?? DateOnly.MinValue).ThenBy(u => u.Name, byName).ThenBy(u => u.Code, StringComparer.Ordinal)
            .Select(u => (u.Code, VietnameseFormat.UnitName(u.Name, u.ValidFrom, u.ValidTo)));
        var recorded = Rows(current, listed, includeEmpty: true).Select(row =>
        {
            var unit = timeline.Find(row.Code);
            var todayCode = timeline.RollUp(row.Code, today);
            return new RecordedUnitRow(row, unit?.Name ?? row.Code, unit?.ValidFrom, unit?.ValidTo, todayCode, timeline.Find(todayCode)?.Name ?? todayCode);
        }).ToList();

        var crosses = timeline.Units
            .Where(u => InForceDuring(u, period) || InForceDuring(u, previous))
            .Select(u => u.Code)
            .Concat(current.Keys)
            .Concat(before.Keys)
            .Any(code => timeline.Find(code) is { } unit && !unit.IsValidOn(today));
        if (!crosses)
        {
            return new ReportUnits(today, recorded, []);
        }

        var now = RollUp(timeline, today, current);
        var then = RollUp(timeline, today, before);
        var codes = timeline.InForceOn(today).OrderBy(u => u.Name, byName).Select(u => u.Code).ToList();
        var listedToday = codes.ToHashSet(StringComparer.Ordinal);
        // A code the timeline cannot follow stays itself (RollUp), so every case is still in a row.
        codes.AddRange(now.Keys.Concat(then.Keys).Where(c => !listedToday.Contains(c)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        var byToday = codes.Select(code =>
        {
            var name = timeline.Find(code)?.Name ?? code;
            return new TodayUnitRow(
                (now.GetValueOrDefault(code) ?? new OutcomeCounts()).ToRow(code, name),
                (then.GetValueOrDefault(code) ?? new OutcomeCounts()).ToRow(code, name));
        }).ToList();
        return new ReportUnits(today, recorded, byToday);
    }

    /// <summary>The counts of each recorded unit added to the unit its area belongs to on <paramref name="day"/>.</summary>
    private static Dictionary<string, OutcomeCounts> RollUp(UnitTimeline timeline, DateOnly day, Dictionary<string, OutcomeCounts> byRecordedUnit)
    {
        var rolled = new Dictionary<string, OutcomeCounts>(StringComparer.Ordinal);
        foreach (var (code, counts) in byRecordedUnit)
        {
            Of(rolled, timeline.RollUp(code, day)).Add(counts);
        }

        return rolled;
    }

    /// <summary>The tiles of the units in force on the period's last day, each with the period's cases of its area (former units rolled up).</summary>
    private static List<UnitTile> Map(UnitTimeline timeline, DateOnly lastDay, Dictionary<string, OutcomeCounts> byRecordedUnit)
    {
        var atEnd = RollUp(timeline, lastDay, byRecordedUnit);
        return timeline.InForceOn(lastDay)
            .Select(u => atEnd.TryGetValue(u.Code, out var c)
                ? new UnitTile(u.Code, u.Name, u.TileColumn, u.TileRow, c.Received, c.ResolutionRate)
                : new UnitTile(u.Code, u.Name, u.TileColumn, u.TileRow, 0, 0))
            .OrderBy(t => t.Row).ThenBy(t => t.Column).ToList();
    }

    /// <summary>Cases received in the period, counted per channel, field, unit, agency and outcome: the grouping /api/stats and the dashboard share.</summary>
    private async Task<List<OutcomeGroup>> BreakdownAsync(ReportScope scope, DateTime start, DateTime end, DateTime asOf, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await CaseGroups.ReceivedAsync(ScopedForRange(db.Cases, scope), start, end, asOf, cancellationToken);
    }

    /// <summary>
    /// Cases received in the period, counted per local day received, local day of the result (when it counts as resolved) and outcome.
    /// The days give the monthly trend and, with the working calendar, the handling time of every resolved case exactly.
    /// </summary>
    private async Task<List<DayOutcomeGroup>> DaysAsync(ReportScope scope, DateTime start, DateTime end, DateTime asOf, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await CaseGroups.ReceivedByDayAsync(ScopedForRange(db.Cases, scope), start, end, asOf, cancellationToken);
    }

    /// <summary>Cases received in the period, counted per unit and outcome: the previous period's side of the comparison by unit.</summary>
    private async Task<Dictionary<string, OutcomeCounts>> UnitsAsync(ReportScope scope, DateTime start, DateTime end, DateTime asOf, CancellationToken cancellationToken) =>
        CaseGroups.By(await BreakdownAsync(scope, start, end, asOf, cancellationToken), g => g.UnitCode);

    private async Task<EnforcementStats> EnforcementAsync(ReportScope scope, DateTime start, DateTime end, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await CaseGroups.EnforcementAsync(ScopedForRange(db.Cases, scope), start, end, cancellationToken);
    }

    private async Task<List<OverdueCase>> OverdueAtAsync(ReportScope scope, ReferenceData reference, DateTime asOf, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // Open at the instant: not rejected or merged, and without a result reported by then; received any time before.
        // Asked in two parts so that each has an index to follow instead of the whole history received before the instant:
        // cases still in an open status, by (Status, DueAt); and cases whose result came only after the instant, by ResolvedAt
        // (few, unless the report is made long after its period). A Resolved or Closed case always has its result instant
        // (the domain and the importer refuse one without), so the two parts together are every case open at the instant.
        // Past due at the instant, and in an open status or (not excluded) with its result only after it: the domain's
        // overdue rule (CaseRules.OutcomeAt), split so that each part has an index to follow.
        var cases = Scoped(db.Cases.AsNoTracking(), scope).Where(c => c.ReceivedAt < asOf).Where(CaseRules.PastDueAt(asOf));
        var stillOpen = cases.Where(CaseRules.InOpenStatus).Where(c => c.ResolvedAt == null || c.ResolvedAt <= asOf);
        var resolvedLater = cases.Where(Not(CaseRules.Excluded)).Where(c => c.ResolvedAt > asOf);
        var rows = await stillOpen.Concat(resolvedLater)
            .Select(c => new { c.Code, c.FieldCode, c.UnitCode, c.AgencyCode, c.ReceivedAt, c.DueAt })
            .OrderBy(c => c.DueAt).ThenBy(c => c.Code)
            .ToListAsync(cancellationToken);
        // Late until the period's last instant (its end is the next day's first).
        var lastInstant = asOf.AddTicks(-1);
        return rows.Select(c =>
        {
            var agency = c.AgencyCode ?? "";
            return new OverdueCase(
                c.Code,
                reference.Fields.TryGetValue(c.FieldCode, out var f) ? f.NameVi : c.FieldCode,
                reference.Units.TryGetValue(c.UnitCode, out var u) ? u.Name : c.UnitCode,
                agency,
                agency.Length == 0 ? "Chưa chuyển xử lý" : reference.Agencies.TryGetValue(agency, out var a) ? a.Name : agency,
                LocalDate(c.ReceivedAt),
                LocalDate(c.DueAt),
                CaseRules.WorkingDaysLate(c.DueAt, lastInstant, reference.Calendar));
        }).ToList();
    }

    internal static DateOnly LocalDate(DateTime utc) => DateOnly.FromDateTime(utc + VietnamTime.Offset);

    private static Expression<Func<Case, bool>> Not(Expression<Func<Case, bool>> rule) =>
        Expression.Lambda<Func<Case, bool>>(Expression.Not(rule.Body), rule.Parameters);

    /// <summary>
    /// <see cref="Scoped"/> for a query that walks a range of instants. Units and fields have an index that leads with
    /// them and goes on by <c>ReceivedAt</c>; an agency has only (AgencyCode, Status, DueAt), and SQLite, given an equality
    /// on it, takes that index and reads the agency's whole history instead of the range (a week's report of one agency
    /// read every case it ever had). Compared through COALESCE, the agency is checked on the rows of the range instead.
    /// </summary>
    private static IQueryable<Case> ScopedForRange(IQueryable<Case> cases, ReportScope scope) =>
        scope.Kind == ScopeKind.Agency ? cases.Where(c => (c.AgencyCode ?? "") == scope.Code) : Scoped(cases, scope);

    private static IQueryable<Case> Scoped(IQueryable<Case> cases, ReportScope scope) => scope.Kind switch
    {
        ScopeKind.Agency => cases.Where(c => c.AgencyCode == scope.Code),
        ScopeKind.Unit => cases.Where(c => c.UnitCode == scope.Code),
        ScopeKind.Field => cases.Where(c => c.FieldCode == scope.Code),
        _ => cases,
    };

    private static string ScopeName(ReportScope scope, ReferenceData reference) => scope.Kind switch
    {
        ScopeKind.City => "Thành phố Buôn Ma Thuột",
        ScopeKind.Agency => reference.Agencies.TryGetValue(scope.Code!, out var a) ? a.Name : throw new ReportScopeException($"No agency has the code '{scope.Code}'."),
        ScopeKind.Unit => reference.Units.TryGetValue(scope.Code!, out var u) ? (u.Kind == Domain.Reference.UnitKind.Ward ? "Phường " : "Xã ") + u.Name : throw new ReportScopeException($"No ward or commune has the code '{scope.Code}'."),
        ScopeKind.Field => reference.Fields.TryGetValue(scope.Code!, out var f) ? "Lĩnh vực " + f.NameVi : throw new ReportScopeException($"No field has the code '{scope.Code}'."),
        _ => throw new ArgumentOutOfRangeException(nameof(scope)),
    };

    private static List<ReportBreakdownRow> Rows(Dictionary<string, OutcomeCounts> counts, IEnumerable<(string Code, string Name)> names, bool includeEmpty)
    {
        var rows = new List<ReportBreakdownRow>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (code, name) in names)
        {
            seen.Add(code);
            if (counts.TryGetValue(code, out var c))
            {
                rows.Add(c.ToRow(code, name));
            }
            else if (includeEmpty)
            {
                rows.Add(new OutcomeCounts().ToRow(code, name));
            }
        }

        // A code missing from the reference data still counts; it is shown by its code.
        rows.AddRange(counts.Where(p => !seen.Contains(p.Key)).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value.ToRow(p.Key, p.Key)));
        return rows;
    }



    /// <summary>The breakdowns, summed from the groups of <see cref="BreakdownAsync"/>.</summary>
    private sealed class Breakdown
    {
        public Dictionary<string, OutcomeCounts> ByChannel { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, OutcomeCounts> ByField { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, OutcomeCounts> ByUnit { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, OutcomeCounts> ByAgency { get; } = new(StringComparer.Ordinal);

        public void Add(OutcomeGroup group)
        {
            Of(ByChannel, group.ChannelCode).Add(group.Outcome, group.Count);
            Of(ByField, group.FieldCode).Add(group.Outcome, group.Count);
            Of(ByUnit, group.UnitCode).Add(group.Outcome, group.Count);
            if (group.AgencyCode is not null)
            {
                Of(ByAgency, group.AgencyCode).Add(group.Outcome, group.Count);
            }
        }
    }

    /// <summary>A period's summary and monthly trend, summed from the groups of <see cref="DaysAsync"/>.</summary>
    private sealed class Days(WorkingCalendar calendar)
    {
        private readonly OutcomeCounts _total = new();
        private readonly Dictionary<(int Year, int Month), OutcomeCounts> _byMonth = [];
        private long _handlingDays;

        public void Add(DayOutcomeGroup group)
        {
            _total.Add(group.Outcome, group.Count);
            Of(_byMonth, (group.Received.Year, group.Received.Month)).Add(group.Outcome, group.Count);
            if (group.Resolved is { } resolved)
            {
                // Working days from the day a case came in to the day its result was reported (0 when the same day).
                _handlingDays += (long)group.Count * Math.Max(0, calendar.WorkingDaysBetween(group.Received, resolved));
            }
        }

        public ReportSummary Summary() => _total.ToSummary(_handlingDays);

        public List<TrendPoint> Trend(ReportPeriod period)
        {
            var points = new List<TrendPoint>();
            for (var month = new DateOnly(period.From.Year, period.From.Month, 1); month <= period.To; month = month.AddMonths(1))
            {
                points.Add((_byMonth.GetValueOrDefault((month.Year, month.Month)) ?? new OutcomeCounts()).ToPoint(month.Year, month.Month));
            }

            return points;
        }
    }

    private static OutcomeCounts Of<TKey>(Dictionary<TKey, OutcomeCounts> map, TKey key)
        where TKey : notnull
    {
        if (!map.TryGetValue(key, out var counts))
        {
            counts = new OutcomeCounts();
            map[key] = counts;
        }

        return counts;
    }
}

/// <summary>The report's rows and summaries from the domain's tally, its rates included.</summary>
file static class ReportCounts
{
    public static ReportBreakdownRow ToRow(this OutcomeCounts c, string code, string name) =>
        new(code, name, c.Received, c.Resolved, c.OnTime, c.Open, c.Overdue, c.ResolutionRate, c.OnTimeRate);

    public static TrendPoint ToPoint(this OutcomeCounts c, int year, int month) =>
        new(year, month, c.Received, c.Resolved, c.OnTime, c.ResolutionRate);

    public static ReportSummary ToSummary(this OutcomeCounts c, long handlingDays) => new(
        c.Received,
        c.Excluded,
        c.Resolved,
        c.OnTime,
        c.Open,
        c.Overdue,
        c.ResolutionRate,
        c.OnTimeRate,
        c.Resolved == 0 ? 0 : (double)handlingDays / c.Resolved);
}
