using System.Text.Encodings.Web;
using System.Text.Unicode;
using HotlineIoc.Infrastructure.Cases;
using HotlineIoc.Infrastructure.Cluster;
using HotlineIoc.Infrastructure.Identity;
using HotlineIoc.Infrastructure.Live;
using HotlineIoc.Infrastructure.Persistence;
using HotlineIoc.Infrastructure.Privacy;
using HotlineIoc.Infrastructure.Seeding;
using HotlineIoc.Infrastructure.Statistics;
using HotlineIoc.Infrastructure.Zalo;
using HotlineIoc.Web;
using HotlineIoc.Web.Api;
using HotlineIoc.Web.Components;
using HotlineIoc.Web.Components.Dashboard;
using HotlineIoc.Web.Live;
using HotlineIoc.Web.Open311;
using HotlineIoc.Web.Overdue;
using HotlineIoc.Web.Reports;
using HotlineIoc.Web.Security;
using HotlineIoc.Web.Zalo;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using MudBlazor.Services;

var builder = WebApplication.CreateBuilder(args);
var configuration = builder.Configuration;
// Off unless set: appsettings.Development.json turns it on for `dotnet run` from a checkout, and nothing else does.
var demo = DemoMode.FromConfiguration(configuration);
builder.Services.AddSingleton(demo);

// Vietnamese text stays readable in prerendered HTML instead of becoming numeric entities.
builder.Services.AddSingleton(HtmlEncoder.Create(UnicodeRanges.All));
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddLocalization(o => o.ResourcesPath = "Resources");
builder.Services.Configure<RequestLocalizationOptions>(Localization.Configure);

// Data and the use cases.
builder.Services.AddHotlineDatabase(DatabaseSettings.FromConfiguration(configuration), configuration["Privacy:KeysFolder"], KeyCertificates.FromConfiguration(configuration));
builder.Services.AddSingleton<DatabaseInitializer>();
builder.Services.AddSingleton<CaseEventBus>();
builder.Services.AddSingleton<DashboardAggregates>();
builder.Services.AddSingleton<CaseIntake>();
builder.Services.AddSingleton<CaseHandling>();
builder.Services.AddSingleton<CaseDesk>();
builder.Services.AddSingleton<DuplicateFinder>();
builder.Services.AddSingleton<TriageList>();
builder.Services.AddSingleton<HotlineIoc.Infrastructure.Privacy.ReporterAccessLogQuery>();
builder.Services.AddSingleton<HotlineIoc.Infrastructure.Privacy.ReporterDisclosure>();
builder.Services.AddSingleton<CaseStatistics>();
// One node, or several sharing the database with Redis relaying the live picture; work meant to run once runs under a lease.
var cluster = builder.Services.AddCluster(configuration);
builder.Services.AddZaloChannel(configuration);
// No SignalR backplane: each node pushes to its own hub clients what its bus hears, the relay included, so each change once.
builder.Services.AddSignalR();
builder.Services.AddHostedService<LiveHubBroadcaster>();
builder.Services.AddClusterWork<LiveSignalWatcher>();
if (demo.RunsLiveFeed)
{
    builder.Services.AddClusterWork<DemoLiveFeed>();
}
var health = builder.Services.AddHealthChecks().AddDbContextCheck<HotlineDbContext>("database");
if (cluster.IsCluster)
{
    health.AddCheck<RelayHealthCheck>("redis");
}
builder.Services.AddProblemDetails();

// People sign in with Identity; wall displays with a token cookie; machines with an API key.
builder.Services.AddIdentityCore<HotlineUser>(AccountRules.Configure)
    .AddRoles<IdentityRole>()
    .AddEntityFrameworkStores<HotlineDbContext>()
    .AddSignInManager<DemoAwareSignInManager>()
    .AddClaimsPrincipalFactory<AgencyClaimsFactory>()
    .AddDefaultTokenProviders();
builder.Services.AddSingleton<DisplayTokens>();
builder.Services.AddSingleton<SignInLog>();
builder.Services.AddSingleton<DemoAccountGate>();
builder.Services.AddAuthentication(o =>
    {
        o.DefaultScheme = "Hotline";
        o.DefaultChallengeScheme = IdentityConstants.ApplicationScheme;
        o.DefaultSignInScheme = IdentityConstants.ApplicationScheme;
    })
    .AddPolicyScheme("Hotline", "Person or display", o => o.ForwardDefaultSelector = context =>
        !context.Request.Cookies.ContainsKey(".AspNetCore.Identity.Application") && context.Request.Cookies.ContainsKey(DisplayTokens.CookieName)
            ? DisplayTokens.Scheme
            : IdentityConstants.ApplicationScheme)
    .AddCookie(DisplayTokens.Scheme, DisplayTokens.ConfigureCookie)
    .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
    .AddIdentityCookies();
builder.Services.ConfigureApplicationCookie(o =>
{
    o.LoginPath = "/account/login";
    o.AccessDeniedPath = "/account/denied";
    o.ExpireTimeSpan = TimeSpan.FromHours(12);
    o.SlidingExpiration = true;
    DemoAccountGate.GuardCookie(o);
});

