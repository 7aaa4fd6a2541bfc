namespace HotlineIoc.Domain.Calendar;

/// <summary>
/// The deadline rule (FACTS.md): a case received on local day D on a channel with an N-working-day limit
/// is due at 23:59:59 local time on the N-th working day strictly after D.
/// </summary>
public static class DeadlineRule
{
    public static readonly TimeOnly EndOfDay = new(23, 59, 59);

    /// <summary>The due instant, in UTC.</summary>
    public static DateTime DueAt(DateTime receivedAtUtc, int workingDayLimit, WorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        if (workingDayLimit < 1)
        {
            throw new DomainException($"A channel's working-day limit must be at least 1, not {workingDayLimit}.");
        }

        var received = VietnamTime.LocalDate(receivedAtUtc);
        var dueDate = calendar.AddWorkingDays(received, workingDayLimit);
        return VietnamTime.FromLocal(dueDate, EndOfDay);
    }
}
