using HotlineIoc.Domain.Calendar;
using static HotlineIoc.Domain.Tests.Instants;

namespace HotlineIoc.Domain.Tests;

/// <summary>
/// The deadline rule of FACTS.md with the real holiday calendar of seed-data/holidays.csv.
/// Every expected instant was counted by hand on a paper calendar: 23:59:59 local (UTC+7) is 16:59:59 UTC the same day.
/// </summary>
public class DeadlineRuleTests
{
    private static void AssertDue(string channel, string receivedAt, string expectedDueUtc)
    {
        var limit = SeedCalendar.Channel(channel).WorkingDayLimit;

        var due = DeadlineRule.DueAt(Utc(receivedAt), limit, SeedCalendar.Calendar);

        Assert.Equal(Utc(expectedDueUtc), due);
        Assert.Equal(DateTimeKind.Utc, due.Kind);
    }

    [Theory]
    [InlineData("hotline", 3)]
    [InlineData("zalo", 3)]
    [InlineData("ioc", 7)]
    public void Seed_channels_carry_the_working_day_limits_of_the_facts(string channel, int limit) =>
        Assert.Equal(limit, SeedCalendar.Channel(channel).WorkingDayLimit);

    [Theory]
    // Tue 4 Jun 2024, no holiday near: Wed 5, Thu 6, Fri 7.
    [InlineData("hotline", "2024-06-04T10:00:00+07:00", "2024-06-07T16:59:59Z")]
    [InlineData("zalo", "2024-06-04T10:00:00+07:00", "2024-06-07T16:59:59Z")]
    // 7 working days: Wed 5, Thu 6, Fri 7, Mon 10, Tue 11, Wed 12, Thu 13.
    [InlineData("ioc", "2024-06-04T10:00:00+07:00", "2024-06-13T16:59:59Z")]
    public void Case_is_due_at_the_end_of_the_Nth_working_day_after_the_day_it_was_received(string channel, string receivedAt, string due) =>
        AssertDue(channel, receivedAt, due);

    [Theory]
    // Wed 7 Feb 2024, the eve of Tết (8–14 Feb off): Thu 15, Fri 16, Mon 19.
    [InlineData("hotline", "2024-02-07T10:00:00+07:00", "2024-02-19T16:59:59Z")]
    // Tue 6 Feb 2024: Wed 7, then Tết, then Thu 15, Fri 16, Mon 19, Tue 20, Wed 21, Thu 22.
    [InlineData("ioc", "2024-02-06T09:00:00+07:00", "2024-02-22T16:59:59Z")]
    // Mon 12 Feb 2024, a weekday inside Tết: Thu 15, Fri 16, Mon 19.
    [InlineData("zalo", "2024-02-12T08:00:00+07:00", "2024-02-19T16:59:59Z")]
    public void Tet_2024_days_off_do_not_count(string channel, string receivedAt, string due) =>
        AssertDue(channel, receivedAt, due);

    [Theory]
    // Thu 23 Jan 2025: Fri 24, then Tết (25 Jan–2 Feb off), Mon 3 Feb, Tue 4 Feb.
    [InlineData("hotline", "2025-01-23T15:00:00+07:00", "2025-02-04T16:59:59Z")]
    // Fri 24 Jan 2025, the last working day before Tết: Mon 3, Tue 4, Wed 5 Feb.
    [InlineData("hotline", "2025-01-24T15:00:00+07:00", "2025-02-05T16:59:59Z")]
    // Wed 29 Jan 2025, the first day of the lunar year: Mon 3 … Fri 7, Mon 10, Tue 11 Feb.
    [InlineData("ioc", "2025-01-29T11:00:00+07:00", "2025-02-11T16:59:59Z")]
    public void Tet_2025_days_off_do_not_count(string channel, string receivedAt, string due) =>
        AssertDue(channel, receivedAt, due);

    [Theory]
    // Fri 26 Apr 2024, before 27 Apr–1 May off: Thu 2, Fri 3, and the make-up Saturday 4 May.
    [InlineData("hotline", "2024-04-26T10:00:00+07:00", "2024-05-04T16:59:59Z")]
    // Thu 2 May 2024: Fri 3, Sat 4 (make-up), Mon 6. Without the make-up day it would be Tue 7.
    [InlineData("hotline", "2024-05-02T10:00:00+07:00", "2024-05-06T16:59:59Z")]
    // Received on the make-up Saturday itself: counting starts the next day, Mon 6, Tue 7, Wed 8.
    [InlineData("hotline", "2024-05-04T10:00:00+07:00", "2024-05-08T16:59:59Z")]
    public void Make_up_Saturday_4_May_2024_counts_as_a_working_day(string channel, string receivedAt, string due) =>
        AssertDue(channel, receivedAt, due);

