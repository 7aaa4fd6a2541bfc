using HotlineIoc.Infrastructure.Statistics;
using HotlineIoc.Reports.Model;

namespace HotlineIoc.Reports.Tests;

public sealed class DemoReportTests(DemoDatabase demo) : IClassFixture<DemoDatabase>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_2024_annual_report_shows_the_published_follow_up_and_the_fines_of_the_api()
    {
        var report = await new ReportBuilder(demo.Database.Contexts, demo.Clock).BuildAsync(ReportPeriod.Year(2024), ReportScope.City, Ct);
        var stats = await new CaseStatistics(demo.Database.Contexts, demo.Clock).GetAsync(new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31), Ct);

        Assert.Equal(194, report.Enforcement.NonMonetary);
        Assert.Equal(16, report.Enforcement.Sanctions);
        Assert.Equal(stats.Enforcement.FinesVnd, report.Enforcement.FinesVnd);
        Assert.InRange(report.Enforcement.FinesVnd, 38_000_000, 39_000_000);
        Assert.Equal(stats.Received, report.Summary.Received);
        Assert.Equal(stats.ByField.Sum(r => r.Received), report.ByField.Sum(r => r.Received));
        Assert.Equal(12, report.MonthlyTrend.Count);
        Assert.Equal(report.Summary.Received, report.MonthlyTrend.Sum(p => p.Received));
    }

    [Fact]
    public async Task A_period_that_runs_until_now_agrees_with_the_api_figure_for_figure()
    {
        var to = DateOnly.FromDateTime(DemoDatabase.Now.ToOffset(TimeSpan.FromHours(7)).DateTime);
        var from = to.AddDays(-59);
        var report = await new ReportBuilder(demo.Database.Contexts, demo.Clock).BuildAsync(ReportPeriod.Custom(from, to), ReportScope.City, Ct);
        var stats = await new CaseStatistics(demo.Database.Contexts, demo.Clock).GetAsync(from, to, Ct);

        Assert.True(stats.OverdueOpen > 0 && stats.Resolved > 0, "the window should hold both resolved and overdue cases");
        Assert.Equal(
            (stats.Received, stats.Resolved, stats.ResolvedOnTime, stats.Open, stats.OverdueOpen, stats.ResolutionRate, stats.OnTimeRate),
            (report.Summary.Received, report.Summary.Resolved, report.Summary.ResolvedOnTime, report.Summary.Open, report.Summary.Overdue, report.Summary.ResolutionRate, report.Summary.OnTimeRate));
        Assert.Equal(
            new ReportEnforcement(stats.Enforcement.Reminder, stats.Enforcement.Minutes, stats.Enforcement.Commitment, stats.Enforcement.Sanction, stats.Enforcement.FinesVnd),
            report.Enforcement);
        AssertSame(stats.ByField, report.ByField);
        AssertSame(stats.ByUnit, report.ByUnit);
        AssertSame(stats.ByChannel, report.ByChannel);
        AssertSame(stats.ByAgency, report.ByAgency);
    }

    private static void AssertSame(IReadOnlyList<BreakdownRow> expected, IReadOnlyList<ReportBreakdownRow> actual)
    {
        var nonEmpty = actual.Where(r => r.Received > 0).OrderBy(r => r.Code, StringComparer.Ordinal)
            .Select(r => (r.Code, r.Received, r.Resolved, r.ResolvedOnTime, r.Open, r.Overdue, r.ResolutionRate));
        Assert.Equal(
            expected.OrderBy(r => r.Code, StringComparer.Ordinal).Select(r => (r.Code, r.Received, r.Resolved, r.ResolvedOnTime, r.Open, r.OverdueOpen, r.ResolutionRate)),
            nonEmpty);
    }
}
