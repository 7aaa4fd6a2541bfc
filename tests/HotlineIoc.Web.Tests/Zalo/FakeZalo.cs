using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace HotlineIoc.Web.Tests.Zalo;

/// <summary>
/// A local stand-in for Zalo's OA API, started for real on a loopback port: it records every message sent and every token
/// refresh, and answers as Zalo does (HTTP 200 with an <c>error</c> code). Tests script the next answers.
/// </summary>
public sealed class FakeZalo : IAsyncDisposable
{
    public const string AppSecret = "fake-app-secret";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<int> _nextErrors = new();
    private int _tokenNumber = 1;
    private int _messageNumber;

    private FakeZalo(WebApplication app) => _app = app;

    /// <summary>Messages received, in order: the access token used, the recipient and the text.</summary>
    public ConcurrentQueue<SentMessage> Sent { get; } = new();

    /// <summary>Sends refused (any error), with the token used.</summary>
    public ConcurrentQueue<SentMessage> Refused { get; } = new();

    /// <summary>Refresh tokens presented to the OAuth endpoint.</summary>
    public ConcurrentQueue<string> Refreshes { get; } = new();

    /// <summary>The access token Zalo accepts: "token-1" until a refresh, none while it has expired.</summary>
    public string CurrentAccessToken => $"token-{Volatile.Read(ref _tokenNumber)}";

    public string CurrentRefreshToken => $"refresh-{Volatile.Read(ref _tokenNumber)}";

    private volatile bool _expired;

    public string BaseUrl { get; private set; } = "";

    public static async Task<FakeZalo> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeZalo(app);
        app.MapPost("/v3.0/oa/message/cs", (Delegate)fake.SendAsync);
        app.MapPost("/v4/oa/access_token", (Delegate)fake.RefreshAsync);
        await app.StartAsync();
        fake.BaseUrl = app.Urls.First();
        return fake;
    }

    /// <summary>The next sends are answered with these Zalo error codes, one each, before the fake answers normally again.</summary>
    public void AnswerNext(params int[] errors)
    {
        foreach (var error in errors)
        {
            _nextErrors.Enqueue(error);
        }
    }

    /// <summary>The access token expires: sends get -216 until a refresh gives a new one.</summary>
    public void ExpireToken() => _expired = true;

    public async Task<IReadOnlyList<SentMessage>> WaitForSentAsync(int count, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(20));
        while (Sent.Count < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        return [.. Sent];
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task<IResult> SendAsync(HttpContext http)
    {
        using var body = await JsonDocument.ParseAsync(http.Request.Body);
        var token = http.Request.Headers["access_token"].ToString();
        var message = new SentMessage(token, body.RootElement.GetProperty("recipient").GetProperty("user_id").GetString()!, body.RootElement.GetProperty("message").GetProperty("text").GetString()!);
        if (_expired || token != CurrentAccessToken)
        {
            Refused.Enqueue(message);
            return Results.Json(new { error = -216, message = "Access token is invalid" });
        }

        if (_nextErrors.TryDequeue(out var error))
        {
            Refused.Enqueue(message);
            return Results.Json(new { error, message = $"scripted error {error}" });
        }

        Sent.Enqueue(message);
        var id = Interlocked.Increment(ref _messageNumber);
        return Results.Json(new { error = 0, message = "Success", data = new { message_id = $"m{id:0000}", user_id = message.UserId } });
    }

    private async Task<IResult> RefreshAsync(HttpContext http)
    {
        var form = await http.Request.ReadFormAsync();
        var presented = form["refresh_token"].ToString();
        Refreshes.Enqueue(presented);
        if (http.Request.Headers["secret_key"] != AppSecret || form["grant_type"] != "refresh_token")
        {
            return Results.Json(new { error = -14014, error_description = "Invalid secret key" });
        }

        // A refresh token is single-use: only the current one works, once.
        if (presented != CurrentRefreshToken)
        {
            return Results.Json(new { error = -14020, error_description = "Invalid refresh token" });
        }

        var next = Interlocked.Increment(ref _tokenNumber);
        _expired = false;
        return Results.Json(new { access_token = $"token-{next}", refresh_token = $"refresh-{next}", expires_in = "90000" });
    }
}

public sealed record SentMessage(string AccessToken, string UserId, string Text);
