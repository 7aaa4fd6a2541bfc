namespace HotlineIoc.Web.Api;

/// <summary>One machine client's key, from <c>Api:Keys</c>.</summary>
public sealed class ApiKeyEntry
{
    public string Key { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary><c>read</c> and/or <c>write</c>.</summary>
    public List<string> Scopes { get; set; } = [];

    /// <summary>
    /// The channel of the cases this client reports through Open311 (<c>Api:Keys:N:Channel</c>): the provincial IOC by
    /// default, <c>zalo</c> for a Zalo bridge. Checked against the channels at start-up.
    /// </summary>
    public string Channel { get; set; } = Domain.Reference.Channel.Ioc;

    public bool HasScope(string scope) => Scopes.Any(s => string.Equals(s.Trim(), scope, StringComparison.OrdinalIgnoreCase));
}

/// <summary>Every key's <see cref="ApiKeyEntry.Channel"/> must name a channel, or the app does not start.</summary>
public static class ApiKeyChannels
{
    /// <summary>Throws with the setting and the channels there are when a key names no channel.</summary>
    public static void Check(IReadOnlyList<ApiKeyEntry> keys, IReadOnlyCollection<string> channels)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(channels);
        for (var i = 0; i < keys.Count; i++)
        {
            var channel = keys[i].Channel = string.IsNullOrWhiteSpace(keys[i].Channel) ? Domain.Reference.Channel.Ioc : keys[i].Channel.Trim().ToLowerInvariant();
            if (!channels.Contains(channel))
            {
                throw new InvalidOperationException(
                    $"Api:Keys:{i}:Channel of the API key '{keys[i].Name}' is '{channel}', which is not a channel; use one of " +
                    string.Join(", ", channels.Order(StringComparer.Ordinal)) + " (or leave it out for ioc).");
            }
        }
    }
}

public static class ApiScopes
{
    public const string Read = "read";
    public const string Write = "write";
    public const string ClaimType = "scope";
}
