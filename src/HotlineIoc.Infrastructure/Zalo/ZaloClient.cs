using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace HotlineIoc.Infrastructure.Zalo;

/// <summary>What Zalo answered a send: <c>error</c> 0 and a message id, or a negative code and its message.</summary>
/// <param name="Error">Zalo's code; null when no Zalo answer could be read (network, HTTP error, not JSON).</param>
public sealed record ZaloSendResult(int? Error, string? Message, string? MessageId)
{
    public bool Succeeded => Error == 0;

    /// <summary>-216, -220: the access token is invalid or expired.</summary>
    public bool TokenExpired => Error is -216 or -220;

    /// <summary>-230, -232: the citizen has not interacted with the OA in the last 7 days.</summary>
    public bool OutsideWindow => Error is -230 or -232;

    /// <summary>-201: the payload is wrong; sending it again changes nothing.</summary>
    public bool BadPayload => Error == -201;

    /// <summary>-32: too many requests.</summary>
    public bool RateLimited => Error == -32;
}

/// <summary>A new token pair from the refresh endpoint; each refresh token is single-use.</summary>
public sealed record ZaloTokens(string AccessToken, string RefreshToken);

/// <summary>Zalo's OA API over HTTP: send a consultation message, refresh the access token. No retries here; the sender decides.</summary>
public sealed class ZaloClient(HttpClient http, ZaloSettings settings)
{
    public async Task<ZaloSendResult> SendTextAsync(string accessToken, string userId, string text, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(settings.ApiBaseUrl, "v3.0/oa/message/cs"))
        {
            Content = JsonContent.Create(new { recipient = new { user_id = userId }, message = new { text } }),
        };
        request.Headers.Add("access_token", accessToken);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return new ZaloSendResult(null, $"HTTP {(int)response.StatusCode}", null);
            }

            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            var error = root.TryGetProperty("error", out var e) && e.TryGetInt32(out var code) ? code : (int?)null;
            var message = root.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            var messageId = root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object && data.TryGetProperty("message_id", out var id)
                ? (id.ValueKind == JsonValueKind.String ? id.GetString() : id.GetRawText())
                : null;
            return error is null ? new ZaloSendResult(null, "the answer has no error code", null) : new ZaloSendResult(error, message, messageId);
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new ZaloSendResult(null, e is TaskCanceledException ? "Zalo did not answer in time" : e.Message, null);
        }
    }

    /// <summary>Exchanges the single-use refresh token for a new pair; throws <see cref="ZaloTokenException"/> with Zalo's reason.</summary>
    public async Task<ZaloTokens> RefreshAsync(string refreshToken, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(settings.OAuthBaseUrl, "v4/oa/access_token"))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["app_id"] = settings.AppId,
                ["grant_type"] = "refresh_token",
                ["refresh_token"] = refreshToken,
            }),
        };
        request.Headers.Add("secret_key", settings.AppSecret);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (response.IsSuccessStatusCode
                && root.TryGetProperty("access_token", out var access) && access.ValueKind == JsonValueKind.String
                && root.TryGetProperty("refresh_token", out var refresh) && refresh.ValueKind == JsonValueKind.String)
            {
                return new ZaloTokens(access.GetString()!, refresh.GetString()!);
            }

            var reason = root.TryGetProperty("error_description", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString()
                : root.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()
                : $"HTTP {(int)response.StatusCode}";
            var code = root.TryGetProperty("error", out var e) && e.TryGetInt32(out var c) ? c.ToString(CultureInfo.InvariantCulture) : "?";
            throw new ZaloTokenException($"Zalo refused to refresh the access token (error {code}: {reason}).");
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new ZaloTokenException($"The access token could not be refreshed: {e.Message}", e);
        }
    }
}

public sealed class ZaloTokenException : Exception
{
    public ZaloTokenException()
    {
    }

    public ZaloTokenException(string message)
        : base(message)
    {
    }

    public ZaloTokenException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
