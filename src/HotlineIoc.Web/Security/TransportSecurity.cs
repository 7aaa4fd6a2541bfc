using System.Net;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.HttpOverrides;

namespace HotlineIoc.Web.Security;

/// <summary>
/// What every answer carries and how the app sits behind a proxy: a Content-Security-Policy that allows only what the app
/// uses (its own scripts, no inline script; MudBlazor's inline styles; its own SignalR connection), no framing except the
/// wall for one configured origin, no sniffing, no referrer, no powerful features; HTTPS redirection and HSTS when the app
/// is served over HTTPS; and forwarded headers from the proxies the deployment names, no others.
/// </summary>
public sealed class TransportSecurity
{
    /// <summary>An origin allowed to show the wall in a frame (e.g. the provincial IOC portal), or empty.</summary>
    public const string WallEmbedOriginKey = "Display:EmbedOrigin";

    public const string KnownProxiesKey = "ReverseProxy:KnownProxies";

    public const string KnownNetworksKey = "ReverseProxy:KnownNetworks";

    private const string Policy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
        + "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors ";

    private TransportSecurity(string? wallEmbedOrigin, IReadOnlyList<IPAddress> proxies, IReadOnlyList<System.Net.IPNetwork> networks, bool https)
    {
        WallEmbedOrigin = wallEmbedOrigin;
        Proxies = proxies;
        Networks = networks;
        ServesHttps = https;
    }

    public string? WallEmbedOrigin { get; }

    public IReadOnlyList<IPAddress> Proxies { get; }

    public IReadOnlyList<System.Net.IPNetwork> Networks { get; }

    /// <summary>Whether an HTTPS endpoint is configured: only then are requests redirected to it.</summary>
    public bool ServesHttps { get; }

    /// <summary>Reads the settings; a malformed origin or proxy address stops the start with the setting's name.</summary>
    public static TransportSecurity FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        string? origin = null;
        if (configuration[WallEmbedOriginKey] is { Length: > 0 } text)
        {
            origin = Uri.TryCreate(text.Trim(), UriKind.Absolute, out var url) && url.Scheme is "https" or "http" && url.AbsolutePath == "/" && string.IsNullOrEmpty(url.Query)
                ? url.GetLeftPart(UriPartial.Authority)
                : throw new InvalidOperationException($"{WallEmbedOriginKey} '{text}' is not an origin such as https://ioc.daklak.gov.vn.");
        }

        var proxies = configuration.GetSection(KnownProxiesKey).Get<string[]>() ?? [];
        var networks = configuration.GetSection(KnownNetworksKey).Get<string[]>() ?? [];
        var urls = $"{configuration["urls"]};{configuration["ASPNETCORE_URLS"]};{configuration["HTTPS_PORTS"]};{configuration["https_port"]}";
        var https = urls.Contains("https://", StringComparison.OrdinalIgnoreCase)
            || !string.IsNullOrWhiteSpace(configuration["HTTPS_PORTS"]) || !string.IsNullOrWhiteSpace(configuration["https_port"])
            || configuration.GetSection("Kestrel:Endpoints").GetChildren().Any(e => e["Url"]?.StartsWith("https", StringComparison.OrdinalIgnoreCase) == true);
        return new TransportSecurity(
            origin,
            [.. proxies.Select(p => IPAddress.TryParse(p, out var address) ? address : throw new InvalidOperationException($"{KnownProxiesKey}: '{p}' is not an IP address."))],
            [.. networks.Select(n => System.Net.IPNetwork.TryParse(n, out var network) ? network : throw new InvalidOperationException($"{KnownNetworksKey}: '{n}' is not a network such as 10.0.0.0/8."))],
            https);
    }

    /// <summary>Forwarded headers first, so that scheme and client address are right for everything after.</summary>
    public void UseForwardedHeaders(IApplicationBuilder app)
    {
        if (Proxies.Count == 0 && Networks.Count == 0)
        {
            return;
        }

        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in Proxies)
        {
            options.KnownProxies.Add(proxy);
        }

        foreach (var network in Networks)
        {
            options.KnownIPNetworks.Add(network);
        }

        app.UseForwardedHeaders(options);
    }

    /// <summary>HSTS and the redirect to HTTPS, when the app is served over HTTPS outside development.</summary>
    public void UseHttps(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!app.Environment.IsDevelopment())
        {
            // Sent only on HTTPS answers: a plain-HTTP deployment behind a TLS proxy gets it through the forwarded scheme.
            app.UseHsts();
        }

        if (ServesHttps)
        {
            app.UseHttpsRedirection();
        }
    }

    /// <summary>The security headers on every answer.</summary>
    public void UseHeaders(IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            var wall = context.Request.Path.StartsWithSegments("/wall", StringComparison.OrdinalIgnoreCase) && WallEmbedOrigin is not null;
            headers.ContentSecurityPolicy = Policy + (wall ? WallEmbedOrigin : "'none'") + ";";
            if (!wall)
            {
                headers.XFrameOptions = "DENY";
            }

            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            return Task.CompletedTask;
        });
        await next();
    });

    /// <summary>A form post that changes the session must carry the page's antiforgery token.</summary>
    public static async Task<bool> IsValidPostAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return await http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http);
    }
}
