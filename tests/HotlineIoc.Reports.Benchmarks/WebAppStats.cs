using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;

namespace HotlineIoc.Reports.Benchmarks;

/// <summary>
/// <c>GET /api/stats</c> as a client meets it: the web app (its Release build) started on the benchmark's database as in
/// production, its start-up warm-up let finish, then each period asked 60 times over HTTP with an API key. What the
/// in-process mode leaves out is all here: the host's garbage collector and compilation settings, the other background
/// work of a running node, authentication and the JSON.
/// </summary>
internal static class WebAppStats
{
    public const int Runs = 60;

    public static async Task RunAsync(string databasePath, string keysFolder, IReadOnlyList<(string Name, DateOnly From, DateOnly To)> periods, Func<List<double>, string> percentiles, TextWriter log)
    {
        var webFolder = Path.Combine(RepositoryRoot(), "src", "HotlineIoc.Web");
        var dll = Path.Combine(webFolder, "bin", "Release", "net10.0", "HotlineIoc.Web.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} is missing: build the web app first with 'dotnet build -c Release src/HotlineIoc.Web'.");
        }

        var port = FreePort();
        var key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = webFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.Environment["ConnectionStrings__Hotline"] = $"Data Source={databasePath}";
        start.Environment["Privacy__KeysFolder"] = keysFolder;
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Api__Keys__0__Key"] = key;
        start.Environment["Api__Keys__0__Name"] = "benchmark";
        start.Environment["Api__Keys__0__Scopes__0"] = "read";

        var warmed = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new List<string>();
        var clock = Stopwatch.StartNew();
        using var app = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        void Line(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (output)
            {
                output.Add(line);
            }

            if (line.Contains("Reports warmed up in", StringComparison.Ordinal) || line.Contains("Warming up the reports failed", StringComparison.Ordinal))
            {
                warmed.TrySetResult(line.Trim());
            }
        }

        app.OutputDataReceived += (_, e) => Line(e.Data);
        app.ErrorDataReceived += (_, e) => Line(e.Data);
        app.BeginOutputReadLine();
        app.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(2) };
            http.DefaultRequestHeaders.Add("X-Api-Key", key);
            var healthy = await UntilHealthyAsync(http, app, output);
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Web app (Release) on the same database: /healthz answered {healthy.TotalSeconds:F1} s after start"));
            var warmUp = await warmed.Task.WaitAsync(TimeSpan.FromMinutes(5));
            log.WriteLine($"  {warmUp}");
            log.WriteLine($"GET /api/stats over HTTP, {Runs} runs each after one warm-up, load average {LoadAverage()}:");
            foreach (var (name, from, to) in periods)
            {
                var uri = $"/api/stats?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}";
                var received = await ReceivedAsync(http, uri);
                var times = new List<double>(Runs);
                for (var run = 0; run < Runs; run++)
                {
                    var watch = Stopwatch.StartNew();
                    var again = await ReceivedAsync(http, uri);
                    times.Add(watch.Elapsed.TotalMilliseconds);
                    if (again != received)
                    {
                        throw new InvalidOperationException($"{uri} answered {again} cases received, then {received}.");
                    }
                }

                log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"- {name}: {received:N0} cases; runs 1-30 {percentiles(times[..30])}; runs 31-60 {percentiles(times[30..])}"));
            }
        }
        finally
        {
            app.Kill(entireProcessTree: true);
            await app.WaitForExitAsync();
        }

        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  (web app ran {clock.Elapsed.TotalSeconds:F0} s)"));
    }

    private static async Task<long> ReceivedAsync(HttpClient http, string uri)
    {
        using var response = await http.GetAsync(uri);
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {uri} answered {(int)response.StatusCode}: {body}");
        }

        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("received").GetInt64();
    }

    private static async Task<TimeSpan> UntilHealthyAsync(HttpClient http, Process app, List<string> output)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(2))
        {
            if (app.HasExited)
            {
                lock (output)
                {
                    throw new InvalidOperationException($"The web app stopped (exit {app.ExitCode}):{Environment.NewLine}{string.Join(Environment.NewLine, output.TakeLast(30))}");
                }
            }

            try
            {
                using var response = await http.GetAsync("/healthz");
                if (response.IsSuccessStatusCode)
                {
                    return clock.Elapsed;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(50);
        }

        throw new InvalidOperationException("The web app did not answer /healthz within two minutes.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "HotlineIoc.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"HotlineIoc.sln was not found above {AppContext.BaseDirectory}.");
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
