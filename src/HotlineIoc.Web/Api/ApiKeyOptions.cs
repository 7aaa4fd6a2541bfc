namespace HotlineIoc.Web.Api;

/// <summary>One machine client's key, from <c>Api:Keys</c>.</summary>
public sealed class ApiKeyEntry
{
    public string Key { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary><c>read</c> and/or <c>write</c>.</summary>
    public List<string> Scopes { get; set; } = [];
}

public static class ApiScopes
{
    public const string Read = "read";
    public const string Write = "write";
    public const string ClaimType = "scope";
}
