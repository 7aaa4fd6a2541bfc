using HotlineIoc.Infrastructure.Privacy;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HotlineIoc.Infrastructure.Persistence;

public static class DatabaseRegistration
{
    public const string SqliteMigrationsAssembly = "HotlineIoc.Migrations.Sqlite";
    public const string SqlServerMigrationsAssembly = "HotlineIoc.Migrations.SqlServer";

    /// <summary>Chooses the provider and the assembly holding that provider's migrations.</summary>
    public static DbContextOptionsBuilder UseDatabase(this DbContextOptionsBuilder builder, DatabaseSettings settings)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(settings);
        builder.ReplaceService<IModelCacheKeyFactory, ProtectedModelCacheKeyFactory>();
        return settings.Provider switch
        {
            DatabaseProvider.Sqlite => builder.UseSqlite(settings.ConnectionString, o => o.MigrationsAssembly(SqliteMigrationsAssembly)),
            // No retrying execution strategy: the seeder, the demo writer and the importer run their own transactions,
            // which such a strategy refuses; a failed batch is rolled back whole and the import can simply run again.
            DatabaseProvider.SqlServer => builder.UseSqlServer(settings.ConnectionString, o => o.MigrationsAssembly(SqlServerMigrationsAssembly)),
            _ => throw new ArgumentOutOfRangeException(nameof(settings)),
        };
    }

    /// <summary>
    /// The database and the protection of its reporter data. The Data Protection keys live in <paramref name="keysFolder"/>,
    /// by default a <c>keys</c> folder beside the SQLite file (or in the app's data folder for SQL Server).
    /// </summary>
    public static IServiceCollection AddHotlineDatabase(this IServiceCollection services, DatabaseSettings settings, string? keysFolder = null, KeyCertificates? certificates = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        EnsureSqliteFolder(settings);
        services.AddSingleton(settings);
        var keys = string.IsNullOrWhiteSpace(keysFolder) ? DefaultKeysFolder(settings) : Path.GetFullPath(keysFolder);
        services.AddSingleton(new ReporterKeyFolder(keys));
        var protection = services.AddDataProtection()
            .SetApplicationName("HotlineIoc")
            .PersistKeysToFileSystem(new DirectoryInfo(keys));
        if (certificates?.Current is { } current)
        {
            // The key files are then encrypted with the certificate, not only protected by the file system.
            protection.ProtectKeysWithCertificate(current);
            protection.UnprotectKeysWithAnyCertificate([current, .. certificates.Previous]);
        }

        services.AddSingleton<ReporterProtection>();
        services.AddDbContextFactory<HotlineDbContext>(o => o.UseDatabase(settings));
        return services;
    }

    public static string DefaultKeysFolder(DatabaseSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Provider == DatabaseProvider.Sqlite)
        {
            var source = new SqliteConnectionStringBuilder(settings.ConnectionString).DataSource;
            if (!string.IsNullOrEmpty(source) && source != ":memory:" && Path.GetDirectoryName(Path.GetFullPath(source)) is { Length: > 0 } folder)
            {
                return Path.Combine(folder, "keys");
            }
        }

        return Path.Combine(DatabaseSettings.DefaultDataFolder, "keys");
    }

    /// <summary>SQLite creates the file but not its folder.</summary>
    public static void EnsureSqliteFolder(DatabaseSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Provider != DatabaseProvider.Sqlite)
        {
            return;
        }

        var source = new SqliteConnectionStringBuilder(settings.ConnectionString).DataSource;
        var folder = Path.GetDirectoryName(Path.GetFullPath(source));
        if (!string.IsNullOrEmpty(source) && source != ":memory:" && !string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
    }
}
