using System.Globalization;
using HotlineIoc.Domain.Reference;
using HotlineIoc.Infrastructure.Persistence;
using HotlineIoc.Infrastructure.Seeding;
using Microsoft.EntityFrameworkCore;

namespace HotlineIoc.Web.Components.Dashboard;

/// <summary>
/// Display names for field, unit, channel and agency codes in the current UI culture, read once from the database and kept.
/// Fields and channels have Vietnamese and English names; units and agencies are proper names, Vietnamese only.
/// An unknown code shows as itself, so a panel never fails on data the catalogue does not know yet.
/// </summary>
public sealed class ReferenceNames : IDisposable
{
    private readonly IDbContextFactory<HotlineDbContext>? _contexts;
    private readonly SemaphoreSlim _loading = new(1, 1);
    private volatile ReferenceCatalog _catalog;
    private volatile bool _loaded;

    /// <summary>Names read from the database on first use.</summary>
    public ReferenceNames(IDbContextFactory<HotlineDbContext> contexts)
    {
        _contexts = contexts;
        _catalog = ReferenceCatalog.Empty;
    }

    /// <summary>Names given up front (tests, tools); <see cref="ReloadAsync"/> keeps them.</summary>
    public ReferenceNames(ReferenceCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        _catalog = catalog;
        _loaded = true;
    }

    public bool IsLoaded => _loaded;

    /// <summary>The names now; a new instance after every load, so views built from names can be keyed by it.</summary>
    public ReferenceCatalog Catalog => _catalog;

    /// <summary>Every unit, former ones too, with their schematic tiles, in code order.</summary>
    public IReadOnlyList<AdministrativeUnit> Units => _catalog.Units;

    /// <summary>The fields in their published order.</summary>
    public IReadOnlyList<Field> Fields => _catalog.Fields;

    /// <summary>The channel codes, in code order.</summary>
    public IReadOnlyList<string> ChannelCodes => _catalog.ChannelCodes;

    /// <summary>Loads the names unless they are already there; cheap after the first call.</summary>
    public async Task EnsureLoadedAsync(CancellationToken cancellationToken)
    {
        if (!_loaded)
        {
            await LoadAsync(force: false, cancellationToken);
        }
    }

    /// <summary>Reads the names again, after an administrator changed reference data.</summary>
    public Task ReloadAsync(CancellationToken cancellationToken) => LoadAsync(force: true, cancellationToken);

    public string Field(string code) =>
        _catalog.FieldsByCode.TryGetValue(code, out var field) ? (IsEnglish ? field.NameEn : field.NameVi) : code;

    public string Channel(string code) =>
        _catalog.ChannelsByCode.TryGetValue(code, out var channel) ? (IsEnglish ? channel.NameEn : channel.NameVi) : code;

    public string Unit(string code) =>
        _catalog.UnitsByCode.TryGetValue(code, out var unit) ? unit.Name : code;

    /// <summary>The unit's name with its kind, «Phường Tân An», where old and new units of the same name may meet.</summary>
    public string UnitFullName(string code) =>
        _catalog.UnitsByCode.TryGetValue(code, out var unit) ? unit.FullName : code;

    public string Agency(string code) =>
        _catalog.AgenciesByCode.TryGetValue(code, out var agency) ? agency.Name : code;

    public void Dispose() => _loading.Dispose();

    private static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    private async Task LoadAsync(bool force, CancellationToken cancellationToken)
    {
        if (_contexts is null)
        {
            return;
        }

        await _loading.WaitAsync(cancellationToken);
        try
        {
            if (_loaded && !force)
            {
                return;
            }

            await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
            var data = await ReferenceData.LoadAsync(db, cancellationToken);
            _catalog = new ReferenceCatalog(data.Fields.Values, data.Units.Values, data.Channels.Values, data.Agencies.Values);
            _loaded = true;
        }
        finally
        {
            _loading.Release();
        }
    }
}

/// <summary>An immutable copy of the reference data the panels name things by.</summary>
public sealed class ReferenceCatalog
{
    public ReferenceCatalog(IEnumerable<Field> fields, IEnumerable<AdministrativeUnit> units, IEnumerable<Channel> channels, IEnumerable<Agency> agencies)
    {
        Fields = [.. fields.OrderBy(f => f.SortOrder).ThenBy(f => f.Code, StringComparer.Ordinal)];
        Units = [.. units.OrderBy(u => u.Code, StringComparer.Ordinal)];
        FieldsByCode = Fields.ToDictionary(f => f.Code, StringComparer.Ordinal);
        UnitsByCode = Units.ToDictionary(u => u.Code, StringComparer.Ordinal);
        Timeline = new UnitTimeline(Units);
        ChannelsByCode = channels.ToDictionary(c => c.Code, StringComparer.Ordinal);
        ChannelCodes = [.. ChannelsByCode.Keys.Order(StringComparer.Ordinal)];
        AgenciesByCode = agencies.ToDictionary(a => a.Code, StringComparer.Ordinal);
    }

    public static ReferenceCatalog Empty { get; } = new([], [], [], []);

    public IReadOnlyList<Field> Fields { get; }

    public IReadOnlyList<AdministrativeUnit> Units { get; }

    public IReadOnlyList<string> ChannelCodes { get; }

    public IReadOnlyDictionary<string, Field> FieldsByCode { get; }

    public IReadOnlyDictionary<string, AdministrativeUnit> UnitsByCode { get; }

    /// <summary>The units' life spans and successors: which are in force on a day, and what each became.</summary>
    public UnitTimeline Timeline { get; }

    public IReadOnlyDictionary<string, Channel> ChannelsByCode { get; }

    public IReadOnlyDictionary<string, Agency> AgenciesByCode { get; }
}
