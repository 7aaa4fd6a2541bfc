using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using HotlineIoc.Infrastructure.Identity;
using HotlineIoc.Infrastructure.Persistence;
using HotlineIoc.Web.Live;
using HotlineIoc.Web.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HotlineIoc.Web.Tests;

/// <summary>
/// Demo mode only where it is meant to be: on for a checkout's Development run, off in Production unless set, and while
/// off its accounts and key open nothing, even in a database that was once a demo.
/// </summary>
public sealed partial class DemoModeTests : IDisposable
{
    /// <summary>The published password of appsettings.Development.json and the README.</summary>
    private const string DemoPassword = "Demo@Hotline2026";

    private static readonly string[] DemoUsers = ["lanhdao", "thuky", "dieuhanh", "quantri", "truong.ca", "truong.qldt"];

    private readonly string _folder = Directory.CreateTempSubdirectory("hotline-demo-mode-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Production_with_no_demo_setting_has_no_demo_history_feed_accounts_or_key()
    {
        await using var app = Deployed(Environments.Production);
        app.Settings["Api:Keys:2:Key"] = DemoMode.PublishedApiKey; // even configured by mistake, the published key opens nothing
        app.Settings["Api:Keys:2:Name"] = "copied-from-the-readme";
        app.Settings["Api:Keys:2:Scopes:0"] = "read";

        using var stats = await app.Client(DemoMode.PublishedApiKey).GetAsync("/api/stats?from=2024-01-01&to=2024-12-31", Ct);
        using var write = await app.Client(DemoMode.PublishedApiKey).PostAsJsonAsync("/api/cases", new { channel = "hotline" }, Ct);

        Assert.Equal("Production", app.Services.GetRequiredService<IHostEnvironment>().EnvironmentName);
        Assert.False(app.Services.GetRequiredService<DemoMode>().Enabled);
        await ApiAssert.ProblemAsync(stats, HttpStatusCode.Unauthorized);
        await ApiAssert.ProblemAsync(write, HttpStatusCode.Unauthorized);
        Assert.DoesNotContain(app.Services.GetServices<IHostedService>(), s => s is DemoLiveFeed);
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<HotlineDbContext>>().CreateDbContextAsync(Ct);
        Assert.Equal(0, await db.Cases.CountAsync(Ct));
        Assert.Equal(0, await db.Users.CountAsync(Ct));
        foreach (var user in DemoUsers)
        {
            await AssertRefusedAsync(app, user);
        }

        using var login = await app.Anonymous().GetAsync("/account/login", Ct);
        Assert.DoesNotContain("demo-badge", await login.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_former_demo_database_started_in_production_refuses_its_accounts_sessions_and_key_and_keeps_them()
    {
        string sessionCookie;
        int accounts;
        await using (var demo = Deployed(Environments.Development))
        {
            demo.Settings["Demo:LiveFeed"] = "false";
            // The checkout's demo: the same accounts, password and key open it, which is what must stop below.
            using var stats = await demo.Client(DemoMode.PublishedApiKey).GetAsync("/api/stats?from=2024-01-01&to=2024-12-31", Ct);
            Assert.Equal(HttpStatusCode.OK, stats.StatusCode);
            var (browser, cookie) = await SignInAsync(demo, "quantri", DemoPassword);
            using (browser)
            {
                Assert.NotNull(cookie);
                using var home = await browser.GetAsync("/", Ct);
                Assert.Equal(HttpStatusCode.OK, home.StatusCode);
                Assert.Contains("data-testid=\"demo-badge\"", await home.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
            }

            sessionCookie = cookie!;
            accounts = await CountUsersAsync(demo);
        }

        await using var production = Deployed(Environments.Production);
        using var refusedKey = await production.Client(DemoMode.PublishedApiKey).GetAsync("/api/stats?from=2024-01-01&to=2024-12-31", Ct);

        await ApiAssert.ProblemAsync(refusedKey, HttpStatusCode.Unauthorized);
        foreach (var user in DemoUsers)
        {
            await AssertRefusedAsync(production, user);
        }

        // The session quantri opened in the demo ends at its next request.
        using var old = production.Anonymous();
        old.DefaultRequestHeaders.Add("Cookie", sessionCookie);
        using var page = await old.GetAsync("/", Ct);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/account/login", page.Headers.Location!.OriginalString, StringComparison.Ordinal);
        // Nothing was deleted.
        Assert.Equal(accounts, await CountUsersAsync(production));
        Assert.True(accounts >= DemoUsers.Length);
    }

    [Fact]
    public async Task Demo_accounts_made_before_they_were_marked_are_marked_once_and_refused_too()
    {
        await using (var demo = Deployed(Environments.Development))
        {
            demo.Settings["Demo:LiveFeed"] = "false";
            _ = demo.Services;
        }

        // As a demo database from before the mark: no marks, and the marking not yet recorded as done.
        await using (var db = Open())
        {
            await db.UserClaims.Where(c => c.ClaimType == DemoAccountMark.ClaimType).ExecuteDeleteAsync(Ct);
            await db.DataUpgrades.Where(u => u.Name == DemoAccountMark.UpgradeName).ExecuteDeleteAsync(Ct);
        }

        await using var production = Deployed(Environments.Production);
        foreach (var user in DemoUsers)
        {
            await AssertRefusedAsync(production, user);
        }

        await using var check = Open();
        Assert.Equal(await check.Users.CountAsync(Ct), await check.UserClaims.CountAsync(c => c.ClaimType == DemoAccountMark.ClaimType, Ct));
    }

    [Fact]
    public async Task Demo_mode_set_in_production_warns_at_start_and_marks_the_app_bar_and_the_wall()
    {
        var lines = new ConcurrentQueue<string>();
        await using var app = new LoggedApp(_folder, lines);
        app.Settings["Demo:Enabled"] = "true";
        app.Settings["Demo:Password"] = "Staging@Demo2026";
        app.Settings["Display:Tokens:0"] = "demo-wall-token";

        using var login = await app.Anonymous().GetAsync("/account/login", Ct);
        using var wall = await app.Anonymous().GetAsync("/wall?token=demo-wall-token", Ct);

        Assert.Contains(lines, l => l.Contains("Warning: Demo mode is on in the Production environment", StringComparison.Ordinal));
        Assert.Contains("data-testid=\"demo-badge\"", await login.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, wall.StatusCode);
        Assert.Contains("demo-badge--wall", await wall.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        // Set explicitly, the demo accounts work, with the password the deployment chose.
        var (browser, cookie) = await SignInAsync(app, "lanhdao", "Staging@Demo2026");
        browser.Dispose();
        Assert.NotNull(cookie);
    }

    private DeployedHotlineApp Deployed(string environment) => new(_folder, environment);

    private HotlineDbContext Open() =>
        new(new DbContextOptionsBuilder<HotlineDbContext>().UseSqlite($"Data Source={Path.Combine(_folder, "hotline.db")}").Options);

    private static async Task<int> CountUsersAsync(DeployedHotlineApp app)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<UserManager<HotlineUser>>().Users.CountAsync(Ct);
    }

    private static async Task AssertRefusedAsync(DeployedHotlineApp app, string user)
    {
        var (browser, cookie) = await SignInAsync(app, user, DemoPassword);
        using (browser)
        {
            Assert.True(cookie is null, $"{user} signed in with the demo password while demo mode is off.");
            using var home = await browser.GetAsync("/", Ct);
            Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        }
    }

    /// <summary>Posts the real login form; returns the client and the sign-in cookie it was given, if any.</summary>
    private static async Task<(HttpClient Browser, string? Cookie)> SignInAsync(HotlineApp app, string user, string password)
    {
        var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var form = await browser.GetStringAsync("/account/login", Ct);
        var token = TokenPattern().Match(form);
        Assert.True(token.Success, "The login page has no antiforgery token.");
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
            ["Input.UserName"] = user,
            ["Input.Password"] = password,
        });
        using var response = await browser.PostAsync("/account/login", content, Ct);
        var cookie = response.Headers.TryGetValues("Set-Cookie", out var cookies)
            ? cookies.FirstOrDefault(c => c.StartsWith(".AspNetCore.Identity.Application=", StringComparison.Ordinal))?.Split(';')[0]
            : null;
        return (browser, cookie);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    /// <summary>A production deployment whose log lines the test reads.</summary>
    private sealed class LoggedApp(string folder, ConcurrentQueue<string> lines) : HotlineApp(folder, demo: null, ownsFolder: false, Environments.Production)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureLogging(logging => logging.AddProvider(new MemoryLoggerProvider(lines)));
        }
    }
}
