using System.Diagnostics;
using System.Net;
using System.Text;

namespace HotlineIoc.Browser.Tests;

/// <summary>
/// The web app as operators run it: its own process, a real port, a real SQLite file. It can be stopped and started
/// again on the same port and database, which is what a wall display sees when the server restarts.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    public const string ApiKey = "browser-test-key";
    public const string DisplayToken = "browser-test-wall-token";
    public const string Password = "Browser@Test2026";

    private readonly StringBuilder _log = new();
    private Process? _process;

    private readonly bool _ownsFolder;

    public AppProcess()
    {
        Folder = Directory.CreateTempSubdirectory("hotline-browser-").FullName;
        Port = Loopback.FreePort();
        _ownsFolder = true;
    }

    /// <summary>Another node of the same deployment: the same SQLite file and the same key folder, its own port.</summary>
    public AppProcess(AppProcess sameDeployment)
    {
        ArgumentNullException.ThrowIfNull(sameDeployment);
        Folder = sameDeployment.Folder;
        Port = Loopback.FreePort();
        foreach (var (key, value) in sameDeployment.ExtraSettings)
        {
            ExtraSettings[key] = value;
        }
    }

    public string Folder { get; }

    /// <summary>More settings for the app, as environment variables (<c>Section__Key</c>).</summary>
    public Dictionary<string, string> ExtraSettings { get; } = new(StringComparer.Ordinal);

    public int Port { get; }

    /// <summary>The app's process id while it runs (for diagnostics tools such as dotnet-gcdump).</summary>
    public int? ProcessId => _process is { HasExited: false } process ? process.Id : null;

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public static string WebProjectFolder
    {
        get
        {
            var folder = new DirectoryInfo(AppContext.BaseDirectory);
            while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "HotlineIoc.sln")))
            {
                folder = folder.Parent;
            }

            return Path.Combine(folder?.FullName ?? throw new InvalidOperationException("HotlineIoc.sln not found above the test folder."), "src", "HotlineIoc.Web");
        }
    }

    public string ConnectionString => $"Data Source={Path.Combine(Folder, "hotline.db")}";

    /// <summary>Runs the command line against the same database, as an operator would from a shell; returns the exit code and output.</summary>
    public async Task<(int Code, string Output)> RunCliAsync(CancellationToken cancellationToken, params string[] args)
    {
        var dll = Path.Combine(Path.GetDirectoryName(WebProjectFolder)!, "HotlineIoc.Cli", "bin", BuildConfiguration, "net10.0", "hotline.dll");
        var start = new ProcessStartInfo("dotnet", [dll, .. args]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.Environment["ConnectionStrings__Hotline"] = ConnectionString;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, await output + await error);
    }

    private static string BuildConfiguration => new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // Debug or Release, as the tests were built

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var dll = Path.Combine(WebProjectFolder, "bin", BuildConfiguration, "net10.0", "HotlineIoc.Web.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} does not exist; build the solution first.");
        }

        var start = new ProcessStartInfo("dotnet", [dll, "--urls", BaseUrl])
        {
            WorkingDirectory = WebProjectFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var env = start.Environment;
        env["ASPNETCORE_ENVIRONMENT"] = "Development";
        env["ConnectionStrings__Hotline"] = ConnectionString;
        env["Demo__Enabled"] = "true";
        env["Demo__LiveFeed"] = "false";
        env["Demo__Password"] = Password;
        env["Demo__ApiKey"] = "";
        env["Api__Keys__0__Key"] = ApiKey;
        env["Api__Keys__0__Name"] = "browser-tests";
        env["Api__Keys__0__Scopes__0"] = "read";
        env["Api__Keys__0__Scopes__1"] = "write";
        env["Display__Tokens__0"] = DisplayToken;
        env["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in ExtraSettings)
        {
            env[key] = value;
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(300); // a first start generates the demo history; a loaded CI machine is slow
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with code {_process.ExitCode}:\n{Log}");
            }

            try
            {
                using var response = await http.GetAsync(BaseUrl + "/healthz", cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }

            await Task.Delay(250, cancellationToken);
        }

        throw new TimeoutException($"The app did not answer /healthz within 300 s:\n{Log}");
    }

    /// <summary>The app's resident memory, from /proc, in MB.</summary>
    public double WorkingSetMb()
    {
        if (_process is null)
        {
            return double.NaN;
        }

        _process.Refresh();
        return _process.WorkingSet64 / 1024.0 / 1024.0;
    }

    public async Task StopAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (!_ownsFolder)
        {
            return;
        }

        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }
    }
}
