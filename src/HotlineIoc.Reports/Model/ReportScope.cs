namespace HotlineIoc.Reports.Model;

public enum ScopeKind
{
    City,
    Agency,
    Unit,
    Field,
}

/// <summary>What a report covers: the whole city, or one agency, unit (ward or commune) or field.</summary>
public sealed record ReportScope(ScopeKind Kind, string? Code)
{
    public static readonly ReportScope City = new(ScopeKind.City, null);

    public static ReportScope Agency(string code) => new(ScopeKind.Agency, code);

    public static ReportScope Unit(string code) => new(ScopeKind.Unit, code);

    public static ReportScope Field(string code) => new(ScopeKind.Field, code);

    /// <summary>The machine form: city, agency:CA, unit:tan-loi, field:MT.</summary>
    public string Key => Kind == ScopeKind.City ? "city" : $"{Kind.ToString().ToLowerInvariant()}:{Code}";

    public static ReportScope Parse(string? key)
    {
        if (string.IsNullOrWhiteSpace(key) || key == "city")
        {
            return City;
        }

        var colon = key.IndexOf(':', StringComparison.Ordinal);
        var code = colon > 0 ? key[(colon + 1)..].Trim() : "";
        var kind = colon > 0 ? key[..colon] : key;
        if (code.Length > 0)
        {
            switch (kind)
            {
                case "agency": return Agency(code);
                case "unit": return Unit(code);
                case "field": return Field(code);
            }
        }

        throw new FormatException($"The scope '{key}' is not one of city, agency:CODE, unit:CODE or field:CODE.");
    }

    public override string ToString() => Key;
}
