using HotlineIoc.Domain.Calendar;
using HotlineIoc.Domain.Cases;
using HotlineIoc.Domain.Statistics;
using HotlineIoc.Infrastructure.Persistence;
using HotlineIoc.Infrastructure.Seeding;
using Microsoft.EntityFrameworkCore;

namespace HotlineIoc.Reports.Model;

/// <summary>Thrown when a report names a scope that does not exist; the message is one line for the user.</summary>
public sealed class ReportScopeException(string message) : Exception(message);

/// <summary>
/// Builds the report model from the database with the rules of the domain and the counting of <c>GET /api/stats</c>:
/// cases by the day they were received, enforcement by the day the result was reported, rates from <see cref="Rates"/>.
/// Figures stand at the end of the period (or now, while it runs), so a report of a past period reads the same whenever it is made.
/// </summary>
public sealed class ReportBuilder(IDbContextFactory<HotlineDbContext> contexts, TimeProvider clock)
{
    public async Task<ReportModel> BuildAsync(ReportPeriod period, ReportScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(scope);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var reference = await ReferenceData.LoadAsync(db, cancellationToken);
        var scopeName = ScopeName(scope, reference);

        var previous = period.Previous();
        var start = VietnamTime.StartOfDayUtc(period.From);
        var end = VietnamTime.StartOfDayUtc(period.To.AddDays(1));
        var previousStart = VietnamTime.StartOfDayUtc(previous.From);
        var previousEnd = VietnamTime.StartOfDayUtc(previous.To.AddDays(1));
        var asOf = end < now ? end : now;
        var previousAsOf = previousEnd < now ? previousEnd : now;

        var current = new Tally(reference.Calendar, asOf);
        var before = new Tally(reference.Calendar, previousAsOf);
        var firstStart = previousStart < start ? previousStart : start;
        var rows = Scoped(db.Cases.AsNoTracking(), scope)
            .Where(c => c.ReceivedAt >= firstStart && c.ReceivedAt < end)
            .Select(c => new CaseRow(c.ReceivedAt, c.DueAt, c.ResolvedAt, c.Status, c.ChannelCode, c.FieldCode, c.UnitCode, c.AgencyCode))
            .AsAsyncEnumerable();
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            if (row.ReceivedAt >= start)
            {
                current.Add(row);
            }
            else if (row.ReceivedAt >= previousStart && row.ReceivedAt < previousEnd)
            {
                before.Add(row);
            }
        }

        var enforcement = await Scoped(db.Cases.AsNoTracking(), scope)
            .Where(c => c.ResolvedAt >= start && c.ResolvedAt < end && c.EnforcementKind != null)
            .GroupBy(c => c.EnforcementKind)
            .Select(g => new { Kind = g.Key, Count = g.Count(), Fines = g.Sum(c => c.FineVnd ?? 0) })
            .ToListAsync(cancellationToken);
        int CountOf(EnforcementKind kind) => enforcement.Where(e => e.Kind == kind).Sum(e => e.Count);

        var overdue = await OverdueAtAsync(db, scope, reference, asOf, cancellationToken);

