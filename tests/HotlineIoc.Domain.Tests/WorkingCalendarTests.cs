using System.Globalization;
using HotlineIoc.Domain.Calendar;
using static HotlineIoc.Domain.Tests.Instants;

namespace HotlineIoc.Domain.Tests;

public class WorkingCalendarTests
{
    private static DateOnly Day(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static CalendarDay Off(string date) => new() { Date = Day(date), Kind = CalendarDayKind.DayOff, Name = "Nghỉ" };

    private static CalendarDay MakeUp(string date) => new() { Date = Day(date), Kind = CalendarDayKind.MakeUpWorkingDay, Name = "Làm bù" };

    [Theory]
    [InlineData("2024-06-04", true)]  // Tuesday
    [InlineData("2024-06-07", true)]  // Friday
    [InlineData("2024-06-08", false)] // Saturday
    [InlineData("2024-06-09", false)] // Sunday
    [InlineData("2024-02-12", false)] // Monday in Tết 2024
    [InlineData("2025-01-01", false)] // New Year's Day, a Wednesday
    [InlineData("2024-04-27", false)] // a Saturday that is also a day off
    [InlineData("2024-05-04", true)]  // make-up Saturday
    [InlineData("2025-04-26", true)]  // make-up Saturday
    [InlineData("2025-04-27", false)] // the Sunday after it
    public void Seed_calendar_knows_which_days_are_worked(string date, bool working) =>
        Assert.Equal(working, SeedCalendar.Calendar.IsWorkingDay(Day(date)));

    [Theory]
    [InlineData("2024-02-07", "2024-02-19", 3)]   // over Tết 2024: Thu 15, Fri 16, Mon 19
    [InlineData("2024-02-19", "2024-02-07", -3)]
    [InlineData("2024-04-26", "2024-05-04", 3)]   // Thu 2, Fri 3, make-up Sat 4
    [InlineData("2024-05-04", "2024-04-26", -3)]
    [InlineData("2024-06-04", "2024-06-04", 0)]
    [InlineData("2024-06-07", "2024-06-09", 0)]   // Friday to Sunday: no working day passes
    [InlineData("2024-12-31", "2025-01-02", 1)]   // 1 Jan off
    public void Working_days_between_two_dates_count_the_working_days_in_between(string from, string to, int expected) =>
        Assert.Equal(expected, SeedCalendar.Calendar.WorkingDaysBetween(Day(from), Day(to)));

    [Fact]
    public void Without_holidays_only_Saturdays_and_Sundays_are_off()
    {
        var calendar = WorkingCalendar.WeekdaysOnly;

        Assert.True(calendar.IsWorkingDay(Day("2024-02-12")));
        Assert.False(calendar.IsWorkingDay(Day("2024-05-04")));
        Assert.Equal(5, calendar.WorkingDaysBetween(Day("2024-06-02"), Day("2024-06-09")));
    }

    [Fact]
    public void A_date_that_is_both_a_day_off_and_a_make_up_day_is_refused()
    {
        var ex = Assert.Throws<DomainException>(() => new WorkingCalendar([Off("2024-06-01"), Off("2024-06-08"), MakeUp("2024-06-08")]));

        Assert.Contains("2024-06-08", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Adding_a_negative_number_of_working_days_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => WorkingCalendar.WeekdaysOnly.AddWorkingDays(Day("2024-06-04"), -1));

    [Fact]
    public void An_extra_day_off_entered_by_an_administrator_moves_the_deadline()
    {
        var received = Utc("2024-06-04T10:00:00+07:00"); // Tuesday
        var plain = new WorkingCalendar([]);
        var edited = new WorkingCalendar([Off("2024-06-06")]);

        // Wed 5, Thu 6, Fri 7 — with Thursday off: Wed 5, Fri 7, Mon 10.
        Assert.Equal(Utc("2024-06-07T16:59:59Z"), DeadlineRule.DueAt(received, 3, plain));
        Assert.Equal(Utc("2024-06-10T16:59:59Z"), DeadlineRule.DueAt(received, 3, edited));
    }

    [Fact]
    public void An_extra_make_up_Saturday_entered_by_an_administrator_moves_the_deadline_earlier()
    {
        var received = Utc("2024-06-06T10:00:00+07:00"); // Thursday
        var edited = new WorkingCalendar([MakeUp("2024-06-08")]);

        // Fri 7, Mon 10, Tue 11 — with Saturday worked: Fri 7, Sat 8, Mon 10.
        Assert.Equal(Utc("2024-06-11T16:59:59Z"), DeadlineRule.DueAt(received, 3, WorkingCalendar.WeekdaysOnly));
        Assert.Equal(Utc("2024-06-10T16:59:59Z"), DeadlineRule.DueAt(received, 3, edited));
    }

    [Fact]
    public void Seed_calendar_with_one_more_day_off_gives_a_later_deadline()
    {
        var received = Utc("2024-05-02T10:00:00+07:00"); // Thu: Fri 3, Sat 4 (make-up), Mon 6
        var edited = new WorkingCalendar([.. SeedCalendar.Data.CalendarDays, Off("2024-05-06")]);

        Assert.Equal(Utc("2024-05-06T16:59:59Z"), DeadlineRule.DueAt(received, 3, SeedCalendar.Calendar));
        Assert.Equal(Utc("2024-05-07T16:59:59Z"), DeadlineRule.DueAt(received, 3, edited));
    }
}
