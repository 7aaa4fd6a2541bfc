using HotlineIoc.Domain.Calendar;

namespace HotlineIoc.Domain.Cases;

/// <summary>How late an open case is on the overdue board (tuổi quá hạn), in working days of the holiday calendar.</summary>
public enum AgeingBucket
{
    /// <summary>Not late yet, and due by the end of the next working day (sắp đến hạn).</summary>
    DueSoon,

    /// <summary>Late by up to two working days; a case that fell due just before a weekend or holiday waits here.</summary>
    Late1To2,

    /// <summary>Late by three to five working days.</summary>
    Late3To5,

    /// <summary>Late by more than five working days.</summary>
    LateOver5,
}

/// <summary>The wire names of the buckets, as the board's address and exports write them.</summary>
public static class AgeingBucketNames
{
    private static readonly Dictionary<AgeingBucket, string> Names = new()
    {
        [AgeingBucket.DueSoon] = "due-soon",
        [AgeingBucket.Late1To2] = "late-1-2",
        [AgeingBucket.Late3To5] = "late-3-5",
        [AgeingBucket.LateOver5] = "late-over-5",
    };

    private static readonly Dictionary<string, AgeingBucket> ByName =
        Names.ToDictionary(p => p.Value, p => p.Key, StringComparer.OrdinalIgnoreCase);

    /// <summary>From the least to the most late.</summary>
    public static IReadOnlyList<AgeingBucket> All { get; } = [AgeingBucket.DueSoon, AgeingBucket.Late1To2, AgeingBucket.Late3To5, AgeingBucket.LateOver5];

    public static string ToWire(this AgeingBucket bucket) => Names[bucket];

    public static bool TryParse(string? text, out AgeingBucket bucket) => ByName.TryGetValue(text?.Trim() ?? "", out bucket);
}

/// <summary>Due instants <see cref="From"/> ≤ due &lt; <see cref="Before"/>; no lower bound when <see cref="From"/> is null.</summary>
public readonly record struct DueRange(DateTime? From, DateTime Before)
{
    public bool Contains(DateTime dueAt) => (From is not { } from || dueAt >= from) && dueAt < Before;
}

/// <summary>
/// The ageing buckets at one instant, turned into due instants: a case falls in a bucket by its due instant alone, so a
/// database counts and filters buckets with range conditions on an index of the due instant, never per row in code.
/// Late means past the due instant (as <see cref="Case.IsOverdueAt"/>); working days late are the working days after
/// the local due day, up to and including today (as the case list counts them).
/// </summary>
public sealed class OverdueAgeing
{
    private readonly WorkingCalendar _calendar;

    private OverdueAgeing(DateTime nowUtc, WorkingCalendar calendar)
    {
        _calendar = calendar;
        Now = DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc);
        Today = VietnamTime.LocalDate(Now);
        DueSoonLimit = DueSoonLimitOn(Today, calendar);
        // k or more working days late ⇔ due on a local day before the k-th working day counted back from today.
        ThreeDaysLateBefore = VietnamTime.StartOfDayUtc(WorkingDayBack(Today, 3, calendar));
        SixDaysLateBefore = VietnamTime.StartOfDayUtc(WorkingDayBack(Today, 6, calendar));
    }

    public DateTime Now { get; }

    /// <summary>Today in Vietnam.</summary>
    public DateOnly Today { get; }

    /// <summary>The last instant that is still "due soon": 23:59:59 on the next working day, as the dashboard counts it.</summary>
    public DateTime DueSoonLimit { get; }

    /// <summary>Due before this instant: three or more working days late.</summary>
    public DateTime ThreeDaysLateBefore { get; }

    /// <summary>Due before this instant: more than five working days late.</summary>
    public DateTime SixDaysLateBefore { get; }

    /// <summary>Every case the board shows: late, or due by <see cref="DueSoonLimit"/>.</summary>
    public DueRange Board => new(null, DueSoonLimit.AddTicks(1));

    /// <summary>Past the due instant.</summary>
    public DueRange Late => new(null, Now);

    public static OverdueAgeing At(DateTime nowUtc, WorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return new OverdueAgeing(nowUtc, calendar);
    }

    /// <summary>The end of the next working day after <paramref name="today"/>: the limit of "due within one working day".</summary>
    public static DateTime DueSoonLimitOn(DateOnly today, WorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return VietnamTime.FromLocal(calendar.AddWorkingDays(today, 1), DeadlineRule.EndOfDay);
    }

    public DueRange RangeOf(AgeingBucket bucket) => bucket switch
    {
        AgeingBucket.DueSoon => new(Now, Board.Before),
        AgeingBucket.Late1To2 => new(ThreeDaysLateBefore, Now),
        AgeingBucket.Late3To5 => new(SixDaysLateBefore, ThreeDaysLateBefore),
        AgeingBucket.LateOver5 => new(null, SixDaysLateBefore),
        _ => throw new ArgumentOutOfRangeException(nameof(bucket)),
    };

    /// <summary>The bucket of a case due at <paramref name="dueAt"/>, or null when it is not due soon enough for the board.</summary>
    public AgeingBucket? BucketOf(DateTime dueAt) =>
        dueAt < SixDaysLateBefore ? AgeingBucket.LateOver5
        : dueAt < ThreeDaysLateBefore ? AgeingBucket.Late3To5
        : CaseRules.IsPastDue(dueAt, Now) ? AgeingBucket.Late1To2
        : dueAt <= DueSoonLimit ? AgeingBucket.DueSoon
        : null;

    /// <summary>Working days after the due day up to today for a late case (0 when it fell due today or over a weekend); 0 when not late.</summary>
    public int WorkingDaysLate(DateTime dueAt) => CaseRules.WorkingDaysLate(dueAt, Now, _calendar);

    /// <summary>The <paramref name="count"/>-th working day counted back from <paramref name="today"/>, which counts when it is one.</summary>
    private static DateOnly WorkingDayBack(DateOnly today, int count, WorkingCalendar calendar)
    {
        var day = today;
        var found = calendar.IsWorkingDay(day) ? 1 : 0;
        while (found < count)
        {
            day = day.AddDays(-1);
            if (calendar.IsWorkingDay(day))
            {
                found++;
            }
        }

        return day;
    }
}
