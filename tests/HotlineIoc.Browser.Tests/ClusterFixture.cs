using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace HotlineIoc.Browser.Tests;

/// <summary>
/// Two nodes of one deployment, as the README deploys them: two app processes on one SQLite file and one key folder,
/// a real <c>redis-server</c> between them, and Zalo's API faked on loopback for both.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public RedisServer Redis { get; } = new();

    public FakeZaloServer Zalo { get; } = new();

    public AppProcess A { get; private set; } = null!;

    public AppProcess B { get; private set; } = null!;

    public bool Started { get; private set; }

    private Microsoft.Playwright.IPlaywright? _playwright;
    private Microsoft.Playwright.IBrowser? _browser;

    /// <summary>A browser page (chromium), for the journeys of this collection.</summary>
    public async Task<Microsoft.Playwright.IPage> NewPageAsync()
    {
        Browser.RequireExecutable();
        _playwright ??= await Microsoft.Playwright.Playwright.CreateAsync();
        _browser ??= await Browser.LaunchAsync(_playwright);
        var context = await _browser.NewContextAsync(new Microsoft.Playwright.BrowserNewContextOptions
        {
            ViewportSize = new Microsoft.Playwright.ViewportSize { Width = 1920, Height = 1080 },
            Locale = "vi-VN",
            TimezoneId = "Asia/Ho_Chi_Minh",
        });
        return await context.NewPageAsync();
    }

    public async ValueTask InitializeAsync()
    {
        if (RedisServer.Executable is null)
        {
            return; // each test decides: skip outside CI, fail in CI
        }

        var ct = TestContext.Current.CancellationToken;
        await Redis.StartAsync(ct);
        A = new AppProcess();
        A.ExtraSettings["ConnectionStrings__Redis"] = Redis.ConnectionString;
        A.ExtraSettings["Cluster__LeaseSeconds"] = "6";
        foreach (var (key, value) in Zalo.Settings)
        {
            A.ExtraSettings[key] = value;
        }

        // The first node makes the database and the keys; the second joins them.
        await A.StartAsync(ct);
        B = new AppProcess(A);
        await B.StartAsync(ct);
        Started = true;
    }

    /// <summary>The cluster, or a skip outside CI when redis-server is not installed; in CI (where <c>.ci/run</c> installs it) a failure.</summary>
    public void Require()
    {
        if (RedisServer.Executable is null)
        {
            if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
            {
                Assert.Skip("No redis-server found (apt-get install redis-server); scale-out tests skip outside CI.");
            }

            throw new InvalidOperationException("CI is set but no redis-server was found at " + string.Join(", ", RedisServer.Candidates) + ".");
        }

        Assert.True(Started, "The cluster did not start.");
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (B is not null)
        {
            await B.DisposeAsync();
        }

        if (A is not null)
        {
            await A.DisposeAsync();
        }

        await Redis.DisposeAsync();
        await Zalo.DisposeAsync();
    }

    public static HttpClient Api(AppProcess node)
    {
        var http = new HttpClient { BaseAddress = new Uri(node.BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Add("X-Api-Key", AppProcess.ApiKey);
        return http;
    }

    /// <summary>Logs a case through a node's <c>POST /api/cases</c>; returns its code.</summary>
    public static async Task<string> PostCaseAsync(HttpClient node, string channel = "hotline", string field = "MT", string unit = "p-buon-ma-thuot")
    {
        using var response = await node.PostAsync("/api/cases", new StringContent(
            $$"""{"channel":"{{channel}}","fieldCode":"{{field}}","unitCode":"{{unit}}","address":"Số 12 Phan Bội Châu","description":"Đèn đường hỏng cả dãy phố","reporterName":"Trần Thị Cụm","reporterPhone":"0905123456"}""",
            Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, body);
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("code").GetString()!;
    }

    /// <summary>What a node's walls show now (its in-memory figures), through <c>GET /api/live</c>.</summary>
    public static async Task<LiveFigures> LiveAsync(HttpClient node) =>
        (await node.GetFromJsonAsync<LiveFigures>("/api/live", TestContext.Current.CancellationToken))!;

    /// <summary>The database's figures: the year's and the whole history's, through <c>GET /api/stats</c>.</summary>
    public static async Task<(int ReceivedThisYear, int OverdueOpen)> TruthAsync(HttpClient node)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh")).DateTime);
        var ct = TestContext.Current.CancellationToken;
        using var year = JsonDocument.Parse(await node.GetStringAsync($"/api/stats?from={today.Year}-01-01&to={today:yyyy-MM-dd}", ct));
        using var all = JsonDocument.Parse(await node.GetStringAsync($"/api/stats?from=2000-01-01&to={today:yyyy-MM-dd}", ct));
        return (year.RootElement.GetProperty("received").GetInt32(), all.RootElement.GetProperty("overdueOpen").GetInt32());
    }
}

public sealed record LiveFigures(
    string Node,
    bool RelayPaused,
    int ReceivedToday,
    int ReceivedThisYear,
    int Open,
    int Overdue,
    double ResolutionRate,
    double OnTimeRate,
    IReadOnlyList<CodeCount> ByField,
    IReadOnlyList<CodeCount> ByChannel,
    IReadOnlyList<UnitCount> ByUnit)
{
    /// <summary>Everything but who answered and whether its relay is paused: what two nodes must agree on.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string Figures => JsonSerializer.Serialize(this with { Node = "", RelayPaused = false });
}

public sealed record CodeCount(string Code, int Count);

public sealed record UnitCount(string Code, int Open, int Overdue);

/// <summary>Run alone: three app-sized processes beside the journeys' app would starve two cores.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterGroup : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
