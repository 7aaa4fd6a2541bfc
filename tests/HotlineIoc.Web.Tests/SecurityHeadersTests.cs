using System.Net;

namespace HotlineIoc.Web.Tests;

/// <summary>Every page and endpoint answers with the security headers; only the wall may be framed, by one configured origin.</summary>
public sealed class SecurityHeadersTests(SecurityHeadersTests.EmbeddingApp app) : IClassFixture<SecurityHeadersTests.EmbeddingApp>
{
    public sealed class EmbeddingApp : HotlineApp
    {
        public const string Portal = "https://ioc.daklak.gov.vn";

        public EmbeddingApp() => Settings["Display:EmbedOrigin"] = Portal + "/";
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> Endpoints => new()
    {
        { "GET", "/" },
        { "GET", "/account/login" },
        { "GET", "/cases" },
        { "GET", "/intake" },
        { "GET", "/triage" },
        { "GET", "/overdue" },
        { "GET", "/reports" },
        { "GET", "/admin/displays" },
        { "GET", "/account/denied" },
        { "GET", "/no-such-page" },
        { "GET", "/app.css" },
        { "GET", "/js/live.js" },
        { "GET", "/_framework/blazor.web.js" },
        { "GET", "/healthz" },
        { "GET", "/api/stats?from=2024-01-01&to=2024-01-31" },
        { "GET", "/api/cases/BMT-2024-000001" },
        { "GET", "/api/units" },
        { "POST", "/api/cases" },
        { "GET", "/open311/v2/discovery.json" },
        { "GET", "/open311/v2/services.xml" },
        { "GET", "/open311/v2/requests.json" },
        { "POST", "/webhooks/zalo" },
        { "GET", "/culture?name=en&back=/" },
        { "POST", "/account/logout" },
        { "GET", "/hubs/live/negotiate" },
        { "GET", "/reports/pdf?period=2024" },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Every_answer_carries_the_security_headers(string method, string path)
    {
        using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request, Ct);

        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("script-src 'self' 'unsafe-inline'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", policy, StringComparison.Ordinal);
        Assert.Equal("DENY", Single(response, "X-Frame-Options"));
        Assert.Equal("nosniff", Single(response, "X-Content-Type-Options"));
        Assert.Equal("no-referrer", Single(response, "Referrer-Policy"));
        Assert.Contains("camera=()", Single(response, "Permissions-Policy"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_wall_may_be_framed_by_the_configured_origin_only()
    {
        using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var wall = await client.GetAsync("/wall?token=nope", Ct);
        using var dashboard = await client.GetAsync("/", Ct);

        Assert.Contains($"frame-ancestors {EmbeddingApp.Portal};", Single(wall, "Content-Security-Policy"), StringComparison.Ordinal);
        Assert.False(wall.Headers.Contains("X-Frame-Options"));
        Assert.Contains("frame-ancestors 'none'", Single(dashboard, "Content-Security-Policy"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signing_out_needs_the_pages_antiforgery_token()
    {
        using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var forged = await client.PostAsync("/account/logout", new FormUrlEncodedContent([]), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
    }

    private static string Single(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? Assert.Single(values) : response.Content.Headers.TryGetValues(name, out var content) ? Assert.Single(content) : throw new Xunit.Sdk.XunitException($"{name} is missing on {response.RequestMessage?.RequestUri}");
}
