using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace HotlineIoc.Web.Components.Layout;

/// <summary>
/// The wall's theme: the style sheets MudThemeProvider writes for the dark palette, rendered once and shared by every
/// wall. A MudThemeProvider per wall circuit kept its own 12 KB copy of the same CSS, and a dark-mode watcher in the
/// browser that a wall, always dark, never needs.
/// </summary>
public sealed class WallTheme(IServiceScopeFactory scopes, ILoggerFactory loggers)
{
    private readonly Lazy<Task<MarkupString>> _styles = new(() => RenderAsync(scopes, loggers));

    /// <summary>The <c>&lt;style&gt;</c> elements, exactly as MudThemeProvider renders them for the wall's theme.</summary>
    public Task<MarkupString> StylesAsync() => _styles.Value;

    private static async Task<MarkupString> RenderAsync(IServiceScopeFactory scopes, ILoggerFactory loggers)
    {
        await using var scope = scopes.CreateAsyncScope();
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, loggers);
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var parameters = ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                [nameof(MudThemeProvider.Theme)] = HotlineTheme.Theme,
                [nameof(MudThemeProvider.IsDarkMode)] = true,
            });
            var output = await renderer.RenderComponentAsync<MudThemeProvider>(parameters);
            return output.ToHtmlString();
        });
        return new MarkupString(html);
    }
}
