using MudBlazor;

namespace HotlineIoc.Web.Components.Layout;

/// <summary>One palette for the office (light) and the operations room (dark), with the Be Vietnam Pro face when installed.</summary>
public static class HotlineTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#0b5394",
            Secondary = "#c62828",
            AppbarBackground = "#0b5394",
            Background = "#f4f6f9",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#64b5f6",
            Secondary = "#ef5350",
            Background = "#0d1117",
            Surface = "#161b22",
            AppbarBackground = "#161b22",
            DrawerBackground = "#161b22",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["Be Vietnam Pro", "Segoe UI", "Roboto", "Helvetica", "Arial", "sans-serif"] },
        },
    };
}
