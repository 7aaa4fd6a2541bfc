using HotlineIoc.Infrastructure.Persistence;
using HotlineIoc.Infrastructure.Seeding;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HotlineIoc.Infrastructure.Tests;

/// <summary>A fresh SQLite file in its own temp folder, migrated and seeded like the app does it.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private TestDatabase(string folder)
    {
        Folder = folder;
        Settings = new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(folder, "hotline.db")}");
        _services = new ServiceCollection().AddHotlineDatabase(Settings).BuildServiceProvider();
        Contexts = _services.GetRequiredService<IDbContextFactory<HotlineDbContext>>();
    }

    public string Folder { get; }

    public string FilePath => Path.Combine(Folder, "hotline.db");

    public DatabaseSettings Settings { get; }

    public IDbContextFactory<HotlineDbContext> Contexts { get; }

    public static async Task<TestDatabase> CreateAsync(bool seed = true)
    {
        var folder = Path.Combine(Path.GetTempPath(), "hotline-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var database = new TestDatabase(folder);
        await using var db = database.Contexts.CreateDbContext();
        await DatabaseMigrator.MigrateAsync(db, TestContext.Current.CancellationToken);
        if (seed)
        {
            await ReferenceDataSeeder.SeedAsync(db, SeedData.Load(SeedData.DefaultFolder), TestContext.Current.CancellationToken);
        }

        return database;
    }

    public HotlineDbContext Open() => Contexts.CreateDbContext();

    public string PathOf(string fileName) => Path.Combine(Folder, fileName);

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open only leaves litter in the temp folder; it must not fail the test.
        }
    }
}
