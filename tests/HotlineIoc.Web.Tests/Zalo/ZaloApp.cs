using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using HotlineIoc.Infrastructure.Identity;
using HotlineIoc.Infrastructure.Zalo;

namespace HotlineIoc.Web.Tests.Zalo;

/// <summary>The app with the Zalo channel on, talking to a <see cref="FakeZalo"/> on loopback.</summary>
public class ZaloApp : HotlineApp, IAsyncLifetime
{
    public ZaloApp()
    {
    }

    private ZaloApp(string folder, FakeZalo zalo, bool ownsFolder)
        : base(folder, demo: false, ownsFolder)
    {
        Zalo = zalo;
        _ownsZalo = false;
        Configure(zalo.BaseUrl);
    }

    private readonly bool _ownsZalo = true;

    /// <summary>The app on an existing folder (its database and keys), talking to <paramref name="zalo"/>: a restart.</summary>
    public static ZaloApp On(string folder, FakeZalo zalo, bool ownsFolder) => new(folder, zalo, ownsFolder);

    public const string AppId = "3482178216594085616";
    public const string OaSecret = "oa-secret-for-tests";

    public FakeZalo Zalo { get; private set; } = null!;

    public static ClaimsPrincipal Operator { get; } =
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, "dieuhanh"), new Claim(ClaimTypes.Role, HotlineRoles.Operator)], "test"));

    public async ValueTask InitializeAsync()
    {
        if (_ownsZalo)
        {
            Zalo = await FakeZalo.StartAsync();
            Configure(Zalo.BaseUrl);
        }

        _ = Services; // start the app, its inbox processor and sender
    }

    /// <summary>The settings of a deployment whose Zalo API lives at <paramref name="zaloUrl"/>.</summary>
    public void Configure(string zaloUrl)
    {
        Settings["Zalo:Enabled"] = "true";
        Settings["Zalo:AppId"] = AppId;
        Settings["Zalo:OaSecretKey"] = OaSecret;
        Settings["Zalo:AppSecret"] = FakeZalo.AppSecret;
        Settings["Zalo:ApiBaseUrl"] = zaloUrl;
        Settings["Zalo:OAuthBaseUrl"] = zaloUrl;
        Settings["Zalo:AccessToken"] = "token-1";
        Settings["Zalo:RefreshToken"] = "refresh-1";
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_ownsZalo && Zalo is not null)
        {
            await Zalo.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// Posts an event signed as Zalo signs it; <paramref name="mac"/> replaces the right signature when given. Like Zalo,
    /// it delivers again after a 503 (the app could not store the event in time), unless <paramref name="retry"/> is off.
    /// </summary>
    public async Task<HttpResponseMessage> PostEventAsync(string body, string? mac = null, bool sign = true, bool retry = true)
    {
        for (var attempt = 1; ; attempt++)
        {
            var response = await PostOnceAsync(body, mac, sign);
            if (!retry || response.StatusCode != System.Net.HttpStatusCode.ServiceUnavailable || attempt == 5)
            {
                return response;
            }

            response.Dispose();
            await Task.Delay(TimeSpan.FromSeconds(attempt), TestContext.Current.CancellationToken);
        }
    }

    private async Task<HttpResponseMessage> PostOnceAsync(string body, string? mac, bool sign)
    {
        using var client = CreateClient();
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (mac is not null)
        {
            content.Headers.Add(ZaloSignature.Header, mac);
        }
        else if (sign)
        {
            using var json = System.Text.Json.JsonDocument.Parse(body);
            var timestamp = json.RootElement.GetProperty("timestamp").GetString()!;
            content.Headers.Add(ZaloSignature.Header, "mac=" + ZaloSignature.Compute(AppId, Encoding.UTF8.GetBytes(body), timestamp, OaSecret));
        }

        return await client.PostAsync("/webhooks/zalo", content, TestContext.Current.CancellationToken);
    }

    public static string Text(string sender, string messageId, string text, DateTimeOffset at, string appId = AppId) =>
        $$"""{"app_id":"{{appId}}","sender":{"id":"{{sender}}"},"user_id_by_app":"1","recipient":{"id":"1646843870823903717"},"event_name":"user_send_text","message":{"text":"{{text}}","msg_id":"{{messageId}}"},"timestamp":"{{Ms(at)}}"}""";

    public static string Image(string sender, string messageId, string url, DateTimeOffset at) => System.Text.Json.JsonSerializer.Serialize(new
    {
        app_id = AppId,
        sender = new { id = sender },
        recipient = new { id = "1646843870823903717" },
        event_name = "user_send_image",
        message = new { text = "", msg_id = messageId, attachments = new[] { new { type = "image", payload = new { thumbnail = url + "?thumb", url } } } },
        timestamp = Ms(at),
    });

    public static string Location(string sender, string messageId, double latitude, double longitude, DateTimeOffset at) => System.Text.Json.JsonSerializer.Serialize(new
    {
        app_id = AppId,
        sender = new { id = sender },
        recipient = new { id = "1646843870823903717" },
        event_name = "user_send_location",
        message = new
        {
            msg_id = messageId,
            attachments = new[]
            {
                new { type = "location", payload = new { coordinates = new { latitude = latitude.ToString(CultureInfo.InvariantCulture), longitude = longitude.ToString(CultureInfo.InvariantCulture) } } },
            },
        },
        timestamp = Ms(at),
    });

    public static string Ms(DateTimeOffset at) => at.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);

    /// <summary>Waits (generously) for a condition the background workers bring about.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> done, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await done())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what}.");
            await Task.Delay(50);
        }
    }
}
