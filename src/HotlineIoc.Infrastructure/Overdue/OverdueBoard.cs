using System.Runtime.CompilerServices;
using System.Security.Claims;
using HotlineIoc.Domain;
using HotlineIoc.Domain.Calendar;
using HotlineIoc.Domain.Cases;
using HotlineIoc.Infrastructure.Cases;
using HotlineIoc.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace HotlineIoc.Infrastructure.Overdue;

/// <summary>What the board's rows can be sorted by.</summary>
public enum OverdueSort
{
    /// <summary>By due instant: descending lateness puts the most late first.</summary>
    Lateness,
    Agency,
    Code,
    Received,
    Field,
    Unit,
}

/// <summary>One page of the board: filters, sort and page (0-based).</summary>
public sealed record OverdueRequest(OverdueFilter Filter, OverdueSort Sort = OverdueSort.Lateness, bool Descending = true, int Page = 0, int PageSize = 25);

/// <summary>A line of the board: codes, instants and ageing, never the reporter.</summary>
public sealed record OverdueRow(
    string Code,
    string ChannelCode,
    DateTime ReceivedAt,
    string FieldCode,
    string UnitCode,
    string? AgencyCode,
    CaseStatus Status,
    DateTime DueAt,
    AgeingBucket Bucket,
    int WorkingDaysLate,
    int RemindersSent,
    DateTime? ReminderPendingSince)
{
    /// <summary>Whether a reminder can go to the agency: the rule of <see cref="Case.SendReminder"/>.</summary>
    public bool CanRemind => AgencyCode is not null && OverdueBoard.RemindableStatuses.Contains(Status);
}

public sealed record OverduePage(IReadOnlyList<OverdueRow> Rows, int Total);

/// <summary>How many cases of one agency (empty: none yet) are in one bucket.</summary>
public sealed record OverdueCell(string AgencyCode, AgeingBucket Bucket, int Count);

/// <summary>
/// The matrix of agencies by bucket, under every filter but agency and bucket (so each cell can be chosen from it),
/// and, for a department head, how many of their cases wait on a reminder.
/// </summary>
public sealed record OverdueSummary(IReadOnlyList<OverdueCell> Cells, int PendingReminders, string? ScopeAgency, OverdueAgeing Ageing)
{
    public int Total => Cells.Sum(c => c.Count);
}

/// <summary>A row with its reporter as stored; only <see cref="Privacy.ReporterDisclosure"/> may pass the reporter on.</summary>
public sealed record OverdueExportItem(OverdueRow Row, Reporter Reporter);

/// <summary>
/// The overdue board (bảng theo dõi quá hạn): open cases that are late or due within one working day, by agency and
/// ageing bucket, in the viewer's scope. Buckets become due-instant ranges before the query, so the database filters,
/// counts and pages on its (Status, DueAt) and (AgencyCode, Status, DueAt) indexes.
/// </summary>
public sealed class OverdueBoard(IDbContextFactory<HotlineDbContext> contexts, TimeProvider clock, CaseHandling handling)
{
    public const int MaxPageSize = 200;

    /// <summary>The statuses in which <see cref="Case.SendReminder"/> accepts a reminder (with an agency set).</summary>
    public static readonly IReadOnlyList<CaseStatus> RemindableStatuses = [CaseStatus.Forwarded, CaseStatus.InProgress];

    private static readonly List<CaseStatus> Remindable = [.. RemindableStatuses];

    public async Task<OverdueSummary> GetSummaryAsync(ClaimsPrincipal user, OverdueFilter filter, CancellationToken cancellationToken)
    {
        var scope = OverdueScope.Of(user);
        ArgumentNullException.ThrowIfNull(filter);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var ageing = await AgeingAsync(db, cancellationToken);
        filter = await WithUnitAreaAsync(db, filter, cancellationToken);
        var matrix = scope.Restrict(filter with { Agency = null, Bucket = null });
        var cells = new List<OverdueCell>();
        if (matrix.Agency is null)
        {
            // Every agency at once: the agency index, sought once per agency and status, answers without reading a case row.
            cells.AddRange(await CountByBucketAsync(Cases(db, matrix, ageing, anyAgency: true), ageing, cancellationToken));
            cells.AddRange(await CountByBucketAsync(Cases(db, matrix with { Agency = CaseQueries.NoAgency }, ageing), ageing, cancellationToken));
        }
        else
        {
            cells.AddRange(await CountByBucketAsync(Cases(db, matrix, ageing), ageing, cancellationToken));
        }

        // The department head's banner: their cases waiting on a reminder, whatever the filters.
        var pending = scope.Agency is null
            ? 0
            : await Cases(db, scope.Restrict(new OverdueFilter { ReminderPending = true }), ageing).CountAsync(cancellationToken);
        return new OverdueSummary([.. cells.OrderBy(c => c.AgencyCode, StringComparer.Ordinal).ThenBy(c => c.Bucket)], pending, scope.Agency, ageing);
    }

