using Microsoft.AspNetCore.Http.Features;

namespace HotlineIoc.Web.Open311;

/// <summary>
/// Reads a POST body as GeoReport v2 sends it (<c>application/x-www-form-urlencoded</c>; multipart is read the same way,
/// its files ignored), within small limits, so a malformed or huge body gets a 400 that says so instead of an exception.
/// </summary>
public static class Open311Form
{
    /// <summary>Room for the longest description (4,000 characters, up to 9 bytes each once percent-encoded) and the rest.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    private static readonly FormOptions Limits = new()
    {
        BufferBody = true,
        ValueCountLimit = 64,
        KeyLengthLimit = 256,
        ValueLengthLimit = MaxBodyBytes,
        MultipartBodyLengthLimit = MaxBodyBytes,
        MultipartHeadersLengthLimit = 8 * 1024,
    };

    /// <summary>The parameters, each once and none empty (an empty one means the same as an absent one), or the errors.</summary>
    public static async Task<(IReadOnlyDictionary<string, string>? Values, IReadOnlyList<string> Errors)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.HasFormContentType)
        {
            return (null, ["Send the request as application/x-www-form-urlencoded, with attribute[ward]=… for the ward."]);
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            return (null, [$"The request body is larger than {MaxBodyBytes / 1024} KB."]);
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = MaxBodyBytes;
        }

        IFormCollection form;
        try
        {
            request.HttpContext.Features.Set<IFormFeature>(new FormFeature(request, Limits));
            form = await request.ReadFormAsync(cancellationToken);
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException or FormatException or ArgumentException)
        {
            return (null, [$"The form body cannot be read (at most {MaxBodyBytes / 1024} KB and {Limits.ValueCountLimit} parameters, UTF-8, form-encoded)."]);
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var errors = new List<string>();
        foreach (var (key, value) in form)
        {
            var given = value.Where(v => !string.IsNullOrWhiteSpace(v)).ToList();
            if (given.Count > 1)
            {
                errors.Add($"{Shorten(key)} is given {given.Count} times; send it once.");
            }
            else if (given.Count == 1)
            {
                values[key] = given[0]!;
            }
        }

        return errors.Count > 0 ? (null, errors) : (values, errors);
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
