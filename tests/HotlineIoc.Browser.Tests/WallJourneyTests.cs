using Microsoft.Playwright;

namespace HotlineIoc.Browser.Tests;

[Collection(LiveAppGroup.Name)]
public sealed class WallJourneyTests(LiveAppFixture fixture)
{
    [Fact]
    public async Task The_wall_recovers_from_a_server_restart_without_a_click()
    {
        Browser.RequireExecutable();
        var page = await fixture.NewPageAsync();

        await page.GotoAsync($"{fixture.App.BaseUrl}/wall?token={AppProcess.DisplayToken}");
        await page.Locator("[data-wall] [data-kpi=received-today]").WaitForAsync();
        await page.Locator("[data-live=on]").WaitForAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("wall-1920x1080.png") });
        Assert.False(await page.EvaluateAsync<bool>("() => document.documentElement.scrollHeight > window.innerHeight || document.documentElement.scrollWidth > window.innerWidth"),
            "The wall must fit 1920×1080 without scrolling.");

        await fixture.App.StopAsync();
        await page.WaitForTimeoutAsync(3000);
        await fixture.App.StartAsync(TestContext.Current.CancellationToken);
        var code = await fixture.PostCaseAsync("ATGT", "p-ea-kao");

        // Reconnect attempts back off up to 30 s; the page resumes its circuit, or reloads itself when the server lost it.
        await page.Locator($"[data-wall] [data-code='{code}']").First.WaitForAsync(new LocatorWaitForOptions { Timeout = 90_000 });
        Assert.Equal(0, await page.GetByRole(AriaRole.Button).CountAsync());
        Assert.False(await page.Locator("#components-reconnect-modal").IsVisibleAsync());

        // Live again, not a stale picture: once the circuit is back, the next case arrives (aim: within a second).
        await page.Locator("[data-live=on]").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        var next = await fixture.PostCaseAsync("MT", "p-buon-ma-thuot");
        await Browser.TimeAsync("next case on the wall after a restart", () => page.Locator($"[data-wall] [data-code='{next}']").First.WaitForAsync(Browser.Patiently));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("wall-after-restart-1920x1080.png") });
    }

    [Fact]
    public async Task The_wall_fits_a_4k_screen_without_scrolling()
    {
        Browser.RequireExecutable();
        var page = await fixture.NewPageAsync(3840, 2160);

        await page.GotoAsync($"{fixture.App.BaseUrl}/wall?token={AppProcess.DisplayToken}");
        await page.Locator("[data-wall] [data-kpi=overdue]").WaitForAsync();

        Assert.False(await page.EvaluateAsync<bool>("() => document.documentElement.scrollHeight > window.innerHeight || document.documentElement.scrollWidth > window.innerWidth"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("wall-3840x2160.png") });
    }

    [Fact]
    public async Task An_unknown_display_token_is_refused()
    {
        Browser.RequireExecutable();
        var page = await fixture.NewPageAsync();

        var response = await page.GotoAsync($"{fixture.App.BaseUrl}/wall?token=not-a-token");

        Assert.Equal(401, response!.Status);
        Assert.Equal(0, await page.Locator("[data-wall]").CountAsync());
    }
}
