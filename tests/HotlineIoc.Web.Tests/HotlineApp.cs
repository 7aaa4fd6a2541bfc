using System.Net.Http.Headers;
using HotlineIoc.Web.Api;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace HotlineIoc.Web.Tests;

/// <summary>
/// The real web app in memory on its own SQLite file in a fresh temp folder, with one read-only and one read-write key.
/// Reference data is seeded at start-up; demo history only when asked, since it takes a few seconds. It runs in the
/// Development environment with demo mode set explicitly, unless made as a deployment would start it (<see cref="Deployed"/>).
/// </summary>
public class HotlineApp : WebApplicationFactory<Program>
{
    public const string ReadKey = "test-read-7Qm2xK9pL4vN";
    public const string WriteKey = "test-write-3Hf8sD1rT6yB";

    private readonly bool? _demo;
    private readonly string _environment;

    public HotlineApp()
        : this(demo: false)
    {
    }

    protected HotlineApp(bool demo)
        : this(Path.Combine(Path.GetTempPath(), "hotline-web-tests-" + Guid.NewGuid().ToString("N")), demo, ownsFolder: true)
    {
    }

    /// <summary>
    /// An app on the database and keys in <paramref name="folder"/>; a second app on the same folder is the first one restarted.
    /// <paramref name="demo"/> null sets no <c>Demo:*</c> setting at all, so the environment's appsettings file decides.
    /// </summary>
    protected HotlineApp(string folder, bool? demo, bool ownsFolder, string environment = "Development")
    {
        _demo = demo;
        _environment = environment;
        _ownsFolder = ownsFolder;
        Folder = folder;
        Directory.CreateDirectory(Folder);
        ConnectionString = $"Data Source={Path.Combine(Folder, "hotline.db")}";
    }

    private readonly bool _ownsFolder;

    public string Folder { get; }

    public string ConnectionString { get; }

    /// <summary>More settings for the app, applied after the defaults above (a subclass or a test sets them before the first request).</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    /// <summary>A client that sends <paramref name="apiKey"/> as <c>X-Api-Key</c>, or no key at all.</summary>
    public HttpClient Client(string? apiKey)
    {
        var client = CreateClient();
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.HeaderName, apiKey);
        }

        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // UseSetting, not ConfigureAppConfiguration: Program reads Demo:Enabled and Api:Keys before it builds the app,
        // and only host settings reach it that early.
        builder.UseEnvironment(_environment);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("ConnectionStrings:Hotline", ConnectionString);
        builder.UseSetting("Database:Provider", "Sqlite");
        if (_demo is { } demo)
        {
            builder.UseSetting("Demo:Enabled", demo ? "true" : "false");
            builder.UseSetting("Demo:LiveFeed", "false");
            builder.UseSetting("Demo:ApiKey", "");
        }

        // The report schedule draws PDFs at start-up; tests that want it run it themselves.
        builder.UseSetting("Reports:Schedule:Enabled", "false");
        builder.UseSetting("Api:Keys:0:Key", ReadKey);
        builder.UseSetting("Api:Keys:0:Name", "test-reader");
        builder.UseSetting("Api:Keys:0:Scopes:0", ApiScopes.Read);
        builder.UseSetting("Api:Keys:1:Key", WriteKey);
        builder.UseSetting("Api:Keys:1:Name", "test-writer");
        builder.UseSetting("Api:Keys:1:Scopes:0", ApiScopes.Read);
        builder.UseSetting("Api:Keys:1:Scopes:1", ApiScopes.Write);
        foreach (var (name, value) in Settings)
        {
            builder.UseSetting(name, value);
        }
    }

    /// <summary>Also reached from <c>DisposeAsync</c>, after the host has stopped.</summary>
    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && _ownsFolder)
        {
            DeleteFolder();
        }
    }

    private void DeleteFolder()
    {
        // Pooled connections keep the file open; close them before the folder goes.
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }
}

/// <summary>
/// The app as a deployment starts it: the environment's own settings files and no <c>Demo:*</c> setting from the test
/// (in Development, appsettings.Development.json turns demo mode on; in Production nothing does). The folder is the
/// caller's, so that two of them in turn are one server restarted.
/// </summary>
public sealed class DeployedHotlineApp(string folder, string environment) : HotlineApp(folder, demo: null, ownsFolder: false, environment);

/// <summary>The app with its demo history, generated once for every test that needs the published figures.</summary>
public sealed class DemoHotlineApp : HotlineApp
{
    public DemoHotlineApp()
        : base(demo: true)
    {
    }
}
