using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using HotlineIoc.Infrastructure.Displays;
using HotlineIoc.Infrastructure.Identity;
using HotlineIoc.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;

namespace HotlineIoc.Web.Security;

/// <summary>
/// Wall displays sign in with a token: made and revoked by an Admin (stored as a hash) or provisioned by
/// <c>Display:Tokens</c>. A display principal has the role Display and never sees personal data.
/// </summary>
public sealed class DisplayTokens(IDbContextFactory<HotlineDbContext> contexts, IConfiguration configuration, TimeProvider clock)
{
    public const string Scheme = "Display";
    public const string CookieName = ".Hotline.Display";
    public const string TokenIdClaim = "display_token";
    private const string ConfigPrefix = "config:";

    private readonly ConcurrentDictionary<string, (bool Active, DateTime CheckedAt)> _activity = new(StringComparer.Ordinal);

    public sealed record Issued(int Id, string Name, string Token);

    public async Task<Issued> CreateAsync(string name, string createdBy, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("A display token needs a name, e.g. the room and screen it is for.", nameof(name));
        }

        var token = DisplayToken.NewToken();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = new DisplayToken { Name = name.Trim(), TokenHash = DisplayToken.Hash(token), CreatedAt = clock.GetUtcNow().UtcDateTime, CreatedBy = createdBy };
        db.DisplayTokens.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        return new Issued(row.Id, row.Name, token);
    }

    public async Task RevokeAsync(int id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.DisplayTokens.SingleOrDefaultAsync(t => t.Id == id, cancellationToken)
            ?? throw new InvalidOperationException($"There is no display token {id}.");
        row.RevokedAt ??= clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        _activity[id.ToString(System.Globalization.CultureInfo.InvariantCulture)] = (false, clock.GetUtcNow().UtcDateTime);
    }

    public async Task<List<DisplayToken>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.DisplayTokens.AsNoTracking().OrderByDescending(t => t.CreatedAt).ToListAsync(cancellationToken);
    }

    /// <summary>The principal for a presented token, or null when it is unknown or revoked.</summary>
    public async Task<ClaimsPrincipal?> SignInPrincipalAsync(string token, CancellationToken cancellationToken)
    {
        var configured = ConfiguredTokens();
        for (var i = 0; i < configured.Count; i++)
        {
            if (CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(DisplayToken.Hash(configured[i])), Encoding.UTF8.GetBytes(DisplayToken.Hash(token))))
            {
                return Principal($"{ConfigPrefix}{DisplayToken.Hash(configured[i])[..16]}", $"Display {i + 1}");
            }
        }

        var hash = DisplayToken.Hash(token);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.DisplayTokens.AsNoTracking().SingleOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
        return row is { RevokedAt: null } ? Principal(row.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), row.Name) : null;
    }

    /// <summary>Whether a signed-in display's token still holds; checked at most every 30 seconds per token.</summary>
    public async Task<bool> IsActiveAsync(string tokenId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (_activity.TryGetValue(tokenId, out var known) && known.CheckedAt.AddSeconds(30) > now)
        {
            return known.Active;
        }

        bool active;
        if (tokenId.StartsWith(ConfigPrefix, StringComparison.Ordinal))
        {
            active = ConfiguredTokens().Any(t => DisplayToken.Hash(t).StartsWith(tokenId[ConfigPrefix.Length..], StringComparison.Ordinal));
        }
        else
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var id = int.TryParse(tokenId, System.Globalization.CultureInfo.InvariantCulture, out var parsed) ? parsed : -1;
            active = await db.DisplayTokens.AnyAsync(t => t.Id == id && t.RevokedAt == null, cancellationToken);
        }

        _activity[tokenId] = (active, now);
        return active;
    }

    private List<string> ConfiguredTokens() =>
        configuration.GetSection("Display:Tokens").Get<List<string>>()?.Where(t => !string.IsNullOrWhiteSpace(t)).ToList() ?? [];

    private static ClaimsPrincipal Principal(string tokenId, string name) =>
        new(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, HotlineRoles.Display), new Claim(TokenIdClaim, tokenId)],
            Scheme, ClaimTypes.Name, ClaimTypes.Role));

    /// <summary>The display cookie: long-lived, and dropped as soon as its token is revoked.</summary>
    public static void ConfigureCookie(CookieAuthenticationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Cookie.Name = CookieName;
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Lax;
        options.ExpireTimeSpan = TimeSpan.FromDays(365);
        options.SlidingExpiration = true;
        options.LoginPath = "/account/login";
        options.AccessDeniedPath = "/account/denied";
        options.Events.OnValidatePrincipal = async context =>
        {
            var tokenId = context.Principal?.FindFirstValue(TokenIdClaim);
            var tokens = context.HttpContext.RequestServices.GetRequiredService<DisplayTokens>();
            if (tokenId is null || !await tokens.IsActiveAsync(tokenId, context.HttpContext.RequestAborted))
            {
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(Scheme);
            }
        };
    }

    /// <summary>
    /// <c>/wall?token=…</c> signs the display in before the page renders, so the circuit starts as that display.
    /// The token stays in the address, so a reload after a restart signs in again by itself.
    /// </summary>
    public static async Task SignInFromQueryAsync(HttpContext context, Func<Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (context.Request.Path.StartsWithSegments("/wall") && context.Request.Query["token"] is { Count: > 0 } values && values[0] is { Length: > 0 } token)
        {
            var tokens = context.RequestServices.GetRequiredService<DisplayTokens>();
            var principal = await tokens.SignInPrincipalAsync(token, context.RequestAborted);
            if (principal is null)
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                context.Response.ContentType = "text/plain; charset=utf-8";
                await context.Response.WriteAsync("Mã màn hình không hợp lệ hoặc đã bị thu hồi. / The display token is unknown or revoked.");
                return;
            }

            await context.SignInAsync(Scheme, principal);
            context.User = principal;
        }

        await next();
    }
}
