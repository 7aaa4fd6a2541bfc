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
        // The circuit is interactive once Blazor has connected; only then can a push arrive.
        await page.WaitForFunctionAsync("() => window.Blazor !== undefined && document.querySelector('[data-kpi]') !== null");
        await page.WaitForTimeoutAsync(500);
        var before = int.Parse((await receivedToday.InnerTextAsync()).Replace(".", "", StringComparison.Ordinal).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("dashboard-1920x1080.png") });

        var code = await fixture.PostCaseAsync();

        await page.Locator($"[data-code='{code}']").First.WaitForAsync(new LocatorWaitForOptions { Timeout = 1000 });
        await Assertions.Expect(receivedToday).ToHaveTextAsync((before + 1).ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("vi-VN")), new LocatorAssertionsToHaveTextOptions { Timeout = 1000 });
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
}
