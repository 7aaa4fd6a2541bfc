using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;

namespace HotlineIoc.Browser.Tests;

/// <summary>
/// Two nodes behind Redis, started for real: changes on one reach the other's hub clients and walls, the figures never
/// drift (not even across a Redis crash), a reverse proxy with affinity moves a wall to the live node without a click,
/// and background work runs on one node only.
/// </summary>
[Collection(ClusterGroup.Name)]
public sealed class ClusterTests(ClusterFixture cluster)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static HubConnection Hub(AppProcess node) =>
        new HubConnectionBuilder()
            .WithUrl($"{node.BaseUrl}/hubs/live", o => o.AccessTokenProvider = () => Task.FromResult<string?>(AppProcess.ApiKey))
            .Build();

    [Fact]
    public async Task A_case_posted_on_node_a_reaches_hub_clients_on_both_nodes_once()
    {
        cluster.Require();
        var seen = new ConcurrentDictionary<(string Node, string Code), int>();
        await using var onA = Hub(cluster.A);
        await using var onB = Hub(cluster.B);
        onA.On<JsonElement>("CaseChanged", json => seen.AddOrUpdate(("A", json.GetProperty("code").GetString()!), 1, (_, n) => n + 1));
        var arrived = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        string? awaited = null;
        onB.On<JsonElement>("CaseChanged", json =>
        {
            var code = json.GetProperty("code").GetString()!;
            seen.AddOrUpdate(("B", code), 1, (_, n) => n + 1);
            if (code == Volatile.Read(ref awaited))
            {
                arrived.TrySetResult(Stopwatch.GetTimestamp());
            }
        });
        await onA.StartAsync(Ct);
        await onB.StartAsync(Ct);
        using var a = ClusterFixture.Api(cluster.A);

        var posted = Stopwatch.GetTimestamp();
        var code = await ClusterFixture.PostCaseAsync(a, field: "ATGT", unit: "p-tan-lap");
        Volatile.Write(ref awaited, code);
        if (seen.ContainsKey(("B", code)))
        {
            arrived.TrySetResult(Stopwatch.GetTimestamp());
        }

        var at = await arrived.Task.WaitAsync(TimeSpan.FromSeconds(15), Ct);
        await LogAsync($"case posted on node A at node B's hub client: {Stopwatch.GetElapsedTime(posted, at).TotalMilliseconds:F0} ms (aim 1000 ms)");

        // Once each, also on A itself: the relay skips what a node sent, and there is no SignalR backplane beside it.
        await Task.Delay(TimeSpan.FromSeconds(2), Ct);
        Assert.Equal(1, seen[("B", code)]);
        Assert.Equal(1, seen.GetValueOrDefault(("A", code)));
    }

    [Fact]
    public async Task After_500_cases_posted_over_both_nodes_both_show_the_databases_figures()
    {
        cluster.Require();
        using var a = ClusterFixture.Api(cluster.A);
        using var b = ClusterFixture.Api(cluster.B);
        string[] channels = ["hotline", "zalo", "ioc"];
        string[] fields = ["MT", "ATGT", "TTDT", "HTDT", "DDXD"];
        string[] units = ["p-buon-ma-thuot", "p-tan-lap", "p-thanh-nhat", "p-tan-an", "p-ea-kao", "x-hoa-phu"];

        await Parallel.ForAsync(0, 500, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = Ct }, async (i, _) =>
            await ClusterFixture.PostCaseAsync(i % 2 == 0 ? a : b, channels[i % 3], fields[i % 5], units[i % 6]));

        var (nodeA, nodeB) = await ConvergedAsync(a, b, TimeSpan.FromSeconds(30));
        var truth = await ClusterFixture.TruthAsync(a);
        Assert.Equal(truth.ReceivedThisYear, nodeA.ReceivedThisYear);
        Assert.Equal(truth.OverdueOpen, nodeA.Overdue);
        Assert.Equal(nodeA.Figures, nodeB.Figures);
        Assert.True(nodeA.ByChannel.Sum(c => c.Count) == nodeA.ReceivedThisYear, "the year's cases by channel add up to the year's received");
    }

    [Fact]
    public async Task When_redis_dies_mid_stream_the_wall_says_paused_and_the_nodes_agree_with_the_database_once_it_is_back()
    {
        cluster.Require();
        using var a = ClusterFixture.Api(cluster.A);
        using var b = ClusterFixture.Api(cluster.B);
        var wall = await cluster.NewPageAsync();
        await wall.GotoAsync($"{cluster.B.BaseUrl}/wall?token={AppProcess.DisplayToken}");
        await wall.Locator("[data-live=on]").WaitForAsync(Browser.Patiently);
        Assert.Equal(0, await wall.Locator("[data-testid=live-paused]").CountAsync());

        // Cases keep coming on both nodes while Redis crashes, stays down, and comes back.
        using var stop = new CancellationTokenSource();
        var posted = 0;
        var stream = Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                await ClusterFixture.PostCaseAsync(i % 2 == 0 ? a : b, unit: i % 2 == 0 ? "p-ea-kao" : "p-tan-an");
                Interlocked.Increment(ref posted);
                await Task.Delay(100, Ct);
            }
        }, Ct);
        while (Volatile.Read(ref posted) < 10)
        {
            await Task.Delay(50, Ct);
        }

        await cluster.Redis.KillAsync();
        await Browser.TimeAsync("wall shows live updates paused after Redis died", () => wall.Locator("[data-testid=live-paused]").WaitForAsync(Browser.Patiently), aimMs: 5000);
        await Assertions.Expect(wall.Locator("[data-testid=live-paused]")).ToHaveTextAsync("Tạm dừng cập nhật trực tiếp");
        using (var health = await b.GetAsync("/healthz", Ct))
        {
            // Degraded, not down: the node still serves its users alone.
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            Assert.Equal("Degraded", await health.Content.ReadAsStringAsync(Ct));
        }

        var whileDown = Volatile.Read(ref posted);
        while (Volatile.Read(ref posted) < whileDown + 10)
        {
            await Task.Delay(50, Ct);
        }

        await cluster.Redis.StartAsync(Ct);
        var back = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(2), Ct);
        await stop.CancelAsync();
        await stream;

        var (nodeA, nodeB) = await ConvergedAsync(a, b, TimeSpan.FromSeconds(60));
        await LogAsync($"nodes agree with the database after Redis came back: {back.Elapsed.TotalMilliseconds:F0} ms (aim 10000 ms)");
        var truth = await ClusterFixture.TruthAsync(a);
        Assert.Equal(truth.ReceivedThisYear, nodeB.ReceivedThisYear);
        Assert.Equal(nodeA.Figures, nodeB.Figures);
        await wall.Locator("[data-testid=live-paused]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached, Timeout = Browser.PatienceMs });
        using (var health = await b.GetAsync("/healthz", Ct))
        {
            Assert.Equal("Healthy", await health.Content.ReadAsStringAsync(Ct));
        }

        // And live again: the next case from node A reaches the wall on node B.
        var next = await ClusterFixture.PostCaseAsync(a, unit: "x-hoa-phu");
        await Browser.TimeAsync("case from node A on node B's wall after Redis came back", () => wall.Locator($"[data-wall] [data-code='{next}']").First.WaitForAsync(Browser.Patiently));
    }

    [Fact]
    public async Task Each_zalo_acknowledgement_is_sent_once_although_both_nodes_take_webhooks()
    {
        cluster.Require();
        var users = Enumerable.Range(0, 20).Select(i => "77001" + Random.Shared.Next(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture) + i.ToString("D2", CultureInfo.InvariantCulture)).ToList();
        var before = cluster.Zalo.Sent.Count;

        for (var i = 0; i < users.Count; i++)
        {
            await PostZaloAsync(i % 2 == 0 ? cluster.A : cluster.B, users[i], $"Cống thoát nước bị tắc ở hẻm {i + 10} Y Jút");
        }

        // Each new conversation gets one acknowledgement, sent by whichever node holds the sender's lease.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (cluster.Zalo.Sent.Count(s => users.Contains(s.UserId)) < users.Count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250, Ct);
        }

        await Task.Delay(TimeSpan.FromSeconds(3), Ct); // room for a second send, if there were one
        var sent = cluster.Zalo.Sent.Skip(before).Where(s => users.Contains(s.UserId)).GroupBy(s => s.UserId).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(users.Count, sent.Count);
        Assert.All(sent, s => Assert.Equal(1, s.Value));
    }

    [Fact]
    public async Task Through_a_proxy_with_affinity_a_wall_on_a_dead_node_comes_back_on_the_live_one_without_a_click()
    {
        cluster.Require();
        await using var proxy = await AffinityProxy.StartAsync([("1-node-b", cluster.B.BaseUrl), ("2-node-a", cluster.A.BaseUrl)], Ct);
        using var a = ClusterFixture.Api(cluster.A);
        var wall = await cluster.NewPageAsync();
        try
        {
            await wall.GotoAsync($"{proxy.BaseUrl}/wall?token={AppProcess.DisplayToken}");
            await wall.Locator("[data-live=on]").WaitForAsync(Browser.Patiently);
            Assert.Equal("1-node-b", proxy.Served.Last(s => s.Path.StartsWith("/_blazor", StringComparison.Ordinal)).Destination);

            var first = await ClusterFixture.PostCaseAsync(a, field: "ANTT", unit: "p-thanh-nhat");
            await Browser.TimeAsync("case posted on node A on a wall served by node B through the proxy", () => wall.Locator($"[data-wall] [data-code='{first}']").First.WaitForAsync(Browser.Patiently));

            await cluster.B.StopAsync();
            // The wall's own self-healing: reconnect, and reload when the circuit is gone; the proxy sends it to node A.
            var next = await ClusterFixture.PostCaseAsync(a, field: "HTDT", unit: "p-tan-an");
            await Browser.TimeAsync("wall back through node A after node B died", () => wall.Locator($"[data-wall] [data-code='{next}']").First.WaitForAsync(new LocatorWaitForOptions { Timeout = 90_000 }), aimMs: 30_000);
            await wall.Locator("[data-live=on]").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
            Assert.Equal("2-node-a", proxy.Served.Last(s => s.Path.StartsWith("/_blazor", StringComparison.Ordinal)).Destination);
            Assert.Equal(0, await wall.GetByRole(AriaRole.Button).CountAsync());

            var third = await ClusterFixture.PostCaseAsync(a, field: "MT", unit: "p-ea-kao");
            await Browser.TimeAsync("next case on the wall now on node A", () => wall.Locator($"[data-wall] [data-code='{third}']").First.WaitForAsync(Browser.Patiently));
            await wall.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("cluster-wall-after-failover-1920x1080.png") });
        }
        finally
        {
            // The other tests of the collection use node B again.
            await cluster.B.StartAsync(Ct);
        }
    }

    /// <summary>Polls both nodes until their live figures agree with each other and with the database.</summary>
    private static async Task<(LiveFigures A, LiveFigures B)> ConvergedAsync(HttpClient a, HttpClient b, TimeSpan patience)
    {
        var deadline = DateTime.UtcNow + patience;
        while (true)
        {
            var truth = await ClusterFixture.TruthAsync(a);
            var nodeA = await ClusterFixture.LiveAsync(a);
            var nodeB = await ClusterFixture.LiveAsync(b);
            var agree = nodeA.Figures == nodeB.Figures && nodeA.ReceivedThisYear == truth.ReceivedThisYear && nodeA.Overdue == truth.OverdueOpen
                && !nodeA.RelayPaused && !nodeB.RelayPaused;
            if (agree || DateTime.UtcNow > deadline)
            {
                return (nodeA, nodeB);
            }

            await Task.Delay(250, Ct);
        }
    }

    private static Task PostZaloAsync(AppProcess node, string user, string text) =>
        FakeZaloServer.DeliverAsync(node.BaseUrl, new
        {
            app_id = FakeZaloServer.AppId, sender = new { id = user }, recipient = new { id = "1646843870823903717" }, event_name = "user_send_text",
            message = new { text, msg_id = Guid.NewGuid().ToString("N")[..20] },
            timestamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
        }, Ct);

    private static async Task LogAsync(string line)
    {
        var stamped = $"{DateTime.UtcNow:O} {line}";
        TestContext.Current.TestOutputHelper?.WriteLine(stamped);
        await File.AppendAllTextAsync(Browser.ScreenshotPath("timings.log"), stamped + Environment.NewLine, Ct);
    }
}
