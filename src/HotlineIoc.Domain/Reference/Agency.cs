namespace HotlineIoc.Domain.Reference;

/// <summary>A body that handles cases (cơ quan, đơn vị xử lý).</summary>
public sealed class Agency
{
    public string Code { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>For a ward or commune People's Committee, the unit it answers for.</summary>
    public string? UnitCode { get; set; }
}
