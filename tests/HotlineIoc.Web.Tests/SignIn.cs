using System.Net;
using System.Text.RegularExpressions;
using HotlineIoc.Web.Security;
using Microsoft.AspNetCore.Mvc.Testing;

namespace HotlineIoc.Web.Tests;

/// <summary>A browser-like client signed in through the real login form, cookies and antiforgery included.</summary>
public static partial class SignIn
{
    public const string Password = "test-password-Q7w2";

    /// <summary>GETs the static login form for the antiforgery token and cookie, then POSTs it; redirects are not followed.</summary>
    public static async Task<HttpClient> SignInAsync(this HotlineApp app, string userName)
    {
        ArgumentNullException.ThrowIfNull(app);
        var ct = TestContext.Current.CancellationToken;
        // The test app runs with demo mode off; the accounts are made here, idempotently, with a test password, as
        // ordinary accounts (demo accounts would be refused).
        await DemoAccounts.EnsureAsync(app.Services, Password, ct, markAsDemo: false);
        var browser = Anonymous(app);
        var form = await browser.GetStringAsync("/account/login", ct);
        var token = TokenPattern().Match(form);
        Assert.True(token.Success, "The login page has no antiforgery token.");
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
            ["Input.UserName"] = userName,
            ["Input.Password"] = Password,
        });
        using var response = await browser.PostAsync("/account/login", content, ct);
        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found, $"Signing in as {userName} gave {(int)response.StatusCode}.");
        return browser;
    }

    /// <summary>A client that keeps cookies and does not follow redirects, signed in as nobody.</summary>
    public static HttpClient Anonymous(this HotlineApp app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
