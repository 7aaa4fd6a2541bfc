using System.Text.Json;
using Microsoft.Playwright;

namespace HotlineIoc.Browser.Tests;

/// <summary>A field report from the provincial IOC, posted the Open311 way, lands as an IOC case on the leaders' wall.</summary>
[Collection(LiveAppGroup.Name)]
public sealed class Open311JourneyTests(LiveAppFixture fixture)
{
    [Fact]
    public async Task A_report_posted_by_the_IOC_over_Open311_shows_on_the_wall_as_an_ioc_case_in_the_ward_of_its_location()
    {
        Browser.RequireExecutable();
        var wall = await fixture.NewPageAsync();
        await wall.GotoAsync($"{fixture.App.BaseUrl}/wall?token={AppProcess.DisplayToken}");
        await wall.Locator("[data-live=on]").WaitForAsync(Browser.Patiently);

        using var http = new HttpClient { BaseAddress = new Uri(fixture.App.BaseUrl) };
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["api_key"] = AppProcess.ApiKey,
            ["service_code"] = "HTDT",
            ["lat"] = "12.72",
            ["long"] = "108.11",
            ["description"] = "Ổ gà lớn giữa đường, nguy hiểm cho xe máy",
            ["address_string"] = "Đường Nguyễn Văn Cừ",
            ["first_name"] = "Hồ",
            ["last_name"] = "Thị Hiện Trường",
            ["phone"] = "0905777888",
        });
        using var response = await http.PostAsync("/open311/v2/requests.json", form, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, body);
        using var answer = JsonDocument.Parse(body);
        var code = answer.RootElement[0].GetProperty("service_request_id").GetString()!;

        var line = wall.Locator($"[data-wall] [data-code='{code}']").First;
        await Browser.TimeAsync("Open311 report on the wall", () => line.WaitForAsync(Browser.Patiently));
        await Assertions.Expect(line).ToContainTextAsync("IOC");
        await Assertions.Expect(line).ToContainTextAsync("Tân An");
        Assert.DoesNotContain("Hiện Trường", await wall.ContentAsync(), StringComparison.Ordinal);
    }
}
