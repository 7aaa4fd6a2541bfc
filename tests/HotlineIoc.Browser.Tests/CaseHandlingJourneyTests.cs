using Microsoft.Playwright;

namespace HotlineIoc.Browser.Tests;

/// <summary>
/// A call from intake to closure by the people who do it, each in their own browser, while a leader's dashboard in another
/// context shows every step within a second.
/// </summary>
[Collection(LiveAppGroup.Name)]
public sealed class CaseHandlingJourneyTests(LiveAppFixture fixture)
{

    private readonly List<(string Name, IPage Page)> _pages = [];

    private async Task<IPage> SignInAsync(string user, string landing = "/")
    {
        var page = await fixture.NewPageAsync();
        _pages.Add((user, page));
        await page.GotoAsync(fixture.App.BaseUrl + "/account/login");
        await page.FillAsync("#username", user);
        await page.FillAsync("#password", AppProcess.Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(fixture.App.BaseUrl + "/");
        if (landing != "/")
        {
            await page.GotoAsync(fixture.App.BaseUrl + landing);
        }

        return page;
    }

    /// <summary>Waits until the page renders through its circuit (not the prerendered HTML), so clicks reach the server.</summary>
    private static async Task InteractiveAsync(IPage page) =>
        await page.Locator("[data-interactive=true]").First.WaitForAsync();

    private static async Task PickAsync(IPage page, string inputSelector, string typed, string option)
    {
        await page.Locator(inputSelector).ClickAsync();
        await page.Locator(inputSelector).PressSequentiallyAsync(typed, new LocatorPressSequentiallyOptions { Delay = 30 });
        var item = page.Locator(".mud-popover-open .mud-list-item").Filter(new LocatorFilterOptions { HasText = option }).First;
        await item.WaitForAsync();
        await item.ClickAsync();
    }

    private static async Task SelectAsync(IPage page, string testId, string option)
    {
        // MudSelect puts the test id on its combobox element.
        await page.Locator($"[data-testid={testId}][role=combobox]").ClickAsync();
        var item = page.Locator(".mud-popover-open .mud-list-item").Filter(new LocatorFilterOptions { HasText = option }).First;
        await item.WaitForAsync();
        await item.ClickAsync();
    }

    private static ILocator StreamLine(IPage dashboard, string code) => dashboard.Locator($".hd-stream [data-code='{code}']").First;

    [Fact]
    public async Task An_operator_logs_a_call_it_is_forwarded_resolved_with_a_fine_and_closed_while_the_dashboard_follows()
    {
        Browser.RequireExecutable();
        try
        {
            await JourneyAsync();
        }
        catch
        {
            // What each person saw when it failed, for whoever reads the CI output.
            foreach (var (name, page) in _pages)
            {
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath($"journey-failed-{name}.png"), FullPage = true });
            }

            throw;
        }
    }

    private async Task JourneyAsync()
    {
        var dashboard = await SignInAsync("lanhdao");
        await dashboard.Locator("[data-live=on]").WaitForAsync();

        // 1. The operator logs the call; the due instant shows before saving.
        var desk = await SignInAsync("dieuhanh", "/intake");
        await InteractiveAsync(desk);
        // Keyboard first: the form puts the cursor in the name field itself; typing starts only once it has.
        await Assertions.Expect(desk.Locator("#intake-name")).ToBeFocusedAsync();
        await desk.FillAsync("#intake-name", "Phạm Thị Hành Trình");
        await desk.FillAsync("#intake-phone", "0935 246 810");
        // Only today's units are offered; a caller's former ward name finds the unit it became.
        await PickAsync(desk, "#intake-unit", "thang loi", "Thắng Lợi → Phường Buôn Ma Thuột");
        await Assertions.Expect(desk.Locator("#intake-unit")).ToHaveValueAsync("Buôn Ma Thuột");
        await desk.Locator("#intake-unit").FillAsync("");
        await PickAsync(desk, "#intake-unit", "Tan An", "Tân An");
        await Assertions.Expect(desk.Locator("#intake-unit")).ToHaveValueAsync("Tân An");
        await PickAsync(desk, "#intake-field", "moi truong", "Môi trường");
        await Assertions.Expect(desk.Locator("#intake-field")).ToHaveValueAsync("Môi trường");
        await desk.FillAsync("#intake-address", "27 Nguyễn Tất Thành");
        await desk.FillAsync("#intake-description", "Bãi rác tự phát trước số 27 Nguyễn Tất Thành, bốc mùi nhiều ngày.");
        await Assertions.Expect(desk.Locator("[data-testid=intake-due]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^Hạn xử lý: \d{2}/\d{2}/\d{4} 23:59$"));
        await desk.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("intake-1920x1080.png") });
        await desk.Locator("#intake-description").PressAsync("Control+Enter");
        var saved = desk.Locator("[data-testid=intake-saved-link]");
        // Saved, or refused: a refusal fails here with what the form said rather than as a wait that ran out.
        await desk.Locator("[data-testid=intake-saved-link], [data-testid=intake-error], .mud-input-error .mud-input-helper-text").First.WaitForAsync(Browser.Patiently);
        var refusals = await desk.Locator("[data-testid=intake-error], .mud-input-error").AllInnerTextsAsync();
        Assert.True(await saved.IsVisibleAsync(), "The intake form refused the call: " + string.Join(" | ", refusals));

        var code = (await saved.GetAttributeAsync("href"))!.Split('/')[^1];
        await Browser.TimeAsync("logged call in the leader's stream", () => StreamLine(dashboard, code).WaitForAsync(Browser.Patiently));
        Assert.Contains("23:59", await desk.Locator("[data-testid=intake-saved]").InnerTextAsync(), StringComparison.Ordinal);

        // 2. Forwarded to the field's default agency.
        await desk.GotoAsync(fixture.App.BaseUrl + "/cases/" + code);
        await desk.Locator("[data-testid=forward-send]").WaitForAsync();
        await InteractiveAsync(desk);
        await desk.Locator("[data-testid=forward-send]").ClickAsync();
        await Assertions.Expect(StreamLine(dashboard, code)).ToContainTextAsync("Đã chuyển xử lý", new LocatorAssertionsToContainTextOptions { Timeout = Browser.PatienceMs });
        await Assertions.Expect(desk.Locator("[data-testid=case-status]")).ToHaveAttributeAsync("data-status", "forwarded");
        var agency = await desk.Locator("[data-testid=case-agency]").InnerTextAsync();

        // 3. The department head of that agency starts work and reports a result with a sanction and a fine.
        var head = await SignInAsync("truong.tnmt", "/cases/" + code);
        await InteractiveAsync(head);
        Assert.Contains("Tài nguyên", agency, StringComparison.Ordinal);
        await Assertions.Expect(head.Locator("[data-testid=reporter-line]")).ToHaveTextAsync("Ph*** T** H** T*** · 09******10");
        await head.Locator("[data-testid=action-start]").ClickAsync();
        await Assertions.Expect(StreamLine(dashboard, code)).ToContainTextAsync("Đang xử lý", new LocatorAssertionsToContainTextOptions { Timeout = Browser.PatienceMs });
        await head.Locator("#result-text").FillAsync("Đã dọn bãi rác, lập biên bản và xử phạt người đổ trộm.");
        await SelectAsync(head, "result-enforcement", "Xử phạt hành chính");
        await head.Locator("#result-fine").FillAsync("3500000");
        await head.Locator("#result-decision").FillAsync("128/QĐ-XPHC");
        await head.Locator("#result-links").FillAsync("https://files.buonmathuot.gov.vn/qd-128.pdf");
        await head.Locator("[data-testid=result-send]").ClickAsync();
        await Assertions.Expect(StreamLine(dashboard, code)).ToContainTextAsync("Đã xử lý", new LocatorAssertionsToContainTextOptions { Timeout = Browser.PatienceMs });
        await Assertions.Expect(head.Locator("[data-testid=case-enforcement]")).ToContainTextAsync("3.500.000");
        await head.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("case-resolved-1920x1080.png") });

        // 4. The operator records that the citizen was called back and was satisfied; the case closes.
        await desk.Locator("[data-testid=response-send]").WaitForAsync();
        await InteractiveAsync(desk);
        await desk.GetByText("Hài lòng", new PageGetByTextOptions { Exact = true }).ClickAsync();
        await desk.Locator("[data-testid=response-send]").ClickAsync();
        await Assertions.Expect(StreamLine(dashboard, code)).ToContainTextAsync("Đã phản hồi", new LocatorAssertionsToContainTextOptions { Timeout = Browser.PatienceMs });
        await Assertions.Expect(desk.Locator("[data-testid=case-status]")).ToHaveAttributeAsync("data-status", "closed");
        var timeline = await desk.Locator("[data-testid=case-timeline]").InnerTextAsync();
        foreach (var step in new[] { "Tiếp nhận", "Chuyển xử lý", "Bắt đầu xử lý", "Báo cáo kết quả", "Đã thông báo người dân, đóng" })
        {
            Assert.Contains(step, timeline, StringComparison.Ordinal);
        }

        await Assertions.Expect(desk.Locator("[data-testid=reporter-line]")).ToHaveTextAsync("Phạm Thị Hành Trình · 0935 246 810");
        Assert.DoesNotContain("Phạm Thị", await dashboard.ContentAsync(), StringComparison.Ordinal);
        await desk.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("case-closed-1920x1080.png") });
    }
}
