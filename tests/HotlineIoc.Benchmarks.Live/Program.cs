using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using HotlineIoc.Browser.Tests;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;

// dotnet run -c Release --project tests/HotlineIoc.Benchmarks.Live -- [--clients 1000] [--posts 60] [--circuits 40] [--gcdump]
// --gcdump also writes a heap dump at both memory readings (needs dotnet-gcdump on PATH or in ~/.dotnet/tools), to compare
// with `dotnet-gcdump report` which types grow per circuit.
// dotnet run -c Release --project tests/HotlineIoc.Benchmarks.Live -- --nodes 2 [--clients 1000] [--posts 60]
// two nodes with a real redis-server between them: the clients and the posts alternate over the nodes (latency only).
// dotnet run -c Release --project tests/HotlineIoc.Benchmarks.Live -- zalo [--deliveries 200] [--rounds 5]
// dotnet run -c Release --project tests/HotlineIoc.Benchmarks.Live -- publish [--case-pages 50] [--triage-pages 10] [--posts 200]
if (Environment.GetCommandLineArgs().Contains("publish"))
{
    return await HotlineIoc.Benchmarks.Live.PublishBenchmark.RunAsync(Option("--case-pages", 50), Option("--triage-pages", 10), Option("--posts", 200), new CancellationTokenSource(TimeSpan.FromMinutes(30)).Token);
}

if (Environment.GetCommandLineArgs().Contains("zalo"))
{
    return await HotlineIoc.Benchmarks.Live.ZaloWebhookBenchmark.RunAsync(Option("--deliveries", 200), Option("--rounds", 5), new CancellationTokenSource(TimeSpan.FromMinutes(20)).Token);
}

var clients = Option("--clients", 1000);
var posts = Option("--posts", 60);
var circuits = Option("--circuits", 40);
var nodeCount = Option("--nodes", 1);
var gcdump = Environment.GetCommandLineArgs().Contains("--gcdump");
var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(20)).Token;

// --nodes 2: a real redis-server and a second app process on the same SQLite file and keys, as the README deploys them.
await using var redis = new RedisServer();
await using var app = new AppProcess();
app.ExtraSettings["Diagnostics__MemoryEndpoint"] = "true";
if (nodeCount > 1)
{
    await redis.StartAsync(cancel);
    app.ExtraSettings["ConnectionStrings__Redis"] = redis.ConnectionString;
}

Console.WriteLine($"Starting the app on {app.BaseUrl} (demo history, live feed off)…");
await app.StartAsync(cancel);
var nodes = new List<AppProcess> { app };
for (var n = 1; n < nodeCount; n++)
{
    var node = new AppProcess(app);
    Console.WriteLine($"Starting node {n + 1} on {node.BaseUrl}, Redis on {redis.ConnectionString}…");
    await node.StartAsync(cancel);
    nodes.Add(node);
}

var latency = await MeasurePushLatencyAsync(nodes, clients, posts, cancel);
var report = new StringBuilder()
    .AppendLine(CultureInfo.InvariantCulture, $"# Live benchmark, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, {nodes.Count} node(s)")
    .AppendLine()
    .AppendLine(CultureInfo.InvariantCulture, $"Push latency, POST /api/cases → CaseChanged received, {clients} hub clients × {posts} cases ({latency.Delivered} of {latency.Expected} deliveries):")
    .AppendLine(CultureInfo.InvariantCulture, $"- p50 {latency.P50:F1} ms, p99 {latency.P99:F1} ms, max {latency.Max:F1} ms (target p99 < 250 ms)");
if (nodes.Count > 1)
{
    report.AppendLine(CultureInfo.InvariantCulture, $"- clients and posts alternate over the {nodes.Count} nodes: half of each case's receivers are on a node that did not take the post (Redis relay)")
        .AppendLine(CultureInfo.InvariantCulture, $"- same node as the post: p50 {latency.SameNode.P50:F1} ms, p99 {latency.SameNode.P99:F1} ms; other node: p50 {latency.OtherNode.P50:F1} ms, p99 {latency.OtherNode.P99:F1} ms");
}
else
{
    var memory = await MeasureCircuitMemoryAsync(app, circuits, gcdump, cancel);
    report.AppendLine()
        .AppendLine(CultureInfo.InvariantCulture, $"Server memory per open dashboard circuit ({circuits} wall pages in chromium, after {memory.Warmup} warm-up pages):")
        .AppendLine(CultureInfo.InvariantCulture, $"- managed heap after a full collection {memory.ManagedBeforeMb:F1} MB → {memory.ManagedAfterMb:F1} MB: {memory.ManagedPerCircuitKb:F0} KB per circuit (target < 300 KB)")
        .AppendLine(CultureInfo.InvariantCulture, $"- process working set {memory.RssBeforeMb:F1} MB → {memory.RssAfterMb:F1} MB: {memory.PerCircuitKb:F0} KB per circuit");
}

