using HotlineIoc.Domain.Calendar;
using HotlineIoc.Infrastructure.Open311;

namespace HotlineIoc.Web.Open311;

/// <summary>Where the provincial IOC service and third-party apps reach us.</summary>
/// <param name="Changeset">
/// When the services or their definitions may last have changed: taken when the app first answers Open311, so every
/// restart (new reference data, a new day's units) tells clients to read them again.
/// </param>
public sealed record Open311Settings(string Contact, string KeyService, DateTimeOffset Changeset);

/// <summary>
/// The Open311 GeoReport v2 server at <c>/open311/v2/</c>, every resource in <c>.xml</c> and <c>.json</c>. Reads are
/// public and rate-limited per client; a POST needs an <c>api_key</c> with the scope <c>write</c>. Every error, including
/// an unknown resource or format, comes in the spec's error format.
/// </summary>
public static class Open311Endpoints
{
    public const string BasePath = "/open311/v2";

    public static IServiceCollection AddOpen311(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton<ServiceCatalog>();
        services.AddSingleton<ServiceRequestQuery>();
        services.AddSingleton<Open311Intake>();
        services.AddSingleton(sp => new Open311Settings(
            configuration["Open311:Contact"] is { Length: > 0 } contact ? contact
                : "Tổ điều hành đường dây nóng thành phố Buôn Ma Thuột, 1900.86.86.47",
            configuration["Open311:KeyService"] is { Length: > 0 } keyService ? keyService
                : "Liên hệ Tổ điều hành đường dây nóng để được cấp api_key / Ask the hotline team for an api_key.",
            VietnamTime.ToLocalOffset(sp.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime)));
        var reads = configuration.GetValue(Open311ReadLimit.SettingKey, Open311ReadLimit.DefaultPerMinute);
        services.AddRateLimiter(o => o.AddPolicy(Open311ReadLimit.Name, new Open311ReadLimit(reads)));
        return services;
    }

    public static void MapOpen311(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(BasePath).WithTags("Open311");
        group.MapGet("/discovery.{format}", Discovery).RequireRateLimiting(Open311ReadLimit.Name);
        group.MapGet("/services.{format}", ServicesAsync).RequireRateLimiting(Open311ReadLimit.Name);
        group.MapGet("/services/{code}.{format}", DefinitionAsync).RequireRateLimiting(Open311ReadLimit.Name);
        group.MapGet("/requests.{format}", Open311Requests.ListAsync).RequireRateLimiting(Open311ReadLimit.Name);
        group.MapGet("/requests/{id}.{format}", Open311Requests.OneAsync).RequireRateLimiting(Open311ReadLimit.Name);
        group.MapPost("/requests.{format}", Open311Requests.PostAsync);
        group.MapGet("/tokens/{token}.{format}", (string token, string format) => NotFound(format,
            "Tokens are not used here: a request is created at once and POST requests answers with its service_request_id."));
        group.Map("/{**rest}", (HttpContext http) => Open311Result.Error(StatusCodes.Status404NotFound, FormatOfPath(http.Request.Path),
            "No such resource; see discovery.xml for the endpoints (each ends in .xml or .json)."));
    }

    /// <summary>The format a path's extension asks for; XML, the format the spec requires, for anything else.</summary>
    public static Open311Format FormatOfPath(PathString path) =>
        path.Value?.EndsWith(".json", StringComparison.OrdinalIgnoreCase) == true ? Open311Format.Json : Open311Format.Xml;

    /// <summary>The format of <paramref name="extension"/>, or the 404 that an unknown one gets.</summary>
    public static bool TryFormat(string extension, out Open311Format format, out IResult? refusal)
    {
        refusal = Open311Formats.TryParse(extension, out format)
            ? null
            : Open311Result.Error(StatusCodes.Status404NotFound, Open311Format.Xml, $"The format '{Shorten(extension)}' is not served; use .xml or .json.");
        return refusal is null;
    }

    public static IResult NotFound(string extension, string description) =>
        TryFormat(extension, out var format, out var refusal) ? Open311Result.Error(StatusCodes.Status404NotFound, format, description) : refusal!;

    public static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    private static IResult Discovery(string format, HttpRequest request, Open311Settings settings)
    {
        if (!TryFormat(format, out var f, out var refusal))
        {
            return refusal!;
        }

        var url = $"{request.Scheme}://{request.Host}{request.PathBase}{BasePath}";
        return Open311Result.Ok(Open311Documents.Discovery(settings.Changeset, settings.Contact, settings.KeyService, url), f);
    }

    private static async Task<IResult> ServicesAsync(string format, ServiceCatalog catalog, CancellationToken ct) =>
        TryFormat(format, out var f, out var refusal)
            ? Open311Result.Ok(Open311Documents.Services(await catalog.ServicesAsync(ct)), f)
            : refusal!;

    private static async Task<IResult> DefinitionAsync(string code, string format, ServiceCatalog catalog, CancellationToken ct)
    {
        if (!TryFormat(format, out var f, out var refusal))
        {
            return refusal!;
        }

        return await catalog.FindAsync(code, ct) is { } service
            ? Open311Result.Ok(Open311Documents.Definition(service, await catalog.WardsTodayAsync(ct)), f)
            : Open311Result.Error(StatusCodes.Status404NotFound, f, $"service_code '{Shorten(code)}' is not a service; see services.{format.ToLowerInvariant()}.");
    }
}
