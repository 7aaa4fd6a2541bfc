using System.Net;
using System.Text.Json;
using System.Xml.Linq;

namespace HotlineIoc.Web.Tests.Open311;

/// <summary>One Open311 answer: status, media type and body, read as XML or JSON.</summary>
public sealed record Open311Answer(HttpStatusCode Status, string? MediaType, string Body, Uri? Location)
{
    public XDocument Xml => XDocument.Parse(Body);

    public JsonElement Json
    {
        get
        {
            using var document = JsonDocument.Parse(Body);
            return document.RootElement.Clone();
        }
    }

    /// <summary>The error descriptions of an error answer, in either format.</summary>
    public IReadOnlyList<string> Errors(string format) => format == "xml"
        ? [.. Xml.Root!.Elements("error").Select(e => e.Element("description")!.Value)]
        : [.. Json.EnumerateArray().Select(e => e.GetProperty("description").GetString()!)];

    /// <summary>The <c>service_request_id</c>s of a list of requests, in either format.</summary>
    public IReadOnlyList<string> Ids(string format) => format == "xml"
        ? [.. Xml.Root!.Elements("request").Select(e => e.Element("service_request_id")!.Value)]
        : [.. Json.EnumerateArray().Select(e => e.GetProperty("service_request_id").GetString()!)];
}

public static class Open311Http
{
    public const string Base = "/open311/v2/";

    public static string[] Formats { get; } = ["xml", "json"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<Open311Answer> GetAsync(this HotlineApp app, string path)
    {
        ArgumentNullException.ThrowIfNull(app);
        using var client = app.CreateClient();
        using var response = await client.GetAsync(Base + path, Ct);
        return await ReadAsync(response);
    }

    /// <summary>Posts the pairs form-encoded, as GeoReport v2 clients do; a pair may repeat a name.</summary>
    public static async Task<Open311Answer> PostAsync(this HotlineApp app, string format, params (string Name, string Value)[] form)
    {
        ArgumentNullException.ThrowIfNull(app);
        using var client = app.CreateClient();
        using var content = new FormUrlEncodedContent(form.Select(p => KeyValuePair.Create(p.Name, p.Value)));
        using var response = await client.PostAsync($"{Base}requests.{format}", content, Ct);
        return await ReadAsync(response);
    }

    public static async Task<Open311Answer> SendAsync(this HotlineApp app, HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(app);
        using var client = app.CreateClient();
        using var response = await client.SendAsync(request, Ct);
        return await ReadAsync(response);
    }

    private static async Task<Open311Answer> ReadAsync(HttpResponseMessage response) =>
        new(response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync(Ct), response.Headers.Location);
}
