using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using HotlineIoc.Browser.Tests;
using Microsoft.Data.Sqlite;

namespace HotlineIoc.Benchmarks.Live;

/// <summary>
/// The Zalo webhook under load: rounds of N deliveries at once, each signed as Zalo signs it, against the real app on
/// its SQLite file. Measures the time to the answer (Zalo wants one within about 2 s) and checks that every event
/// answered 200 is in the inbox, and that a second delivery of each adds nothing.
/// </summary>
public static class ZaloWebhookBenchmark
{
    public static async Task<int> RunAsync(int deliveries, int rounds, CancellationToken cancel)
    {
        await using var zalo = new FakeZaloServer();
        await using var app = new AppProcess();
        foreach (var (key, value) in zalo.Settings)
        {
            app.ExtraSettings[key] = value;
        }

        Console.WriteLine($"Starting the app on {app.BaseUrl} with the Zalo channel on…");
        await app.StartAsync(cancel);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = deliveries }) { BaseAddress = new Uri(app.BaseUrl), Timeout = TimeSpan.FromSeconds(30) };

        await DeliverAsync(http, "warm", 0, 20, cancel);
        var latencies = new List<double>();
        var statuses = new ConcurrentDictionary<HttpStatusCode, int>();
        for (var round = 1; round <= rounds; round++)
        {
            var (times, codes) = await DeliverAsync(http, "r" + round, round, deliveries, cancel);
            latencies.AddRange(times);
            foreach (var code in codes)
            {
                statuses.AddOrUpdate(code, 1, (_, n) => n + 1);
            }

            Console.WriteLine($"round {round}: {deliveries} at once, p99 {Percentile(times, 0.99):F0} ms, max {times.Max():F0} ms");
        }

        // Zalo delivers at least once: every event again, all at once.
        var (again, againCodes) = await DeliverAsync(http, "r1", 1, deliveries, cancel);
        var ok = statuses.GetValueOrDefault(HttpStatusCode.OK);
        var stored = await CountAsync(app.ConnectionString, "SELECT COUNT(*) FROM ZaloInbox WHERE MessageId NOT LIKE 'warm%'", cancel);
        var processed = await WaitProcessedAsync(app.ConnectionString, stored, cancel);

        latencies.Sort();
        var report = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"# Zalo webhook benchmark, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"{rounds} rounds of {deliveries} signed deliveries at once ({latencies.Count} events), SQLite, the app in its own process:")
            .AppendLine(CultureInfo.InvariantCulture, $"- answer time p50 {Percentile(latencies, 0.5):F0} ms, p95 {Percentile(latencies, 0.95):F0} ms, p99 {Percentile(latencies, 0.99):F0} ms, max {latencies[^1]:F0} ms (Zalo's limit about 2,000 ms)")
            .AppendLine(CultureInfo.InvariantCulture, $"- answers: {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{(int)s.Key} × {s.Value}"))}")
            .AppendLine(CultureInfo.InvariantCulture, $"- stored in the inbox: {stored} of {ok} answered 200; processed into conversations: {processed}")
            .AppendLine(CultureInfo.InvariantCulture, $"- the same {deliveries} events delivered again at once: p99 {Percentile(again, 0.99):F0} ms, answers {string.Join(", ", againCodes.GroupBy(c => c).Select(g => $"{(int)g.Key} × {g.Count()}"))}, inbox still {await CountAsync(app.ConnectionString, "SELECT COUNT(*) FROM ZaloInbox WHERE MessageId NOT LIKE 'warm%'", cancel)}")
            .ToString();
        Console.WriteLine();
        Console.WriteLine(report);
        await File.WriteAllTextAsync(Path.Combine(AppContext.BaseDirectory, "zalo-benchmark.md"), report, cancel);
        return stored == ok && ok == latencies.Count ? 0 : 1;
    }

    private static async Task<(List<double> Times, List<HttpStatusCode> Codes)> DeliverAsync(HttpClient http, string prefix, int round, int count, CancellationToken cancel)
    {
        var start = new TaskCompletionSource();
        var tasks = Enumerable.Range(0, count).Select(async i =>
        {
            var body = JsonSerializer.Serialize(new
            {
                app_id = FakeZaloServer.AppId,
                sender = new { id = (5_500_000_000_000_000_000 + (round * 10_000L) + i).ToString(CultureInfo.InvariantCulture) },
                recipient = new { id = "1646843870823903717" },
                event_name = "user_send_text",
                message = new { text = $"Phản ánh thử tải số {i} của đợt {round}", msg_id = $"{prefix}-{i:0000}" },
                timestamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            });
            var timestamp = JsonDocument.Parse(body).RootElement.GetProperty("timestamp").GetString()!;
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            content.Headers.Add("X-ZEvent-Signature", FakeZaloServer.Sign(body, timestamp));
            await start.Task;
            var clock = Stopwatch.StartNew();
            using var response = await http.PostAsync("/webhooks/zalo", content, cancel);
            return (clock.Elapsed.TotalMilliseconds, response.StatusCode);
        }).ToList();
        start.SetResult();
        var results = await Task.WhenAll(tasks);
        return ([.. results.Select(r => r.Item1)], [.. results.Select(r => r.Item2)]);
    }

    private static async Task<int> WaitProcessedAsync(string connectionString, int stored, CancellationToken cancel)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        int processed;
        while ((processed = await CountAsync(connectionString, "SELECT COUNT(*) FROM ZaloInbox WHERE ProcessedAt IS NOT NULL AND MessageId NOT LIKE 'warm%'", cancel)) < stored
            && DateTime.UtcNow < deadline)
        {
            await Task.Delay(500, cancel);
        }

        return processed;
    }

    private static async Task<int> CountAsync(string connectionString, string sql, CancellationToken cancel)
    {
        await using var connection = new SqliteConnection(connectionString + ";Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(cancel);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancel), CultureInfo.InvariantCulture);
    }

    private static double Percentile(List<double> values, double share)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(share * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}
