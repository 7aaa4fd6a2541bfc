using Microsoft.Extensions.Configuration;

namespace HotlineIoc.Infrastructure.Zalo;

/// <summary>
/// The Zalo Official Account settings (<c>Zalo:*</c>). The two tokens are only the first ones: every later pair is stored in
/// the database, encrypted, by <see cref="ZaloTokenStore"/>. Texts sent to citizens are settings, in Vietnamese.
/// </summary>
public sealed record ZaloSettings
{
    public const string DefaultApiBaseUrl = "https://openapi.zalo.me";
    public const string DefaultOAuthBaseUrl = "https://oauth.zaloapp.com";

    public const string DefaultAcknowledgement =
        "Đường dây nóng Buôn Ma Thuột đã nhận được tin nhắn của bạn. Cán bộ tiếp nhận sẽ xem xét và phản hồi trong thời gian sớm nhất.";

    public const string DefaultCaseReceived =
        "Phản ánh của bạn đã được tiếp nhận với mã {code}. Hạn xử lý: {due}. Kết quả sẽ được thông báo lại qua Zalo.";

    public bool Enabled { get; init; }

    public string AppId { get; init; } = "";

    /// <summary>The OA secret key: the webhook's MAC is computed with it.</summary>
    public string OaSecretKey { get; init; } = "";

    /// <summary>The app secret: refreshing a token needs it.</summary>
    public string AppSecret { get; init; } = "";

    public Uri ApiBaseUrl { get; init; } = new(DefaultApiBaseUrl);

    public Uri OAuthBaseUrl { get; init; } = new(DefaultOAuthBaseUrl);

    public string? AccessToken { get; init; }

    public string? RefreshToken { get; init; }

    /// <summary>Sent when a conversation opens.</summary>
    public string AcknowledgementText { get; init; } = DefaultAcknowledgement;

    /// <summary>Sent when a case is made from a conversation or it is linked to one; <c>{code}</c> and <c>{due}</c> are filled in.</summary>
    public string CaseReceivedText { get; init; } = DefaultCaseReceived;

    /// <summary>Reads <c>Zalo:*</c>; when enabled, a missing or malformed setting stops the start with its name.</summary>
    public static ZaloSettings FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection("Zalo");
        var enabled = section.GetValue("Enabled", false);
        var settings = new ZaloSettings
        {
            Enabled = enabled,
            AppId = section["AppId"]?.Trim() ?? "",
            OaSecretKey = section["OaSecretKey"] ?? "",
            AppSecret = section["AppSecret"] ?? "",
            ApiBaseUrl = Url(section, "ApiBaseUrl", DefaultApiBaseUrl),
            OAuthBaseUrl = Url(section, "OAuthBaseUrl", DefaultOAuthBaseUrl),
            AccessToken = Blank(section["AccessToken"]),
            RefreshToken = Blank(section["RefreshToken"]),
            AcknowledgementText = Blank(section["Texts:Acknowledgement"]) ?? DefaultAcknowledgement,
            CaseReceivedText = Blank(section["Texts:CaseReceived"]) ?? DefaultCaseReceived,
        };
        if (enabled)
        {
            foreach (var (name, value) in new[] { ("Zalo:AppId", settings.AppId), ("Zalo:OaSecretKey", settings.OaSecretKey) })
            {
                if (string.IsNullOrWhiteSpace(value))
                {
                    throw new InvalidOperationException($"Zalo:Enabled is true but {name} is empty; the webhook cannot check what Zalo sends without it.");
                }
            }
        }

        return settings;
    }

    private static Uri Url(IConfiguration section, string name, string fallback)
    {
        var text = Blank(section[name]) ?? fallback;
        return Uri.TryCreate(text.TrimEnd('/') + "/", UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
            ? url
            : throw new InvalidOperationException($"Zalo:{name} '{text}' is not an http(s) address.");
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
