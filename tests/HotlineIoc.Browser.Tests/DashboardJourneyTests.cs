using Microsoft.Playwright;

namespace HotlineIoc.Browser.Tests;

[Collection(LiveAppGroup.Name)]
public sealed class DashboardJourneyTests(LiveAppFixture fixture)
{
    [Fact]
    public async Task A_leader_signs_in_and_sees_a_new_case_in_the_stream_and_counters_within_a_second()
    {
        Browser.RequireExecutable();
        var page = await fixture.NewPageAsync();

        await page.GotoAsync(fixture.App.BaseUrl + "/");
        await page.WaitForURLAsync("**/account/login**");
        await page.FillAsync("#username", "lanhdao");
        await page.FillAsync("#password", AppProcess.Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(fixture.App.BaseUrl + "/");
        var receivedToday = page.Locator("[data-kpi=received-today] .hd-tile-value");
        await receivedToday.WaitForAsync();
        // Pushes can arrive only once the circuit is connected.
        await page.Locator("[data-live=on]").WaitForAsync();
        var before = int.Parse((await receivedToday.InnerTextAsync()).Replace(".", "", StringComparison.Ordinal).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("dashboard-1920x1080.png") });

        var code = await fixture.PostCaseAsync();

        await Browser.TimeAsync("new case in the leader's stream", () => page.Locator($"[data-code='{code}']").First.WaitForAsync(Browser.Patiently));
        await Assertions.Expect(receivedToday).ToHaveTextAsync((before + 1).ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("vi-VN")), new LocatorAssertionsToHaveTextOptions { Timeout = Browser.PatienceMs });
        Assert.DoesNotContain("Nguyễn Văn Thử", await page.ContentAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("dashboard-after-new-case-1920x1080.png") });
    }

    [Fact]
    public async Task A_page_the_role_may_not_see_is_not_rendered()
    {
        Browser.RequireExecutable();
        var page = await fixture.NewPageAsync();
        await page.GotoAsync(fixture.App.BaseUrl + "/account/login");
        await page.FillAsync("#username", "truong.ca");
        await page.FillAsync("#password", AppProcess.Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(fixture.App.BaseUrl + "/");

        await page.GotoAsync(fixture.App.BaseUrl + "/admin/displays");

        await Assertions.Expect(page.GetByText("Tài khoản của bạn không được xem trang này.")).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator("[data-testid=wall-link], table").CountAsync());
    }

    [Fact]
    public async Task Cases_imported_by_the_command_line_reach_an_open_dashboard_within_a_second()
    {
        Browser.RequireExecutable();
        var page = await fixture.NewPageAsync();
        await page.GotoAsync($"{fixture.App.BaseUrl}/wall?token={AppProcess.DisplayToken}");
        await page.Locator("[data-live=on]").WaitForAsync();
        var today = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);
        var code = "IMP-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var file = Path.Combine(fixture.App.Folder, "import.csv");
        await File.WriteAllTextAsync(file,
            "code,channel,received_at,field_code,unit_code,address,latitude,longitude,description,reporter_name,reporter_phone,status,agency_code,resolved_at,closed_at,enforcement,fine_vnd\n" +
            $"{code},zalo,{today},ANTT,p-buon-ma-thuot,,,,Tụ tập gây ồn ào,Trần Văn Nhập,0912000333,received,,,,,\n",
            TestContext.Current.CancellationToken);

        var (exit, output) = await fixture.App.RunCliAsync(TestContext.Current.CancellationToken, "import", file);

        Assert.True(exit == 0, output);
        await Browser.TimeAsync("imported case on the wall", () => page.Locator($"[data-wall] [data-code='{code}']").First.WaitForAsync(Browser.Patiently));
    }
}
