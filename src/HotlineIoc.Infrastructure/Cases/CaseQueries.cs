using HotlineIoc.Domain.Calendar;
using HotlineIoc.Domain.Cases;
using HotlineIoc.Domain.Reference;
using HotlineIoc.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace HotlineIoc.Infrastructure.Cases;

/// <summary>
/// The filters the case list and the overdue board share, written so the database can use its indexes:
/// status lists and instant ranges, never a rule evaluated row by row.
/// </summary>
public static class CaseQueries
{
    /// <summary>The agency filter's value for cases not yet given to an agency ("chưa chuyển").</summary>
    public const string NoAgency = "none";

    /// <summary>The statuses of cases still waiting for a result.</summary>
    public static readonly IReadOnlyList<CaseStatus> OpenStatuses = CaseStatusNames.OpenStatuses;

    // A list, not the read-only interface: EF translates List.Contains into an IN over the status index.
    private static readonly List<CaseStatus> Open = [.. OpenStatuses];

    public static IQueryable<Case> WhereOpen(this IQueryable<Case> cases) => cases.Where(c => Open.Contains(c.Status));

    public static IQueryable<Case> WhereDue(this IQueryable<Case> cases, DueRange range)
    {
        var before = range.Before;
        cases = cases.Where(c => c.DueAt < before);
        return range.From is { } from ? cases.Where(c => c.DueAt >= from) : cases;
    }

    /// <summary>One agency, <see cref="NoAgency"/> for none, or every case when null.</summary>
    public static IQueryable<Case> WhereAgency(this IQueryable<Case> cases, string? agency) => agency switch
    {
        null => cases,
        NoAgency => cases.Where(c => c.AgencyCode == null),
        _ => cases.Where(c => c.AgencyCode == agency),
    };

    /// <summary>Cases recorded in one of the units; null does not filter.</summary>
    public static IQueryable<Case> WhereUnitIn(this IQueryable<Case> cases, IReadOnlyCollection<string>? units)
    {
        if (units is null)
        {
            return cases;
        }

        // A list, so EF turns Contains into an IN over the unit index.
        var list = units.ToList();
        return list.Count == 1 ? cases.Where(c => c.UnitCode == list[0]) : cases.Where(c => list.Contains(c.UnitCode));
    }

    /// <summary>
    /// The codes a unit filter stands for: the unit and every unit merged into it, so that today's unit finds the cases
    /// recorded in the units it took over. Null when there is no unit filter.
    /// </summary>
    public static async Task<IReadOnlyList<string>?> UnitAreaAsync(HotlineDbContext db, string? unit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (unit is null)
        {
            return null;
        }

        var timeline = new UnitTimeline(await db.Units.AsNoTracking().ToListAsync(cancellationToken));
        return [.. timeline.AreaOf(unit).Order(StringComparer.Ordinal)];
    }

    /// <summary>Field and channel codes; a null code does not filter.</summary>
    public static IQueryable<Case> WhereCodes(this IQueryable<Case> cases, string? field, string? channel)
    {
        if (field is not null)
        {
            cases = cases.Where(c => c.FieldCode == field);
        }

        return channel is null ? cases : cases.Where(c => c.ChannelCode == channel);
    }

    /// <summary>Received on local Vietnamese days from <paramref name="from"/> to <paramref name="to"/>, both inclusive; either may be open.</summary>
    public static IQueryable<Case> WhereReceivedOn(this IQueryable<Case> cases, DateOnly? from, DateOnly? to)
    {
        if (from is { } first)
        {
            var start = VietnamTime.StartOfDayUtc(first);
            cases = cases.Where(c => c.ReceivedAt >= start);
        }

        if (to is { } last && last < DateOnly.MaxValue)
        {
            var end = VietnamTime.StartOfDayUtc(last.AddDays(1));
            cases = cases.Where(c => c.ReceivedAt < end);
        }

        return cases;
    }
}
