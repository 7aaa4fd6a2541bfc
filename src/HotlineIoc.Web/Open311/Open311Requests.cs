using HotlineIoc.Infrastructure.Open311;
using HotlineIoc.Web.Api;

namespace HotlineIoc.Web.Open311;

/// <summary><c>GET requests</c>, <c>GET requests/{id}</c> and <c>POST requests</c>: thin over the filter, the query and the intake.</summary>
public static class Open311Requests
{
    public static async Task<IResult> ListAsync(string format, HttpRequest request, ServiceCatalog catalog, ServiceRequestQuery query, TimeProvider clock, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(query);
        if (!Open311Endpoints.TryFormat(format, out var f, out var refusal))
        {
            return refusal!;
        }

        var codes = (await catalog.ServicesAsync(ct)).Select(s => s.Code).ToHashSet(StringComparer.Ordinal);
        var (filter, errors) = ServiceRequestFilter.Parse(
            name => request.Query.TryGetValue(name, out var values) ? string.Join(',', values.OfType<string>()) : null,
            clock.GetUtcNow().UtcDateTime,
            codes);
        return filter is null
            ? Open311Result.Error(StatusCodes.Status400BadRequest, f, errors)
            : Open311Result.Ok(Open311Documents.Requests(await query.FindAsync(filter, ct)), f);
    }

    public static async Task<IResult> OneAsync(string id, string format, ServiceRequestQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (!Open311Endpoints.TryFormat(format, out var f, out var refusal))
        {
            return refusal!;
        }

        return await query.FindOneAsync(id, ct) is { } found
            ? Open311Result.Ok(Open311Documents.Requests([found]), f)
            : Open311Result.Error(StatusCodes.Status404NotFound, f, $"No service request has the id '{Open311Endpoints.Shorten(id)}'.");
    }

    public static async Task<IResult> PostAsync(string format, HttpContext http, ApiKeyStore keys, Open311Intake intake, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(intake);
        if (!Open311Endpoints.TryFormat(format, out var f, out var refusal))
        {
            return refusal!;
        }

        var (values, errors) = await Open311Form.ReadAsync(http.Request, ct);
        if (values is null)
        {
            return Open311Result.Error(StatusCodes.Status400BadRequest, f, errors);
        }

        string? presented = values.GetValueOrDefault("api_key") ?? http.Request.Headers[ApiKeyAuthenticationHandler.HeaderName];
        var key = string.IsNullOrWhiteSpace(presented) ? null : keys.Find(presented.Trim());
        if (key is null || !key.HasScope(ApiScopes.Write))
        {
            return Open311Result.Error(StatusCodes.Status403Forbidden, f,
                string.IsNullOrWhiteSpace(presented) ? "api_key is required to create a service request."
                : key is null ? "The api_key is not known."
                : "This api_key may only read; creating a service request needs the scope 'write'.");
        }

        var result = await intake.ReceiveAsync(values, key.Channel, "open311:" + key.Name, ct);
        if (!result.Created)
        {
            return Open311Result.Error(StatusCodes.Status400BadRequest, f, result.Errors);
        }

        http.Response.Headers.Location = $"{http.Request.PathBase}{Open311Endpoints.BasePath}/requests/{result.ServiceRequestId}.{format.ToLowerInvariant()}";
        return new Open311Result(StatusCodes.Status201Created, Open311Documents.Created(result.ServiceRequestId!, result.ServiceNotice!), f);
    }
}
