using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;

namespace HotlineIoc.Web.Tests;

/// <summary>Reports are for the Secretary and the Leader: nobody else gets the page or the PDF.</summary>
public class ReportAccessTests(HotlineApp app) : IClassFixture<HotlineApp>
{
    [Theory]
    [InlineData("/reports")]
    [InlineData("/reports/pdf?period=2024&scope=city")]
    public async Task Anonymous_visitors_are_sent_to_sign_in(string url)
    {
        using var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await browser.GetAsync(url, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/login", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_report_font_ships_with_the_web_app()
    {
        Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, "fonts", "BeVietnamPro-Regular.ttf")));
    }
}
