using System.Net;
using System.Text.RegularExpressions;
using HotlineIoc.Web.Security;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace HotlineIoc.Web.Tests;

/// <summary>What an open wall keeps on the server: one interactive root; its title and theme are written once with the page.</summary>
public sealed partial class WallPageTests(HotlineApp app) : IClassFixture<HotlineApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_wall_is_one_interactive_root_with_its_title_and_theme_in_the_page()
    {
        var issued = await app.Services.GetRequiredService<DisplayTokens>().CreateAsync("Phòng điều hành – màn hình 2", "quantri", Ct);
        using var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

        using var response = await browser.GetAsync($"/wall?token={Uri.EscapeDataString(issued.Token)}", Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(ServerRoot().Matches(html));
        Assert.Matches("<title>[^<]+HotlineIoc</title>", html);
        Assert.Contains("mud-theme-provider", html, StringComparison.Ordinal);
        Assert.Contains("--mud-palette-background: rgba(13,17,23,1);", html, StringComparison.Ordinal); // the dark palette
    }

    /// <summary>The marker Blazor writes where an interactive server component starts.</summary>
    [GeneratedRegex("<!--Blazor:\\{\"type\":\"server\"")]
    private static partial Regex ServerRoot();
}
