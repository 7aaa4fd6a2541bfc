using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace HotlineIoc.Web.Tests;

/// <summary><c>POST /api/cases</c> and <c>GET /api/cases/{code}</c>: the case JSON of the brief, with its due instant.</summary>
public partial class CaseApiTests(HotlineApp app) : IClassFixture<HotlineApp>
{
    private const string ReporterName = "Tran Thi Reporter Hoa";
    private const string ReporterPhone = "0912 345 678";

    /// <summary>The case JSON of BRIEF.md, and nothing else: no personal data.</summary>
    private static readonly string[] CaseJsonNames =
        ["agencyCode", "channel", "closedAt", "code", "dueAt", "fieldCode", "overdue", "receivedAt", "resolvedAt", "status", "unitCode"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Dictionary<string, object?> Submission(string channel, string receivedAt) => new()
    {
        ["channel"] = channel,
        ["fieldCode"] = "ATGT",
        ["unitCode"] = "thang-loi",
        ["address"] = "Ngã sáu Buôn Ma Thuột",
        ["description"] = "Đèn tín hiệu giao thông không hoạt động.",
        ["reporterName"] = ReporterName,
        ["reporterPhone"] = ReporterPhone,
        ["receivedAt"] = receivedAt,
    };

    private async Task<Posted> PostAsync(object body)
    {
        using var client = app.Client(HotlineApp.WriteKey);
        using var response = await client.PostAsJsonAsync("/api/cases", body, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        using var document = JsonDocument.Parse(text);
        return new Posted(response.StatusCode, response.Headers.Location, response.Content.Headers.ContentType?.MediaType, text, document.RootElement.Clone());
    }

    private sealed record Posted(HttpStatusCode Status, Uri? Location, string? MediaType, string Text, JsonElement Json);

    [Fact]
    public async Task Valid_case_is_created_with_201_location_and_the_case_json()
    {
        var (status, location, mediaType, text, json) = await PostAsync(Submission("hotline", "2024-02-07T10:00:00+07:00"));

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("application/json", mediaType);
        Assert.Equal(CaseJsonNames, ApiAssert.PropertyNames(json));
        var code = json.GetProperty("code").GetString()!;
        Assert.Matches(CodeShape(), code);
        Assert.StartsWith("BMT-2024-", code, StringComparison.Ordinal);
        Assert.Equal($"/api/cases/{code}", location?.OriginalString);
        Assert.Equal("hotline", json.GetProperty("channel").GetString());
        Assert.Equal("received", json.GetProperty("status").GetString());
        Assert.Equal("ATGT", json.GetProperty("fieldCode").GetString());
        Assert.Equal("thang-loi", json.GetProperty("unitCode").GetString());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("agencyCode").ValueKind);
        Assert.Equal("2024-02-07T10:00:00+07:00", json.GetProperty("receivedAt").GetString());
        // Tết 2024 (8–14 Feb) does not count: Thu 15, Fri 16, Mon 19 Feb.
        Assert.Equal("2024-02-19T23:59:59+07:00", json.GetProperty("dueAt").GetString());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("resolvedAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("closedAt").ValueKind);
        // No result, and the due instant passed long ago.
        Assert.True(json.GetProperty("overdue").GetBoolean());
        AssertNoPersonalData(text, json);
    }

    [Fact]
    public async Task Created_case_reads_back_the_same_by_its_code()
    {
        var created = await PostAsync(Submission("zalo", "2024-06-04T10:00:00+07:00"));
        Assert.Equal(HttpStatusCode.Created, created.Status);
        using var client = app.Client(HotlineApp.ReadKey);

        using var response = await client.GetAsync(created.Location, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var read = JsonDocument.Parse(text);
        Assert.True(JsonElement.DeepEquals(created.Json, read.RootElement), $"POST gave {created.Text}, GET gave {text}");
        // Tue 4 Jun 2024: Wed 5, Thu 6, Fri 7.
        Assert.Equal("2024-06-07T23:59:59+07:00", read.RootElement.GetProperty("dueAt").GetString());
        AssertNoPersonalData(text, read.RootElement);
    }

    [Theory]
    // Thu 25 Apr 2024, ioc (7 working days): Fri 26 Apr; 27 Apr–1 May off; Thu 2, Fri 3, the make-up Sat 4, Mon 6, Tue 7, Wed 8 May.
    [InlineData("ioc", "2024-04-25T09:00:00+07:00", "2024-04-25T09:00:00+07:00", "2024-05-08T23:59:59+07:00")]
    // Tue 6 Feb 2024, ioc: Wed 7; Tết 8–14 Feb; Thu 15, Fri 16, Mon 19, Tue 20, Wed 21, Thu 22.
    [InlineData("ioc", "2024-02-06T09:00:00+07:00", "2024-02-06T09:00:00+07:00", "2024-02-22T23:59:59+07:00")]
    // 18:30 UTC on Tue 4 Jun 2024 is already Wed 5 Jun in Buôn Ma Thuột: Thu 6, Fri 7, Mon 10.
    [InlineData("hotline", "2024-06-04T18:30:00Z", "2024-06-05T01:30:00+07:00", "2024-06-10T23:59:59+07:00")]
    // Sat 2 Mar 2024, a weekend: counting starts on Mon 4, so Mon 4, Tue 5, Wed 6.
    [InlineData("zalo", "2024-03-02T15:00:00+07:00", "2024-03-02T15:00:00+07:00", "2024-03-06T23:59:59+07:00")]
    public async Task Due_instant_follows_the_deadline_rule(string channel, string receivedAt, string localReceivedAt, string dueAt)
    {
        var created = await PostAsync(Submission(channel, receivedAt));

        Assert.Equal(HttpStatusCode.Created, created.Status);
        var json = created.Json;
        Assert.Equal(localReceivedAt, json.GetProperty("receivedAt").GetString());
        Assert.Equal(dueAt, json.GetProperty("dueAt").GetString());
    }

    [Fact]
    public async Task Case_without_receivedAt_is_received_now_and_not_yet_overdue()
    {
        var body = Submission("hotline", "");
        body.Remove("receivedAt");
        // Received now: in a unit of today (Thắng Lợi's area is part of Phường Buôn Ma Thuột since 1 Jul 2025).
        body["unitCode"] = "p-buon-ma-thuot";
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        var created = await PostAsync(body);

        Assert.Equal(HttpStatusCode.Created, created.Status);
        var json = created.Json;
        var receivedAt = json.GetProperty("receivedAt").GetDateTimeOffset();
        Assert.InRange(receivedAt, before, DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.Equal(TimeSpan.FromHours(7), receivedAt.Offset);
        Assert.StartsWith($"BMT-{receivedAt.Year}-", json.GetProperty("code").GetString(), StringComparison.Ordinal);
        Assert.False(json.GetProperty("overdue").GetBoolean());
    }

    [Fact]
    public async Task Each_new_case_gets_its_own_code()
    {
        var first = await PostAsync(Submission("hotline", "2023-05-10T08:00:00+07:00"));
        var second = await PostAsync(Submission("hotline", "2023-05-10T08:05:00+07:00"));

        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Equal(HttpStatusCode.Created, second.Status);
        var a = first.Json.GetProperty("code").GetString();
        var b = second.Json.GetProperty("code").GetString();
        Assert.NotEqual(a, b);
        Assert.StartsWith("BMT-2023-", a, StringComparison.Ordinal);
        Assert.StartsWith("BMT-2023-", b, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cases_posted_at_the_same_time_all_get_their_own_code()
    {
        // A burst, as Zalo or the IOC may push: intake hands out codes one writer at a time, so none races another.
        var posts = Enumerable.Range(0, 30)
            .Select(i => PostAsync(Submission("zalo", $"2022-11-{10 + i % 10}T09:00:00+07:00")))
            .ToList();

        var created = await Task.WhenAll(posts);

        Assert.All(created, c => Assert.Equal(HttpStatusCode.Created, c.Status));
        var codes = created.Select(c => c.Json.GetProperty("code").GetString()).ToList();
        Assert.Equal(codes.Count, codes.Distinct().Count());
        Assert.All(codes, code => Assert.StartsWith("BMT-2022-", code, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unknown_case_code_gets_404_problem()
    {
        using var client = app.Client(HotlineApp.ReadKey);

        using var unknown = await client.GetAsync("/api/cases/UNKNOWN", Ct);
        using var unused = await client.GetAsync("/api/cases/BMT-2099-999999", Ct);

        await ApiAssert.ProblemAsync(unknown, HttpStatusCode.NotFound);
        await ApiAssert.ProblemAsync(unused, HttpStatusCode.NotFound);
    }

    /// <summary>The reporter's name and phone appear nowhere, neither raw nor JSON-escaped nor as a property.</summary>
    private static void AssertNoPersonalData(string text, JsonElement json)
    {
        Assert.DoesNotContain("reporter", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Reporter", text, StringComparison.Ordinal);
        Assert.DoesNotContain("0912", text, StringComparison.Ordinal);
        Assert.All(StringValues(json), value =>
        {
            Assert.DoesNotContain(ReporterName, value, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("345 678", value, StringComparison.Ordinal);
            Assert.DoesNotContain("345678", value, StringComparison.Ordinal);
        });
    }

    private static IEnumerable<string> StringValues(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => StringValues(p.Value).Prepend(p.Name)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(StringValues),
        JsonValueKind.String => [element.GetString()!],
        _ => [],
    };

    [GeneratedRegex(@"^BMT-\d{4}-\d{6}$")]
    private static partial Regex CodeShape();
}
