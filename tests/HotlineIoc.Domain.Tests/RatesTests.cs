using HotlineIoc.Domain.Cases;
using HotlineIoc.Domain.Statistics;

namespace HotlineIoc.Domain.Tests;

public class RatesTests
{
    [Fact]
    public void Resolution_rate_leaves_rejected_and_duplicate_cases_out_of_the_received()
    {
        // 10 received, 2 rejected or duplicate, 4 resolved or closed: 4 ÷ 8.
        Assert.Equal(0.5, Rates.ResolutionRate(received: 10, rejectedOrDuplicate: 2, resolved: 4));
    }

    [Fact]
    public void On_time_rate_is_the_share_of_resolved_cases_resolved_by_their_due_instant() =>
        Assert.Equal(0.75, Rates.OnTimeRate(resolved: 4, resolvedOnTime: 3));

    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(3, 3, 0)] // everything received was rejected or a duplicate
    public void Resolution_rate_with_nothing_to_count_is_zero(int received, int rejectedOrDuplicate, int resolved) =>
        Assert.Equal(0, Rates.ResolutionRate(received, rejectedOrDuplicate, resolved));

    [Fact]
    public void On_time_rate_with_nothing_resolved_is_zero() => Assert.Equal(0, Rates.OnTimeRate(resolved: 0, resolvedOnTime: 0));

    [Fact]
    public void Rates_counted_from_cases_follow_the_brief()
    {
        var onTime = TestCases.In(CaseStatus.InProgress);
        onTime.ReportResult("Đã xử lý.", null, TestCases.DueAt, "can-bo.tan-loi");
        var lateAndClosed = TestCases.In(CaseStatus.InProgress);
        lateAndClosed.ReportResult("Đã xử lý.", null, TestCases.DueAt.AddHours(2), "can-bo.tan-loi");
        lateAndClosed.Close("Đã gọi lại.", TestCases.DueAt.AddHours(3), "operator.lan");
        var cases = new[]
        {
            onTime,
            lateAndClosed,
            TestCases.In(CaseStatus.InProgress),
            TestCases.In(CaseStatus.Returned),
            TestCases.In(CaseStatus.Rejected),
            TestCases.In(CaseStatus.Duplicate),
        };

        var resolved = cases.Count(c => c.Status.HasResult());
        var resolution = Rates.ResolutionRate(cases.Length, cases.Count(c => c.Status.IsExcludedFromRates()), resolved);
        var now = TestCases.DueAt.AddDays(10);
        var onTimeRate = Rates.OnTimeRate(resolved, cases.Count(c => c.Status.HasResult() && !c.MissedDeadline(now)));

        Assert.Equal(0.5, resolution); // 2 ÷ (6 − 2)
        Assert.Equal(0.5, onTimeRate); // 1 ÷ 2
    }
}
