using HotlineIoc.Web.Api;

namespace HotlineIoc.Web.Security;

/// <summary>
/// Demo mode (<c>Demo:*</c>): made-up history, accounts whose password the README prints, a public API key and a feed
/// of invented cases. Off unless set: only <c>appsettings.Development.json</c> turns it on, for <c>dotnet run</c> from a
/// checkout. While it is off, the accounts and key it made are refused (<see cref="DemoAccountGate"/>).
/// </summary>
public sealed record DemoMode(bool Enabled, bool LiveFeed, string? Password, string? ApiKey)
{
    /// <summary>The demo key the README publishes: it never opens the API while demo mode is off, whatever the settings say.</summary>
    public const string PublishedApiKey = "hotline-demo-key";

    public static DemoMode Off { get; } = new(false, false, null, null);

    /// <summary>Whether the demo feed of invented cases runs: only in demo mode, and only when asked for.</summary>
    public bool RunsLiveFeed => Enabled && LiveFeed;

    public static DemoMode FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new DemoMode(
            configuration.GetValue("Demo:Enabled", false),
            configuration.GetValue("Demo:LiveFeed", false),
            configuration["Demo:Password"],
            configuration["Demo:ApiKey"]);
    }

    /// <summary>A key that must not open the API now: a demo key, while demo mode is off.</summary>
    public bool Refuses(string? apiKey) =>
        !Enabled && apiKey is { Length: > 0 }
        && (string.Equals(apiKey.Trim(), PublishedApiKey, StringComparison.Ordinal) || string.Equals(apiKey.Trim(), ApiKey?.Trim(), StringComparison.Ordinal));

    /// <summary>The keys the API accepts: those of <c>Api:Keys</c> less the demo keys while demo mode is off, plus the demo key in demo mode.</summary>
    public List<ApiKeyEntry> ApiKeys(IEnumerable<ApiKeyEntry> configured, out int refused)
    {
        ArgumentNullException.ThrowIfNull(configured);
        var keys = configured.ToList();
        refused = keys.RemoveAll(k => Refuses(k.Key));
        if (Enabled && ApiKey is { Length: > 0 } demoKey)
        {
            keys.Add(new ApiKeyEntry { Key = demoKey, Name = "demo", Scopes = [ApiScopes.Read, ApiScopes.Write] });
        }

        return keys;
    }
}
