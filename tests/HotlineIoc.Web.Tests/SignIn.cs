using System.Net;
using System.Text.RegularExpressions;
using HotlineIoc.Web.Security;
using Microsoft.AspNetCore.Mvc.Testing;

namespace HotlineIoc.Web.Tests;

/// <summary>Signs in through the static login form, as a person does: GET it for the antiforgery token and cookie, then POST it.</summary>
public static partial class SignIn
{
    public const string Password = "test-password-Q7w2";

    public static async Task<HttpClient> AsAsync(HotlineApp app, string userName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        // The test app runs without demo history; the demo accounts are made here, idempotently, with a test password.
        await DemoAccounts.EnsureAsync(app.Services, Password, cancellationToken);
        var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var form = await browser.GetStringAsync("/account/login", cancellationToken);
        var token = TokenPattern().Match(form);
        Assert.True(token.Success, "The login page has no antiforgery token.");
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
            ["Input.UserName"] = userName,
            ["Input.Password"] = Password,
        });
        using var response = await browser.PostAsync("/account/login", content, cancellationToken);
        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found, $"Signing in as {userName} gave {(int)response.StatusCode}.");
        return browser;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