    public async Task<OverduePage> GetPageAsync(ClaimsPrincipal user, OverdueRequest request, CancellationToken cancellationToken)
    {
        var scope = OverdueScope.Of(user);
        ArgumentNullException.ThrowIfNull(request);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var ageing = await AgeingAsync(db, cancellationToken);
        request = request with { Filter = await WithUnitAreaAsync(db, request.Filter, cancellationToken) };
        // One pass over the board picks and orders the matching ids: a filter on field, unit, channel or receipt reads each open
        // case's row once for both the total and the page, instead of once for a count and again for the page.
        var ids = await Sort(Cases(db, scope.Restrict(request.Filter), ageing), request.Sort, request.Descending)
            .Select(c => c.Id)
            .ToListAsync(cancellationToken);
        var pageSize = Math.Clamp(request.PageSize, 1, MaxPageSize);
        var pageIds = ids.Skip(Math.Max(0, request.Page) * pageSize).Take(pageSize).ToList();
        var found = (await db.Cases.AsNoTracking()
            .Where(c => pageIds.Contains(c.Id))
            .Select(c => new { c.Id, c.Code, c.ChannelCode, c.ReceivedAt, c.FieldCode, c.UnitCode, c.AgencyCode, c.Status, c.DueAt, c.RemindersSent, c.ReminderPendingSince })
            .ToListAsync(cancellationToken))
            .ToDictionary(c => c.Id);
        var rows = pageIds.Where(found.ContainsKey).Select(id => found[id])
            .Select(c => Row(ageing, c.Code, c.ChannelCode, c.ReceivedAt, c.FieldCode, c.UnitCode, c.AgencyCode, c.Status, c.DueAt, c.RemindersSent, c.ReminderPendingSince))
            .ToList();
        return new OverduePage(rows, ids.Count);
    }

    /// <summary>How many rows the filters give in the viewer's scope: what an export of the current view holds.</summary>
    public async Task<int> CountAsync(ClaimsPrincipal user, OverdueFilter filter, CancellationToken cancellationToken)
    {
        var scope = OverdueScope.Of(user);
        ArgumentNullException.ThrowIfNull(filter);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        filter = await WithUnitAreaAsync(db, filter, cancellationToken);
        return await Cases(db, scope.Restrict(filter), await AgeingAsync(db, cancellationToken)).CountAsync(cancellationToken);
    }

    /// <summary>
    /// Every row of the current view in the viewer's scope, up to <paramref name="limit"/>, read as a stream with its reporter
    /// for an export; the caller must pass reporters through the disclosure gate.
    /// </summary>
    public async IAsyncEnumerable<OverdueExportItem> StreamAsync(
        ClaimsPrincipal user,
        OverdueFilter filter,
        OverdueSort sort,
        bool descending,
        int limit,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var scope = OverdueScope.Of(user);
        ArgumentNullException.ThrowIfNull(filter);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var ageing = await AgeingAsync(db, cancellationToken);
        filter = await WithUnitAreaAsync(db, filter, cancellationToken);
        var query = Sort(Cases(db, scope.Restrict(filter), ageing), sort, descending)
            .Take(limit)
            .Select(c => new { c.Code, c.ChannelCode, c.ReceivedAt, c.FieldCode, c.UnitCode, c.AgencyCode, c.Status, c.DueAt, c.RemindersSent, c.ReminderPendingSince, c.ReporterName, c.ReporterPhone, c.ReporterZaloId })
            .AsAsyncEnumerable();
        await foreach (var c in query.WithCancellation(cancellationToken))
        {
            yield return new OverdueExportItem(
                Row(ageing, c.Code, c.ChannelCode, c.ReceivedAt, c.FieldCode, c.UnitCode, c.AgencyCode, c.Status, c.DueAt, c.RemindersSent, c.ReminderPendingSince),
                new Reporter(c.ReporterName, c.ReporterPhone, c.ReporterZaloId));
        }
    }

