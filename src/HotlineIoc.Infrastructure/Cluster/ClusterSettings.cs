using Microsoft.Extensions.Configuration;

namespace HotlineIoc.Infrastructure.Cluster;

/// <summary>
/// Whether this node is one of several (<c>ConnectionStrings:Redis</c> set) and who it is. Without Redis the app is a
/// single node and everything live stays in process, as it always was.
/// </summary>
public sealed record ClusterSettings(string? RedisConnection, string NodeName, TimeSpan LeaseTime)
{
    public const string RedisKey = "Redis";

    /// <summary>The pub/sub channel the nodes share; <c>Cluster:Channel</c> keeps two deployments on one Redis apart.</summary>
    public string Channel { get; init; } = "hotline:live";

    public bool IsCluster => !string.IsNullOrWhiteSpace(RedisConnection);

    public static ClusterSettings FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var seconds = configuration.GetValue("Cluster:LeaseSeconds", 15);
        if (seconds is < 3 or > 600)
        {
            throw new InvalidOperationException($"Cluster:LeaseSeconds is {seconds}; give between 3 and 600 seconds.");
        }

        return new ClusterSettings(configuration.GetConnectionString(RedisKey), MakeNodeName(configuration["Cluster:NodeName"]), TimeSpan.FromSeconds(seconds))
        {
            Channel = configuration["Cluster:Channel"] is { Length: > 0 } channel ? channel : "hotline:live",
        };
    }

    /// <summary>Unique per process, even for two nodes on one machine and for a node restarted at once: host, process and a random part.</summary>
    private static string MakeNodeName(string? configured = null)
    {
        var name = string.IsNullOrWhiteSpace(configured) ? Environment.MachineName : configured.Trim();
        return $"{name}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";
    }
}
