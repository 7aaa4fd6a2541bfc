using HotlineIoc.Infrastructure.CaseCsv;
using HotlineIoc.Infrastructure.Statistics;
using Microsoft.Extensions.Time.Testing;

namespace HotlineIoc.Infrastructure.Tests;

public sealed class CaseStatisticsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_figures_follow_the_rules_of_the_brief()
    {
        await using var database = await TestDatabase.CreateAsync();
        // March 2024, hotline (3 working days). Received Mon 4 March → due Thu 7 March 23:59:59.
        const string R = "2024-03-04T09:00:00+07:00";
        var path = new CaseCsvBuilder()
            .Row($"BMT-2024-000001,hotline,{R},MT,tan-loi,,,,a,,,closed,TNMT,2024-03-06T10:00:00+07:00,2024-03-06T15:00:00+07:00,reminder,")
            .Row($"BMT-2024-000002,hotline,{R},MT,tan-loi,,,,b,,,resolved,TNMT,2024-03-11T10:00:00+07:00,,sanction,2000000")
            .Row($"BMT-2024-000003,zalo,{R},ATGT,ea-kao,,,,c,,,in_progress,CA,,,,")
            .Row($"BMT-2024-000004,zalo,{R},ATGT,ea-kao,,,,d,,,rejected,,,,,")
            .Row($"BMT-2024-000005,ioc,{R},ATGT,tan-loi,,,,e,,,duplicate,,,,,")
            .Row($"BMT-2024-000006,ioc,2024-03-28T09:00:00+07:00,HTDT,tan-loi,,,,f,,,forwarded,QLDT,,,,")
            // Received in February but resolved in March: counted in February, its enforcement in March.
            .Row("BMT-2024-000007,hotline,2024-02-27T09:00:00+07:00,TTDT,thang-loi,,,,g,,,closed,DTTDT,2024-03-01T10:00:00+07:00,2024-03-01T16:00:00+07:00,minutes,")
            .WriteTo(database.PathOf("stats.csv"));
        await new CaseImporter(database.Contexts).ImportAsync(path, "test", null, null, Ct);
        var clock = new FakeTimeProvider(new DateTimeOffset(2024, 4, 2, 3, 0, 0, TimeSpan.Zero));

        var stats = await new CaseStatistics(database.Contexts, clock).GetAsync(new DateOnly(2024, 3, 1), new DateOnly(2024, 3, 31), Ct);

        Assert.Equal(6, stats.Received);
        Assert.Equal((1, 1), (stats.Rejected, stats.Duplicate));
        Assert.Equal(2, stats.Resolved);
        Assert.Equal(1, stats.ResolvedOnTime);
        Assert.Equal(2.0 / 4, stats.ResolutionRate, 10);
        Assert.Equal(0.5, stats.OnTimeRate, 10);
        Assert.Equal(2, stats.Open);
        // Case 3 was due 7 March; case 6 (ioc, 7 working days from 28 March) is due 8 April, after "now".
        Assert.Equal(1, stats.OverdueOpen);
        Assert.Equal(new EnforcementStats(1, 1, 0, 1, 2_000_000), stats.Enforcement);
        Assert.Equal(6, stats.ByChannel.Sum(r => r.Received));
        Assert.Equal(new BreakdownRow("MT", 2, 2, 1, 0, 0), stats.ByField.Single(r => r.Code == "MT") with { ResolutionRate = 0 });
        Assert.Equal(1.0, stats.ByField.Single(r => r.Code == "MT").ResolutionRate);
        Assert.Equal(["TNMT", "CA", "QLDT"], stats.ByAgency.Select(r => r.Code));
        Assert.Equal(4, stats.ByUnit.Single(r => r.Code == "tan-loi").Received);
    }
}
