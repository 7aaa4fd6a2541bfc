using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace HotlineIoc.Browser.Tests;

/// <summary>
/// A citizen writes to the OA: the signed events reach triage live, the operator makes a case received at the first
/// message, the citizen gets the acknowledgement and the code, and the leaders' wall shows the case.
/// </summary>
[Collection(LiveAppGroup.Name)]
public sealed partial class ZaloJourneyTests(LiveAppFixture fixture)
{
    [GeneratedRegex(@"BMT-\d{4}-\d{6}")]
    private static partial Regex CaseCode();

    private Task PostAsync(object zaloEvent) => FakeZaloServer.DeliverAsync(fixture.App.BaseUrl, zaloEvent, TestContext.Current.CancellationToken);

    private static string Ms(DateTimeOffset at) => at.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_citizens_zalo_report_reaches_triage_becomes_a_case_received_at_the_first_message_and_shows_on_the_wall()
    {
        Browser.RequireExecutable();
        var wall = await fixture.NewPageAsync();
        await wall.GotoAsync($"{fixture.App.BaseUrl}/wall?token={AppProcess.DisplayToken}");
        await wall.Locator("[data-live=on]").WaitForAsync(Browser.Patiently);
        var desk = await fixture.NewPageAsync();
        await desk.GotoAsync(fixture.App.BaseUrl + "/account/login");
        await desk.FillAsync("#username", "dieuhanh");
        await desk.FillAsync("#password", AppProcess.Password);
        await desk.ClickAsync("button[type=submit]");
        await desk.WaitForURLAsync(fixture.App.BaseUrl + "/");
        await desk.GotoAsync(fixture.App.BaseUrl + "/triage");
        await desk.Locator("[data-interactive=true]").First.WaitForAsync(Browser.Patiently);

        // The citizen wrote twenty minutes ago, then sent where it is.
        var user = "5510185758261927" + Random.Shared.Next(100, 999).ToString(CultureInfo.InvariantCulture);
        var first = DateTimeOffset.UtcNow.AddMinutes(-20);
        var words = "Bãi rác tự phát bốc mùi ở đầu hẻm 88 Nguyễn Văn Cừ " + Guid.NewGuid().ToString("N")[..6];
        await PostAsync(new
        {
            app_id = FakeZaloServer.AppId, sender = new { id = user }, recipient = new { id = "1646843870823903717" }, event_name = "user_send_text",
            message = new { text = words, msg_id = Guid.NewGuid().ToString("N")[..20] }, timestamp = Ms(first),
        });
        await PostAsync(new
        {
            app_id = FakeZaloServer.AppId, sender = new { id = user }, recipient = new { id = "1646843870823903717" }, event_name = "user_send_location",
            message = new { msg_id = Guid.NewGuid().ToString("N")[..20], attachments = new[] { new { type = "location", payload = new { coordinates = new { latitude = "12.7200", longitude = "108.1100" } } } } },
            timestamp = Ms(first.AddMinutes(1)),
        });

        var item = desk.Locator("[data-testid=conv-list] .mud-list-item").Filter(new LocatorFilterOptions { HasText = words[..40] });
        await Browser.TimeAsync("Zalo conversation in triage", () => item.First.WaitForAsync(Browser.Patiently));
        await Assertions.Expect(item.First).ToContainTextAsync("Tân An", new LocatorAssertionsToContainTextOptions { Timeout = Browser.PatienceMs });
        await item.First.ClickAsync();
        var selected = desk.Locator("[data-testid=conv-selected]");
        await Assertions.Expect(selected.Locator("[data-testid=conv-message]")).ToHaveCountAsync(2, new LocatorAssertionsToHaveCountOptions { Timeout = Browser.PatienceMs });
        await Assertions.Expect(selected.Locator("[data-testid=conv-location]")).ToContainTextAsync("Phường Tân An");
        await desk.Locator("[data-testid=conv-field][role=combobox]").ClickAsync();
        await desk.Locator(".mud-popover-open .mud-list-item").Filter(new LocatorFilterOptions { HasText = "Môi trường" }).First.ClickAsync();
        await Assertions.Expect(desk.Locator("[data-testid=conv-unit][role=combobox]")).ToContainTextAsync("Phường Tân An");
        await desk.FillAsync("#conv-address", "Đầu hẻm 88 Nguyễn Văn Cừ");
        await desk.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("triage-zalo-1920x1080.png") });
        await desk.Locator("[data-testid=conv-make-case]").ClickAsync();

        var done = desk.Locator("[data-testid=conv-done]");
        await done.WaitForAsync(Browser.Patiently);
        var code = CaseCode().Match(await done.InnerTextAsync()).Value;
        Assert.NotEmpty(code);

        // Received at the first message, not at the click.
        using var http = new HttpClient { BaseAddress = new Uri(fixture.App.BaseUrl) };
        http.DefaultRequestHeaders.Add("X-Api-Key", AppProcess.ApiKey);
        using var json = JsonDocument.Parse(await http.GetStringAsync($"/api/cases/{code}", TestContext.Current.CancellationToken));
        Assert.Equal("zalo", json.RootElement.GetProperty("channel").GetString());
        Assert.Equal("p-tan-an", json.RootElement.GetProperty("unitCode").GetString());
        var receivedAt = json.RootElement.GetProperty("receivedAt").GetDateTimeOffset();
        Assert.True(Math.Abs((receivedAt - first).TotalSeconds) < 1, $"received at {receivedAt:O}, first message at {first:O}");

        // The acknowledgement and the code reach the citizen, once each.
        var deadline = DateTime.UtcNow.AddSeconds(Browser.PatienceMs / 1000);
        while (fixture.Zalo.Sent.Count(m => m.UserId == user) < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        var replies = fixture.Zalo.Sent.Where(m => m.UserId == user).Select(m => m.Text).ToList();
        Assert.Equal(2, replies.Count);
        Assert.Contains("đã nhận được tin nhắn", replies[0], StringComparison.Ordinal);
        Assert.Contains(code, replies[1], StringComparison.Ordinal);

        await Browser.TimeAsync("case made from Zalo on the wall", () => wall.Locator($"[data-wall] [data-code='{code}']").First.WaitForAsync(Browser.Patiently));
        await wall.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("wall-after-zalo-case-1920x1080.png") });
    }
}
