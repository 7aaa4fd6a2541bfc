using System.Net;
using HotlineIoc.Web.Security;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace HotlineIoc.Web.Tests;

/// <summary>Wall displays sign in with a token an Admin makes, and lose access the moment it is revoked.</summary>
public sealed class DisplayTokenTests(HotlineApp app) : IClassFixture<HotlineApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient Browser() => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    [Fact]
    public async Task A_made_token_opens_the_wall_and_a_revoked_one_does_not()
    {
        var tokens = app.Services.GetRequiredService<DisplayTokens>();
        var issued = await tokens.CreateAsync("Phòng điều hành – màn hình 1", "quantri", Ct);
        using var browser = Browser();

        using var open = await browser.GetAsync($"/wall?token={Uri.EscapeDataString(issued.Token)}", Ct);
        Assert.Equal(HttpStatusCode.OK, open.StatusCode);
        Assert.Contains(open.Headers.GetValues("Set-Cookie"), c => c.StartsWith(DisplayTokens.CookieName + "=", StringComparison.Ordinal));
        Assert.Contains("data-wall", await open.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        await tokens.RevokeAsync(issued.Id, Ct);

        using var again = await Browser().GetAsync($"/wall?token={Uri.EscapeDataString(issued.Token)}", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
        // The cookie the display already holds stops working too.
        using var withCookie = await browser.GetAsync("/wall", Ct);
        Assert.Equal(HttpStatusCode.Redirect, withCookie.StatusCode);
        Assert.Contains("/account/login", withCookie.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_token_or_sign_in_the_wall_and_the_dashboard_send_to_the_sign_in_page()
    {
        using var browser = Browser();

        foreach (var path in new[] { "/wall", "/", "/cases", "/admin/displays" })
        {
            using var response = await browser.GetAsync(path, Ct);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/account/login", response.Headers.Location!.OriginalString.Replace("http://localhost", "", StringComparison.Ordinal), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_display_sees_the_wall_but_not_the_case_lists()
    {
        var issued = await app.Services.GetRequiredService<DisplayTokens>().CreateAsync("Sảnh UBND", "quantri", Ct);
        using var browser = Browser();
        using var wall = await browser.GetAsync($"/wall?token={Uri.EscapeDataString(issued.Token)}", Ct);
        Assert.Equal(HttpStatusCode.OK, wall.StatusCode);

        // Nor any page or export that could carry case details or reporter data.
        foreach (var path in new[] { "/cases", "/cases/BMT-2024-000001", "/overdue", "/overdue/export.csv", "/overdue/export.xlsx", "/intake", "/triage", "/admin/access-log" })
        {
            using var cases = await browser.GetAsync(path, Ct);
            Assert.True(cases.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Forbidden, $"{path} gave {(int)cases.StatusCode}");
            if (cases.StatusCode == HttpStatusCode.Redirect)
            {
                Assert.StartsWith("/account/denied", cases.Headers.Location!.OriginalString.Replace("http://localhost", "", StringComparison.Ordinal), StringComparison.Ordinal);
            }
        }

        using var denied = await browser.GetAsync("/account/denied", Ct);
        Assert.Contains("Tài khoản của bạn không được xem trang này.", await denied.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }
}
