using HotlineIoc.Reports;
using HotlineIoc.Reports.Model;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace HotlineIoc.Web.Tests;

/// <summary>Reports:IssuingBodies as the web app reads it: a bad entry stops start-up, a good one heads the web's reports.</summary>
public sealed class ReportSettingsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_bad_issuing_body_stops_the_app_at_start_up_naming_the_entry()
    {
        await using var app = new ConfiguredApp(("0:From", "2025-07-01"), ("0:To", "2025-06-30"), ("0:Body", "TỔ ĐIỀU HÀNH ĐƯỜNG DÂY NÓNG"));

        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        var messages = new List<string>();
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            messages.Add(e.Message);
        }

        Assert.Contains(messages, m => m.Contains("Reports:IssuingBodies:0: To (2025-06-30) is before From (2025-07-01).", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_configured_body_heads_the_web_reports_after_1_July_2025()
    {
        await using var app = new ConfiguredApp(("0:From", "2025-07-01"), ("0:Parent", "UBND PHƯỜNG BUÔN MA THUỘT"), ("0:Body", "TỔ ĐIỀU HÀNH ĐƯỜNG DÂY NÓNG"));
        var reports = app.Services.GetRequiredService<ReportService>();

        var after = await reports.BuildAsync(ReportPeriod.Parse("2025-Q3"), ReportScope.City, Ct);
        var before = await reports.BuildAsync(ReportPeriod.Parse("2025-Q2"), ReportScope.City, Ct);

        Assert.Equal(("UBND PHƯỜNG BUÔN MA THUỘT", "TỔ ĐIỀU HÀNH ĐƯỜNG DÂY NÓNG"), (after.IssuingBody.Parent, after.IssuingBody.Body));
        Assert.Equal("UBND THÀNH PHỐ BUÔN MA THUỘT", before.IssuingBody.Parent);
    }

    /// <summary>The test app with entries of <c>Reports:IssuingBodies</c>, given as ("0:From", "2025-07-01").</summary>
    private sealed class ConfiguredApp(params (string Key, string Value)[] entries) : HotlineApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            foreach (var (key, value) in entries)
            {
                builder.UseSetting($"{IssuingBodies.SettingName}:{key}", value);
            }
        }
    }
}
