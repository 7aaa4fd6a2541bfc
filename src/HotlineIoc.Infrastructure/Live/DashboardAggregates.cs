using System.Linq.Expressions;
using HotlineIoc.Domain.Calendar;
using HotlineIoc.Domain.Cases;
using HotlineIoc.Domain.Statistics;
using HotlineIoc.Infrastructure.Persistence;
using HotlineIoc.Infrastructure.Seeding;
using HotlineIoc.Infrastructure.Statistics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace HotlineIoc.Infrastructure.Live;

/// <summary>
/// The live figures kept in memory and moved by each <see cref="CaseChanged"/>, so an update never re-reads the history.
/// Loaded once from the database at start, and again only after a bulk import or at the turn of the year.
/// </summary>
public sealed class DashboardAggregates : IDisposable
{
    public const int StreamLength = 40;
    public const int TrendDays = 30;

    private readonly IDbContextFactory<HotlineDbContext> _contexts;
    private readonly TimeProvider _clock;
    private readonly ILogger<DashboardAggregates>? _logger;
    private readonly IDisposable _inline;
    private readonly IDisposable _subscription;
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _loading = new(1, 1);

    /// <summary>A case's live facts as the database holds them: what a load reads, and what a reload compares a change with.</summary>
    private static readonly Expression<Func<Case, CaseFacts>> FactsOfCase = c =>
        new CaseFacts(c.Id, c.Code, c.ChannelCode, c.FieldCode, c.UnitCode, c.AgencyCode, c.Status, c.ReceivedAt, c.DueAt, c.ResolvedAt, c.ClosedAt, c.Latitude, c.Longitude);

    private State _state = State.Empty;
    private DashboardSnapshot? _cached;
    private List<CaseChanged>? _arrivedWhileLoading;
    private long _version;
    private int _reloadWaiting;

    public DashboardAggregates(IDbContextFactory<HotlineDbContext> contexts, TimeProvider clock, CaseEventBus bus, ILogger<DashboardAggregates>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(bus);
        _contexts = contexts;
        _clock = clock;
        _logger = logger;
        // Changes move the counters on the publisher's thread (a few additions under a lock), so the figures are exact the
        // moment a post returns; a reload reads the database, so it runs on the bus's own loop, off every publisher's path.
        _inline = bus.SubscribeInline(OnChanged);
        _subscription = bus.SubscribeReloads(OnReloadedAsync);
    }

    /// <summary>Raised after the figures moved; listeners read <see cref="Snapshot"/> again.</summary>
    public event Action? Changed;

    public bool IsLoaded => _state.Year != 0;

    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        await _loading.WaitAsync(cancellationToken);
        try
        {
            lock (_gate)
            {
                _arrivedWhileLoading = [];
            }

            await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
            await using var snapshot = await ReadSnapshotAsync(db, cancellationToken);
            var state = await State.LoadAsync(db, _clock.GetUtcNow().UtcDateTime, cancellationToken);

            // Changes that arrived while the database was read may or may not be in what was read. The same snapshot
            // says, case by case: a change is applied again only if the snapshot still shows the case as it was before
            // it (and then so are the later changes of that case), so a reload under traffic neither loses nor doubles one.
            var read = new Dictionary<string, CaseFacts?>(StringComparer.Ordinal);
            while (true)
            {
                List<CaseChanged> arrived;
                lock (_gate)
                {
                    arrived = [.. _arrivedWhileLoading!];
                }

                var unread = arrived.Select(c => c.After.Code).Where(c => !read.ContainsKey(c)).Distinct(StringComparer.Ordinal).ToList();
                if (unread.Count > 0)
                {
                    var rows = await db.Cases.AsNoTracking()
                        .Where(c => unread.Contains(c.Code))
                        .Select(FactsOfCase)
                        .ToListAsync(cancellationToken);
                    foreach (var code in unread)
                    {
                        read[code] = rows.FirstOrDefault(r => r.Code == code);
                    }

                    continue;
                }

                lock (_gate)
                {
                    if (_arrivedWhileLoading!.Count != arrived.Count)
                    {
                        continue; // more arrived meanwhile: read those cases too
                    }

                    var behind = new HashSet<string>(StringComparer.Ordinal);
                    foreach (var change in arrived)
                    {
                        var code = change.After.Code;
                        if (behind.Contains(code) || read[code] == change.Before)
                        {
                            behind.Add(code);
                            if (state.Year == VietnamTime.LocalDate(change.AtUtc).Year)
                            {
                                state.Apply(change);
                            }
                        }
                    }

                    _state = state;
                    _arrivedWhileLoading = null;
                    _cached = null;
                    break;
                }
            }
        }
        finally
        {
            lock (_gate)
            {
                _arrivedWhileLoading = null;
            }

            _loading.Release();
        }

