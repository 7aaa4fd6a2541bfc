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

        // A database from before encryption: its reporter data is encrypted in place now. (Design-time contexts hold no keys.)
        if (db.Protection is not null)
        {
            await ReporterDataUpgrade.EncryptPlaintextAsync(db, cancellationToken);
        }
    }
}
