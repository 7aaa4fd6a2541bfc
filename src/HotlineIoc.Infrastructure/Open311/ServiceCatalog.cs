using HotlineIoc.Domain.Calendar;
using HotlineIoc.Domain.Reference;
using HotlineIoc.Infrastructure.Persistence;
using HotlineIoc.Infrastructure.Seeding;
using Microsoft.EntityFrameworkCore;

namespace HotlineIoc.Infrastructure.Open311;

/// <summary>An Open311 service: one of the 15 fields, with its group.</summary>
public sealed record Open311Service(string Code, string Name, string Description, string Keywords, string? Group);

/// <summary>A choice of the <c>ward</c> attribute: a unit in force today.</summary>
public sealed record WardChoice(string Code, string Name);

/// <summary>The services (fields) and the wards a request may name today, from the reference data.</summary>
public sealed class ServiceCatalog(IDbContextFactory<HotlineDbContext> contexts, TimeProvider clock)
{
    /// <summary>The code of the one attribute every service has.</summary>
    public const string WardAttribute = "ward";

    public async Task<IReadOnlyList<Open311Service>> ServicesAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var fields = await db.Fields.AsNoTracking().OrderBy(f => f.SortOrder).ThenBy(f => f.Code).ToListAsync(cancellationToken);
        return [.. fields.Select(Service)];
    }

    /// <summary>The service of <paramref name="code"/>, or null when no field has it.</summary>
    public async Task<Open311Service?> FindAsync(string code, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var field = await db.Fields.AsNoTracking().SingleOrDefaultAsync(f => f.Code == code, cancellationToken);
        return field is null ? null : Service(field);
    }

    /// <summary>The units in force on today's local date, by code.</summary>
    public async Task<IReadOnlyList<WardChoice>> WardsTodayAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var reference = await ReferenceData.LoadAsync(db, cancellationToken);
        var today = VietnamTime.LocalDate(clock.GetUtcNow().UtcDateTime);
        return [.. reference.Timeline.InForceOn(today).Select(u => new WardChoice(u.Code, u.FullName))];
    }

    private static Open311Service Service(Field field) =>
        new(field.Code, field.NameVi, $"Phản ánh thuộc lĩnh vực {field.NameVi} ({field.NameEn}).", $"{field.Code}, {field.NameEn}", field.GroupVi);
}
