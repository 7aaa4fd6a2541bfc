using HotlineIoc.Domain.Cases;
using HotlineIoc.Infrastructure.Persistence;
using HotlineIoc.Infrastructure.Seeding;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HotlineIoc.Web.Tests.Components;

/// <summary>A fresh SQLite file in its own temp folder, migrated and seeded like the app does it, for the live and list tests.</summary>
public sealed class ComponentDatabase : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private ComponentDatabase(string folder)
    {
        Folder = folder;
        var settings = new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(folder, "hotline.db")}");
        _services = new ServiceCollection().AddHotlineDatabase(settings).BuildServiceProvider();
        Contexts = _services.GetRequiredService<IDbContextFactory<HotlineDbContext>>();
    }

    public string Folder { get; }

    public IDbContextFactory<HotlineDbContext> Contexts { get; }

    public static async Task<ComponentDatabase> CreateAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "hotline-component-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var database = new ComponentDatabase(folder);
        await using var db = database.Contexts.CreateDbContext();
        await DatabaseMigrator.MigrateAsync(db, TestContext.Current.CancellationToken);
        await ReferenceDataSeeder.SeedAsync(db, SeedData.Load(SeedData.DefaultFolder), TestContext.Current.CancellationToken);
        return database;
    }

    /// <summary>Stores a case as an import would: with the status, agency and instants it already has.</summary>
    public Task<Case> AddAsync(
        string code,
        string channel,
        string field,
        string unit,
        DateTime receivedLocal,
        CaseStatus status = CaseStatus.Received,
        string? agency = null,
        DateTime? resolvedLocal = null) =>
        TestCases.ImportAsync(Contexts, code, channel, field, unit, receivedLocal, status, agency, resolvedLocal);

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
