using HotlineIoc.Infrastructure.Tests;
using HotlineIoc.Reports.Model;
using Microsoft.Extensions.Time.Testing;

namespace HotlineIoc.Reports.Tests;

public sealed class ReportModelTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<ReportModel> MarchAsync(ReportScope scope)
    {
        await using var database = await TestDatabase.CreateAsync();
        await KnownData.LoadAsync(database);
        return await new ReportBuilder(database.Contexts, new FakeTimeProvider(KnownData.Now)).BuildAsync(ReportPeriod.Parse("2024-03"), scope, Ct);
    }

    [Fact]
    public async Task The_summary_matches_the_hand_count_at_the_end_of_the_period()
    {
        var report = await MarchAsync(ReportScope.City);

        // Received 1–7; 4 and 5 leave the rates; 1 and 2 resolved (7 only in April); 3, 6, 7 open; 3 and 7 overdue.
        Assert.Equal(new ReportSummary(7, 2, 2, 1, 3, 2, 2.0 / 5, 1.0 / 2, (2 + 5) / 2.0), report.Summary);
        // February: 8 (open at its end, not yet due) and 9 (on time, 1 working day).
        Assert.Equal(new ReportSummary(2, 0, 1, 1, 1, 0, 1.0 / 2, 1.0, 1.0), report.PreviousSummary);
        Assert.Equal((new DateOnly(2024, 2, 1), new DateOnly(2024, 2, 29)), (report.PreviousPeriod.From, report.PreviousPeriod.To));
        Assert.Equal(new DateOnly(2024, 3, 31), report.AsOfDate);
    }

    [Fact]
    public async Task Enforcement_is_counted_by_the_day_of_the_result()
    {
        var report = await MarchAsync(ReportScope.City);

        // 1 reminder (case 1), 1 minutes (case 8, February's case resolved 1 March), 1 sanction (case 2); case 7's minutes are April's.
        Assert.Equal(new ReportEnforcement(1, 1, 0, 1, 2_000_000), report.Enforcement);
    }

    [Fact]
    public async Task Breakdowns_match_the_hand_count()
    {
        var report = await MarchAsync(ReportScope.City);

        Assert.Equal(["hotline", "ioc", "zalo"], report.ByChannel.Select(r => r.Code));
        Assert.Equal((3, 2, 1, 1, 1), Figures(report.ByChannel, "hotline"));
        Assert.Equal((2, 0, 0, 1, 1), Figures(report.ByChannel, "zalo"));
        Assert.Equal((2, 0, 0, 1, 0), Figures(report.ByChannel, "ioc"));

        Assert.Equal(15, report.ByField.Count);
        Assert.Equal("ATGT", report.ByField[0].Code);
        Assert.Equal((2, 2, 1, 0, 0), Figures(report.ByField, "MT"));
        Assert.Equal((3, 0, 0, 1, 1), Figures(report.ByField, "ATGT"));
        Assert.Equal((0, 0, 0, 0, 0), Figures(report.ByField, "KHAC"));
        Assert.Equal("Môi trường", report.ByField.Single(r => r.Code == "MT").Name);

        Assert.Equal(21, report.ByUnit.Count);
        Assert.Equal((4, 2, 1, 1, 0), Figures(report.ByUnit, "tan-loi"));
        Assert.Equal((2, 0, 0, 1, 1), Figures(report.ByUnit, "ea-kao"));
        Assert.Equal((1, 0, 0, 1, 1), Figures(report.ByUnit, "thang-loi"));
        Assert.Equal(7, report.Map.Sum(t => t.Received));

        Assert.Equal(["TNMT", "CA", "DTTDT", "QLDT"], report.ByAgency.Select(r => r.Code));
        Assert.Equal(2.0 / 2, report.ByAgency[0].ResolutionRate);

        Assert.Equal([(2024, 3, 7, 2)], report.MonthlyTrend.Select(p => (p.Year, p.Month, p.Received, p.Resolved)));
    }

    [Fact]
    public async Task Cases_overdue_at_the_end_of_the_period_include_the_backlog_and_no_reporter()
    {
        var report = await MarchAsync(ReportScope.City);

        Assert.Equal(
            [("BMT-2024-000010", "QLDT", 49), ("BMT-2024-000003", "CA", 16), ("BMT-2024-000007", "DTTDT", 7)],
            report.OverdueCases.Select(c => (c.Code, c.AgencyCode, c.WorkingDaysLate)));
        Assert.Equal(new DateOnly(2024, 1, 15), report.OverdueCases[0].DueOn);
        Assert.Equal(("Đất đai, xây dựng", "Tân An"), (report.OverdueCases[0].FieldName, report.OverdueCases[0].UnitName));
        Assert.Equal([("CA", 1, 16), ("DTTDT", 1, 7), ("QLDT", 1, 49)], report.OverdueAgencies.Select(a => (a.Code, a.OverdueCases, a.MaxWorkingDaysLate)));
        // The model has no place for a reporter: the type itself carries none.
        Assert.DoesNotContain(typeof(OverdueCase).GetProperties(), p => p.Name.Contains("Reporter", StringComparison.Ordinal) || p.Name.Contains("Phone", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_scope_keeps_only_its_cases()
    {
        var report = await MarchAsync(ReportScope.Agency("TNMT"));

        Assert.Equal("Phòng Tài nguyên và Môi trường", report.ScopeName);
        Assert.Equal(new ReportSummary(2, 0, 2, 1, 0, 0, 1.0, 0.5, 3.5), report.Summary);
        Assert.Equal(new ReportEnforcement(1, 0, 0, 1, 2_000_000), report.Enforcement);
        Assert.Empty(report.OverdueCases);
    }

    [Fact]
    public async Task An_unknown_scope_is_refused()
    {
        await Assert.ThrowsAsync<ReportScopeException>(() => MarchAsync(ReportScope.Unit("atlantis")));
    }

    private static (int Received, int Resolved, int OnTime, int Open, int Overdue) Figures(IReadOnlyList<ReportBreakdownRow> rows, string code)
    {
        var row = rows.Single(r => r.Code == code);
        return (row.Received, row.Resolved, row.ResolvedOnTime, row.Open, row.Overdue);
    }
}
