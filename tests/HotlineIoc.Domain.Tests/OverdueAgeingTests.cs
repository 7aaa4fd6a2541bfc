using HotlineIoc.Domain.Calendar;
using HotlineIoc.Domain.Cases;
using static HotlineIoc.Domain.Tests.Instants;

namespace HotlineIoc.Domain.Tests;

/// <summary>
/// The overdue board's ageing buckets with the real holiday calendar, counted by hand on a paper calendar.
/// 30 Apr–4 May 2025 are days off and Saturday 26 April is a make-up working day; Tết 2025 is 25 Jan–2 Feb.
/// Due instants are 23:59:59 local, 16:59:59 UTC.
/// </summary>
public class OverdueAgeingTests
{
    // Tuesday 6 May 2025, 10:00 in Buôn Ma Thuột. Working days counted back: Tue 6/5, Mon 5/5, Tue 29/4, Mon 28/4, Sat 26/4, Fri 25/4.
    private static readonly OverdueAgeing AfterMayDay = OverdueAgeing.At(Utc("2025-05-06T10:00:00+07:00"), SeedCalendar.Calendar);

    [Fact]
    public void Boundaries_after_the_may_holidays_are_the_starts_of_the_third_and_sixth_working_days_back()
    {
        Assert.Equal(Utc("2025-04-29T00:00:00+07:00"), AfterMayDay.ThreeDaysLateBefore);
        Assert.Equal(Utc("2025-04-25T00:00:00+07:00"), AfterMayDay.SixDaysLateBefore);
        // Due soon: by the end of Wednesday 7 May, the next working day.
        Assert.Equal(Utc("2025-05-07T16:59:59Z"), AfterMayDay.DueSoonLimit);
    }

    [Theory]
    // Due Thu 24/4: 25/4, Sat 26/4 (make-up), 28/4, 29/4, 5/5, 6/5 = 6 working days late.
    [InlineData("2025-04-24T16:59:59Z", AgeingBucket.LateOver5, 6)]
    // Due Fri 25/4: five (26/4, 28/4, 29/4, 5/5, 6/5).
    [InlineData("2025-04-25T16:59:59Z", AgeingBucket.Late3To5, 5)]
    // Due Mon 28/4: three (29/4, 5/5, 6/5); the holidays between do not count.
    [InlineData("2025-04-28T16:59:59Z", AgeingBucket.Late3To5, 3)]
    // Due Tue 29/4, a week ago: only two working days (5/5, 6/5).
    [InlineData("2025-04-29T16:59:59Z", AgeingBucket.Late1To2, 2)]
    // Due Mon 5/5: one (6/5).
    [InlineData("2025-05-05T16:59:59Z", AgeingBucket.Late1To2, 1)]
    // An extension to 09:00 today: late since an hour, no working day has passed.
    [InlineData("2025-05-06T02:00:00Z", AgeingBucket.Late1To2, 0)]
    // Due tonight and due tomorrow night: due soon, not late.
    [InlineData("2025-05-06T16:59:59Z", AgeingBucket.DueSoon, 0)]
    [InlineData("2025-05-07T16:59:59Z", AgeingBucket.DueSoon, 0)]
    public void Buckets_count_working_days_across_the_may_holidays(string dueUtc, AgeingBucket bucket, int daysLate)
    {
        var due = Utc(dueUtc);

        Assert.Equal(bucket, AfterMayDay.BucketOf(due));
        Assert.Equal(daysLate, AfterMayDay.WorkingDaysLate(due));
        Assert.True(AfterMayDay.RangeOf(bucket).Contains(due));
        Assert.Single(AgeingBucketNames.All, b => AfterMayDay.RangeOf(b).Contains(due));
    }

    [Fact]
    public void A_case_due_after_tomorrow_is_not_on_the_board()
    {
        var thursday = Utc("2025-05-08T16:59:59Z");

        Assert.Null(AfterMayDay.BucketOf(thursday));
        Assert.False(AfterMayDay.Board.Contains(thursday));
        Assert.True(AfterMayDay.Board.Contains(Utc("2025-05-07T16:59:59Z")));
    }

    [Theory]
    // Received Fri 25/4: Sat 26/4 (make-up), Mon 28/4, Tue 29/4; late two working days on 6/5.
    [InlineData("2025-04-25T09:00:00+07:00", AgeingBucket.Late1To2)]
    // Received Thu 24/4: 25/4, 26/4, 28/4.
    [InlineData("2025-04-24T09:00:00+07:00", AgeingBucket.Late3To5)]
    // Received Mon 21/4: due Thu 24/4.
    [InlineData("2025-04-21T09:00:00+07:00", AgeingBucket.LateOver5)]
    // Received on the holiday Fri 2/5: the count starts Mon 5/5; due Wed 7/5.
    [InlineData("2025-05-02T09:00:00+07:00", AgeingBucket.DueSoon)]
    public void Hotline_cases_received_around_the_holidays_land_in_these_buckets(string receivedAt, AgeingBucket bucket)
    {
        var due = DeadlineRule.DueAt(Utc(receivedAt), 3, SeedCalendar.Calendar);

        Assert.Equal(bucket, AfterMayDay.BucketOf(due));
    }

