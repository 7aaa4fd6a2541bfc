using System.Globalization;
using System.Net;
using System.Text;
using HotlineIoc.Domain.Calendar;
using HotlineIoc.Domain.Cases;
using HotlineIoc.Infrastructure.Overdue;
using HotlineIoc.Infrastructure.Persistence;
using HotlineIoc.Web.Overdue;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace HotlineIoc.Web.Tests;

/// <summary>The app with a few cases late by a month, one per agency and one nobody holds yet, each with a known reporter.</summary>
public sealed class OverdueApp : HotlineApp, IAsyncLifetime
{
    public static readonly Reporter CaReporter = new("Trần Thị Mật", "0912345647", null);

    public async ValueTask InitializeAsync()
    {
        var contexts = Services.GetRequiredService<IDbContextFactory<HotlineDbContext>>();
        // A month ago, whatever today is: more than five working days late under any holiday calendar.
        var monthAgo = VietnamTime.ToLocal(DateTime.UtcNow).Date.AddDays(-30).AddHours(9);
        await TestCases.ImportAsync(contexts, "OVD-CA-1", "hotline", "ANTT", "p-tan-lap", monthAgo, CaseStatus.Forwarded, "CA", reporter: CaReporter);
        await TestCases.ImportAsync(contexts, "OVD-CA-2", "zalo", "ATGT", "p-ea-kao", monthAgo.AddHours(1), CaseStatus.InProgress, "CA");
        await TestCases.ImportAsync(contexts, "OVD-TNMT-1", "hotline", "MT", "p-tan-an", monthAgo, CaseStatus.Forwarded, "TNMT");
        await TestCases.ImportAsync(contexts, "OVD-NONE-1", "hotline", "HTDT", "p-buon-ma-thuot", monthAgo, CaseStatus.Received);
    }
}

