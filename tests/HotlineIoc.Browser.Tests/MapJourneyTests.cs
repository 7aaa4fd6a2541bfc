using System.Globalization;
using Microsoft.Playwright;

namespace HotlineIoc.Browser.Tests;

/// <summary>The wall draws today's six units from their real polygons, labelled and counted, and a new case moves its unit's count.</summary>
[Collection(LiveAppGroup.Name)]
public sealed class MapJourneyTests(LiveAppFixture fixture)
{
    private static readonly string[] TodaysUnits = ["p-buon-ma-thuot", "p-ea-kao", "p-tan-an", "p-tan-lap", "p-thanh-nhat", "x-hoa-phu"];

    [Theory]
    [InlineData(1920, 1080)]
    [InlineData(3840, 2160)]
    public async Task The_wall_draws_the_six_units_of_today_with_labels_and_a_new_case_in_Tan_An_moves_its_count(int width, int height)
    {
        Browser.RequireExecutable();
        var page = await fixture.NewPageAsync(width, height);
        await page.GotoAsync($"{fixture.App.BaseUrl}/wall?token={AppProcess.DisplayToken}");
        await page.Locator("[data-live=on]").WaitForAsync(Browser.Patiently);

        var units = page.Locator("[data-wall] .hd-map a.hd-map-unit");
        Assert.Equal(TodaysUnits, (await units.EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.unit)")).Order(StringComparer.Ordinal));
        Assert.Equal(6, await page.Locator("[data-wall] .hd-map a.hd-map-unit path").CountAsync());
        foreach (var unit in TodaysUnits)
        {
            var label = page.Locator($"[data-wall] [data-unit={unit}] .hd-map-name");
            Assert.True(await label.IsVisibleAsync(), $"{unit} has a visible label");
            var box = (await page.Locator($"[data-wall] [data-unit={unit}] path").BoundingBoxAsync())!;
            Assert.True(box.Width > 40 && box.Height > 40, $"{unit} is drawn at a readable size ({box.Width:F0}×{box.Height:F0} px)");
        }

        Assert.Equal("Tân An", await page.Locator("[data-wall] [data-unit=p-tan-an] .hd-map-name").TextContentAsync());
        Assert.Contains("Thang Le Quoc", await page.Locator("[data-wall] .hd-map-credit").InnerTextAsync(), StringComparison.Ordinal);
        // No panel's content overflows its box.
        Assert.Equal(0, await page.EvaluateAsync<int>("() => [...document.querySelectorAll('[data-wall] .hd-area')].filter(a => a.scrollHeight > a.clientHeight + 1 || a.scrollWidth > a.clientWidth + 1).length"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath($"wall-map-{width}x{height}.png") });

        var count = page.Locator("[data-wall] [data-unit=p-tan-an] .hd-map-count");
        var before = int.Parse((await count.TextContentAsync())!.Replace(".", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
        var code = await fixture.PostCaseAsync("MT", "p-tan-an");

        await Browser.TimeAsync($"new case in p-tan-an on the wall map at {width}×{height}", () =>
            Assertions.Expect(count).ToHaveTextAsync((before + 1).ToString("N0", CultureInfo.GetCultureInfo("vi-VN")), new LocatorAssertionsToHaveTextOptions { Timeout = Browser.PatienceMs }));
        await page.Locator($"[data-wall] [data-code='{code}']").First.WaitForAsync(Browser.Patiently);
        Assert.DoesNotContain("Nguyễn Văn Thử", await page.ContentAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath($"wall-map-after-new-case-{width}x{height}.png") });
    }
}