foreach (var node in nodes.Skip(1))
{
    await node.DisposeAsync();
}
Console.WriteLine();
Console.WriteLine(report.ToString());
var output = Path.Combine(AppContext.BaseDirectory, "live-benchmark.md");
await File.WriteAllTextAsync(output, report.ToString(), cancel);
Console.WriteLine($"Written to {output}");
return latency.Delivered == latency.Expected ? 0 : 1;

static int Option(string name, int fallback)
{
    var args = Environment.GetCommandLineArgs();
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;
}

static async Task<LatencyResult> MeasurePushLatencyAsync(IReadOnlyList<AppProcess> nodes, int clientCount, int postCount, CancellationToken cancel)
{
    // Each client and each post is on node (index % nodes): with two nodes, half of every case's receivers hear it through the relay.
    var received = new ConcurrentQueue<(int Node, string Code, long At)>();
    var connections = new List<HubConnection>(clientCount);
    var connect = Stopwatch.StartNew();
    var index = 0;
    foreach (var chunk in Enumerable.Range(0, clientCount).Chunk(50))
    {
        var batch = chunk.Select(_ =>
        {
            var node = index++ % nodes.Count;
            var connection = new HubConnectionBuilder()
                .WithUrl($"{nodes[node].BaseUrl}/hubs/live", o =>
                {
                    o.AccessTokenProvider = () => Task.FromResult<string?>(AppProcess.ApiKey);
                    o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets;
                    o.SkipNegotiation = true;
                })
                .Build();
            connection.On<JsonElement>("CaseChanged", json => received.Enqueue((node, json.GetProperty("code").GetString()!, Stopwatch.GetTimestamp())));
            connections.Add(connection);
            return connection.StartAsync(cancel);
        }).ToList();
        await Task.WhenAll(batch);
    }

    Console.WriteLine($"{clientCount} hub clients connected to {nodes.Count} node(s) in {connect.Elapsed.TotalSeconds:F1} s.");
    var http = nodes.Select(n =>
    {
        var client = new HttpClient { BaseAddress = new Uri(n.BaseUrl) };
        client.DefaultRequestHeaders.Add("X-Api-Key", AppProcess.ApiKey);
        return client;
    }).ToList();
    // One post on each node first, not counted: a node's first case pays its own one-off costs (compiling the intake's
    // queries and the first sends), which is start-up, not push latency. The slowest cases are printed below either way.
    foreach (var client in http)
    {
        using var warm = await client.PostAsync("/api/cases", new StringContent(
            """{"channel":"zalo","fieldCode":"MT","unitCode":"p-buon-ma-thuot","address":"Số 1 Lê Duẩn","description":"Warm-up","reporterName":"Bench","reporterPhone":"0905000000"}""",
            Encoding.UTF8, "application/json"), cancel);
        warm.EnsureSuccessStatusCode();
    }

    await Task.Delay(1000, cancel);
    var sentAt = new Dictionary<string, (int Node, long At)>(StringComparer.Ordinal);
    for (var i = 0; i < postCount; i++)
    {
        var node = i % nodes.Count;
        var started = Stopwatch.GetTimestamp();
        using var response = await http[node].PostAsync("/api/cases", new StringContent(
            """{"channel":"zalo","fieldCode":"MT","unitCode":"p-buon-ma-thuot","address":"Số 1 Lê Duẩn","description":"Benchmark","reporterName":"Bench","reporterPhone":"0905000000"}""",
            Encoding.UTF8, "application/json"), cancel);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancel));
        sentAt[json.RootElement.GetProperty("code").GetString()!] = (node, started);
        await Task.Delay(250, cancel);
    }

    await Task.Delay(2000, cancel);
    // Which posts set the tail: with 1,000 deliveries a case, one slow case is the p99.
    var order = sentAt.OrderBy(p => p.Value.At).Select((p, i) => (p.Key, Index: i + 1)).ToDictionary(p => p.Key, p => p.Index, StringComparer.Ordinal);
    var slowest = received.Where(r => sentAt.ContainsKey(r.Code))
        .GroupBy(r => r.Code)
        .Select(g => (Post: order[g.Key], Node: sentAt[g.Key].Node + 1, Ms: g.Max(r => Stopwatch.GetElapsedTime(sentAt[g.Key].At, r.At).TotalMilliseconds)))
        .OrderByDescending(c => c.Ms).Take(3);
    Console.WriteLine("Slowest cases (post number, node, last delivery): " + string.Join("; ", slowest.Select(c => string.Create(CultureInfo.InvariantCulture, $"#{c.Post} on node {c.Node} {c.Ms:F0} ms"))));
    var all = received.Where(r => sentAt.ContainsKey(r.Code))
        .Select(r => (Same: sentAt[r.Code].Node == r.Node, Ms: Stopwatch.GetElapsedTime(sentAt[r.Code].At, r.At).TotalMilliseconds))
        .ToList();
    foreach (var connection in connections)
    {
        await connection.DisposeAsync();
    }

    foreach (var client in http)
    {
        client.Dispose();
    }

    var latencies = all.Select(a => a.Ms).Order().ToArray();
    return new LatencyResult(clientCount * postCount, latencies.Length, Percentile(latencies, 0.5), Percentile(latencies, 0.99), latencies.Length == 0 ? double.NaN : latencies[^1])
    {
        SameNode = Spread(all.Where(a => a.Same).Select(a => a.Ms)),
        OtherNode = Spread(all.Where(a => !a.Same).Select(a => a.Ms)),
    };

    static (double P50, double P99) Spread(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return (Percentile(sorted, 0.5), Percentile(sorted, 0.99));
    }

    static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}

