using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace HotlineIoc.Browser.Tests;

/// <summary>
/// A real <c>redis-server</c> (Debian's) on a free loopback port, without persistence, that a test can kill and start
/// again on the same port, as an operations team would see Redis restart.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    public static readonly string[] Candidates = ["/usr/bin/redis-server", "/usr/local/bin/redis-server"];
    private readonly StringBuilder _log = new();
    private Process? _process;

    public RedisServer()
    {
        Port = Loopback.FreePort();
    }

    public int Port { get; }

    public string ConnectionString => $"127.0.0.1:{Port}";

    public static string? Executable => Candidates.FirstOrDefault(File.Exists);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Executable ?? throw new InvalidOperationException("No redis-server found at " + string.Join(", ", Candidates) + " (apt-get install redis-server)."), ["--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "no"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        for (var i = 0; i < 100; i++)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"redis-server exited with code {_process.ExitCode}:\n{_log}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port, cancellationToken);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100, cancellationToken);
            }
        }

        throw new TimeoutException($"redis-server did not listen on {Port}:\n{_log}");
    }

    /// <summary>Kills the server at once, as a crash would: no goodbye to the clients.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync() => await KillAsync();

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_log)
            {
                _log.AppendLine(line);
            }
        }
    }
}
