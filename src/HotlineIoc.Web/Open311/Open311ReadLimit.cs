using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace HotlineIoc.Web.Open311;

/// <summary>
/// Reads are public, so each client address gets its own one-minute window (<c>Open311:ReadsPerClientPerMinute</c>,
/// default 60; 0 turns the limit off). Beyond it the answer is 429 in the spec's error format, with <c>Retry-After</c>.
/// Behind a reverse proxy every client shares the proxy's address unless forwarded headers are configured.
/// </summary>
public sealed class Open311ReadLimit(int permitsPerMinute) : IRateLimiterPolicy<string>
{
    public const string Name = "open311-read";

    public const string SettingKey = "Open311:ReadsPerClientPerMinute";

    public const int DefaultPerMinute = 60;

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => async (context, _) =>
    {
        if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
        {
            context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var format = Open311Endpoints.FormatOfPath(context.HttpContext.Request.Path);
        await Open311Result.Error(StatusCodes.Status429TooManyRequests, format,
            $"Too many reads from this address: at most {permitsPerMinute} a minute. Try again shortly.").ExecuteAsync(context.HttpContext);
    };

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var client = httpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        return permitsPerMinute <= 0
            ? RateLimitPartition.GetNoLimiter(client)
            : RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = permitsPerMinute,
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
            });
    }
}
