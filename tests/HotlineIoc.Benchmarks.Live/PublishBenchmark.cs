using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using HotlineIoc.Browser.Tests;
using Microsoft.Playwright;

namespace HotlineIoc.Benchmarks.Live;

/// <summary>
/// What a post costs while people work: <c>POST /api/cases</c> timed from request to answer, first with no page open, then
/// with case pages and triage pages open in chromium (real circuits, signed in as an operator). Each new case enters every
/// triage queue, so every triage page has something to reload; the case pages show cases posted before.
/// </summary>
public static class PublishBenchmark
{
    public static async Task<int> RunAsync(int casePages, int triagePages, int posts, CancellationToken cancel)
    {
        await using var app = new AppProcess();
        Console.WriteLine($"Starting the app on {app.BaseUrl} (demo history, live feed off)…");
        await app.StartAsync(cancel);
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl), Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Add("X-Api-Key", AppProcess.ApiKey);

        var codes = new List<string>();
        for (var i = 0; i < casePages; i++)
        {
            codes.Add((await PostAsync(http, cancel)).Code);
        }

        await PostManyAsync(http, 20, cancel); // warm-up
        var idle = await PostManyAsync(http, posts, cancel);
        Console.WriteLine($"No page open: p50 {Percentile(idle, 0.5):F1} ms, p99 {Percentile(idle, 0.99):F1} ms");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1600, Height = 1000 } });
        var login = await context.NewPageAsync();
        await login.GotoAsync(app.BaseUrl + "/account/login");
        await login.FillAsync("#username", "dieuhanh");
        await login.FillAsync("#password", AppProcess.Password);
        await login.ClickAsync("button[type=submit]");
        await login.WaitForURLAsync(app.BaseUrl + "/");
        await login.CloseAsync();

        var open = Stopwatch.StartNew();
        var paths = codes.Select(c => "/cases/" + c).Concat(Enumerable.Repeat("/triage", triagePages)).ToList();
        foreach (var path in paths)
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync(app.BaseUrl + path);
            await page.Locator("[data-interactive=true]").First.WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
        }

        Console.WriteLine($"{casePages} case pages and {triagePages} triage pages open in {open.Elapsed.TotalSeconds:F1} s.");
        await PostManyAsync(http, 20, cancel); // warm-up with the pages open
        var busy = await PostManyAsync(http, posts, cancel);

        var report = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"# Publish benchmark, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, load average {LoadAverage()}")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"POST /api/cases, request to answer, {posts} posts one after another:")
            .AppendLine(CultureInfo.InvariantCulture, $"- no page open: p50 {Percentile(idle, 0.5):F1} ms, p99 {Percentile(idle, 0.99):F1} ms, max {idle[^1]:F1} ms")
            .AppendLine(CultureInfo.InvariantCulture, $"- {casePages} case pages and {triagePages} triage pages open: p50 {Percentile(busy, 0.5):F1} ms, p99 {Percentile(busy, 0.99):F1} ms, max {busy[^1]:F1} ms (aim p99 < 50 ms)");
        Console.WriteLine();
        Console.WriteLine(report.ToString());
        var output = Path.Combine(AppContext.BaseDirectory, "publish-benchmark.md");
        await File.WriteAllTextAsync(output, report.ToString(), cancel);
        Console.WriteLine($"Written to {output}");
        return 0;
    }

    private static async Task<double[]> PostManyAsync(HttpClient http, int count, CancellationToken cancel)
    {
        var times = new List<double>(count);
        for (var i = 0; i < count; i++)
        {
            times.Add((await PostAsync(http, cancel)).Ms);
            // A phone line's pace, not a flood: the pages' reloads of one post should not be what the next post waits for.
            await Task.Delay(100, cancel);
        }

        return [.. times.Order()];
    }

    private static async Task<(string Code, double Ms)> PostAsync(HttpClient http, CancellationToken cancel)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await http.PostAsync("/api/cases", new StringContent(
            """{"channel":"hotline","fieldCode":"MT","unitCode":"p-buon-ma-thuot","address":"Số 1 Lê Duẩn","description":"Benchmark","reporterName":"Bench","reporterPhone":"0905000000"}""",
            Encoding.UTF8, "application/json"), cancel);
        var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancel));
        return (json.RootElement.GetProperty("code").GetString()!, ms);
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
