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
        await AssertNoPanelOverflowsAsync(page, "1920×1080");

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
        await AssertNoPanelOverflowsAsync(page, "3840×2160");
    }

    [Fact]
    public async Task The_panel_check_sees_a_panel_whose_content_is_cut_off()
    {
        Browser.RequireExecutable();
        var page = await fixture.NewPageAsync();
        await page.GotoAsync($"{fixture.App.BaseUrl}/wall?token={AppProcess.DisplayToken}");
        await page.Locator("[data-wall] [data-kpi=overdue]").WaitForAsync();
        // Once the circuit renders: the first interactive render replaces the prerendered markup, and what was added with it.
        await page.Locator("[data-live=on]").WaitForAsync(Browser.Patiently);

        // The wall is fixed and clips: the page never scrolls, so only each panel's own box can tell that content is cut off.
        await page.EvaluateAsync("() => { const p = document.querySelector('.hd-wall .hd-area-fld .hd-panel'); const extra = document.createElement('div'); extra.style.height = '200vh'; extra.style.flex = 'none'; p.appendChild(extra); }");

        Assert.False(await page.EvaluateAsync<bool>("() => document.documentElement.scrollHeight > window.innerHeight"), "the page itself still does not scroll");
        Assert.NotEmpty(await OverflowingPanelsAsync(page));
    }

    /// <summary>Every area of the wall and every panel in it: content taller than its box is cut off on a clipped wall.</summary>
    private static async Task<string[]> OverflowingPanelsAsync(IPage page) =>
        await page.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('.hd-wall, .hd-wall .hd-area, .hd-wall .hd-panel')]"
            + ".filter(e => e.scrollHeight > e.clientHeight)"
            + ".map(e => `${e.className}: content ${e.scrollHeight}px in ${e.clientHeight}px`)");

    private static async Task AssertNoPanelOverflowsAsync(IPage page, string screen)
    {
        Assert.Equal(7, await page.Locator(".hd-wall .hd-area").CountAsync()); // the check covers every panel of the wall
        var overflowing = await OverflowingPanelsAsync(page);
        Assert.True(overflowing.Length == 0, $"At {screen} these panels cut off their content: {string.Join("; ", overflowing)}");
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
