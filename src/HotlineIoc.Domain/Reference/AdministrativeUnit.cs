namespace HotlineIoc.Domain.Reference;

public enum UnitKind
{
    /// <summary>Phường.</summary>
    Ward,

    /// <summary>Xã.</summary>
    Commune,
}

/// <summary>A ward or commune (đơn vị hành chính cấp xã), valid between two dates so reorganisations can be mapped.</summary>
public sealed class AdministrativeUnit
{
    public string Code { get; set; } = "";

    public string Name { get; set; } = "";

    public UnitKind Kind { get; set; }

    /// <summary>Official statistics code, where known.</summary>
    public string? StatisticsCode { get; set; }

    public DateOnly? ValidFrom { get; set; }

    public DateOnly? ValidTo { get; set; }

    /// <summary>Column of the unit's tile in the schematic map (no licensed boundaries are shipped).</summary>
    public int TileColumn { get; set; }

    /// <summary>Row of the unit's tile in the schematic map.</summary>
    public int TileRow { get; set; }

    public bool IsValidOn(DateOnly date) =>
        (ValidFrom is null || ValidFrom <= date) && (ValidTo is null || date <= ValidTo);
}
