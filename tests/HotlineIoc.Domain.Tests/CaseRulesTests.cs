using HotlineIoc.Domain.Cases;
using HotlineIoc.Domain.Statistics;

namespace HotlineIoc.Domain.Tests;

/// <summary>The deadline rules every figure counts with, and their query form giving the same answers.</summary>
public sealed class CaseRulesTests
{
    private static readonly DateTime Due = Instants.Utc("2025-03-17T23:59:59+07:00");

    [Theory]
    [InlineData("2025-03-17T23:59:59+07:00", true)] // at the due instant: on time
    [InlineData("2025-03-17T10:00:00+07:00", true)]
    [InlineData("2025-03-18T00:00:00+07:00", false)] // one second later: late
    public void On_time_means_resolved_by_the_due_instant(string resolvedAt, bool onTime) =>
        Assert.Equal(onTime, CaseRules.IsOnTime(Instants.Utc(resolvedAt), Due));

    [Fact]
    public void Without_a_result_a_case_is_not_on_time() => Assert.False(CaseRules.IsOnTime(null, Due));

    [Theory]
    [InlineData(CaseStatus.Received, "2025-03-18T00:00:00+07:00", true)]
    [InlineData(CaseStatus.Returned, "2025-03-18T00:00:00+07:00", true)] // the clock keeps running on a returned case
    [InlineData(CaseStatus.InProgress, "2025-03-17T23:59:59+07:00", false)] // at the due instant it is not late yet
    [InlineData(CaseStatus.Resolved, "2025-04-01T00:00:00+07:00", false)] // a result: not overdue, whenever
    [InlineData(CaseStatus.Rejected, "2025-04-01T00:00:00+07:00", false)] // excluded: no deadline
    [InlineData(CaseStatus.Duplicate, "2025-04-01T00:00:00+07:00", false)]
    public void Overdue_means_no_result_after_the_due_instant(CaseStatus status, string now, bool overdue) =>
        Assert.Equal(overdue, CaseRules.IsOverdue(status, Due, Instants.Utc(now)));

    [Theory]
    [InlineData("2025-03-17T23:59:59+07:00", 0)] // not past due
    [InlineData("2025-03-18T09:00:00+07:00", 1)] // Tue 18: one working day after Mon 17
    [InlineData("2025-03-22T09:00:00+07:00", 4)] // Sat 22: Tue to Fri
    [InlineData("2025-03-24T09:00:00+07:00", 5)] // Mon 24
    public void Working_days_late_count_the_working_days_after_the_due_day(string at, int days) =>
        Assert.Equal(days, CaseRules.WorkingDaysLate(Due, Instants.Utc(at), SeedCalendar.Calendar));

    [Fact]
    public void A_case_due_before_a_weekend_is_late_by_no_working_day_until_monday()
    {
        var dueFriday = Instants.Utc("2025-03-21T23:59:59+07:00");

        Assert.Equal(0, CaseRules.WorkingDaysLate(dueFriday, Instants.Utc("2025-03-23T09:00:00+07:00"), SeedCalendar.Calendar));
        Assert.Equal(1, CaseRules.WorkingDaysLate(dueFriday, Instants.Utc("2025-03-24T09:00:00+07:00"), SeedCalendar.Calendar));
    }

    [Fact]
    public void The_excluded_statuses_are_rejected_and_duplicate_and_every_other_status_is_open_or_has_a_result()
    {
        Assert.Equal([CaseStatus.Rejected, CaseStatus.Duplicate], CaseStatusNames.ExcludedFromRates);
        Assert.Equal([CaseStatus.Resolved, CaseStatus.Closed], CaseStatusNames.WithResult);
        Assert.Equal([CaseStatus.Received, CaseStatus.Forwarded, CaseStatus.InProgress, CaseStatus.Returned], CaseStatusNames.OpenStatuses);
    }

