using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace HotlineIoc.Web.Components.Dashboard;

/// <summary>
/// Horizontal bars, longest first, each a link. Shared by the field and agency rankings, and rendered into their own
/// render tree rather than as a child component: a component more per ranking is two more render buffers per circuit.
/// </summary>
public static class RankedBars
{
    private sealed record Row(string Code, MarkupString Content);

    /// <summary>The list of <paramref name="bars"/>, already ranked and named.</summary>
    public static RenderFragment Render(IReadOnlyList<RankedBar> bars) => builder => Render(builder, bars);

    private static void Render(RenderTreeBuilder builder, IReadOnlyList<RankedBar> bars)
    {
        builder.OpenElement(0, "ol");
        builder.AddAttribute(1, "class", "hd-bars");
        foreach (var row in Rows(bars))
        {
            // Keyed elements, so a change of rank moves the rows; each row's inside is one shared string.
            builder.OpenElement(2, "li");
            builder.SetKey(row.Code);
            builder.AddAttribute(3, "data-code", row.Code);
            builder.AddMarkupContent(4, row.Content.Value);
            builder.CloseElement();
        }

        builder.CloseElement();
    }

    // Built once per list of bars and culture, shared by every circuit showing it.
    private static List<Row> Rows(IReadOnlyList<RankedBar> bars) => SharedView.Get(bars, ViewCulture.Current, _ => Build(bars));

    private static List<Row> Build(IReadOnlyList<RankedBar> bars)
    {
        var max = bars.Select(b => b.Count).DefaultIfEmpty(0).Max();
        return bars.Select(bar => new Row(bar.Code, new Html()
                .Open("a", ("class", "hd-bar-row"), ("href", bar.Href))
                .Element("span", bar.Name, ("class", "hd-bar-name"), ("title", bar.Name))
                .Space()
                .Open("span", ("class", "hd-bar-track"))
                .Open("span", ("class", "hd-bar-fill"), ("style", $"width: {DashboardFormat.Svg(max <= 0 ? 0 : 100.0 * bar.Count / max)}%"))
                .Close("span")
                .Close("span")
                .Space()
                .Element("span", DashboardFormat.Number(bar.Count), ("class", "hd-bar-value"))
                .Close("a")
                .ToMarkup()))
            .ToList();
    }
}
