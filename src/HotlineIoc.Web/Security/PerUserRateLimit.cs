using System.Threading.RateLimiting;

namespace HotlineIoc.Web.Security;

/// <summary>
/// A per-person limit on heavy downloads (report PDFs, board exports): each signed-in person gets their own one-minute
/// window, so one user's burst never starves another's; beyond it the answer is 429.
/// </summary>
public static class PerUserRateLimit
{
    public static IServiceCollection AddPerUserRateLimit(this IServiceCollection services, string policy, int permitsPerMinute) =>
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(policy, context => RateLimitPartition.GetFixedWindowLimiter(
                context.User.Identity?.Name ?? context.Connection.RemoteIpAddress?.ToString() ?? "anonymous",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = permitsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
}