        var byUnit = Rows(current.ByUnit, reference.Units.Values.Where(u => u.IsValidOn(period.To) || current.ByUnit.ContainsKey(u.Code)).OrderBy(u => u.Name, StringComparer.Create(VietnameseFormat.Culture, false)).Select(u => (u.Code, u.Name)), includeEmpty: true);
        return new ReportModel(
            period,
            scope,
            scopeName,
            now,
            asOf,
            current.Summary(),
            before.Summary(),
            previous,
            Rows(current.ByChannel, reference.Channels.Values.OrderBy(c => c.Code, StringComparer.Ordinal).Select(c => (c.Code, c.NameVi)), includeEmpty: true),
            Rows(current.ByField, reference.Fields.Values.OrderBy(f => f.SortOrder).Select(f => (f.Code, f.NameVi)), includeEmpty: true),
            byUnit,
            Rows(current.ByAgency, reference.Agencies.Values.Select(a => (a.Code, a.Name)), includeEmpty: false)
                .OrderByDescending(r => r.Received).ThenBy(r => r.Code, StringComparer.Ordinal).ToList(),
            reference.Units.Values
                .Where(u => u.IsValidOn(period.To))
                .Select(u => byUnit.FirstOrDefault(r => r.Code == u.Code) is { } r
                    ? new UnitTile(u.Code, u.Name, u.TileColumn, u.TileRow, r.Received, r.ResolutionRate)
                    : new UnitTile(u.Code, u.Name, u.TileColumn, u.TileRow, 0, 0))
                .OrderBy(t => t.Row).ThenBy(t => t.Column).ToList(),
            new ReportEnforcement(
                CountOf(EnforcementKind.Reminder),
                CountOf(EnforcementKind.Minutes),
                CountOf(EnforcementKind.Commitment),
                CountOf(EnforcementKind.Sanction),
                enforcement.Sum(e => e.Fines)),
            overdue.GroupBy(c => c.AgencyCode, StringComparer.Ordinal)
                .Select(g => new OverdueAgency(g.Key, g.First().AgencyName, g.Count(), g.Max(c => c.WorkingDaysLate)))
                .OrderByDescending(a => a.OverdueCases).ThenBy(a => a.Code, StringComparer.Ordinal).ToList(),
            overdue,
            current.Trend(period));
    }

    private static async Task<List<OverdueCase>> OverdueAtAsync(HotlineDbContext db, ReportScope scope, ReferenceData reference, DateTime asOf, CancellationToken cancellationToken)
    {
        // Open at the instant: not rejected or merged, and without a result reported by then; received any time before.
        var rows = await Scoped(db.Cases.AsNoTracking(), scope)
            .Where(c => c.ReceivedAt < asOf && c.DueAt < asOf
                && c.Status != CaseStatus.Rejected && c.Status != CaseStatus.Duplicate
                && !((c.Status == CaseStatus.Resolved || c.Status == CaseStatus.Closed) && c.ResolvedAt <= asOf))
            .OrderBy(c => c.DueAt).ThenBy(c => c.Code)
            .Select(c => new { c.Code, c.FieldCode, c.UnitCode, c.AgencyCode, c.ReceivedAt, c.DueAt })
            .ToListAsync(cancellationToken);
        var asOfDate = LocalDate(asOf.AddTicks(-1));
        return rows.Select(c =>
        {
            var agency = c.AgencyCode ?? "";
            var dueOn = LocalDate(c.DueAt);
            return new OverdueCase(
                c.Code,
                reference.Fields.TryGetValue(c.FieldCode, out var f) ? f.NameVi : c.FieldCode,
                reference.Units.TryGetValue(c.UnitCode, out var u) ? u.Name : c.UnitCode,
                agency,
                agency.Length == 0 ? "Chưa chuyển xử lý" : reference.Agencies.TryGetValue(agency, out var a) ? a.Name : agency,
                LocalDate(c.ReceivedAt),
                dueOn,
                Math.Max(0, reference.Calendar.WorkingDaysBetween(dueOn, asOfDate)));
        }).ToList();
    }

    internal static DateOnly LocalDate(DateTime utc) => DateOnly.FromDateTime(utc + VietnamTime.Offset);

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

    private static List<ReportBreakdownRow> Rows(Dictionary<string, Counts> counts, IEnumerable<(string Code, string Name)> names, bool includeEmpty)
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
                rows.Add(new Counts().ToRow(code, name));
            }
        }

        // A code missing from the reference data still counts; it is shown by its code.
        rows.AddRange(counts.Where(p => !seen.Contains(p.Key)).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value.ToRow(p.Key, p.Key)));
        return rows;
    }

    private sealed record CaseRow(DateTime ReceivedAt, DateTime DueAt, DateTime? ResolvedAt, CaseStatus Status, string ChannelCode, string FieldCode, string UnitCode, string? AgencyCode);

    private sealed class Counts
    {
        public int Received { get; set; }

        public int Excluded { get; set; }

        public int Resolved { get; set; }

        public int OnTime { get; set; }

        public int Open { get; set; }

        public int Overdue { get; set; }

        public long HandlingDays { get; set; }

        public ReportBreakdownRow ToRow(string code, string name) =>
            new(code, name, Received, Resolved, OnTime, Open, Overdue, Rates.ResolutionRate(Received, Excluded, Resolved), Rates.OnTimeRate(Resolved, OnTime));
    }

    /// <summary>One pass over the cases of a period; every figure is summed here.</summary>
    private sealed class Tally(WorkingCalendar calendar, DateTime asOf)
    {
        private readonly Counts _total = new();
        private readonly Dictionary<(DateOnly, DateOnly), int> _handlingDays = [];

        public Dictionary<string, Counts> ByChannel { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, Counts> ByField { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, Counts> ByUnit { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, Counts> ByAgency { get; } = new(StringComparer.Ordinal);

        public Dictionary<(int Year, int Month), Counts> ByMonth { get; } = [];

        public void Add(CaseRow row)
        {
            var received = LocalDate(row.ReceivedAt);
            Counts[] targets =
            [
                _total,
                Of(ByChannel, row.ChannelCode),
                Of(ByField, row.FieldCode),
                Of(ByUnit, row.UnitCode),
                row.AgencyCode is null ? new Counts() : Of(ByAgency, row.AgencyCode),
                Of(ByMonth, (received.Year, received.Month)),
            ];
            var excluded = row.Status.IsExcludedFromRates();
            var resolved = !excluded && row.Status.HasResult() && row.ResolvedAt is { } r && r <= asOf;
            var onTime = resolved && row.ResolvedAt <= row.DueAt;
            var overdue = !excluded && !resolved && row.DueAt < asOf;
            var days = resolved ? HandlingDays(received, LocalDate(row.ResolvedAt!.Value)) : 0;
            foreach (var c in targets)
            {
                c.Received++;
                if (excluded)
                {
                    c.Excluded++;
                }
                else if (resolved)
                {
                    c.Resolved++;
                    c.HandlingDays += days;
                    if (onTime)
                    {
                        c.OnTime++;
                    }
                }
                else
                {
                    c.Open++;
                    if (overdue)
                    {
                        c.Overdue++;
                    }
                }
            }
        }

        public ReportSummary Summary() => new(
            _total.Received,
            _total.Excluded,
            _total.Resolved,
            _total.OnTime,
            _total.Open,
            _total.Overdue,
            Rates.ResolutionRate(_total.Received, _total.Excluded, _total.Resolved),
            Rates.OnTimeRate(_total.Resolved, _total.OnTime),
            _total.Resolved == 0 ? 0 : (double)_total.HandlingDays / _total.Resolved);

        public List<TrendPoint> Trend(ReportPeriod period)
        {
            var points = new List<TrendPoint>();
            for (var month = new DateOnly(period.From.Year, period.From.Month, 1); month <= period.To; month = month.AddMonths(1))
            {
                var c = ByMonth.GetValueOrDefault((month.Year, month.Month)) ?? new Counts();
                points.Add(new TrendPoint(month.Year, month.Month, c.Received, c.Resolved, c.OnTime, Rates.ResolutionRate(c.Received, c.Excluded, c.Resolved)));
            }

            return points;
        }

        /// <summary>Working days from the day a case came in to the day its result was reported (0 when the same day).</summary>
        private int HandlingDays(DateOnly received, DateOnly resolved)
        {
            if (!_handlingDays.TryGetValue((received, resolved), out var days))
            {
                days = Math.Max(0, calendar.WorkingDaysBetween(received, resolved));
                _handlingDays[(received, resolved)] = days;
            }

            return days;
        }

        private static Counts Of<TKey>(Dictionary<TKey, Counts> map, TKey key)
            where TKey : notnull
        {
            if (!map.TryGetValue(key, out var counts))
            {
                counts = new Counts();
                map[key] = counts;
            }

            return counts;
        }
    }
}