var apiKeys = demo.ApiKeys(configuration.GetSection("Api:Keys").Get<List<ApiKeyEntry>>() ?? [], out var refusedDemoKeys);
builder.Services.AddSingleton(new ApiKeyStore(apiKeys));
builder.Services.AddAuthorizationBuilder()
    .AddPolicy(ApiScopes.Read, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser().RequireClaim(ApiScopes.ClaimType, ApiScopes.Read, ApiScopes.Write))
    .AddPolicy(ApiScopes.Write, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser().RequireClaim(ApiScopes.ClaimType, ApiScopes.Write));
builder.Services.AddCascadingAuthenticationState();

builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddMudServices();
builder.Services.AddSingleton<HotlineIoc.Web.Components.Layout.WallTheme>();
builder.Services.AddDashboard(configuration);
builder.Services.AddReports(configuration);
builder.Services.AddOverdueBoard(configuration);
builder.Services.AddOpen311(configuration);

var transport = TransportSecurity.FromConfiguration(configuration);
builder.Services.ConfigureApplicationCookie(o =>
{
    o.Cookie.HttpOnly = true;
    o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
    o.Cookie.SameSite = SameSiteMode.Lax;
});
builder.Services.AddAntiforgery(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);

var app = builder.Build();
transport.UseForwardedHeaders(app);

var seedFolder = configuration["Seed:Path"] is { Length: > 0 } configured ? configured : SeedData.DefaultFolder;
if (demo.Enabled && !app.Environment.IsDevelopment())
{
    app.Logger.LogWarning(
        "Demo mode is on in the {Environment} environment: made-up cases, accounts with a published password and a public API key. Set Demo:Enabled=false for real use.",
        app.Environment.EnvironmentName);
}

var initialized = await app.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync(seedFolder, demo.Enabled, CancellationToken.None);
await using (var db = await app.Services.GetRequiredService<IDbContextFactory<HotlineDbContext>>().CreateDbContextAsync())
{
    // A key whose Channel names no channel would fail every Open311 report it sends: refuse to start instead.
    ApiKeyChannels.Check(apiKeys, await db.Channels.Select(c => c.Code).ToListAsync());

    // A node with other keys than the database was written with would write reporter data the others cannot read.
    if (await KeyCheck.VerifyAsync(db, app.Services.GetRequiredService<ReporterProtection>(), app.Services.GetRequiredService<ReporterKeyFolder>(), CancellationToken.None) is { } wrongKeys)
    {
        if (cluster.IsCluster)
        {
            throw new InvalidOperationException(wrongKeys);
        }

        app.Logger.LogError("{Problem}", wrongKeys);
    }
}

await DemoAccounts.EnsureRolesAsync(app.Services);
var accounts = 0;
if (demo.Enabled)
{
    if (string.IsNullOrWhiteSpace(demo.Password))
    {
        throw new InvalidOperationException("Demo:Enabled is true but Demo:Password is empty; set the password of the demo accounts.");
    }

    accounts = await DemoAccounts.EnsureAsync(app.Services, demo.Password, CancellationToken.None);
}
else
{
    var gate = app.Services.GetRequiredService<DemoAccountGate>();
    await gate.LoadAsync(app.Services, CancellationToken.None);
    if (gate.Refused > 0 || refusedDemoKeys > 0)
    {
        // Nothing is deleted: the accounts stay, and sign in again if demo mode is turned back on.
        app.Logger.LogWarning("Demo mode is off: {Accounts} demo accounts may not sign in and {Keys} demo API keys of Api:Keys are refused.", gate.Refused, refusedDemoKeys);
    }
}

await app.Services.GetRequiredService<DashboardAggregates>().LoadAsync(CancellationToken.None);
app.Logger.LogInformation("Database ready: {Seeded} reference rows added, {Demo} demo cases generated, {Accounts} demo accounts created.",
    initialized.Seeded.Total, initialized.DemoCases, accounts);

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
}

transport.UseHttps(app);
transport.UseHeaders(app);
app.UseStatusCodePages();
app.UseRequestLocalization();
app.UseAuthentication();
app.Use(DisplayTokens.SignInFromQueryAsync);
app.UseAuthorization();
app.UseRateLimiter();
app.UseAntiforgery();
app.MapStaticAssets();
app.MapHealthChecks("/healthz");
app.MapCaseEndpoints();
app.MapStatsEndpoints();
app.MapLiveEndpoints();
app.MapUnitEndpoints();
app.MapZaloWebhook();
app.MapReports();
app.MapOverdueBoard();
app.MapOpen311();
app.MapHub<LiveHub>(LiveHub.Path);
app.MapCultureSwitch();
if (configuration.GetValue("Diagnostics:MemoryEndpoint", false))
{
    // Only for the live benchmark: the managed heap after a full collection, to measure memory per circuit.
    app.MapGet("/diagnostics/memory", () => Results.Ok(new
    {
        managedBytes = GC.GetTotalMemory(forceFullCollection: true),
        workingSetBytes = Environment.WorkingSet,
    })).RequireHost("127.0.0.1", "localhost");
}
app.MapAccountEndpoints();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o => o.ConfigureWebSocketAcceptContext = (_, accept) =>
{
    // Compressed as by default, but without server context takeover zlib's deflate state (about 0.5 MB of native memory
    // per connection, measured) lives only while a message is compressed, not for as long as each wall stays open.
    accept.DangerousEnableCompression = true;
    accept.DisableServerContextTakeover = true;
    return Task.CompletedTask;
});

await app.RunAsync();

/// <summary>Lets integration tests start the app with <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public partial class Program;
