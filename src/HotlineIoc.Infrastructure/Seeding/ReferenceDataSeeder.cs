using HotlineIoc.Domain.Reference;
using HotlineIoc.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace HotlineIoc.Infrastructure.Seeding;

/// <summary>
/// Adds the seed rows the database does not have yet. Rows already there are left alone, so an administrator's edits win,
/// except that a unit's empty life-span fields (start, end, successor, statistics code) are filled from the seed: that is
/// how a reorganisation written into <c>units.csv</c> reaches a database that already holds the units it ends. A field's
/// empty group is filled the same way, so a database seeded before <c>group_vi</c> existed gets the groups.
/// </summary>
public static class ReferenceDataSeeder
{
    public sealed record Result(int Channels, int Agencies, int Fields, int Units, int CalendarDays, int UnitsUpdated = 0, int FieldsUpdated = 0)
    {
        public int Total => Channels + Agencies + Fields + Units + CalendarDays + UnitsUpdated + FieldsUpdated;
    }

    public static async Task<Result> SeedAsync(HotlineDbContext db, SeedData data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(data);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        var agencies = await AddMissing(db.Agencies, data.Agencies, a => a.Code, cancellationToken);
        var channels = await AddMissing(db.Channels, data.Channels, c => c.Code, cancellationToken);
        var units = await AddMissing(db.Units, data.Units, u => u.Code, cancellationToken);
        var unitsUpdated = await FillUnitLifeSpansAsync(db, data, cancellationToken);
        var fields = await AddMissing(db.Fields, data.Fields, f => f.Code, cancellationToken);
        var fieldsUpdated = await FillFieldGroupsAsync(db, data, cancellationToken);
        var existingDays = (await db.CalendarDays.Select(d => d.Date).ToListAsync(cancellationToken)).ToHashSet();
        var newDays = data.CalendarDays.Where(d => !existingDays.Contains(d.Date)).ToList();
        db.CalendarDays.AddRange(newDays);

        await db.SaveChangesAsync(cancellationToken);
        await CheckUnitTimelineAsync(db, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new Result(channels, agencies, fields, units, newDays.Count, unitsUpdated, fieldsUpdated);
    }

    private static async Task<int> FillFieldGroupsAsync(HotlineDbContext db, SeedData data, CancellationToken cancellationToken)
    {
        var seeded = data.Fields.Where(f => f.GroupVi is not null).ToDictionary(f => f.Code, f => f.GroupVi, StringComparer.Ordinal);
        var updated = 0;
        foreach (var field in await db.Fields.Where(f => f.GroupVi == null).ToListAsync(cancellationToken))
        {
            if (db.Entry(field).State != EntityState.Added && seeded.TryGetValue(field.Code, out var group))
            {
                field.GroupVi = group;
                updated++;
            }
        }

        return updated;
    }

    private static async Task<int> FillUnitLifeSpansAsync(HotlineDbContext db, SeedData data, CancellationToken cancellationToken)
    {
        var seeded = data.Units.ToDictionary(u => u.Code, StringComparer.Ordinal);
        var updated = 0;
        foreach (var unit in await db.Units.ToListAsync(cancellationToken))
        {
            if (!seeded.TryGetValue(unit.Code, out var seed) || db.Entry(unit).State == EntityState.Added)
            {
                continue;
            }

            var changed = false;
            if (unit.ValidFrom is null && seed.ValidFrom is not null)
            {
                (unit.ValidFrom, changed) = (seed.ValidFrom, true);
            }

            if (unit.ValidTo is null && seed.ValidTo is not null)
            {
                (unit.ValidTo, changed) = (seed.ValidTo, true);
            }

            if (unit.SuccessorCode is null && seed.SuccessorCode is not null)
            {
                (unit.SuccessorCode, changed) = (seed.SuccessorCode, true);
            }

            if (unit.StatisticsCode is null && seed.StatisticsCode is not null)
            {
                (unit.StatisticsCode, changed) = (seed.StatisticsCode, true);
            }

            updated += changed ? 1 : 0;
        }

        return updated;
    }

    /// <summary>What the database holds after seeding must still be one history; otherwise nothing of the seeding is kept.</summary>
    private static async Task CheckUnitTimelineAsync(HotlineDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            _ = new UnitTimeline(await db.Units.AsNoTracking().ToListAsync(cancellationToken));
        }
        catch (UnitTimelineException e)
        {
            throw new SeedDataException($"The units in the database and in units.csv do not form one history: {e.Message}. Nothing was changed.");
        }
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