    [Theory]
    // Thu 24 Apr 2025: Fri 25, Sat 26 (make-up), Mon 28.
    [InlineData("hotline", "2025-04-24T10:00:00+07:00", "2025-04-28T16:59:59Z")]
    // Mon 28 Apr 2025: Tue 29, then 30 Apr–4 May off, Mon 5 May, Tue 6 May.
    [InlineData("hotline", "2025-04-28T10:00:00+07:00", "2025-05-06T16:59:59Z")]
    // Wed 23 Apr 2025: Thu 24, Fri 25, Sat 26, Mon 28, Tue 29, Mon 5 May, Tue 6 May.
    [InlineData("ioc", "2025-04-23T10:00:00+07:00", "2025-05-06T16:59:59Z")]
    public void Make_up_Saturday_26_April_2025_counts_as_a_working_day(string channel, string receivedAt, string due) =>
        AssertDue(channel, receivedAt, due);

    [Theory]
    // Sat 15 and Sun 16 Jun 2024: Mon 17, Tue 18, Wed 19 — the same as a case received on Fri 14.
    [InlineData("2024-06-15T10:00:00+07:00", "2024-06-19T16:59:59Z")]
    [InlineData("2024-06-16T21:00:00+07:00", "2024-06-19T16:59:59Z")]
    [InlineData("2024-06-14T10:00:00+07:00", "2024-06-19T16:59:59Z")]
    public void Case_received_on_a_Saturday_or_Sunday_starts_counting_on_Monday(string receivedAt, string due) =>
        AssertDue("hotline", receivedAt, due);

    [Theory]
    // Thu 18 Apr 2024, Hùng Kings day: Fri 19, Mon 22, Tue 23.
    [InlineData("2024-04-18T10:00:00+07:00", "2024-04-23T16:59:59Z")]
    // Mon 2 Sep 2024, National Day (31 Aug–3 Sep off): Wed 4, Thu 5, Fri 6.
    [InlineData("2024-09-02T10:00:00+07:00", "2024-09-06T16:59:59Z")]
    public void Case_received_on_a_holiday_starts_counting_on_the_next_working_day(string receivedAt, string due) =>
        AssertDue("hotline", receivedAt, due);

    [Fact]
    public void Case_received_late_in_the_evening_counts_from_that_local_day()
    {
        // 23:30 on Tue 4 Jun 2024 in Buôn Ma Thuột is 16:30 UTC the same day: Wed 5, Thu 6, Fri 7.
        AssertDue("hotline", "2024-06-04T16:30:00Z", "2024-06-07T16:59:59Z");
    }

    [Fact]
    public void Case_received_just_after_local_midnight_counts_from_the_new_local_day_although_UTC_is_still_the_day_before()
    {
        // 00:10 on Wed 5 Jun 2024 local is 17:10 UTC on Tue 4 Jun: Thu 6, Fri 7, Mon 10.
        AssertDue("hotline", "2024-06-04T17:10:00Z", "2024-06-10T16:59:59Z");
    }

    [Theory]
    [InlineData("2024-06-04T16:59:59Z", "2024-06-07T16:59:59Z")] // 23:59:59 Tue local
    [InlineData("2024-06-04T17:00:00Z", "2024-06-10T16:59:59Z")] // 00:00:00 Wed local
    public void Local_midnight_is_the_boundary_between_two_received_days(string receivedAt, string due) =>
        AssertDue("hotline", receivedAt, due);

    [Theory]
    // Mon 30 Dec 2024: Tue 31, (Wed 1 Jan 2025 off), Thu 2, Fri 3.
    [InlineData("hotline", "2024-12-30T10:00:00+07:00", "2025-01-03T16:59:59Z")]
    // Tue 31 Dec 2024: Thu 2, Fri 3, Mon 6 Jan.
    [InlineData("hotline", "2024-12-31T10:00:00+07:00", "2025-01-06T16:59:59Z")]
    // 23:30 on New Year's Eve local is still 31 Dec: the same Mon 6 Jan.
    [InlineData("zalo", "2024-12-31T16:30:00Z", "2025-01-06T16:59:59Z")]
    // Mon 30 Dec 2024: Tue 31, Thu 2, Fri 3, Mon 6, Tue 7, Wed 8, Thu 9 Jan.
    [InlineData("ioc", "2024-12-30T10:00:00+07:00", "2025-01-09T16:59:59Z")]
    public void Deadline_crosses_the_change_of_year_skipping_New_Year_day(string channel, string receivedAt, string due) =>
        AssertDue(channel, receivedAt, due);

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void A_channel_limit_below_one_working_day_is_refused(int limit)
    {
        var ex = Assert.Throws<DomainException>(() =>
            DeadlineRule.DueAt(Utc("2024-06-04T10:00:00+07:00"), limit, SeedCalendar.Calendar));

        Assert.Contains("at least 1", ex.Message, StringComparison.Ordinal);
    }
}
