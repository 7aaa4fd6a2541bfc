namespace HotlineIoc.Web.Open311;

/// <summary>
/// A GeoReport v2 answer, built once and written as XML or JSON alike, so the two formats cannot drift apart. A list is
/// a wrapper element of items in XML (<c>&lt;services&gt;&lt;service&gt;…</c>) and a bare array in JSON.
/// </summary>
public sealed record Open311Document(string RootName, Open311Node Root);

public abstract record Open311Node;

/// <summary>Named fields, in the spec's order.</summary>
public sealed record Open311Object(IReadOnlyList<KeyValuePair<string, Open311Node>> Fields) : Open311Node
{
    public static Open311Object Of(params (string Name, Open311Node Node)[] fields) =>
        new([.. fields.Select(f => KeyValuePair.Create(f.Name, f.Node))]);
}

/// <summary>Items that XML wraps one by one in <see cref="ItemName"/>.</summary>
public sealed record Open311List(string ItemName, IReadOnlyList<Open311Node> Items) : Open311Node;

/// <summary>A string, a boolean, a number or nothing (an empty element, JSON null).</summary>
public sealed record Open311Value(object? Value) : Open311Node
{
    public static Open311Value Null { get; } = new((object?)null);

    public static Open311Value Text(string? text) => text is null ? Null : new(text);

    public static Open311Value Bool(bool value) => new(value);

    public static Open311Value Number(int value) => new(value);

    public static Open311Value Number(double? value) => value is null ? Null : new(value.Value);

    /// <summary>ISO 8601 with the offset, as the spec asks: <c>2026-12-15T09:30:00+07:00</c>.</summary>
    public static Open311Value Instant(DateTimeOffset value) =>
        new(value.ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture));
}

/// <summary>The two formats GeoReport v2 serves, chosen by the extension of the resource (<c>services.xml</c>).</summary>
public enum Open311Format
{
    Xml,
    Json,
}

public static class Open311Formats
{
    public static bool TryParse(string? extension, out Open311Format format)
    {
        switch (extension?.ToLowerInvariant())
        {
            case "xml":
                format = Open311Format.Xml;
                return true;
            case "json":
                format = Open311Format.Json;
                return true;
            default:
                format = Open311Format.Xml;
                return false;
        }
    }

    public static string ContentType(this Open311Format format) =>
        format == Open311Format.Json ? "application/json; charset=utf-8" : "text/xml; charset=utf-8";
}
