using HotlineIoc.Infrastructure.Geography;
using HotlineIoc.Infrastructure.Persistence;
using HotlineIoc.Infrastructure.Seeding;
using Microsoft.EntityFrameworkCore;

namespace HotlineIoc.Infrastructure.Demo;

public static class DemoSeeder
{
    /// <summary>Fills an empty case table with demo history up to <paramref name="untilUtc"/>. Returns the number of cases written, 0 when cases exist.</summary>
    /// <remarks>Locations are placed inside <paramref name="boundaries"/>, the polygons of today's units.</remarks>
    public static async Task<int> SeedAsync(HotlineDbContext db, DateTime untilUtc, UnitBoundaries boundaries, IProgress<(int Done, int Total)>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (await db.Cases.AnyAsync(cancellationToken))
        {
            return 0;
        }

        var reference = await ReferenceData.LoadAsync(db, cancellationToken);
        var cases = new DemoHistoryGenerator(reference, boundaries).Generate(untilUtc);
        var tracking = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            const int Chunk = 1000;
            for (var i = 0; i < cases.Count; i += Chunk)
            {
                db.Cases.AddRange(cases.Skip(i).Take(Chunk));
                await db.SaveChangesAsync(cancellationToken);
                db.ChangeTracker.Clear();
                progress?.Report((Math.Min(i + Chunk, cases.Count), cases.Count));
            }

            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = tracking;
        }

        return cases.Count;
    }
}
