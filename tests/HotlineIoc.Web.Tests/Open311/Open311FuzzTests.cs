using System.Net;
using System.Text;

namespace HotlineIoc.Web.Tests.Open311;

/// <summary>
/// Hundreds of malformed bodies and query strings from a fixed seed: each gets an answer below 500, and the number of
/// cases grows by exactly the number of requests the server said it created.
/// </summary>
[Collection(Open311Tests.Name)]
public sealed class Open311FuzzTests(Open311App app)
{
    private static readonly string[] Names =
    [
        "api_key", "service_code", "lat", "long", "attribute[ward]", "address_string", "address_id", "description", "media_url",
        "first_name", "last_name", "phone", "email", "device_id", "account_id", "jurisdiction_id", "attribute[", "attribute[ward", "",
        "service_request_id", "start_date", "end_date", "status",
    ];

    private static readonly string[] Values =
    [
        "", " ", HotlineApp.WriteKey, HotlineApp.ReadKey, Open311App.ZaloKey, "MT", "ATGT", "mt", "XYZ", "12.72", "108.11", "-0", "1e400", "NaN",
        "Infinity", "12,72", "0x1F", "p-tan-an", "tan-an", "p-ea-kao", "../../etc/passwd", "<script>alert(1)</script>", "]]>", "&amp;",
        "\u0000\u0001\u0002", "\uFFFE", "\uD800", "😀 Phản ánh", "0905 123 456", "a@b", "x@y.vn", "https://x.vn/a.jpg", "javascript:alert(1)",
        "open", "closed", "open,closed,", ",,,", "2026-12-01", "2026-12-01T00:00:00+07:00", "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00",
        "BMT-2026-000001", "%", "%zz", "%E0%A4%A", "'; DROP TABLE Cases; --", "\"", "\r\n", new string('x', 5000),
    ];

    private static readonly string[] Paths =
    [
        // No %00: the in-memory test server refuses a path with a null character before the app sees it (Kestrel answers 400).
        "requests", "requests/BMT-2026-000001", "requests/%01", "requests/..%2F..", "services", "services/MT", "services/%F0%9F%98%80",
        "discovery", "tokens/x", "", "services/", "requests/", "requests/a.b", "nothing/at/all",
    ];

    private static readonly string[] Extensions = ["xml", "json", "XML", "Json", "html", "", "xml.json", "%7F", "json "];

    private static readonly string[] ContentTypes =
    [
        "application/x-www-form-urlencoded", "application/x-www-form-urlencoded; charset=utf-8", "application/x-www-form-urlencoded; charset=bogus",
        "multipart/form-data", "multipart/form-data; boundary=xyz", "application/json", "text/plain", "", "application/x-www-form-urlencoded; charset=",
    ];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Pick(Random random, string[] items) => items[random.Next(items.Length)];

    // Mostly a served format and a form body, so most requests get past the first gates to the deep checks.
    private static string Extension(Random random) => random.Next(4) > 0 ? Pick(random, ["xml", "json"]) : Pick(random, Extensions);

    private static string ContentType(Random random) =>
        random.Next(3) > 0 ? "application/x-www-form-urlencoded" : Pick(random, ContentTypes);

    private static string Encode(Random random, string text) => random.Next(4) switch
    {
        0 => text, // raw: spaces, '&', '=', '%' and all
        _ => Uri.EscapeDataString(text.Length > 2000 ? text[..2000] : text),
    };

    private static string FormBody(Random random)
    {
        var pairs = new List<string>();
        // Mostly near-valid reports with a twist, so the deep checks are reached, not just the first gate.
        if (random.Next(3) > 0)
        {
            pairs.AddRange(["api_key=" + Uri.EscapeDataString(Pick(random, [HotlineApp.WriteKey, Open311App.ZaloKey, HotlineApp.ReadKey, "wrong"])), "service_code=MT",
                "lat=12.72", "long=108.11", "description=R%C3%A1c"]);
        }

        for (var i = random.Next(0, 8); i > 0; i--)
        {
            pairs.Add(random.Next(10) == 0
                ? Pick(random, ["=", "&", "==", "a=b=c", "%", "lat", "&&&"])
                : Encode(random, Pick(random, Names)) + "=" + Encode(random, Pick(random, Values)));
        }

        return string.Join('&', pairs.OrderBy(_ => random.Next()));
    }

    [Fact]
    public async Task Malformed_posts_and_queries_get_4xx_and_only_accepted_posts_add_cases()
    {
        var random = new Random(311);
        using var client = app.CreateClient();
        var before = await app.CaseCountAsync();
        var created = 0;
        var failures = new List<string>();

        for (var i = 0; i < 300; i++)
        {
            var body = random.Next(20) == 0 ? new string('b', 70_000) : FormBody(random);
            using var request = new HttpRequestMessage(HttpMethod.Post, $"{Open311Http.Base}requests.{Extension(random)}");
            var bytes = random.Next(15) == 0 ? [.. Encoding.UTF8.GetBytes(body), 0xC3, 0x28, 0xFF] : Encoding.UTF8.GetBytes(body);
            request.Content = new ByteArrayContent(bytes);
            var contentType = ContentType(random);
            if (contentType.Length > 0)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            }

            using var response = await client.SendAsync(request, Ct);
            var status = (int)response.StatusCode;
            created += response.StatusCode == HttpStatusCode.Created ? 1 : 0;
            if (status >= 500 || (status < 400 && response.StatusCode != HttpStatusCode.Created))
            {
                failures.Add($"POST {request.RequestUri} [{contentType}] {body[..Math.Min(body.Length, 200)]} → {status} {await response.Content.ReadAsStringAsync(Ct)}");
            }
        }

        for (var i = 0; i < 200; i++)
        {
            var extension = Extension(random);
            var query = string.Join('&', Enumerable.Range(0, random.Next(0, 6))
                .Select(_ => Encode(random, Pick(random, Names)) + "=" + Encode(random, Pick(random, Values))));
            var url = $"{Open311Http.Base}{Pick(random, Paths)}{(extension.Length > 0 ? "." + extension : "")}?{query}";
            using var response = await client.GetAsync(url, Ct);
            var status = (int)response.StatusCode;
            if (status >= 500 || status is >= 300 and < 400 || status is 200 && !url.Contains(".xml", StringComparison.OrdinalIgnoreCase) && !url.Contains(".json", StringComparison.OrdinalIgnoreCase))
            {
                failures.Add($"GET {url} → {status} {await response.Content.ReadAsStringAsync(Ct)}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(10)));
        Assert.InRange(created, 1, 299);
        Assert.Equal(before + created, await app.CaseCountAsync());
    }
}
