using System.Net;
using HotlineIoc.Web.Api;
using Microsoft.AspNetCore.Hosting;

namespace HotlineIoc.Web.Tests.Open311;

/// <summary>Open311 with a read limit of three a minute.</summary>
public sealed class LimitedOpen311App : Open311App
{
    public LimitedOpen311App()
        : base(readsPerMinute: 3)
    {
    }
}

/// <summary>A key whose Channel is no channel.</summary>
public sealed class MisconfiguredOpen311App : HotlineApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Api:Keys:2:Key", "test-fax-key-1Qa");
        builder.UseSetting("Api:Keys:2:Name", "fax-bridge");
        builder.UseSetting("Api:Keys:2:Scopes:0", ApiScopes.Write);
        builder.UseSetting("Api:Keys:2:Channel", "fax");
    }
}

/// <summary>How Open311 is set up: reads limited per client, and a key's Channel checked before the app serves anyone.</summary>
public sealed class Open311SetupTests(LimitedOpen311App app) : IClassFixture<LimitedOpen311App>
{
    [Fact]
    public async Task Reads_beyond_the_limit_get_429_in_the_spec_format_and_posts_still_go_through()
    {
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await app.GetAsync("services.xml")).Status);
        }

        var refused = await app.GetAsync("services.json");
        var posted = await app.PostAsync("json",
            ("api_key", HotlineApp.WriteKey), ("service_code", "MT"), ("attribute[ward]", "p-tan-an"), ("description", "Rác."));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        Assert.Equal("application/json", refused.MediaType);
        Assert.Contains("at most 3 a minute", Assert.Single(refused.Errors("json")), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, posted.Status);
    }

    [Fact]
    public async Task A_key_whose_channel_is_not_a_channel_stops_the_start_with_a_clear_message()
    {
        await using var misconfigured = new MisconfiguredOpen311App();

        var error = Assert.ThrowsAny<Exception>(() => misconfigured.CreateClient());

        var message = error.ToString();
        Assert.Contains("Api:Keys:2:Channel of the API key 'fax-bridge' is 'fax', which is not a channel; use one of hotline, ioc, zalo", message, StringComparison.Ordinal);
    }
}
