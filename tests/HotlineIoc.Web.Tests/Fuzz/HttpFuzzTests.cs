using System.Net;
using System.Text;
using System.Text.Json;
using HotlineIoc.Infrastructure.Persistence;
using HotlineIoc.Infrastructure.Zalo;
using HotlineIoc.Web.Tests.Zalo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HotlineIoc.Web.Tests.Fuzz;

/// <summary>
/// Thousands of malformed inputs, from a fixed seed, to every way in over HTTP: never a 500, always a reason, and nothing
/// half-written (the cases or events stored are exactly those the answers said were accepted).
/// </summary>
public sealed class HttpFuzzTests(ZaloApp app) : IClassFixture<ZaloApp>
{
    private const int Inputs = 1000;

    private static readonly int[] WebhookAnswers = [200, 400, 401, 413];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<int> CountAsync<T>(Func<HotlineDbContext, IQueryable<T>> set)
    {
        await using var db = app.Services.GetRequiredService<IDbContextFactory<HotlineDbContext>>().CreateDbContext();
        return await set(db).CountAsync(Ct);
    }

    private static async Task AssertClearAsync(HttpResponseMessage response, string input)
    {
        var status = (int)response.StatusCode;
        Assert.True(status < 500, $"{status} for input: {Shorten(input)}");
        if (status is 400 or 401 or 403 or 404 or 413 or 415 or 422)
        {
            var body = await response.Content.ReadAsStringAsync(Ct);
            Assert.True(body.Length > 0 || status is 401 or 404, $"{status} without a reason for input: {Shorten(input)}");
        }
    }

    private static string Shorten(string input) => input.Length <= 300 ? input : input[..300] + $"… ({input.Length} chars)";

    [Fact]
    public async Task Malformed_case_bodies_never_crash_say_what_is_wrong_and_store_only_what_they_accept()
    {
        var fuzz = new Mangler(20261204);
        using var client = app.Client(HotlineApp.WriteKey);
        var before = await CountAsync(db => db.Cases);
        var created = 0;
        var fields = new[] { "channel", "fieldCode", "unitCode", "address", "description", "reporterName", "reporterPhone", "receivedAt", "latitude", "longitude" };
        for (var i = 0; i < Inputs; i++)
        {
            var body = new Dictionary<string, string>
            {
                ["channel"] = "\"hotline\"",
                ["fieldCode"] = "\"MT\"",
                ["unitCode"] = "\"p-tan-an\"",
                ["description"] = "\"Rác tồn đọng\"",
                ["reporterPhone"] = "\"0905123456\"",
            };
            for (var edit = 0; edit < 1 + fuzz.Next(3); edit++)
            {
                var field = fields[fuzz.Next(fields.Length)];
                if (fuzz.Next(4) == 0)
                {
                    body.Remove(field);
                }
                else
                {
                    body[field] = fuzz.JsonValue();
                }
            }

            var json = "{" + string.Join(",", body.Select(p => $"\"{p.Key}\":{p.Value}")) + "}";
            if (fuzz.Next(3) == 0)
            {
                json = fuzz.Mangle(json);
            }

            using var content = new StringContent(json, Encoding.UTF8, fuzz.Next(10) == 0 ? "text/plain" : "application/json");
            using var response = await client.PostAsync("/api/cases", content, Ct);
            await AssertClearAsync(response, json);
            created += response.StatusCode == HttpStatusCode.Created ? 1 : 0;
        }

        Assert.Equal(before + created, await CountAsync(db => db.Cases));
        // Both paths were walked: some inputs were still valid, most were not.
        Assert.InRange(created, 1, Inputs / 2);
    }

    [Fact]
    public async Task Malformed_query_strings_to_the_stats_the_case_list_and_the_overdue_board_never_crash()
    {
        var fuzz = new Mangler(4122026);
        using var api = app.Client(HotlineApp.ReadKey);
        using var leader = await app.SignInAsync("lanhdao");
        var names = new[] { "from", "to", "units", "unit", "field", "channel", "agency", "state", "received", "bucket", "reminder", "page", "sort", "desc", "x" };
        var values = new[] { "2024-01-01", "2024-12-31", "current", "recorded", "p-tan-an", "thang-loi", "MT", "zalo", "CA", "none", "open", "overdue", "late-over-5", "pending", "" };
        for (var i = 0; i < Inputs; i++)
        {
            var query = string.Join("&", Enumerable.Range(0, 1 + fuzz.Next(5)).Select(_ =>
            {
                var name = names[fuzz.Next(names.Length)];
                var value = values[fuzz.Next(values.Length)];
                return Uri.EscapeDataString(fuzz.Next(3) == 0 ? fuzz.Mangle(name) : name) + "=" + Uri.EscapeDataString(fuzz.Next(2) == 0 ? fuzz.Mangle(value + "xx") : value);
            }));
            var (client, path) = (i % 3) switch
            {
                0 => (api, "/api/stats?"),
                1 => (leader, "/cases?"),
                _ => (leader, "/overdue?"),
            };
            using var response = await client.GetAsync(path + query, Ct);
            await AssertClearAsync(response, path + query);
            if (path != "/api/stats?")
            {
                // A page reads the filters it understands and ignores the rest.
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
        }
    }

    [Fact]
    public async Task Signed_and_unsigned_malformed_webhook_bodies_never_crash_and_store_only_what_they_accept()
    {
        var fuzz = new Mangler(16112026);
        var before = await CountAsync(db => db.ZaloInbox);
        var stored = 0;
        for (var i = 0; i < Inputs; i++)
        {
            var body = ZaloApp.Text("5" + i.ToString("000000000000000000", System.Globalization.CultureInfo.InvariantCulture), $"fz{i:0000}", "Đèn hỏng", DateTimeOffset.UtcNow);
            if (fuzz.Next(4) != 0)
            {
                body = fuzz.Mangle(body);
            }

            HttpResponseMessage response;
            if (fuzz.Next(2) == 0)
            {
                // Signed properly over whatever the body now is, when its app id and timestamp can still be read.
                var (appId, timestamp) = Parts(body);
                response = await app.PostEventAsync(body, "mac=" + ZaloSignature.Compute(appId ?? ZaloApp.AppId, Encoding.UTF8.GetBytes(body), timestamp ?? "0", ZaloApp.OaSecret));
            }
            else
            {
                response = await app.PostEventAsync(body, fuzz.Pick("mac=00", "", "mac=" + new string('f', 64), "garbage"));
            }

            using (response)
            {
                await AssertClearAsync(response, body);
                Assert.Contains((int)response.StatusCode, WebhookAnswers);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
                    stored += answer.RootElement.GetProperty("stored").GetBoolean() && !answer.RootElement.GetProperty("duplicate").GetBoolean() ? 1 : 0;
                }
            }
        }

        Assert.Equal(before + stored, await CountAsync(db => db.ZaloInbox));
        Assert.InRange(stored, 1, Inputs / 2);
    }

    private static (string? AppId, string? Timestamp) Parts(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            string? Text(string name) => json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty(name, out var v) ? v.ToString() : null;
            return (Text("app_id"), Text("timestamp"));
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }
}
