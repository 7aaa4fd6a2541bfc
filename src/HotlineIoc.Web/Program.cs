using System.Text.Encodings.Web;
using System.Text.Unicode;
using HotlineIoc.Infrastructure.Cases;
using HotlineIoc.Infrastructure.Live;
using HotlineIoc.Infrastructure.Persistence;
using HotlineIoc.Infrastructure.Seeding;
using HotlineIoc.Infrastructure.Statistics;
using HotlineIoc.Web.Api;
using HotlineIoc.Web.Components;
using MudBlazor.Services;

var builder = WebApplication.CreateBuilder(args);
var configuration = builder.Configuration;
var demo = configuration.GetValue("Demo:Enabled", true);

// Vietnamese text stays readable in prerendered HTML instead of becoming numeric entities.
builder.Services.AddSingleton(HtmlEncoder.Create(UnicodeRanges.All));
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddHotlineDatabase(DatabaseSettings.FromConfiguration(configuration));
builder.Services.AddSingleton<DatabaseInitializer>();
builder.Services.AddSingleton<CaseEventBus>();
builder.Services.AddSingleton<CaseIntake>();
builder.Services.AddSingleton<CaseStatistics>();
builder.Services.AddHealthChecks().AddDbContextCheck<HotlineDbContext>("database");
builder.Services.AddProblemDetails();

var apiKeys = configuration.GetSection("Api:Keys").Get<List<ApiKeyEntry>>() ?? [];
if (demo && configuration["Demo:ApiKey"] is { Length: > 0 } demoKey)
{
    apiKeys.Add(new ApiKeyEntry { Key = demoKey, Name = "demo", Scopes = [ApiScopes.Read, ApiScopes.Write] });
}

builder.Services.AddSingleton(new ApiKeyStore(apiKeys));
builder.Services.AddAuthentication()
    .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
builder.Services.AddAuthorizationBuilder()
    .AddPolicy(ApiScopes.Read, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser().RequireClaim(ApiScopes.ClaimType, ApiScopes.Read, ApiScopes.Write))
    .AddPolicy(ApiScopes.Write, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser().RequireClaim(ApiScopes.ClaimType, ApiScopes.Write));

builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddMudServices();

var app = builder.Build();

var seedFolder = configuration["Seed:Path"] is { Length: > 0 } configured ? configured : SeedData.DefaultFolder;
var initialized = await app.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync(seedFolder, demo, CancellationToken.None);
app.Logger.LogInformation("Database ready: {Seeded} reference rows added, {Demo} demo cases generated.", initialized.Seeded.Total, initialized.DemoCases);

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
}

app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();
app.MapStaticAssets();
app.MapHealthChecks("/healthz");
app.MapCaseEndpoints();
app.MapStatsEndpoints();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

await app.RunAsync();

/// <summary>Lets integration tests start the app with <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public partial class Program;