static async Task<MemoryResult> MeasureCircuitMemoryAsync(AppProcess app, int circuitCount, bool gcdump, CancellationToken cancel)
{
    const int Warmup = 5;
    using var playwright = await Playwright.CreateAsync();
    await using var browser = await HotlineIoc.Benchmarks.Live.Chromium.LaunchAsync(playwright);
    var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1920, Height = 1080 } });

    async Task OpenAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync($"{app.BaseUrl}/wall?token={AppProcess.DisplayToken}");
            await page.WaitForFunctionAsync("() => window.hotlineLive && window.hotlineLive.lastBeatAgeSeconds() < 5");
        }
    }

    using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
    async Task<(double Managed, double WorkingSet)> ReadAsync(int pages)
    {
        await Task.Delay(5000, cancel);
        using var json = JsonDocument.Parse(await http.GetStringAsync("/diagnostics/memory", cancel));
        if (gcdump)
        {
            await GcDumpAsync(app, pages, cancel);
        }

        return (json.RootElement.GetProperty("managedBytes").GetInt64() / 1024.0, json.RootElement.GetProperty("workingSetBytes").GetInt64() / 1024.0 / 1024.0);
    }

    await OpenAsync(Warmup);
    var before = await ReadAsync(Warmup);
    await OpenAsync(circuitCount);
    var after = await ReadAsync(Warmup + circuitCount);
    return new MemoryResult(Warmup, before.WorkingSet, after.WorkingSet, (after.WorkingSet - before.WorkingSet) * 1024 / circuitCount,
        before.Managed / 1024, after.Managed / 1024, (after.Managed - before.Managed) / circuitCount);
}

static async Task GcDumpAsync(AppProcess app, int pages, CancellationToken cancel)
{
    var tool = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools", "dotnet-gcdump");
    var file = Path.Combine(AppContext.BaseDirectory, $"circuits-{pages}.gcdump");
    var start = new ProcessStartInfo(File.Exists(tool) ? tool : "dotnet-gcdump", ["collect", "-p", app.ProcessId?.ToString(CultureInfo.InvariantCulture) ?? "0", "-o", file])
    {
        RedirectStandardOutput = true,
        RedirectStandardError = true,
        UseShellExecute = false,
    };
    using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet-gcdump did not start.");
    await process.WaitForExitAsync(cancel);
    Console.WriteLine(process.ExitCode == 0 ? $"Heap dump with {pages} pages open: {file}" : $"dotnet-gcdump failed: {await process.StandardError.ReadToEndAsync(cancel)}");
}

internal sealed record LatencyResult(int Expected, int Delivered, double P50, double P99, double Max)
{
    public (double P50, double P99) SameNode { get; init; }

    public (double P50, double P99) OtherNode { get; init; }
}

internal sealed record MemoryResult(int Warmup, double RssBeforeMb, double RssAfterMb, double PerCircuitKb, double ManagedBeforeMb, double ManagedAfterMb, double ManagedPerCircuitKb);
