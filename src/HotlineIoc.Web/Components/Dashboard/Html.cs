using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Components;

namespace HotlineIoc.Web.Components.Dashboard;

/// <summary>
/// Writes the HTML of a panel's static parts for one markup frame: a circuit then keeps one reference to a shared string
/// where rendering the same elements would keep dozens of render-tree frames (and their strings) per circuit.
/// Text and attribute values are encoded; Vietnamese stays readable, as in the app's prerendered HTML.
/// </summary>
public sealed class Html
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private readonly StringBuilder _html = new();

    /// <summary>Opens <c>&lt;tag a="v" …&gt;</c>; attributes whose value is null are left out, as Blazor does.</summary>
    public Html Open(string tag, params ReadOnlySpan<(string Name, string? Value)> attributes)
    {
        _html.Append('<').Append(tag);
        foreach (var (name, value) in attributes)
        {
            if (value is not null)
            {
                _html.Append(' ').Append(name).Append("=\"").Append(Encoder.Encode(value)).Append('"');
            }
        }

        _html.Append('>');
        return this;
    }

    public Html Close(string tag)
    {
        _html.Append("</").Append(tag).Append('>');
        return this;
    }

    /// <summary>A whole element with text content: <c>&lt;tag …&gt;text&lt;/tag&gt;</c>.</summary>
    public Html Element(string tag, string text, params ReadOnlySpan<(string Name, string? Value)> attributes) =>
        Open(tag, attributes).Text(text).Close(tag);

    public Html Text(string text)
    {
        _html.Append(Encoder.Encode(text));
        return this;
    }

    /// <summary>Markup that is already HTML (an icon's SVG paths).</summary>
    public Html Raw(string html)
    {
        _html.Append(html);
        return this;
    }

    /// <summary>The white space Razor keeps between elements written on separate lines (it shows as one space).</summary>
    public Html Space()
    {
        _html.Append(' ');
        return this;
    }

    public MarkupString ToMarkup() => new(_html.ToString());

    public override string ToString() => _html.ToString();
}