        Changed?.Invoke();
    }

    /// <summary>
    /// On SQLite (WAL) one deferred read transaction, so every query of a load sees the same snapshot without holding up
    /// writers (EF's own BeginTransaction would take the write lock for the whole load).
    /// </summary>
    private static async Task<SqliteTransaction?> ReadSnapshotAsync(HotlineDbContext db, CancellationToken cancellationToken)
    {
        if (!db.Database.IsSqlite())
        {
            return null;
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        var transaction = ((SqliteConnection)db.Database.GetDbConnection()).BeginTransaction(deferred: true);
        await db.Database.UseTransactionAsync(transaction, cancellationToken);
        return transaction;
    }

    /// <summary>The figures now. Cheap: recomputed only after a change, when a case has fallen due since, or once a minute.</summary>
    public DashboardSnapshot Snapshot()
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        lock (_gate)
        {
            if (_cached is { } cached && cached.AtUtc.AddMinutes(1) > now && VietnamTime.LocalDate(cached.AtUtc) == VietnamTime.LocalDate(now)
                && !(now > cached.NextDeadlineAt))
            {
                return cached;
            }

            _cached = _state.ToSnapshot(now) with { Version = ++_version };
            return _cached;
        }
    }

    public void Dispose()
    {
        _inline.Dispose();
        _subscription.Dispose();
        _loading.Dispose();
    }

    private void OnChanged(CaseChanged change)
    {
        var applied = false;
        lock (_gate)
        {
            if (_state.Year == VietnamTime.LocalDate(change.AtUtc).Year)
            {
                _state.Apply(change);
                _arrivedWhileLoading?.Add(change);
                _cached = null;
                applied = true;
            }
        }

        if (applied)
        {
            Changed?.Invoke();
            return;
        }

        // Not loaded yet, or the first change of a new year: the figures start again from the database, off this thread.
        // A load already waiting to start will read this change too, so one is enough.
        if (Interlocked.Exchange(ref _reloadWaiting, 1) == 0)
        {
            _ = Task.Run(async () =>
            {
                Volatile.Write(ref _reloadWaiting, 0);
                try
                {
                    await LoadAsync(CancellationToken.None);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    _logger?.LogError(e, "The dashboard figures could not be reloaded; they catch up at the next reload or figures check.");
                }
            });
        }
    }

    private async ValueTask OnReloadedAsync(CasesReloaded reload) => await LoadAsync(CancellationToken.None);

    /// <summary>The mutable counters; only touched under the gate.</summary>
    private sealed class State
    {
        public static State Empty => new() { Calendar = WorkingCalendar.WeekdaysOnly };

        public int Year { get; private set; }

        public required WorkingCalendar Calendar { get; init; }

        // Open cases by code: what the map, the overdue ranking and the due-soon tile are made of.
        private readonly Dictionary<string, CaseFacts> _open = new(StringComparer.Ordinal);

        // Cases received this year by status, per field, channel and unit, for the year's rates and breakdowns.
        private readonly Dictionary<string, int> _yearByField = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _yearByChannel = new(StringComparer.Ordinal);

        // The year's tally by outcome; only what does not move with the clock is read from it (received, excluded,
        // resolved, on time), since open cases fall due without an event.
        private readonly OutcomeCounts _year = new();

        private readonly Dictionary<DateOnly, int> _receivedByDay = [];
        private readonly Dictionary<DateOnly, int> _resolvedByDay = [];
        private readonly LinkedList<StreamItem> _stream = new();

        public static async Task<State> LoadAsync(HotlineDbContext db, DateTime nowUtc, CancellationToken cancellationToken)
        {
            var reference = await ReferenceData.LoadAsync(db, cancellationToken);
            var today = VietnamTime.LocalDate(nowUtc);
            var state = new State { Calendar = reference.Calendar, Year = today.Year };
            var yearStart = VietnamTime.StartOfDayUtc(new DateOnly(today.Year, 1, 1));
            var trendStart = VietnamTime.StartOfDayUtc(today.AddDays(-TrendDays - 7));
            var open = await db.Cases.AsNoTracking()
                .Where(CaseRules.InOpenStatus)
                .Select(FactsOfCase)
                .ToListAsync(cancellationToken);
            foreach (var item in open)
            {
                state._open[item.Code] = item;
            }

            // The year's figures from the grouping /api/stats and the reports use, so the wall and a report never disagree.
            // Read inside the load's snapshot, on its one connection.
            var year = await CaseGroups.ReceivedAsync(db.Cases, yearStart, DateTime.SpecifyKind(DateTime.MaxValue, DateTimeKind.Utc), nowUtc, cancellationToken, oneSnapshot: true);
            foreach (var g in year)
            {
                state._year.Add(g.Outcome, g.Count);
                Add(state._yearByField, g.FieldCode, g.Count);
                Add(state._yearByChannel, g.ChannelCode, g.Count);
            }

            var received = await db.Cases.AsNoTracking().Where(c => c.ReceivedAt >= trendStart).Select(c => c.ReceivedAt).ToListAsync(cancellationToken);
            foreach (var at in received)
            {
                Add(state._receivedByDay, VietnamTime.LocalDate(at), 1);
            }

            var resolved = await db.Cases.AsNoTracking().Where(c => c.ResolvedAt >= trendStart).Select(c => c.ResolvedAt!.Value).ToListAsync(cancellationToken);
            foreach (var at in resolved)
            {
                Add(state._resolvedByDay, VietnamTime.LocalDate(at), 1);
            }

            var latest = await db.Cases.AsNoTracking()
                .OrderByDescending(c => c.UpdatedAt).ThenByDescending(c => c.Id)
                .Take(StreamLength)
                .Select(c => new { Facts = new CaseFacts(c.Id, c.Code, c.ChannelCode, c.FieldCode, c.UnitCode, c.AgencyCode, c.Status, c.ReceivedAt, c.DueAt, c.ResolvedAt, c.ClosedAt, null, null), c.UpdatedAt })
                .ToListAsync(cancellationToken);
            foreach (var item in latest)
            {
                state._stream.AddLast(ToStreamItem(item.Facts, item.UpdatedAt));
            }

            return state;
        }

        public void Apply(CaseChanged change)
        {
            var before = change.Before;
            var after = change.After;
            var yearStart = VietnamTime.StartOfDayUtc(new DateOnly(Year, 1, 1));

            if (before is not null)
            {
                _open.Remove(before.Code);
                if (before.ReceivedAt >= yearStart)
                {
                    CountYear(before, -1, change.AtUtc);
                }

                if (before.ResolvedAt is { } wasResolved)
                {
                    Add(_resolvedByDay, VietnamTime.LocalDate(wasResolved), -1);
                }
            }
            else
            {
                Add(_receivedByDay, VietnamTime.LocalDate(after.ReceivedAt), 1);
            }

            if (after.Status.IsOpen())
            {
                _open[after.Code] = after;
            }

            if (after.ReceivedAt >= yearStart)
            {
                CountYear(after, +1, change.AtUtc);
            }

            if (after.ResolvedAt is { } resolved)
            {
                Add(_resolvedByDay, VietnamTime.LocalDate(resolved), 1);
            }

            var existing = _stream.FirstOrDefault(s => s.Code == after.Code);
            if (existing is not null)
            {
                _stream.Remove(existing);
            }

            _stream.AddFirst(ToStreamItem(after, change.AtUtc));
            while (_stream.Count > StreamLength)
            {
                _stream.RemoveLast();
            }
        }

        public DashboardSnapshot ToSnapshot(DateTime nowUtc)
        {
            var today = VietnamTime.LocalDate(nowUtc);
            var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
            var dueSoonLimit = VietnamTime.FromLocal(Calendar.AddWorkingDays(today, 1), DeadlineRule.EndOfDay);

            int overdue = 0, dueSoon = 0;
            DateTime? nextDeadline = null;
            var byUnit = new Dictionary<string, (int Open, int Overdue)>(StringComparer.Ordinal);
            var overdueByAgency = new Dictionary<string, int>(StringComparer.Ordinal);
            var points = new List<CasePoint>();
            foreach (var item in _open.Values)
            {
                var late = CaseRules.IsOverdue(item.Status, item.DueAt, nowUtc);
                var unit = byUnit.GetValueOrDefault(item.UnitCode);
                byUnit[item.UnitCode] = (unit.Open + 1, unit.Overdue + (late ? 1 : 0));
                if (item is { Latitude: { } latitude, Longitude: { } longitude })
                {
                    points.Add(new CasePoint(latitude, longitude, late));
                }

                if (late)
                {
                    overdue++;
                    Add(overdueByAgency, item.AgencyCode ?? "", 1);
                }
                else
                {
                    nextDeadline = nextDeadline is { } next && next < item.DueAt ? next : item.DueAt;
                    if (item.DueAt <= dueSoonLimit)
                    {
                        dueSoon++;
                    }
                }
            }

            var trend = Enumerable.Range(0, TrendDays)
                .Select(i => today.AddDays(i - TrendDays + 1))
                .Select(d => new DayCount(d, _receivedByDay.GetValueOrDefault(d), _resolvedByDay.GetValueOrDefault(d)))
                .ToList();

            return new DashboardSnapshot(
                nowUtc,
                today,
                _receivedByDay.GetValueOrDefault(today),
                _receivedByDay.Where(p => p.Key >= monday && p.Key <= today).Sum(p => p.Value),
                _year.Received,
                _open.Count,
                overdue,
                dueSoon,
                _year.ResolutionRate,
                _year.OnTimeRate,
                _stream.Select(s => s with { Overdue = _open.TryGetValue(s.Code, out var open) && CaseRules.IsOverdue(open.Status, open.DueAt, nowUtc) }).ToList(),
                byUnit.Select(p => new UnitLoad(p.Key, p.Value.Open, p.Value.Overdue)).OrderBy(u => u.UnitCode, StringComparer.Ordinal).ToList(),
                Ranked(_yearByField),
                Ranked(_yearByChannel),
                Ranked(overdueByAgency),
                trend)
            {
                NextDeadlineAt = nextDeadline,
                Points = points,
            };
        }

        private void CountYear(CaseFacts facts, int sign, DateTime atUtc)
        {
            _year.Add(CaseRules.OutcomeAt(facts.Status, facts.ResolvedAt, facts.DueAt, atUtc), sign);
            Add(_yearByField, facts.FieldCode, sign);
            Add(_yearByChannel, facts.ChannelCode, sign);
        }

        private static StreamItem ToStreamItem(CaseFacts facts, DateTime changedAt) =>
            new(facts.Code, facts.FieldCode, facts.UnitCode, facts.ChannelCode, facts.Status.ToWire(), facts.ReceivedAt, changedAt, false);

        private static List<CodeCount> Ranked(Dictionary<string, int> counts) =>
            counts.Where(p => p.Value > 0)
                .Select(p => new CodeCount(p.Key, p.Value))
                .OrderByDescending(c => c.Count).ThenBy(c => c.Code, StringComparer.Ordinal)
                .ToList();

        private static void Add<TKey>(Dictionary<TKey, int> counts, TKey key, int delta)
            where TKey : notnull =>
            counts[key] = counts.GetValueOrDefault(key) + delta;
    }
}
