using System.Text.Json;
using System.Xml.Linq;

namespace HotlineIoc.Web.Tests.Open311;

/// <summary>
/// The element names of a GeoReport v2 answer, written as in the spec: <c>services/service/{service_code,…}</c> reads
/// "a <c>services</c> element of repeated <c>service</c> elements, each with exactly these children, in this order".
/// The same shape is checked on the XML (parsed with System.Xml.Linq) and on the JSON, where a list is a bare array.
/// </summary>
public sealed record Open311Shape(string Name, Open311Shape? Repeated, IReadOnlyList<Open311Shape>? Children)
{
    public static Open311Shape Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var position = 0;
        var shape = ReadPath(text, ref position);
        Assert.Equal(text.Length, position);
        return shape;
    }

    /// <summary>Checks a whole XML answer: root element, every element's children by name and order, and leaves hold text only.</summary>
    public void AssertXml(XDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        Assert.NotNull(document.Root);
        AssertElement(document.Root, this, Name);
    }

    /// <summary>Checks a whole JSON answer against the same shape (the root's name has no place in JSON).</summary>
    public void AssertJson(JsonElement root) => AssertValue(root, this, Name);

    private static void AssertElement(XElement element, Open311Shape shape, string path)
    {
        Assert.Equal(shape.Name, element.Name.LocalName);
        var children = element.Elements().ToList();
        if (shape.Repeated is { } item)
        {
            Assert.True(children.Count > 0, $"{path} has no {item.Name} to check.");
            Assert.All(children, c => AssertElement(c, item, $"{path}/{item.Name}"));
        }
        else if (shape.Children is { } named)
        {
            Assert.Equal(named.Select(n => n.Name), children.Select(c => c.Name.LocalName));
            for (var i = 0; i < named.Count; i++)
            {
                AssertElement(children[i], named[i], $"{path}/{named[i].Name}");
            }
        }
        else
        {
            Assert.False(element.HasElements, $"{path} should hold text only.");
        }
    }

    private static void AssertValue(JsonElement value, Open311Shape shape, string path)
    {
        if (shape.Repeated is { } item)
        {
            Assert.True(value.ValueKind == JsonValueKind.Array, $"{path} should be an array, not {value.ValueKind}.");
            Assert.True(value.GetArrayLength() > 0, $"{path} has no {item.Name} to check.");
            foreach (var element in value.EnumerateArray())
            {
                AssertValue(element, item, $"{path}/{item.Name}");
            }
        }
        else if (shape.Children is { } named)
        {
            Assert.True(value.ValueKind == JsonValueKind.Object, $"{path} should be an object, not {value.ValueKind}.");
            Assert.Equal(named.Select(n => n.Name), value.EnumerateObject().Select(p => p.Name));
            foreach (var child in named)
            {
                AssertValue(value.GetProperty(child.Name), child, $"{path}/{child.Name}");
            }
        }
        else
        {
            Assert.True(value.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array), $"{path} should be a plain value, not {value.ValueKind}.");
        }
    }

    // path := name ( '/' path | '/{' path (',' path)* '}' )?
    private static Open311Shape ReadPath(string text, ref int position)
    {
        var start = position;
        while (position < text.Length && text[position] is not ('/' or ',' or '{' or '}'))
        {
            position++;
        }

        var name = text[start..position];
        Assert.False(string.IsNullOrEmpty(name), $"A name is missing at {start} in '{text}'.");
        if (position >= text.Length || text[position] != '/')
        {
            return new Open311Shape(name, null, null);
        }

        position++;
        if (text[position] != '{')
        {
            return new Open311Shape(name, ReadPath(text, ref position), null);
        }

        position++;
        var children = new List<Open311Shape> { ReadPath(text, ref position) };
        while (text[position] == ',')
        {
            position++;
            children.Add(ReadPath(text, ref position));
        }

        Assert.Equal('}', text[position]);
        position++;
        return new Open311Shape(name, null, children);
    }
}
