using System.Net;
using System.Net.Http.Json;

namespace HotlineIoc.Web.Tests;

/// <summary>Who may call the machine API: the <c>X-Api-Key</c> header and its scopes. The health probe needs no key.</summary>
public class AccessTests(HotlineApp app) : IClassFixture<HotlineApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static object NewCase() => new
    {
        channel = "hotline",
        fieldCode = "MT",
        unitCode = "tan-an",
        address = "45 Phan Bội Châu",
        description = "Rác thải đổ trộm ở góc đường.",
        reporterName = "Le Van Binh",
        reporterPhone = "0905123456",
        receivedAt = "2024-06-04T10:00:00+07:00",
    };

    [Theory]
    [InlineData("/api/cases/BMT-2024-000001")]
    [InlineData("/api/stats?from=2024-01-01&to=2024-12-31")]
    public async Task Missing_api_key_gets_401_problem(string url)
    {
        using var client = app.Client(null);

        using var response = await client.GetAsync(url, Ct);

        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("X-Api-Key", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_api_key_cannot_create_a_case()
    {
        using var client = app.Client(null);

        using var response = await client.PostAsJsonAsync("/api/cases", NewCase(), Ct);

        await ApiAssert.ProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Unknown_api_key_gets_401()
    {
        using var client = app.Client("not-a-key-of-this-deployment");

        using var response = await client.GetAsync("/api/stats?from=2024-01-01&to=2024-12-31", Ct);

        await ApiAssert.ProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("test-read-7Qm2xK9pL4vM")] // last character differs
    [InlineData("Test-read-7Qm2xK9pL4vN")] // first character in upper case
    [InlineData("TEST-READ-7QM2XK9PL4VN")] // whole key in upper case
    [InlineData("test-read-7qm2xk9pl4vn")] // whole key in lower case
    [InlineData("test-read-7Qm2xK9pL4v")] // a prefix of the key
    [InlineData("test-read-7Qm2xK9pL4vNN")] // the key and one more character
    [InlineData("test-write-3Hf8sD1rT6yb")] // the write key with one character's case changed
    public async Task Api_key_is_compared_exactly(string nearMiss)
    {
        using var client = app.Client(nearMiss);

        using var read = await client.GetAsync("/api/stats?from=2024-01-01&to=2024-12-31", Ct);
        using var write = await client.PostAsJsonAsync("/api/cases", NewCase(), Ct);

        await ApiAssert.ProblemAsync(read, HttpStatusCode.Unauthorized);
        await ApiAssert.ProblemAsync(write, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Read_key_on_post_cases_gets_403()
    {
        using var client = app.Client(HotlineApp.ReadKey);

        using var response = await client.PostAsJsonAsync("/api/cases", NewCase(), Ct);

        await ApiAssert.ProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Read_key_reads_cases_and_stats()
    {
        using var writer = app.Client(HotlineApp.WriteKey);
        using var created = await writer.PostAsJsonAsync("/api/cases", NewCase(), Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var reader = app.Client(HotlineApp.ReadKey);

        using var item = await reader.GetAsync(created.Headers.Location, Ct);
        using var stats = await reader.GetAsync("/api/stats?from=2024-01-01&to=2024-12-31", Ct);

        Assert.Equal(HttpStatusCode.OK, item.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stats.StatusCode);
    }

    [Fact]
    public async Task Read_write_key_creates_and_reads()
    {
        using var client = app.Client(HotlineApp.WriteKey);

        using var created = await client.PostAsJsonAsync("/api/cases", NewCase(), Ct);
        using var item = await client.GetAsync(created.Headers.Location, Ct);
        using var stats = await client.GetAsync("/api/stats?from=2024-06-01&to=2024-06-30", Ct);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, item.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stats.StatusCode);
    }

    [Fact]
    public async Task Healthz_answers_Healthy_without_a_key()
    {
        using var client = app.Client(null);

        using var response = await client.GetAsync("/healthz", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(Ct));
    }
}
