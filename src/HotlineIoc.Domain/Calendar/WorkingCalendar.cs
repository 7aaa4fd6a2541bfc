namespace HotlineIoc.Domain.Calendar;

/// <summary>
/// Working days: Monday to Friday, minus days off, plus make-up Saturdays. Built from calendar data, never hard-coded.
/// </summary>
public sealed class WorkingCalendar
{
    private readonly HashSet<DateOnly> _daysOff = [];
    private readonly HashSet<DateOnly> _makeUpDays = [];

    public WorkingCalendar(IEnumerable<CalendarDay> days)
    {
        ArgumentNullException.ThrowIfNull(days);
        foreach (var day in days)
        {
            var set = day.Kind == CalendarDayKind.DayOff ? _daysOff : _makeUpDays;
            set.Add(day.Date);
        }

        if (_daysOff.Overlaps(_makeUpDays))
        {
            var both = _daysOff.Intersect(_makeUpDays).Min();
            throw new DomainException($"The calendar marks {both:yyyy-MM-dd} both as a day off and as a make-up working day.");
        }
    }

    /// <summary>A calendar with no holidays at all: Monday to Friday.</summary>
    public static WorkingCalendar WeekdaysOnly { get; } = new([]);

    public bool IsWorkingDay(DateOnly date)
    {
        if (_makeUpDays.Contains(date))
        {
            return true;
        }

        return date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !_daysOff.Contains(date);
    }

    /// <summary>The <paramref name="count"/>-th working day strictly after <paramref name="date"/>.</summary>
    public DateOnly AddWorkingDays(DateOnly date, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var day = date;
        var found = 0;
        while (found < count)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day))
            {
                found++;
            }
        }

        return day;
    }

    /// <summary>
    /// Working days in (<paramref name="from"/>, <paramref name="to"/>]: how many working days must pass to get from one to the other.
    /// Negative when <paramref name="to"/> is before <paramref name="from"/>.
    /// </summary>
    public int WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        if (to < from)
        {
            return -WorkingDaysBetween(to, from);
        }

        var count = 0;
        for (var day = from.AddDays(1); day <= to; day = day.AddDays(1))
        {
            if (IsWorkingDay(day))
            {
                count++;
            }
        }

        return count;
    }
}
