using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace HotlineIoc.Web.Tests;

/// <summary>Bad input gets 400 <c>application/problem+json</c> whose <c>errors</c> name the offending field, and nothing is stored.</summary>
public class ValidationTests(HotlineApp app) : IClassFixture<HotlineApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Dictionary<string, object?> Valid() => new()
    {
        ["channel"] = "zalo",
        ["fieldCode"] = "TTDT",
        ["unitCode"] = "tan-tien",
        ["address"] = "Chợ Tân Tiến",
        ["description"] = "Lấn chiếm vỉa hè bán hàng.",
        ["reporterName"] = "Pham Van Cuong",
        ["reporterPhone"] = "0987654321",
        ["receivedAt"] = "2024-09-10T14:20:00+07:00",
    };

    private async Task<HttpResponseMessage> PostJsonTextAsync(string json)
    {
        using var client = app.Client(HotlineApp.WriteKey);
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        return await client.PostAsync("/api/cases", content, Ct);
    }

    [Fact]
    public async Task Valid_body_is_accepted() // the baseline every bad body below departs from
    {
        using var client = app.Client(HotlineApp.WriteKey);

        using var response = await client.PostAsJsonAsync("/api/cases", Valid(), Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Theory]
    [InlineData("channel", "fax")]
    [InlineData("channel", "")]
    [InlineData("fieldCode", "GIAOTHONG")]
    [InlineData("fieldCode", "atgt")]
    [InlineData("unitCode", "buon-ma-thuot")]
    [InlineData("description", "")]
    [InlineData("description", "   ")]
    [InlineData("reporterPhone", "call me")]
    [InlineData("reporterPhone", "12345678")] // 8 digits without a 0: the API used to take it, the desk did not
    [InlineData("reporterPhone", "+1 202 555 0143")]
    public async Task Bad_value_gets_400_naming_the_field(string field, string value)
    {
        var body = Valid();
        body[field] = value;
        using var client = app.Client(HotlineApp.WriteKey);

        using var response = await client.PostAsJsonAsync("/api/cases", body, Ct);

        await ApiAssert.ValidationProblemAsync(response, field);
    }

    [Theory]
    [InlineData("0912-345-678")] // hyphens: the desk took it, the API used to refuse it
    [InlineData("0912.345.678")]
    [InlineData("+84 912 345 678")]
    [InlineData("(0262) 3812 345")]
    public async Task Phone_numbers_in_their_usual_written_forms_are_accepted_as_at_the_desk(string phone)
    {
        var body = Valid();
        body["reporterPhone"] = phone;
        using var client = app.Client(HotlineApp.WriteKey);

        using var response = await client.PostAsJsonAsync("/api/cases", body, Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.True(new HotlineIoc.Web.Components.Pages.Cases.Handling.IntakeForm { ReporterPhone = phone, UnitCode = "tan-tien", FieldCode = "TTDT", Description = "x" }.Validate().Any is false);
    }

    [Theory]
    [InlineData("channel")]
    [InlineData("fieldCode")]
    [InlineData("unitCode")]
    [InlineData("description")]
    public async Task Missing_required_value_gets_400_naming_the_field(string field)
    {
        var body = Valid();
        body.Remove(field);
        using var client = app.Client(HotlineApp.WriteKey);

        using var response = await client.PostAsJsonAsync("/api/cases", body, Ct);

        await ApiAssert.ValidationProblemAsync(response, field);
    }

    [Fact]
    public async Task Received_instant_in_the_future_gets_400_naming_receivedAt()
    {
        var body = Valid();
        body["receivedAt"] = DateTimeOffset.UtcNow.AddDays(1).ToString("O");
        body["unitCode"] = "p-buon-ma-thuot";
        using var client = app.Client(HotlineApp.WriteKey);

        using var response = await client.PostAsJsonAsync("/api/cases", body, Ct);

        await ApiAssert.ValidationProblemAsync(response, "receivedAt");
    }

    [Theory]
    // Without an offset the instant means a different moment on every server's time zone; the CSV refuses it too.
    [InlineData("2024-09-10T14:20:00")]
    [InlineData("2024-09-10T14:20")]
    [InlineData("2024-09-10")]
    public async Task Received_instant_without_an_offset_gets_400_naming_receivedAt(string receivedAt)
    {
        var body = Valid();
        body["receivedAt"] = receivedAt;
        using var client = app.Client(HotlineApp.WriteKey);

        using var response = await client.PostAsJsonAsync("/api/cases", body, Ct);

        var problem = await ApiAssert.ValidationProblemAsync(response, "receivedAt");
        Assert.Contains("offset", problem.GetProperty("errors").GetProperty("receivedAt")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Description_longer_than_4000_characters_gets_400_naming_description()
    {
        var body = Valid();
        body["description"] = new string('x', 4001);
        using var client = app.Client(HotlineApp.WriteKey);

        using var response = await client.PostAsJsonAsync("/api/cases", body, Ct);

        await ApiAssert.ValidationProblemAsync(response, "description");
    }

    [Theory]
    [InlineData("""{"channel":"zalo","fieldCode":"TTDT","unitCode":"tan-tien","description":"x","receivedAt":20240910}""", "receivedAt")]
    [InlineData("""{"channel":"zalo","fieldCode":"TTDT","unitCode":"tan-tien","description":"x","receivedAt":"yesterday"}""", "receivedAt")]
    [InlineData("""{"channel":"zalo","fieldCode":"TTDT","unitCode":"tan-tien","description":"x","receivedAt":true}""", "receivedAt")]
    [InlineData("""{"channel":3,"fieldCode":"TTDT","unitCode":"tan-tien","description":"x"}""", "channel")]
    [InlineData("""{"channel":"zalo","fieldCode":["TTDT"],"unitCode":"tan-tien","description":"x"}""", "fieldCode")]
    public async Task Wrong_json_type_gets_400_naming_the_field(string json, string field)
    {
        using var response = await PostJsonTextAsync(json);

        await ApiAssert.ValidationProblemAsync(response, field);
    }

    [Theory]
    [InlineData("""{"channel":"zalo","fieldCode":TTDT,"unitCode":"tan-tien","description":"x"}""", "fieldCode")]
    [InlineData("""{"channel":"zalo","fieldCode":"TTDT","unitCode":"tan-tien","description":"x" """, "body")]
    [InlineData("""{"channel":"zalo" "fieldCode":"TTDT"}""", "body")]
    [InlineData("not json at all", "body")]
    [InlineData("", "body")]
    [InlineData("null", "body")]
    public async Task Malformed_json_gets_400_problem(string json, string field)
    {
        using var response = await PostJsonTextAsync(json);

        await ApiAssert.ValidationProblemAsync(response, field);
    }

    [Fact]
    public async Task Body_that_is_not_json_gets_415_problem()
    {
        using var client = app.Client(HotlineApp.WriteKey);
        using var content = new StringContent("channel=zalo", Encoding.UTF8, "text/plain");

        using var response = await client.PostAsync("/api/cases", content, Ct);

        await ApiAssert.ProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Rejected_body_stores_no_case()
    {
        var body = Valid();
        body["receivedAt"] = "2022-10-05T09:00:00+07:00";
        body["fieldCode"] = "NOPE";
        using var client = app.Client(HotlineApp.WriteKey);
        using var rejected = await client.PostAsJsonAsync("/api/cases", body, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, rejected.StatusCode);

        using var response = await client.GetAsync("/api/stats?from=2022-10-05&to=2022-10-05", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, (await ApiAssert.JsonAsync(response)).GetProperty("received").GetInt32());
    }

    [Theory]
    [InlineData("/api/stats", new[] { "from", "to" })]
    [InlineData("/api/stats?to=2024-12-31", new[] { "from" })]
    [InlineData("/api/stats?from=2024-01-01", new[] { "to" })]
    [InlineData("/api/stats?from=&to=2024-12-31", new[] { "from" })]
    [InlineData("/api/stats?from=2024-13-01&to=2024-12-31", new[] { "from" })]
    [InlineData("/api/stats?from=2024-02-30&to=2024-12-31", new[] { "from" })]
    [InlineData("/api/stats?from=01/01/2024&to=2024-12-31", new[] { "from" })]
    [InlineData("/api/stats?from=2024-01-01&to=31/12/2024", new[] { "to" })]
    [InlineData("/api/stats?from=2024-01-01&to=tomorrow", new[] { "to" })]
    [InlineData("/api/stats?from=yesterday&to=tomorrow", new[] { "from", "to" })]
    [InlineData("/api/stats?from=2024-02-01&to=2024-01-31", new[] { "to" })]
    public async Task Bad_stats_period_gets_400_naming_the_date(string url, string[] fields)
    {
        using var client = app.Client(HotlineApp.ReadKey);

        using var response = await client.GetAsync(url, Ct);

        await ApiAssert.ValidationProblemAsync(response, fields);
    }

    [Theory]
    [InlineData("0001-01-01", "2024-12-31")]
    [InlineData("2024-01-01", "9999-12-31")]
    [InlineData("0001-01-01", "9999-12-31")]
    public async Task Stats_period_at_the_ends_of_the_calendar_answers_without_a_server_error(string from, string to)
    {
        using var client = app.Client(HotlineApp.ReadKey);

        using var response = await client.GetAsync($"/api/stats?from={from}&to={to}", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(from, (await ApiAssert.JsonAsync(response)).GetProperty("from").GetString());
    }

    [Fact]
    public async Task One_day_stats_period_is_valid()
    {
        using var client = app.Client(HotlineApp.ReadKey);

        using var response = await client.GetAsync("/api/stats?from=2024-01-31&to=2024-01-31", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
