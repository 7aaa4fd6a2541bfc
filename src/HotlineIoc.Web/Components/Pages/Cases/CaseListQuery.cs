using HotlineIoc.Domain.Calendar;
using HotlineIoc.Domain.Cases;
using HotlineIoc.Infrastructure.Cases;
using HotlineIoc.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace HotlineIoc.Web.Components.Pages.Cases;

/// <summary>What the case list can be sorted by.</summary>
public enum CaseListSort
{
    Received,
    Code,
    Field,
    Unit,
    Channel,
    Agency,
    Status,
    Due,
}

/// <summary>One page of the case list: filters, sort and page (0-based).</summary>
public sealed record CaseListRequest(CaseListFilter Filter, CaseListSort Sort = CaseListSort.Received, bool Descending = true, int Page = 0, int PageSize = 25);

/// <summary>Where a case stands against its deadline, in working days.</summary>
public enum DeadlineStanding
{
    /// <summary><see cref="CaseListRow.WorkingDays"/> working days left (0: due today).</summary>
    Open,

    /// <summary>Past due; <see cref="CaseListRow.WorkingDays"/> working days have passed since the due day.</summary>
    Overdue,

    ResolvedOnTime,

    ResolvedLate,

    /// <summary>Rejected or duplicate: no deadline applies.</summary>
    NotCounted,
}

/// <summary>A line of the case list: codes and instants only, never the reporter.</summary>
public sealed record CaseListRow(
    string Code,
    DateTime ReceivedAt,
    string FieldCode,
    string UnitCode,
    string ChannelCode,
    string? AgencyCode,
    CaseStatus Status,
    DateTime DueAt,
    DeadlineStanding Standing,
    int WorkingDays);

public sealed record CaseListPage(IReadOnlyList<CaseListRow> Rows, int Total);

/// <summary>
/// The drill-down list behind every dashboard panel: filters by the same rules as the dashboard's figures,
/// so a tile's number and the list it opens agree. Paged and sorted in the database.
/// </summary>
public sealed class CaseListQuery(IDbContextFactory<HotlineDbContext> contexts, TimeProvider clock)
{
    public const int MaxPageSize = 200;

    public async Task<CaseListPage> GetPageAsync(CaseListRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = clock.GetUtcNow().UtcDateTime;
        var today = VietnamTime.LocalDate(now);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var calendar = new WorkingCalendar(await db.CalendarDays.AsNoTracking().ToListAsync(cancellationToken));

        // A unit stands for its area: its own cases and those recorded in the units merged into it, so a map's count and its list agree.
        var area = await CaseQueries.UnitAreaAsync(db, request.Filter.Unit, cancellationToken);
        var cases = Filter(db.Cases.AsNoTracking(), request.Filter, area, now, today, calendar);
        var total = await cases.CountAsync(cancellationToken);
        var pageSize = Math.Clamp(request.PageSize, 1, MaxPageSize);
        var found = await Sort(cases, request.Sort, request.Descending)
            .Skip(Math.Max(0, request.Page) * pageSize)
            .Take(pageSize)
            .Select(c => new { c.Code, c.ReceivedAt, c.FieldCode, c.UnitCode, c.ChannelCode, c.AgencyCode, c.Status, c.DueAt, c.ResolvedAt })
            .ToListAsync(cancellationToken);

        var rows = found.Select(c =>
        {
            var (standing, days) = Stand(c.Status, c.DueAt, c.ResolvedAt, now, today, calendar);
            return new CaseListRow(c.Code, c.ReceivedAt, c.FieldCode, c.UnitCode, c.ChannelCode, c.AgencyCode, c.Status, c.DueAt, standing, days);
        }).ToList();
        return new CaseListPage(rows, total);
    }

    /// <summary>The instant by which a case counts as "due soon": the end of the next working day, as the dashboard counts it.</summary>
    public static DateTime DueSoonLimit(DateOnly today, WorkingCalendar calendar) => OverdueAgeing.DueSoonLimitOn(today, calendar);

    private static IQueryable<Case> Filter(IQueryable<Case> cases, CaseListFilter filter, IReadOnlyList<string>? area, DateTime now, DateOnly today, WorkingCalendar calendar)
    {
        cases = cases.WhereUnitIn(area).WhereCodes(filter.Field, filter.Channel).WhereAgency(filter.Agency);
        switch (filter.State)
        {
            case CaseListStates.Open:
                cases = cases.WhereOpen();
                break;
            case CaseListStates.Overdue:
                cases = cases.WhereOpen().Where(CaseRules.PastDueAt(now));
                break;
            case CaseListStates.DueSoon:
                cases = cases.WhereOpen().WhereDue(new DueRange(now, DueSoonLimit(today, calendar).AddTicks(1)));
                break;
        }

        var receivedFrom = filter.Received switch
        {
            ReceivedPeriods.Today => today,
            ReceivedPeriods.Week => today.AddDays(-(((int)today.DayOfWeek + 6) % 7)),
            ReceivedPeriods.Year => new DateOnly(today.Year, 1, 1),
            _ => (DateOnly?)null,
        };
        return cases.WhereReceivedOn(receivedFrom, null).WhereReceivedOn(filter.From, filter.To);
    }

    private static IQueryable<Case> Sort(IQueryable<Case> cases, CaseListSort sort, bool descending)
    {
        var sorted = sort switch
        {
            CaseListSort.Code => Order(cases, c => c.Code, descending),
            CaseListSort.Field => Order(cases, c => c.FieldCode, descending),
            CaseListSort.Unit => Order(cases, c => c.UnitCode, descending),
            CaseListSort.Channel => Order(cases, c => c.ChannelCode, descending),
            CaseListSort.Agency => Order(cases, c => c.AgencyCode, descending),
            CaseListSort.Status => Order(cases, c => c.Status, descending),
            CaseListSort.Due => Order(cases, c => c.DueAt, descending),
            _ => Order(cases, c => c.ReceivedAt, descending),
        };
        // A unique tie-breaker keeps pages stable: no case shows twice or goes missing between pages.
        return descending ? sorted.ThenByDescending(c => c.Id) : sorted.ThenBy(c => c.Id);
    }

    private static IOrderedQueryable<Case> Order<TKey>(IQueryable<Case> cases, System.Linq.Expressions.Expression<Func<Case, TKey>> key, bool descending) =>
        descending ? cases.OrderByDescending(key) : cases.OrderBy(key);

    /// <summary>A case's standing in words and working days, from the domain's rules (<see cref="CaseRules"/>).</summary>
    public static (DeadlineStanding Standing, int WorkingDays) Stand(CaseStatus status, DateTime dueAt, DateTime? resolvedAt, DateTime now, DateOnly today, WorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        if (status.IsExcludedFromRates())
        {
            return (DeadlineStanding.NotCounted, 0);
        }

        if (resolvedAt is { } resolved)
        {
            return CaseRules.IsOnTime(resolved, dueAt)
                ? (DeadlineStanding.ResolvedOnTime, 0)
                : (DeadlineStanding.ResolvedLate, CaseRules.WorkingDaysLate(dueAt, resolved, calendar));
        }

        return CaseRules.IsPastDue(dueAt, now)
            ? (DeadlineStanding.Overdue, CaseRules.WorkingDaysLate(dueAt, now, calendar))
            : (DeadlineStanding.Open, calendar.WorkingDaysBetween(today, VietnamTime.LocalDate(dueAt)));
    }
}
