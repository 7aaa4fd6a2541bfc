using HotlineIoc.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace HotlineIoc.Infrastructure.Seeding;

/// <summary>
/// Adds the seed rows the database does not have yet. Rows already there are left alone, so an administrator's edits win.
/// </summary>
public static class ReferenceDataSeeder
{
    public sealed record Result(int Channels, int Agencies, int Fields, int Units, int CalendarDays)
    {
        public int Total => Channels + Agencies + Fields + Units + CalendarDays;
    }

    public static async Task<Result> SeedAsync(HotlineDbContext db, SeedData data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(data);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        var agencies = await AddMissing(db.Agencies, data.Agencies, a => a.Code, cancellationToken);
        var channels = await AddMissing(db.Channels, data.Channels, c => c.Code, cancellationToken);
        var units = await AddMissing(db.Units, data.Units, u => u.Code, cancellationToken);
        var fields = await AddMissing(db.Fields, data.Fields, f => f.Code, cancellationToken);
        var existingDays = (await db.CalendarDays.Select(d => d.Date).ToListAsync(cancellationToken)).ToHashSet();
        var newDays = data.CalendarDays.Where(d => !existingDays.Contains(d.Date)).ToList();
        db.CalendarDays.AddRange(newDays);

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new Result(channels, agencies, fields, units, newDays.Count);
    }

    private static async Task<int> AddMissing<T>(DbSet<T> set, IEnumerable<T> rows, Func<T, string> key, CancellationToken cancellationToken)
        where T : class
    {
        var existing = (await set.AsNoTracking().ToListAsync(cancellationToken)).Select(key).ToHashSet(StringComparer.Ordinal);
        var missing = rows.Where(r => !existing.Contains(key(r))).ToList();
        set.AddRange(missing);
        return missing.Count;
    }
}
