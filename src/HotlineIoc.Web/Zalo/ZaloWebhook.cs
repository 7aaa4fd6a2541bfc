using System.Data.Common;
using HotlineIoc.Infrastructure.Zalo;
using Microsoft.EntityFrameworkCore;

namespace HotlineIoc.Web.Zalo;

/// <summary>
/// <c>POST /webhooks/zalo</c>: Zalo's events, checked by their MAC over the raw bytes, stored in the inbox before the 200
/// goes back, processed afterwards. 401 for a missing or wrong MAC or another app's event, 400 for a body that cannot be
/// read, 503 when the event could not be stored (Zalo retries), 200 only once it is stored (or is one we ignore).
/// </summary>
public static class ZaloWebhook
{
    public const string Path = "/webhooks/zalo";

    /// <summary>Zalo's events are a few kilobytes; anything far larger is not one.</summary>
    public const int MaxBodyBytes = 256 * 1024;

    public static void MapZaloWebhook(this IEndpointRouteBuilder app) =>
        app.MapPost(Path, HandleAsync).AllowAnonymous().DisableAntiforgery().WithTags("Zalo");

    private static async Task<IResult> HandleAsync(HttpContext http, ZaloSettings settings, ZaloInbox inbox, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (!settings.Enabled)
        {
            return Results.NotFound();
        }

        var signature = http.Request.Headers[ZaloSignature.Header].ToString();
        if (string.IsNullOrWhiteSpace(signature))
        {
            return Problem(StatusCodes.Status401Unauthorized, $"The {ZaloSignature.Header} header is missing.");
        }

        var body = await ReadAsync(http.Request, cancellationToken);
        if (body is null)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, $"The body is larger than {MaxBodyBytes} bytes.");
        }

        if (!ZaloEvent.TryParse(body, out var zaloEvent, out var error))
        {
            return Problem(StatusCodes.Status400BadRequest, $"The event cannot be read: {error}.");
        }

        if (!ZaloSignature.IsValid(signature, zaloEvent!.AppId, body, zaloEvent.Timestamp, settings.OaSecretKey)
            || !string.Equals(zaloEvent.AppId, settings.AppId, StringComparison.Ordinal))
        {
            return Problem(StatusCodes.Status401Unauthorized, "The MAC does not match the body, or the event is for another app.");
        }

        if (!zaloEvent.IsCitizenMessage)
        {
            // Echoes of our own sends and receipts (oa_send_*, user_received_message, user_seen_message) would start a loop.
            return Results.Ok(new { stored = false, ignored = zaloEvent.EventName });
        }

        try
        {
            var result = await inbox.StoreAsync(zaloEvent, cancellationToken);
            return Results.Ok(new { stored = true, duplicate = result == InboxResult.AlreadyStored });
        }
        catch (Exception e) when (e is DbUpdateException or DbException or InvalidOperationException or TimeoutException)
        {
            loggers.CreateLogger(typeof(ZaloWebhook)).LogError(e, "A Zalo event could not be stored; answering 503 so that Zalo retries.");
            http.Response.Headers.RetryAfter = "5";
            return Problem(StatusCodes.Status503ServiceUnavailable, "The event could not be stored; please retry.");
        }
    }

    private static async Task<byte[]?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static IResult Problem(int status, string detail) => Results.Problem(statusCode: status, detail: detail);
}
