using System.Net;
using System.Security.Cryptography;
using HotlineIoc.Reports;
using HotlineIoc.Reports.Archive;
using HotlineIoc.Reports.Model;
using Microsoft.Extensions.DependencyInjection;

namespace HotlineIoc.Web.Tests;

/// <summary>Reports as the people who use them see them: signed in through the real login form, cookies and antiforgery included.</summary>
public sealed class SignedInReportTests(HotlineApp app) : IClassFixture<HotlineApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_secretary_gets_the_reports_page()
    {
        using var browser = await SignInAsync("thuky");

        using var response = await browser.GetAsync("/reports", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("data-testid=\"report-period\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_secretary_downloads_a_pdf()
    {
        using var browser = await SignInAsync("thuky");

        using var response = await browser.GetAsync("/reports/pdf?period=2024", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);
        Assert.Equal("%PDF"u8.ToArray(), bytes[..4]);
    }

    [Fact]
    public async Task The_secretary_downloads_the_same_figures_as_a_workbook()
    {
        using var browser = await SignInAsync("thuky");

        using var response = await browser.GetAsync("/reports/xlsx?period=2024", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith(".xlsx", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'), StringComparison.Ordinal);
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);
        Assert.Equal("PK"u8.ToArray(), bytes[..2]);
    }

    [Fact]
    public async Task Each_user_is_limited_per_minute()
    {
        // The leader's own window (6 a minute by default); a bad period is refused cheaply after the limiter let it through.
        using var browser = await SignInAsync("lanhdao");
        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 7; i++)
        {
            using var response = await browser.GetAsync("/reports/pdf?period=not-a-period", Ct);
            codes.Add(response.StatusCode);
        }

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.BadRequest, 6), codes.Take(6));
        Assert.Equal(HttpStatusCode.TooManyRequests, codes[6]);
    }

    [Theory]
    [InlineData("truong.ca", "/reports")]
    [InlineData("truong.ca", "/reports/pdf?period=2024")]
    [InlineData("dieuhanh", "/reports")]
    [InlineData("dieuhanh", "/reports/pdf?period=2024")]
    [InlineData("dieuhanh", "/reports/archive/1")]
    public async Task Department_heads_and_operators_are_refused(string user, string url)
    {
        using var browser = await SignInAsync(user);

        using var response = await browser.GetAsync(url, Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/denied", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_archived_report_downloads_as_the_same_bytes()
    {
        var reports = app.Services.GetRequiredService<ReportService>();
        var archive = app.Services.GetRequiredService<ReportArchiveStore>();
        var generated = await reports.GenerateAsync(ReportPeriod.Parse("2023-Q4"), ReportScope.City, Ct);
        var saved = await archive.SaveAsync(generated, "thuky", Ct);
        using var browser = await SignInAsync("thuky");

        using var response = await browser.GetAsync(ReportEndpointsLink(saved.Entry.Id), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);
        Assert.Equal(Convert.ToHexString(SHA256.HashData(generated.Pdf)), Convert.ToHexString(SHA256.HashData(bytes)));
        Assert.Equal(saved.Entry.Sha256, Convert.ToHexString(SHA256.HashData(bytes)));

        // The page lists it, with its period and who saved it.
        using var page = await browser.GetAsync("/reports", Ct);
        var html = await page.Content.ReadAsStringAsync(Ct);
        Assert.Contains("2023-Q4", html, StringComparison.Ordinal);
        Assert.Contains(ReportEndpointsLink(saved.Entry.Id), html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_archive_entry_is_not_found()
    {
        using var browser = await SignInAsync("thuky");

        using var response = await browser.GetAsync("/reports/archive/987654", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static string ReportEndpointsLink(int id) => HotlineIoc.Web.Reports.ReportEndpoints.ArchiveLink(id);

    private Task<HttpClient> SignInAsync(string userName) => app.SignInAsync(userName);
}
