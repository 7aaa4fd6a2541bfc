using HotlineIoc.Domain.Calendar;
using HotlineIoc.Domain.Reference;
using HotlineIoc.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace HotlineIoc.Infrastructure.Seeding;

/// <summary>A snapshot of the reference data in the database, with the working calendar built from it.</summary>
public sealed class ReferenceData
{
    public required IReadOnlyDictionary<string, Channel> Channels { get; init; }

    public required IReadOnlyDictionary<string, Field> Fields { get; init; }

    public required IReadOnlyDictionary<string, AdministrativeUnit> Units { get; init; }

    /// <summary>The units with their life spans and successors: which exist on a day, and what each became.</summary>
    public required UnitTimeline Timeline { get; init; }

    public required IReadOnlyDictionary<string, Agency> Agencies { get; init; }

    public required WorkingCalendar Calendar { get; init; }

    public static async Task<ReferenceData> LoadAsync(HotlineDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var channels = await db.Channels.AsNoTracking().ToDictionaryAsync(c => c.Code, StringComparer.Ordinal, cancellationToken);
        var fields = await db.Fields.AsNoTracking().OrderBy(f => f.SortOrder).ToDictionaryAsync(c => c.Code, StringComparer.Ordinal, cancellationToken);
        var units = await db.Units.AsNoTracking().ToDictionaryAsync(c => c.Code, StringComparer.Ordinal, cancellationToken);
        var agencies = await db.Agencies.AsNoTracking().ToDictionaryAsync(c => c.Code, StringComparer.Ordinal, cancellationToken);
        var days = await db.CalendarDays.AsNoTracking().ToListAsync(cancellationToken);
        return new ReferenceData
        {
            Channels = channels,
            Fields = fields,
            Units = units,
            Timeline = new UnitTimeline(units.Values),
            Agencies = agencies,
            Calendar = new WorkingCalendar(days),
        };
    }
}
