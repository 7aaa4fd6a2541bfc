using System.Net;
using System.Text.RegularExpressions;
using HotlineIoc.Infrastructure.Identity;
using HotlineIoc.Web.Security;
using Microsoft.Extensions.DependencyInjection;

namespace HotlineIoc.Web.Tests;

/// <summary>Every sign-in is logged (who, when, from where, how it ended); the cookie lasts beyond the browser only when asked.</summary>
public sealed partial class SignInLogTests(HotlineApp app) : IClassFixture<HotlineApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    private async Task<HttpResponseMessage> PostLoginAsync(string userName, string password, bool remember)
    {
        var browser = app.Anonymous();
        var form = await browser.GetStringAsync("/account/login", Ct);
        var fields = new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(TokenPattern().Match(form).Groups[1].Value),
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
        };
        if (remember)
        {
            fields["Input.Remember"] = "true";
        }

        return await browser.PostAsync("/account/login", new FormUrlEncodedContent(fields), Ct);
    }

    [Fact]
    public async Task Sign_ins_are_logged_with_their_outcome_and_failures_show_first()
    {
        using var signedIn = await app.SignInAsync("thuky");
        using var wrong = await PostLoginAsync("thuky", "not the password", remember: false);
        using var unknown = await PostLoginAsync("nobody.here", "whatever", remember: false);

        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        var log = app.Services.GetRequiredService<SignInLog>();
        var failed = await log.GetPageAsync(failedOnly: true, null, 0, 50, Ct);
        Assert.Contains(failed.Rows, r => r.UserName == "thuky" && r.Outcome == SignInLog.Failed && !r.Succeeded);
        Assert.Contains(failed.Rows, r => r.UserName == "nobody.here" && r.Outcome == SignInLog.Failed);
        Assert.DoesNotContain(failed.Rows, r => r.Succeeded);
        var all = await log.GetPageAsync(failedOnly: false, "thuky", 0, 50, Ct);
        Assert.Contains(all.Rows, r => r.Succeeded && r.Outcome == SignInLog.Succeeded);
        Assert.All(all.Rows, r => Assert.True(r.AtUtc > DateTime.UtcNow.AddMinutes(-5)));
        Assert.DoesNotContain(all.Rows, r => r.UserName.Contains("password", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_access_log_page_has_the_sign_ins()
    {
        using var failed = await PostLoginAsync("dieuhanh", "wrong-" + Guid.NewGuid().ToString("N")[..6], remember: false);
        using var admin = await app.SignInAsync("quantri");

        var page = await admin.GetStringAsync("/admin/access-log", Ct);

        // The table of sign-ins is there; its rows load once the page is interactive (see SignInLogTableTests).
        Assert.Contains("data-testid=\"signin-log\"", page, StringComparison.Ordinal);
        Assert.Contains("Đăng nhập", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_sign_in_cookie_outlives_the_browser_only_when_asked(bool remember)
    {
        await DemoAccounts.EnsureAsync(app.Services, SignIn.Password, Ct, markAsDemo: false);

        using var response = await PostLoginAsync("lanhdao", SignIn.Password, remember);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Identity.Application=", StringComparison.Ordinal));
        Assert.Equal(remember, cookie.Contains("expires=", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
    }
}
