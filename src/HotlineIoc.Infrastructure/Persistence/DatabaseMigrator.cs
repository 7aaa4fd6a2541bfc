using HotlineIoc.Infrastructure.Identity;
using HotlineIoc.Infrastructure.Privacy;
using Microsoft.EntityFrameworkCore;

namespace HotlineIoc.Infrastructure.Persistence;

public static class DatabaseMigrator
{
    /// <summary>Brings the schema and the encryption of reporter data up to date. SQLite runs in WAL mode so readers never wait for the writer.</summary>
    public static async Task MigrateAsync(HotlineDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        // A database from before encryption: its reporter data is encrypted in place, once. (Design-time contexts hold no keys.)
        if (db.Protection is not null)
        {
            await ApplyOnceAsync(db, ReporterDataUpgrade.Name, () => ReporterDataUpgrade.EncryptPlaintextAsync(db, cancellationToken), cancellationToken);
            // Values of the earlier per-value scheme move to the data key, once (they stay readable meanwhile).
            await ApplyOnceAsync(db, ReporterEnvelopeUpgrade.Name, () => ReporterEnvelopeUpgrade.ReencryptAsync(db, cancellationToken), cancellationToken);
        }

        // A database that was a demo before demo accounts were marked: its accounts are marked, so demo mode off refuses them.
        await ApplyOnceAsync(db, DemoAccountMark.UpgradeName, () => DemoAccountMark.MarkExistingAsync(db, cancellationToken), cancellationToken);
    }

    /// <summary>Runs a data upgrade unless it is recorded as done; records it only once it has finished.</summary>
    private static async Task ApplyOnceAsync(HotlineDbContext db, string name, Func<Task> upgrade, CancellationToken cancellationToken)
    {
        if (await db.DataUpgrades.AnyAsync(u => u.Name == name, cancellationToken))
        {
            return;
        }

        await upgrade();
        db.DataUpgrades.Add(new DataUpgrade { Name = name, AppliedAtUtc = DateTime.UtcNow });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The web app and the command line started together and both finished it (the upgrade itself is idempotent);
            // anything else is a real failure.
            db.ChangeTracker.Clear();
            if (!await db.DataUpgrades.AsNoTracking().AnyAsync(u => u.Name == name, cancellationToken))
            {
                throw;
            }
        }

        db.ChangeTracker.Clear();
    }
}
