using Microsoft.Extensions.Configuration;

namespace HotlineIoc.Infrastructure.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}

/// <summary>
/// The one switch between the embedded SQLite database and SQL Server in production:
/// <c>Database:Provider</c> and <c>ConnectionStrings:Hotline</c>.
/// </summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString)
{
    public const string ConnectionStringName = "Hotline";

    /// <summary>Where the SQLite file lives when no connection string is given: shared by the web app and the command line.</summary>
    public static string DefaultDataFolder =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "HotlineIoc");

    public static DatabaseSettings FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var providerText = configuration["Database:Provider"];
        var provider = DatabaseProvider.Sqlite;
        if (!string.IsNullOrWhiteSpace(providerText) && !Enum.TryParse(providerText, ignoreCase: true, out provider))
        {
            throw new InvalidOperationException($"Database:Provider is '{providerText}'; use 'Sqlite' or 'SqlServer'.");
        }

        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (provider == DatabaseProvider.SqlServer)
            {
                throw new InvalidOperationException("Database:Provider is SqlServer but ConnectionStrings:Hotline is empty.");
            }

            var folder = configuration["Database:DataFolder"];
            folder = string.IsNullOrWhiteSpace(folder) ? DefaultDataFolder : folder;
            connectionString = $"Data Source={Path.Combine(folder, "hotline.db")}";
        }

        return new DatabaseSettings(provider, connectionString);
    }

    public override string ToString() => $"{Provider} database";
}
