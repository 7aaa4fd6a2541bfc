namespace HotlineIoc.Domain.Reference;

public enum UnitKind
{
    /// <summary>Phường.</summary>
    Ward,

    /// <summary>Xã.</summary>
    Commune,
}

/// <summary>
/// A ward or commune (đơn vị hành chính cấp xã) with its life span: it exists from <see cref="ValidFrom"/> to
/// <see cref="ValidTo"/> (local dates, both inclusive; empty = open) and is then taken over by <see cref="SuccessorCode"/>.
/// A case keeps the unit it was received in; figures are rolled up to later units through the successors.
/// </summary>
public sealed class AdministrativeUnit
{
    public string Code { get; set; } = "";

    public string Name { get; set; } = "";

    public UnitKind Kind { get; set; }

    /// <summary>Official statistics code, where known. Codes are reused by later units: never join on it.</summary>
    public string? StatisticsCode { get; set; }

    /// <summary>The first local day the unit exists; null for a unit older than the data.</summary>
    public DateOnly? ValidFrom { get; set; }

    /// <summary>The last local day the unit exists; null while it is in force.</summary>
    public DateOnly? ValidTo { get; set; }

    /// <summary>The unit that took this one over on the day after <see cref="ValidTo"/> (sáp nhập vào).</summary>
    public string? SuccessorCode { get; set; }

    /// <summary>Column of the unit's tile in the schematic map, drawn where no boundary is shipped.</summary>
    public int TileColumn { get; set; }

    /// <summary>Row of the unit's tile in the schematic map.</summary>
    public int TileRow { get; set; }

    /// <summary>The name with its kind, as documents write it: «Phường Tân An», «Xã Hòa Phú».</summary>
    public string FullName => (Kind == UnitKind.Ward ? "Phường " : "Xã ") + Name;

    /// <summary>The name with its kind in English: "Tân An Ward", "Hòa Phú Commune".</summary>
    public string FullNameEn => Name + (Kind == UnitKind.Ward ? " Ward" : " Commune");

    public bool IsValidOn(DateOnly date) =>
        (ValidFrom is null || ValidFrom <= date) && (ValidTo is null || date <= ValidTo);
}