/// <summary>
/// The overdue board and its exports as people reach them: signed in through the real login form. Each role is allowed
/// or refused, a department head gets only their agency whatever the address asks, and reporters are masked in exports
/// for the roles that must not see them.
/// </summary>
public sealed class OverdueAccessTests(OverdueApp app) : IClassFixture<OverdueApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> AllowedVisits() => Visits(["lanhdao", "thuky", "dieuhanh", "truong.ca"]);

    public static TheoryData<string, string> RefusedVisits() => Visits(["quantri"]);

    [Theory]
    [MemberData(nameof(AllowedVisits))]
    public async Task Leader_secretary_operator_and_department_head_get_the_board_and_its_exports(string user, string url)
    {
        using var browser = await app.SignInAsync(user);

        using var response = await browser.GetAsync(url, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(RefusedVisits))]
    public async Task The_admin_is_refused(string user, string url)
    {
        using var browser = await app.SignInAsync(user);

        using var response = await browser.GetAsync(url, Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/denied", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(OverdueLinks.Path)]
    [InlineData(OverdueLinks.CsvPath)]
    [InlineData(OverdueLinks.XlsxPath)]
    public async Task Anonymous_visitors_are_sent_to_sign_in(string url)
    {
        using var browser = app.Anonymous();

        using var response = await browser.GetAsync(url, Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/login", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_board_shows_the_leader_every_agency_in_its_matrix()
    {
        using var browser = await app.SignInAsync("lanhdao");

        var html = await browser.GetStringAsync(OverdueLinks.Path, Ct);

        Assert.Contains("data-agency=\"CA\"", html, StringComparison.Ordinal);
        Assert.Contains("data-agency=\"TNMT\"", html, StringComparison.Ordinal);
        Assert.Contains("data-agency=\"none\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/overdue")]
    [InlineData("/overdue?agency=TNMT")]
    [InlineData("/overdue?agency=none")]
    public async Task A_department_head_sees_only_their_agency_whatever_the_address_asks(string url)
    {
        using var browser = await app.SignInAsync("truong.ca");

        var html = await browser.GetStringAsync(url, Ct);

        Assert.Contains("data-agency=\"CA\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-agency=\"TNMT\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-agency=\"none\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("?agency=TNMT")]
    [InlineData("?agency=none&bucket=late-over-5")]
    public async Task A_department_heads_export_holds_only_their_agency(string query)
    {
        using var browser = await app.SignInAsync("truong.ca");

        var lines = await CsvLinesAsync(browser, OverdueLinks.CsvPath + query);

        Assert.Equal(["OVD-CA-1", "OVD-CA-2"], lines.Skip(1).Select(l => l.Split(',')[0]).Order(StringComparer.Ordinal));
        Assert.All(lines.Skip(1), l => Assert.Equal("CA", l.Split(',')[5]));
    }

    [Theory]
    [InlineData("lanhdao")]
    [InlineData("truong.ca")]
    public async Task Leader_and_department_head_get_the_reporter_masked_and_no_clear_view_is_logged(string user)
    {
        using var browser = await app.SignInAsync(user);

        var lines = await CsvLinesAsync(browser, OverdueLinks.CsvPath + "?agency=CA");

        var row = Assert.Single(lines, l => l.StartsWith("OVD-CA-1,", StringComparison.Ordinal));
        Assert.EndsWith(",Tr*** T** M***,09******47,", row, StringComparison.Ordinal);
        Assert.DoesNotContain(lines, l => l.Contains("0912345647", StringComparison.Ordinal) || l.Contains("Trần Thị Mật", StringComparison.Ordinal));
        Assert.Equal(0, await AccessLogAsync(user));
    }

    [Fact]
    public async Task The_secretary_gets_the_reporter_in_clear_and_the_view_is_logged()
    {
        using var browser = await app.SignInAsync("thuky");
        var before = await AccessLogAsync("thuky");

        var lines = await CsvLinesAsync(browser, OverdueLinks.CsvPath + "?agency=CA");

        Assert.Contains(lines, l => l.StartsWith("OVD-CA-1,", StringComparison.Ordinal) && l.EndsWith(",Trần Thị Mật,0912345647,", StringComparison.Ordinal));
        Assert.Equal(before + 2, await AccessLogAsync("thuky"));
    }

    [Fact]
    public async Task The_workbook_is_an_xlsx_of_the_current_view_with_vietnamese_headers_and_masked_reporters()
    {
        using var browser = await app.SignInAsync("lanhdao");

        using var response = await browser.GetAsync(OverdueLinks.XlsxPath + "?agency=CA&sort=code&dir=asc", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(OverdueEndpoints.XlsxContentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Matches(@"^qua-han-CA-\d{8}-\d{4}\.xlsx$", response.Content.Headers.ContentDisposition?.FileName?.Trim('"') ?? "");
        Assert.Equal("2", response.Headers.GetValues(OverdueEndpoints.RowsHeader).Single());
        using var file = new MemoryStream(await response.Content.ReadAsByteArrayAsync(Ct));
        var rows = file.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(["OVD-CA-1", "OVD-CA-2"], rows.Select(r => r["Mã phản ánh"]));
        Assert.Equal("09******47", rows[0]["Số điện thoại"]);
    }

    [Fact]
    public async Task The_csv_is_utf8_with_a_bom_and_named_for_the_moment()
    {
        using var browser = await app.SignInAsync("dieuhanh");

        using var response = await browser.GetAsync(OverdueLinks.CsvPath, Ct);

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Matches(@"^qua-han-\d{8}-\d{4}\.csv$", response.Content.Headers.ContentDisposition?.FileName?.Trim('"') ?? "");
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);
        Assert.Equal(Encoding.UTF8.Preamble.ToArray(), bytes[..3]);
        Assert.StartsWith(string.Join(',', OverdueExport.Columns) + "\r\n", Encoding.UTF8.GetString(bytes.AsSpan(3)), StringComparison.Ordinal);
        Assert.Equal(4.ToString(CultureInfo.InvariantCulture), response.Headers.GetValues(OverdueEndpoints.RowsHeader).Single());
        Assert.False(response.Headers.Contains(OverdueEndpoints.CappedHeader));
    }

    private static TheoryData<string, string> Visits(string[] users)
    {
        var data = new TheoryData<string, string>();
        foreach (var user in users)
        {
            foreach (var url in new[] { OverdueLinks.Path, OverdueLinks.CsvPath, OverdueLinks.XlsxPath })
            {
                data.Add(user, url);
            }
        }

        return data;
    }

    private static async Task<List<string>> CsvLinesAsync(HttpClient browser, string url)
    {
        using var response = await browser.GetAsync(url, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync(Ct)).TrimStart('\uFEFF');
        return [.. text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries)];
    }

    private async Task<int> AccessLogAsync(string user)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<HotlineDbContext>>().CreateDbContextAsync(Ct);
        return await db.ReporterAccessLog.CountAsync(a => a.UserName == user && a.Purpose == OverdueExport.Purpose, Ct);
    }
}
