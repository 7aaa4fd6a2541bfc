using HotlineIoc.Infrastructure.Demo;
using HotlineIoc.Infrastructure.Geography;
using HotlineIoc.Infrastructure.Seeding;
using Microsoft.EntityFrameworkCore;

namespace HotlineIoc.Infrastructure.Persistence;

public sealed record InitializationResult(ReferenceDataSeeder.Result Seeded, int DemoCases);

/// <summary>Start-up work shared by the web app and <c>migrate</c>: schema, reference data, and demo history when asked.</summary>
public sealed class DatabaseInitializer(IDbContextFactory<HotlineDbContext> contexts, TimeProvider clock, UnitBoundaries boundaries)
{
    public async Task<InitializationResult> InitializeAsync(string seedFolder, bool demo, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await DatabaseMigrator.MigrateAsync(db, cancellationToken);
        var seeded = await ReferenceDataSeeder.SeedAsync(db, SeedData.Load(seedFolder), cancellationToken);
        var demoCases = demo ? await DemoSeeder.SeedAsync(db, clock.GetUtcNow().UtcDateTime, boundaries, null, cancellationToken) : 0;
        return new InitializationResult(seeded, demoCases);
    }
}