    /// <summary>A Leader or the Secretary reminds the agency holding one case. Anyone else is refused here, whatever the page showed.</summary>
    public async Task SendReminderAsync(ClaimsPrincipal user, string code, string? note, CancellationToken cancellationToken)
    {
        var actor = Reminder(user);
        await handling.ApplyAsync(code, (c, now) => c.SendReminder(note, now, actor), cancellationToken);
    }

    /// <summary>
    /// Reminds one agency of every late case of the current view; returns how many were reminded. A case that changed
    /// meanwhile so that it no longer takes a reminder is passed over.
    /// </summary>
    public async Task<int> RemindAgencyAsync(ClaimsPrincipal user, OverdueFilter filter, string agencyCode, string? note, CancellationToken cancellationToken)
    {
        var actor = Reminder(user);
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentException.ThrowIfNullOrWhiteSpace(agencyCode);
        if (agencyCode == CaseQueries.NoAgency)
        {
            return 0;
        }

        List<string> codes;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var ageing = await AgeingAsync(db, cancellationToken);
            filter = await WithUnitAreaAsync(db, filter, cancellationToken);
            codes = await Cases(db, filter with { Agency = agencyCode }, ageing)
                .WhereDue(ageing.Late)
                .Where(c => Remindable.Contains(c.Status))
                .OrderBy(c => c.DueAt).ThenBy(c => c.Id)
                .Select(c => c.Code)
                .ToListAsync(cancellationToken);
        }

        var reminded = 0;
        foreach (var code in codes)
        {
            try
            {
                await handling.ApplyAsync(code, (c, now) => c.SendReminder(note, now, actor), cancellationToken);
                reminded++;
            }
            catch (DomainException)
            {
                // Resolved, returned or re-assigned since the list was read: nothing to remind any more.
            }
        }

