using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace HotlineIoc.Web.Api;

/// <summary>The keys known to this deployment, hashed once so every comparison takes the same time.</summary>
public sealed class ApiKeyStore
{
    private readonly List<(byte[] Hash, ApiKeyEntry Entry)> _keys;

    public ApiKeyStore(IEnumerable<ApiKeyEntry> entries)
    {
        _keys = entries
            .Where(e => !string.IsNullOrWhiteSpace(e.Key))
            .Select(e => (Hash(e.Key), e))
            .ToList();
    }

    public int Count => _keys.Count;

    public ApiKeyEntry? Find(string presented)
    {
        var hash = Hash(presented);
        ApiKeyEntry? match = null;
        // Compare against every key, in constant time each, so timing tells nothing about which key came close.
        foreach (var (candidate, entry) in _keys)
        {
            if (CryptographicOperations.FixedTimeEquals(candidate, hash))
            {
                match = entry;
            }
        }

        return match;
    }

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}

/// <summary>Authenticates <c>X-Api-Key</c>, or <c>access_token</c> in the query for the live hub.</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyStore keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? presented = Request.Headers[HeaderName];
        if (string.IsNullOrEmpty(presented) && Request.Path.StartsWithSegments("/hubs"))
        {
            // Browsers can only put the key in the query; the .NET SignalR client sends it as a bearer token.
            presented = Request.Query["access_token"];
            if (string.IsNullOrEmpty(presented) && Request.Headers.Authorization.ToString() is { } authorization
                && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            {
                presented = authorization["Bearer ".Length..].Trim();
            }
        }

        if (string.IsNullOrEmpty(presented))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var entry = keys.Find(presented);
        if (entry is null)
        {
            return Task.FromResult(AuthenticateResult.Fail("The API key is not known."));
        }

        var claims = new List<Claim> { new(ClaimTypes.Name, entry.Name) };
        claims.AddRange(entry.Scopes.Select(s => new Claim(ApiScopes.ClaimType, s.Trim().ToLowerInvariant())));
        var identity = new ClaimsIdentity(claims, SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        await Results.Problem(
            statusCode: StatusCodes.Status401Unauthorized,
            title: "Unauthorized",
            detail: $"Send a valid API key in the {HeaderName} header.").ExecuteAsync(Context);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        await Results.Problem(
            statusCode: StatusCodes.Status403Forbidden,
            title: "Forbidden",
            detail: "This API key does not have the scope this endpoint needs.").ExecuteAsync(Context);
    }
}
