using System.Net;
using System.Text.Json;
using HotlineIoc.Infrastructure.Live;
using HotlineIoc.Reports.Model;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HotlineIoc.Web.Tests;

/// <summary>The demo history generated up to a fixed instant, with the clock stopped there, so every figure is asked at the same "now".</summary>
public sealed class FrozenDemoHotlineApp : HotlineApp
{
    /// <summary>Mon 15 Sep 2025, 10:00 in Vietnam: a year in progress, after the units were reorganised on 1 July.</summary>
    public static readonly DateTimeOffset Now = new(2025, 9, 15, 10, 0, 0, TimeSpan.FromHours(7));

    public FrozenDemoHotlineApp()
        : base(demo: true)
    {
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(new FakeTimeProvider(Now)));
    }
}

/// <summary>
/// One definition of each figure: the dashboard's KPI tiles, <c>GET /api/stats</c> and the yearly report, asked for the
/// same year of the demo history at the same instant, give the same received, resolution rate, on-time rate and overdue.
/// </summary>
public sealed class FiguresAgreeTests(FrozenDemoHotlineApp app) : IClassFixture<FrozenDemoHotlineApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_dashboard_the_stats_api_and_the_yearly_report_give_the_same_figures_for_the_year()
    {
        var dashboard = app.Services.GetRequiredService<DashboardAggregates>().Snapshot();
        var year = await StatsAsync("2025-01-01", "2025-12-31");
        var history = await StatsAsync("2022-08-01", "2025-09-15");
        var report = (await app.Services.GetRequiredService<ReportBuilder>().BuildAsync(ReportPeriod.Year(2025), ReportScope.City, Ct)).Summary;

        Assert.Equal(FrozenDemoHotlineApp.Now.UtcDateTime, dashboard.AtUtc);
        // A real year of work, so that equal figures say something.
        Assert.InRange(dashboard.ReceivedThisYear, 300, 5_000);
        Assert.InRange(report.Resolved, 1, report.Received - 1);
        Assert.InRange(report.ResolvedOnTime, 1, report.Resolved - 1);
        Assert.True(report.Excluded > 0, "some demo cases of the year are rejected or duplicates");
        Assert.True(report.Overdue > 0, "some demo cases of the year are overdue");

        Assert.Equal(dashboard.ReceivedThisYear, year.GetProperty("received").GetInt32());
        Assert.Equal(dashboard.ReceivedThisYear, report.Received);
        Assert.Equal(year.GetProperty("resolved").GetInt32(), report.Resolved);
        Assert.Equal(dashboard.ResolutionRateThisYear, year.GetProperty("resolutionRate").GetDouble());
        Assert.Equal(dashboard.ResolutionRateThisYear, report.ResolutionRate);
        Assert.Equal(dashboard.OnTimeRateThisYear, year.GetProperty("onTimeRate").GetDouble());
        Assert.Equal(dashboard.OnTimeRateThisYear, report.OnTimeRate);
        // Overdue: the report and the API count the year's cases; the dashboard's tile counts every open case, so it
        // compares with the API over the whole history.
        Assert.Equal(year.GetProperty("overdueOpen").GetInt32(), report.Overdue);
        Assert.Equal(dashboard.Overdue, history.GetProperty("overdueOpen").GetInt32());
    }

    private async Task<JsonElement> StatsAsync(string from, string to)
    {
        using var client = app.Client(HotlineApp.ReadKey);
        using var response = await client.GetAsync($"/api/stats?from={from}&to={to}", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ApiAssert.JsonAsync(response);
    }
}