    public static TheoryData<CaseStatus, string?, string, CaseOutcome> Outcomes => new()
    {
        { CaseStatus.Received, null, "2025-03-17T12:00:00+07:00", CaseOutcome.Open },
        { CaseStatus.Forwarded, null, "2025-03-18T00:00:00+07:00", CaseOutcome.Overdue },
        { CaseStatus.Resolved, "2025-03-17T23:59:59+07:00", "2025-03-20T00:00:00+07:00", CaseOutcome.ResolvedOnTime },
        { CaseStatus.Closed, "2025-03-18T08:00:00+07:00", "2025-03-20T00:00:00+07:00", CaseOutcome.ResolvedLate },
        // A report made as of an earlier instant does not see a result reported later: then it was open, or overdue.
        { CaseStatus.Closed, "2025-03-19T08:00:00+07:00", "2025-03-18T12:00:00+07:00", CaseOutcome.Overdue },
        { CaseStatus.Resolved, "2025-03-16T08:00:00+07:00", "2025-03-15T12:00:00+07:00", CaseOutcome.Open },
        { CaseStatus.Rejected, null, "2025-03-20T00:00:00+07:00", CaseOutcome.Excluded },
        { CaseStatus.Duplicate, null, "2025-03-20T00:00:00+07:00", CaseOutcome.Excluded },
    };

    [Theory]
    [MemberData(nameof(Outcomes))]
    public void The_outcome_at_an_instant_and_its_query_form_agree(CaseStatus status, string? resolvedAt, string asOf, CaseOutcome outcome)
    {
        var resolved = resolvedAt is null ? (DateTime?)null : Instants.Utc(resolvedAt);
        var item = WithState(status, resolved);

        Assert.Equal(outcome, CaseRules.OutcomeAt(status, resolved, Due, Instants.Utc(asOf)));
        Assert.Equal(outcome, CaseRules.OutcomeAt(Instants.Utc(asOf)).Compile()(item));
        Assert.Equal(CaseRules.IsOnTime(resolved, Due), CaseRules.ResolvedOnTime.Compile()(item));
        Assert.Equal(Due < Instants.Utc(asOf), CaseRules.PastDueAt(Instants.Utc(asOf)).Compile()(item));
        Assert.Equal(status.IsExcludedFromRates(), CaseRules.Excluded.Compile()(item));
        Assert.Equal(status.IsOpen(), CaseRules.InOpenStatus.Compile()(item));
    }

    /// <summary>A hotline case received Wed 12 Mar 2025, so due Mon 17 Mar 23:59:59, imported with the given state.</summary>
    private static Case WithState(CaseStatus status, DateTime? resolvedAt)
    {
        var item = Case.Import(
            TestCases.New(receivedAt: Instants.Utc("2025-03-12T10:00:00+07:00")),
            TestCases.Hotline(),
            Calendar.WorkingCalendar.WeekdaysOnly,
            new ImportedState(status, status is CaseStatus.Forwarded or CaseStatus.InProgress or CaseStatus.Resolved or CaseStatus.Closed ? TestCases.Agency : null, resolvedAt, status == CaseStatus.Closed ? resolvedAt : null, null),
            "test",
            Instants.Utc("2025-04-01T00:00:00+07:00"));
        Assert.Equal(Due, item.DueAt);
        return item;
    }

    [Fact]
    public void Counts_by_outcome_give_the_rates_of_the_brief()
    {
        var counts = new OutcomeCounts();
        counts.Add(CaseOutcome.ResolvedOnTime, 3);
        counts.Add(CaseOutcome.ResolvedLate, 1);
        counts.Add(CaseOutcome.Overdue, 2);
        counts.Add(CaseOutcome.Open, 2);
        counts.Add(CaseOutcome.Excluded, 2);

        Assert.Equal((10, 2, 4, 3, 4, 2), (counts.Received, counts.Excluded, counts.Resolved, counts.OnTime, counts.Open, counts.Overdue));
        Assert.Equal(0.5, counts.ResolutionRate); // 4 ÷ (10 − 2)
        Assert.Equal(0.75, counts.OnTimeRate); // 3 ÷ 4
    }
}