        return reminded;
    }

    private static string Reminder(ClaimsPrincipal user) =>
        OverdueScope.MayRemind(user)
            ? user.Identity!.Name ?? "unknown"
            : throw new OverdueAccessException($"{user?.Identity?.Name ?? "An anonymous visitor"} may not send reminders; only the Leader and the Secretary do.");

    /// <summary>Today's unit stands for its area: the board then also lists the late cases still recorded in the units it took over.</summary>
    private static async Task<OverdueFilter> WithUnitAreaAsync(HotlineDbContext db, OverdueFilter filter, CancellationToken cancellationToken) =>
        filter.Unit is null ? filter : filter with { UnitArea = await CaseQueries.UnitAreaAsync(db, filter.Unit, cancellationToken) };

    private async Task<OverdueAgeing> AgeingAsync(HotlineDbContext db, CancellationToken cancellationToken)
    {
        var calendar = new WorkingCalendar(await db.CalendarDays.AsNoTracking().ToListAsync(cancellationToken));
        return OverdueAgeing.At(clock.GetUtcNow().UtcDateTime, calendar);
    }

    private static async Task<List<OverdueCell>> CountByBucketAsync(IQueryable<Case> cases, OverdueAgeing ageing, CancellationToken cancellationToken)
    {
        var (six, three, now) = (ageing.SixDaysLateBefore, ageing.ThreeDaysLateBefore, ageing.Now);
        // One GROUP BY in the database; the bucket is a CASE over the same instants the bucket ranges use.
        var groups = await cases
            .GroupBy(c => new { c.AgencyCode, Bucket = c.DueAt < six ? 3 : c.DueAt < three ? 2 : c.DueAt < now ? 1 : 0 })
            .Select(g => new { g.Key.AgencyCode, g.Key.Bucket, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return [.. groups.Select(g => new OverdueCell(g.AgencyCode ?? "", (AgeingBucket)g.Bucket, g.Count))];
    }

    /// <summary>
    /// The board's cases under a filter the scope has already restricted; with <paramref name="anyAgency"/>, the cases of
    /// every agency of the reference data instead of the filter's agency (and none of the cases nobody holds).
    /// </summary>
    private static IQueryable<Case> Cases(HotlineDbContext db, OverdueFilter filter, OverdueAgeing ageing, bool anyAgency = false)
    {
        var cases = Source(db, byAgency: anyAgency || filter.Agency is not null);
        cases = anyAgency
            ? cases.Where(c => db.Agencies.Select(a => a.Code).Contains(c.AgencyCode!))
            : cases.WhereAgency(filter.Agency);
        cases = cases
            .WhereOpen()
            .WhereDue(filter.Bucket is { } bucket ? ageing.RangeOf(bucket) : ageing.Board)
            .WhereUnitIn(filter.UnitArea ?? (filter.Unit is null ? null : [filter.Unit]))
            .WhereCodes(filter.Field, filter.Channel)
            .WhereReceivedOn(filter.From, filter.To);
        return filter.ReminderPending ? cases.Where(c => c.ReminderPendingSince != null) : cases;
    }

    /// <summary>
    /// The cases, read through the index the board is built on. SQLite plans without statistics and takes an equality on
    /// any indexed column for a narrow one, so a filter on channel or unit would make it read a third or a twentieth of all
    /// cases instead of the few thousand open ones (about 1 s against 40 ms at 1,000,000 cases). SQL Server decides from its
    /// statistics. The index is found in the model by its columns, so a renamed index is followed and a missing one is not asked for.
    /// </summary>
    private static IQueryable<Case> Source(HotlineDbContext db, bool byAgency)
    {
        if (!db.Database.IsSqlite())
        {
            return db.Cases.AsNoTracking();
        }

        var entity = db.Model.FindEntityType(typeof(Case))!;
        string[] columns = byAgency ? [nameof(Case.AgencyCode), nameof(Case.Status), nameof(Case.DueAt)] : [nameof(Case.Status), nameof(Case.DueAt)];
        var index = entity.GetIndexes().FirstOrDefault(i => i.Properties.Select(p => p.Name).SequenceEqual(columns))?.GetDatabaseName();
        if (index is null)
        {
            return db.Cases.AsNoTracking();
        }

        // EF1003: the table and index names come from the model, never from input; identifiers cannot be parameters.
#pragma warning disable EF1003
        return db.Cases.FromSqlRaw("SELECT * FROM \"" + entity.GetTableName() + "\" INDEXED BY \"" + index + "\"").AsNoTracking();
#pragma warning restore EF1003
    }

    private static IQueryable<Case> Sort(IQueryable<Case> cases, OverdueSort sort, bool descending)
    {
        // Lateness is the due instant reversed; every other key keeps the most late first within it.
        var sorted = sort switch
        {
            OverdueSort.Agency => Order(cases, c => c.AgencyCode, descending).ThenBy(c => c.DueAt),
            OverdueSort.Code => Order(cases, c => c.Code, descending),
            OverdueSort.Received => Order(cases, c => c.ReceivedAt, descending),
            OverdueSort.Field => Order(cases, c => c.FieldCode, descending).ThenBy(c => c.DueAt),
            OverdueSort.Unit => Order(cases, c => c.UnitCode, descending).ThenBy(c => c.DueAt),
            _ => Order(cases, c => c.DueAt, !descending),
        };
        // A unique tie-breaker keeps pages stable: no case shows twice or goes missing between pages.
        return sorted.ThenBy(c => c.Id);
    }

    private static IOrderedQueryable<Case> Order<TKey>(IQueryable<Case> cases, System.Linq.Expressions.Expression<Func<Case, TKey>> key, bool descending) =>
        descending ? cases.OrderByDescending(key) : cases.OrderBy(key);

    private static OverdueRow Row(
        OverdueAgeing ageing,
        string code,
        string channel,
        DateTime receivedAt,
        string field,
        string unit,
        string? agency,
        CaseStatus status,
        DateTime dueAt,
        int remindersSent,
        DateTime? reminderPendingSince) =>
        new(code, channel, receivedAt, field, unit, agency, status, dueAt,
            ageing.BucketOf(dueAt) ?? AgeingBucket.DueSoon, ageing.WorkingDaysLate(dueAt), remindersSent, reminderPendingSince);
}
