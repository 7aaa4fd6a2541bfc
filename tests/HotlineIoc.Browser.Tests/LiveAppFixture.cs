using Microsoft.Playwright;

namespace HotlineIoc.Browser.Tests;

/// <summary>One running app and one browser for the journeys; they run one after the other, since one restarts the app.</summary>
public sealed class LiveAppFixture : IAsyncLifetime
{
    public AppProcess App { get; } = new();

    /// <summary>Zalo's API for the app to reply to citizens through.</summary>
    public FakeZaloServer Zalo { get; } = new();

    public IPlaywright Playwright { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        if (Tests.Browser.Executable is null)
        {
            return; // each test decides: skip outside CI, fail in CI
        }

        // Each run's journey timings start a fresh log beside the screenshots.
        File.Delete(Tests.Browser.ScreenshotPath("timings.log"));
        foreach (var (key, value) in Zalo.Settings)
        {
            App.ExtraSettings[key] = value;
        }

        await App.StartAsync(TestContext.Current.CancellationToken);
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Tests.Browser.LaunchAsync(Playwright);
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        Playwright?.Dispose();
        await App.DisposeAsync();
        await Zalo.DisposeAsync();
    }

    public async Task<IPage> NewPageAsync(int width = 1920, int height = 1080)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "vi-VN",
            TimezoneId = "Asia/Ho_Chi_Minh",
        });
        return await context.NewPageAsync();
    }

    /// <summary>Logs a case the way a machine does, through <c>POST /api/cases</c>; returns its code.</summary>
    public async Task<string> PostCaseAsync(string field = "MT", string unit = "p-buon-ma-thuot")
    {
        using var http = new HttpClient { BaseAddress = new Uri(App.BaseUrl) };
        http.DefaultRequestHeaders.Add("X-Api-Key", AppProcess.ApiKey);
        using var response = await http.PostAsync("/api/cases", new StringContent(
            $$"""{"channel":"hotline","fieldCode":"{{field}}","unitCode":"{{unit}}","address":"Số 5 Lê Duẩn","description":"Rác tồn đọng trước cổng chợ","reporterName":"Nguyễn Văn Thử","reporterPhone":"0905000111"}""",
            System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, body);
        using var json = System.Text.Json.JsonDocument.Parse(body);
        return json.RootElement.GetProperty("code").GetString()!;
    }
}

[CollectionDefinition(Name)]
public sealed class LiveAppGroup : ICollectionFixture<LiveAppFixture>
{
    public const string Name = "live app";
}
