using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;

namespace HotlineIoc.Browser.Tests;

/// <summary>
/// Zalo's OA send endpoint on loopback for the journeys (a plain <see cref="HttpListener"/>, so this project needs no web
/// framework): it records each message the app sends and answers as Zalo does on success.
/// </summary>
public sealed class FakeZaloServer : IAsyncDisposable
{
    public const string AppId = "3482178216594085616";
    public const string OaSecret = "browser-oa-secret";

    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public FakeZaloServer()
    {
        var port = Loopback.FreePort();
        BaseUrl = $"http://127.0.0.1:{port}/";
        _listener.Prefixes.Add(BaseUrl);
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public string BaseUrl { get; }

    public ConcurrentQueue<(string UserId, string Text)> Sent { get; } = new();

    /// <summary>The settings that point the app at this fake, as environment variables.</summary>
    public IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Zalo__Enabled"] = "true",
        ["Zalo__AppId"] = AppId,
        ["Zalo__OaSecretKey"] = OaSecret,
        ["Zalo__AppSecret"] = "browser-app-secret",
        ["Zalo__ApiBaseUrl"] = BaseUrl,
        ["Zalo__OAuthBaseUrl"] = BaseUrl,
        ["Zalo__AccessToken"] = "browser-token",
        ["Zalo__RefreshToken"] = "browser-refresh",
    };

    /// <summary>Signs a body as Zalo does: SHA-256 of app_id + body + timestamp + OA secret, as lowercase hex.</summary>
    public static string Sign(string body, string timestamp) =>
        "mac=" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(AppId + body + timestamp + OaSecret)));

    /// <summary>
    /// Delivers an event to the app's webhook as Zalo does: signed, and again after a 503 (the app's answer when it could
    /// not store the event in time). Throws with the app's answer unless it took the event.
    /// </summary>
    public static async Task DeliverAsync(string appBaseUrl, object zaloEvent, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.Serialize(zaloEvent);
        using var parsed = JsonDocument.Parse(body);
        var timestamp = parsed.RootElement.GetProperty("timestamp").GetString()!;
        using var http = new HttpClient { BaseAddress = new Uri(appBaseUrl) };
        for (var attempt = 1; ; attempt++)
        {
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            content.Headers.Add("X-ZEvent-Signature", Sign(body, timestamp));
            using var response = await http.PostAsync("/webhooks/zalo", content, cancellationToken);
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable || attempt == 5)
            {
                if (!response.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"The webhook answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
                }

                return;
            }

            await Task.Delay(TimeSpan.FromSeconds(attempt), cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or OperationCanceledException)
        {
        }

        _listener.Close();
        _stop.Dispose();
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using (context.Response)
            {
                var answer = "{\"error\":-201,\"message\":\"unknown endpoint\"}";
                if (context.Request.Url?.AbsolutePath == "/v3.0/oa/message/cs")
                {
                    using var json = await JsonDocument.ParseAsync(context.Request.InputStream);
                    Sent.Enqueue((json.RootElement.GetProperty("recipient").GetProperty("user_id").GetString()!, json.RootElement.GetProperty("message").GetProperty("text").GetString()!));
                    answer = $"{{\"error\":0,\"message\":\"Success\",\"data\":{{\"message_id\":\"m{Sent.Count}\"}}}}";
                }

                var bytes = Encoding.UTF8.GetBytes(answer);
                context.Response.ContentType = "application/json";
                await context.Response.OutputStream.WriteAsync(bytes);
            }
        }
    }
}
