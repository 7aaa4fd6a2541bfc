using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HotlineIoc.Infrastructure.Cases;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace HotlineIoc.Web.Tests;

/// <summary>Each role against each case handling page, allowed and refused; reporter data never leaves through the API.</summary>
public sealed class CaseHandlingAccessTests(HotlineApp app) : IClassFixture<HotlineApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string, bool> Pages => new()
    {
        { "dieuhanh", "/intake", true },
        { "thuky", "/intake", true },
        { "lanhdao", "/intake", false },
        { "truong.ca", "/intake", false },
        { "quantri", "/intake", false },
        { "dieuhanh", "/triage", true },
        { "thuky", "/triage", true },
        { "lanhdao", "/triage", false },
        { "truong.ca", "/triage", false },
        { "quantri", "/triage", false },
        { "quantri", "/admin/access-log", true },
        { "thuky", "/admin/access-log", false },
        { "dieuhanh", "/admin/access-log", false },
        { "lanhdao", "/admin/access-log", false },
        { "truong.ca", "/admin/access-log", false },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Each_role_gets_only_its_pages(string user, string url, bool allowed)
    {
        using var browser = await app.SignInAsync(user);

        using var response = await browser.GetAsync(url, Ct);

        if (allowed)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        else
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/account/denied", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("/intake")]
    [InlineData("/triage")]
    [InlineData("/admin/access-log")]
    [InlineData("/cases/BMT-2024-000001")]
    public async Task Anonymous_visitors_are_sent_to_sign_in(string url)
    {
        using var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await browser.GetAsync(url, Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/login", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("lanhdao", true)]
    [InlineData("thuky", true)]
    [InlineData("dieuhanh", true)]
    [InlineData("quantri", true)]
    [InlineData("truong.tnmt", true)]
    [InlineData("truong.ca", false)]
    public async Task A_case_page_shows_the_case_only_to_those_who_may_see_it(string user, bool sees)
    {
        var code = await ForwardedCaseAsync("TNMT");
        using var browser = await app.SignInAsync(user);

        using var response = await browser.GetAsync("/cases/" + code, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.Equal(sees, html.Contains("data-testid=\"case-timeline\"", StringComparison.Ordinal));
        Assert.Equal(!sees, html.Contains("data-testid=\"case-missing\"", StringComparison.Ordinal));
        // The prerendered page never carries reporter data, whoever asks.
        Assert.DoesNotContain("Trần Thị Kín", html, StringComparison.Ordinal);
        Assert.DoesNotContain("0905123457", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HotlineApp.ReadKey)]
    [InlineData(HotlineApp.WriteKey)]
    public async Task The_api_never_returns_reporter_data(string key)
    {
        var code = await ForwardedCaseAsync("TNMT");
        using var client = app.Client(key);

        using var response = await client.GetAsync("/api/cases/" + code, Ct);

        var json = await response.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("Trần", json, StringComparison.Ordinal);
        Assert.DoesNotContain("0905123457", json, StringComparison.Ordinal);
        Assert.DoesNotContain("reporter", json, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_case_created_through_the_api_answers_without_its_reporter()
    {
        using var client = app.Client(HotlineApp.WriteKey);

        using var response = await client.PostAsJsonAsync("/api/cases", new
        {
            channel = "hotline",
            fieldCode = "MT",
            unitCode = "p-tan-an",
            description = "Rác thải đổ trộm.",
            reporterName = "Trần Thị Kín",
            reporterPhone = "0905123457",
        }, Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.DoesNotContain(body.RootElement.EnumerateObject(), p => p.Value.ToString().Contains("0905123457", StringComparison.Ordinal) || p.Value.ToString().Contains("Kín", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Overdue_exports_are_limited_per_user_per_minute()
    {
        using var browser = await app.SignInAsync("truong.qldt");
        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 11; i++)
        {
            using var response = await browser.GetAsync("/overdue/export.csv", Ct);
            codes.Add(response.StatusCode);
        }

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, 10), codes.Take(10));
        Assert.Equal(HttpStatusCode.TooManyRequests, codes[10]);
        // Another person is not held back by that one's burst.
        using var other = await app.SignInAsync("truong.ca");
        using var theirs = await other.GetAsync("/overdue/export.csv", Ct);
        Assert.Equal(HttpStatusCode.OK, theirs.StatusCode);
    }

    private async Task<string> ForwardedCaseAsync(string agency)
    {
        var intake = app.Services.GetRequiredService<CaseIntake>();
        var item = await intake.ReceiveAsync(new CaseSubmission("hotline", "MT", "p-tan-an", "45 Phan Bội Châu", "Rác thải đổ trộm ở góc đường.", "Trần Thị Kín", "0905123457", null), "dieuhanh", Ct);
        var handling = app.Services.GetRequiredService<CaseHandling>();
        await handling.ApplyAsync(item.Code, (c, now) => c.Forward(agency, "MT", now, "dieuhanh"), Ct);
        return item.Code;
    }
}
