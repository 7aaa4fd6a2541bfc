using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace HotlineIoc.Web;

/// <summary>Vietnamese first, English second; the choice lives in the culture cookie.</summary>
public static class Localization
{
    public static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    public static readonly CultureInfo[] Supported = [Vietnamese, English];

    public static void Configure(RequestLocalizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.DefaultRequestCulture = new RequestCulture(Vietnamese);
        options.SupportedCultures = Supported;
        options.SupportedUICultures = Supported;
        // Only the cookie and the query choose; a browser's Accept-Language must not turn an operations room English.
        options.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
    }

    /// <summary><c>GET /culture?name=en&amp;back=/path</c> stores the choice and goes back.</summary>
    public static void MapCultureSwitch(this IEndpointRouteBuilder app) =>
        app.MapGet("/culture", (string? name, string? back, HttpContext http) =>
        {
            var culture = Supported.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase)) ?? Vietnamese;
            http.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
            // Only local paths, so the switch cannot be used to send someone elsewhere.
            var target = back is { Length: > 0 } && back.StartsWith('/') && !back.StartsWith("//", StringComparison.Ordinal) ? back : "/";
            return Results.LocalRedirect(target);
        }).AllowAnonymous();
}
