namespace HotlineIoc.Domain.Calendar;

/// <summary>A date that differs from the plain Monday-to-Friday week.</summary>
public enum CalendarDayKind
{
    /// <summary>A public holiday or day off in lieu (ngày nghỉ lễ, nghỉ bù).</summary>
    DayOff,

    /// <summary>A Saturday the government designates as a working day (ngày làm bù).</summary>
    MakeUpWorkingDay,
}

/// <summary>One entry of the holiday calendar, editable by an administrator.</summary>
public sealed class CalendarDay
{
    public DateOnly Date { get; set; }

    public CalendarDayKind Kind { get; set; }

    public string Name { get; set; } = "";

    /// <summary>Free text, e.g. "to check" where the government's schedule is not yet confirmed.</summary>
    public string? Note { get; set; }
}
