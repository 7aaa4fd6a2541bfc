namespace HotlineIoc.Domain.Reference;

/// <summary>A field of state management (lĩnh vực) that a report is classified into.</summary>
public sealed class Field
{
    public string Code { get; set; } = "";

    public string NameVi { get; set; } = "";

    public string NameEn { get; set; } = "";

    /// <summary>The agency a case of this field goes to unless the operator chooses another.</summary>
    public string DefaultAgencyCode { get; set; } = "";

    /// <summary>
    /// The group of related fields (nhóm lĩnh vực) that Open311 clients list a service under, e.g. «Trật tự, an ninh».
    /// Null where the reference data has none.
    /// </summary>
    public string? GroupVi { get; set; }

    /// <summary>Display order, as published.</summary>
    public int SortOrder { get; set; }
}