    [Theory]
    // Monday 3 Feb 2025, the first working day after Tết (25/1–2/2). Due Fri 24/1: one working day late (3/2), ten calendar days.
    [InlineData("2025-01-24T16:59:59Z", AgeingBucket.Late1To2, 1)]
    // Due Thu 23/1: two (24/1, 3/2).
    [InlineData("2025-01-23T16:59:59Z", AgeingBucket.Late1To2, 2)]
    // Due Wed 22/1: three (23/1, 24/1, 3/2).
    [InlineData("2025-01-22T16:59:59Z", AgeingBucket.Late3To5, 3)]
    // Due Thu 16/1: 17, 20, 21, 22, 23, 24/1 and 3/2 = seven.
    [InlineData("2025-01-16T16:59:59Z", AgeingBucket.LateOver5, 7)]
    public void Tet_holidays_do_not_age_a_case(string dueUtc, AgeingBucket bucket, int daysLate)
    {
        var ageing = OverdueAgeing.At(Utc("2025-02-03T09:00:00+07:00"), SeedCalendar.Calendar);

        Assert.Equal(bucket, ageing.BucketOf(Utc(dueUtc)));
        Assert.Equal(daysLate, ageing.WorkingDaysLate(Utc(dueUtc)));
    }

    [Fact]
    public void Over_a_weekend_a_case_due_on_friday_is_late_by_no_working_day_until_monday()
    {
        var friday = Utc("2025-05-09T16:59:59Z");
        var saturday = OverdueAgeing.At(Utc("2025-05-10T10:00:00+07:00"), SeedCalendar.Calendar);
        var monday = OverdueAgeing.At(Utc("2025-05-12T10:00:00+07:00"), SeedCalendar.Calendar);

        Assert.Equal((AgeingBucket.Late1To2, 0), (saturday.BucketOf(friday), saturday.WorkingDaysLate(friday)));
        Assert.Equal((AgeingBucket.Late1To2, 1), (monday.BucketOf(friday), monday.WorkingDaysLate(friday)));
        // On Saturday, "due within one working day" reaches to the end of Monday.
        Assert.Equal(Utc("2025-05-12T16:59:59Z"), saturday.DueSoonLimit);
        // Saturday counts back from Friday: Fri 9, Thu 8, Wed 7 → three or more working days late before Wednesday.
        Assert.Equal(Utc("2025-05-07T00:00:00+07:00"), saturday.ThreeDaysLateBefore);
    }

    [Fact]
    public void One_second_past_midnight_a_case_due_yesterday_is_one_working_day_late()
    {
        var wednesday = OverdueAgeing.At(Utc("2025-05-07T00:00:01+07:00"), SeedCalendar.Calendar);
        var tuesday = Utc("2025-05-06T16:59:59Z");

        Assert.Equal((AgeingBucket.Late1To2, 1), (wednesday.BucketOf(tuesday), wednesday.WorkingDaysLate(tuesday)));
    }

    [Fact]
    public void Every_due_instant_falls_in_the_one_bucket_whose_range_holds_it()
    {
        var now = Utc("2025-05-06T10:00:00+07:00");
        for (var due = now.AddDays(-60); due < now.AddDays(5); due = due.AddHours(7))
        {
            var bucket = AfterMayDay.BucketOf(due);
            var holding = AgeingBucketNames.All.Where(b => AfterMayDay.RangeOf(b).Contains(due)).ToList();
            Assert.Equal(bucket is { } b ? [b] : [], holding);
            var days = AfterMayDay.WorkingDaysLate(due);
            Assert.True(bucket switch
            {
                AgeingBucket.LateOver5 => days > 5,
                AgeingBucket.Late3To5 => days is >= 3 and <= 5,
                AgeingBucket.Late1To2 => days <= 2,
                _ => days == 0,
            }, $"{due:O}: {bucket} with {days} working days late");
        }
    }

    [Theory]
    [InlineData("due-soon", AgeingBucket.DueSoon)]
    [InlineData("late-1-2", AgeingBucket.Late1To2)]
    [InlineData("late-3-5", AgeingBucket.Late3To5)]
    [InlineData("LATE-OVER-5", AgeingBucket.LateOver5)]
    public void Bucket_names_read_back(string name, AgeingBucket bucket)
    {
        Assert.True(AgeingBucketNames.TryParse(name, out var parsed));
        Assert.Equal(bucket, parsed);
        Assert.Equal(name.ToLowerInvariant(), bucket.ToWire());
    }
}
