using HotlineIoc.Infrastructure.CaseCsv;
using HotlineIoc.Infrastructure.Tests;
using HotlineIoc.Reports.Model;
using Microsoft.Extensions.Time.Testing;

namespace HotlineIoc.Reports.Tests;

/// <summary>
/// Cases on the edges of a period, where local days (UTC+7) must be cut to the tick: instants are stored in UTC, so the
/// last moment of 31 March is 16:59:59.9999999 UTC, and a result reported at the as-of instant itself still counts.
/// Figures counted by hand (and the same from the case-by-case builder this one replaced); March 2024 has no holiday.
/// </summary>
public sealed class ReportBoundaryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<ReportModel> MarchAsync()
    {
        await using var database = await TestDatabase.CreateAsync();
        var path = new CaseCsvBuilder()
            // 1: received in the last tick of Sunday 31 March, resolved at the very end of the period (the as-of instant itself):
            // March's, resolved, on time (due Wed 3 Apr), 1 working day (Mon 1 Apr).
            .Row("BMT-2024-000101,hotline,2024-03-31T23:59:59.9999999+07:00,MT,tan-loi,,,,a,,,resolved,TNMT,2024-04-01T00:00:00+07:00,,,")
            // 2: received at the first instant of April: not March's, and not overdue at its end.
            .Row("BMT-2024-000102,hotline,2024-04-01T00:00:00+07:00,MT,tan-loi,,,,b,,,forwarded,TNMT,,,,")
            // 3: received at the first instant of March, resolved in its last tick: late (due Wed 6 Mar), 20 working days.
            .Row("BMT-2024-000103,zalo,2024-03-01T00:00:00+07:00,ATGT,ea-kao,,,,c,,,closed,CA,2024-03-31T23:59:59.9999999+07:00,2024-04-01T08:00:00+07:00,,")
            // 4: February's last tick, resolved at February's as-of instant: resolved on time in the previous period, 1 working day.
            .Row("BMT-2024-000104,hotline,2024-02-29T23:59:59.9999999+07:00,MT,tan-loi,,,,d,,,resolved,TNMT,2024-03-01T00:00:00+07:00,,,")
            // 5: due Mon 25 Mar, result one tick after the end of March: still overdue then, 4 working days late on 31 Mar.
            .Row("BMT-2024-000105,hotline,2024-03-20T09:00:00+07:00,TTDT,thang-loi,,,,e,,,resolved,DTTDT,2024-04-01T00:00:00.0000001+07:00,,,")
            .WriteTo(database.PathOf("edges.csv"));
        await new CaseImporter(database.Contexts).ImportAsync(path, "test", null, null, Ct);
        return await new ReportBuilder(database.Contexts, new FakeTimeProvider(KnownData.Now)).BuildAsync(ReportPeriod.Parse("2024-03"), ReportScope.City, Ct);
    }

    [Fact]
    public async Task Cases_on_the_edges_of_the_period_fall_on_their_local_days()
    {
        var report = await MarchAsync();

        Assert.Equal(new ReportSummary(3, 0, 2, 1, 1, 1, 2.0 / 3, 1.0 / 2, (1 + 20) / 2.0), report.Summary);
        Assert.Equal(new ReportSummary(1, 0, 1, 1, 0, 0, 1.0, 1.0, 1.0), report.PreviousSummary);
        Assert.Equal([(2024, 3, 3, 2, 1)], report.MonthlyTrend.Select(p => (p.Year, p.Month, p.Received, p.Resolved, p.ResolvedOnTime)));
        Assert.Equal([("BMT-2024-000105", new DateOnly(2024, 3, 25), 4)], report.OverdueCases.Select(c => (c.Code, c.DueOn, c.WorkingDaysLate)));
        Assert.Equal((2, 1, 1, 1, 1), Figures(report.ByChannel, "hotline"));
        Assert.Equal((1, 1, 0, 0, 0), Figures(report.ByChannel, "zalo"));
    }

    private static (int Received, int Resolved, int OnTime, int Open, int Overdue) Figures(IReadOnlyList<ReportBreakdownRow> rows, string code)
    {
        var row = rows.Single(r => r.Code == code);
        return (row.Received, row.Resolved, row.ResolvedOnTime, row.Open, row.Overdue);
    }
}
