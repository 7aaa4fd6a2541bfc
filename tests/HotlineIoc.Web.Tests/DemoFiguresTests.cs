using System.Net;
using System.Text.Json;
using HotlineIoc.Domain.Calendar;

namespace HotlineIoc.Web.Tests;

/// <summary>
/// <c>GET /api/stats</c> over the demo history, which reproduces the published figures of FACTS.md.
/// The history is generated once, for this class.
/// </summary>
public class DemoFiguresTests(DemoHotlineApp app) : IClassFixture<DemoHotlineApp>
{
    private static readonly string[] Fields =
        ["ATGT", "ANTT", "HTDT", "TTDT", "MT", "HC", "CVCC", "DN", "ATTP", "DDXD", "HHDV", "BAO", "HKTM", "TE", "KHAC"];

    private static readonly string[] Units =
    [
        "tan-lap", "tan-hoa", "tan-an", "thong-nhat", "thanh-nhat", "thang-loi", "tan-loi", "thanh-cong", "tan-thanh", "tan-tien",
        "tu-an", "ea-tam", "khanh-xuan", "hoa-thuan", "cu-ebur", "ea-tu", "hoa-thang", "ea-kao", "hoa-phu", "hoa-khanh", "hoa-xuan",
    ];

    private static readonly string[] Channels = ["hotline", "ioc", "zalo"];

    private static readonly string[] StatsContractNames =
        ["byAgency", "byChannel", "byField", "byUnit", "enforcement", "onTimeRate", "overdueOpen", "received", "resolutionRate", "resolved"];

    private static readonly string[] EnforcementNames = ["commitment", "finesVnd", "minutes", "reminder", "sanction"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<JsonElement> StatsAsync(DateOnly from, DateOnly to)
    {
        using var client = app.Client(HotlineApp.ReadKey);
        using var response = await client.GetAsync($"/api/stats?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return await ApiAssert.JsonAsync(response);
    }

    private static int SumOfReceived(JsonElement breakdown) => breakdown.EnumerateArray().Sum(r => r.GetProperty("received").GetInt32());

    private static string[] Codes(JsonElement breakdown) => breakdown.EnumerateArray().Select(r => r.GetProperty("code").GetString()!).ToArray();

    [Fact]
    public async Task August_2022_to_January_2025_has_about_2500_reports_and_more_than_95_percent_resolved()
    {
        var stats = await StatsAsync(new DateOnly(2022, 8, 1), new DateOnly(2025, 1, 31));

        Assert.InRange(stats.GetProperty("received").GetInt32(), 2_300, 2_700);
        Assert.True(stats.GetProperty("resolutionRate").GetDouble() > 0.95, $"resolutionRate {stats.GetProperty("resolutionRate")}");
        Assert.InRange(stats.GetProperty("onTimeRate").GetDouble(), 0, 1);
        Assert.True(stats.GetProperty("onTimeRate").GetDouble() < 1, "some demo cases are resolved late");
        Assert.InRange(stats.GetProperty("resolved").GetInt32(), 1, stats.GetProperty("received").GetInt32());
    }

    [Fact]
    public async Task Year_2024_has_194_follow_ups_and_16_sanctions_with_more_than_38_million_VND_fines()
    {
        var enforcement = (await StatsAsync(new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31))).GetProperty("enforcement");

        var followUps = enforcement.GetProperty("reminder").GetInt32()
            + enforcement.GetProperty("minutes").GetInt32()
            + enforcement.GetProperty("commitment").GetInt32();
        Assert.Equal(194, followUps);
        Assert.Equal(16, enforcement.GetProperty("sanction").GetInt32());
        Assert.InRange(enforcement.GetProperty("finesVnd").GetInt64(), 38_000_000L, 39_000_000L);
    }

    [Fact]
    public async Task Year_2024_breakdowns_add_up_to_the_cases_received()
    {
        var stats = await StatsAsync(new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31));
        var received = stats.GetProperty("received").GetInt32();

        Assert.InRange(received, 900, 1_300);
        Assert.Equal(received, SumOfReceived(stats.GetProperty("byField")));
        Assert.Equal(received, SumOfReceived(stats.GetProperty("byUnit")));
        Assert.Equal(received, SumOfReceived(stats.GetProperty("byChannel")));
        Assert.InRange(SumOfReceived(stats.GetProperty("byAgency")), 1, received);
        var fields = Codes(stats.GetProperty("byField"));
        Assert.InRange(fields.Length, 1, 15);
        Assert.Subset(Fields.ToHashSet(), fields.ToHashSet());
        Assert.Equal(fields.Length, fields.Distinct().Count());
        var units = Codes(stats.GetProperty("byUnit"));
        Assert.Subset(Units.ToHashSet(), units.ToHashSet());
        Assert.Equal(units.Length, units.Distinct().Count());
        Assert.Equal(Channels, Codes(stats.GetProperty("byChannel")).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Topics_citizens_care_about_most_lead_the_field_breakdown()
    {
        var stats = await StatsAsync(new DateOnly(2022, 8, 1), new DateOnly(2025, 1, 31));

        var top = Codes(stats.GetProperty("byField")).Take(4).ToHashSet();

        Assert.Equal(new HashSet<string> { "ANTT", "ATGT", "TTDT", "MT" }, top);
    }

    [Fact]
    public async Task Last_60_days_have_open_and_overdue_cases()
    {
        var today = VietnamTime.LocalDate(DateTime.UtcNow);

        var stats = await StatsAsync(today.AddDays(-60), today);

        Assert.True(stats.GetProperty("received").GetInt32() > 0);
        Assert.True(stats.GetProperty("open").GetInt32() > 0, $"open {stats.GetProperty("open")}");
        Assert.InRange(stats.GetProperty("overdueOpen").GetInt32(), 0, stats.GetProperty("open").GetInt32());
        Assert.True(stats.GetProperty("resolved").GetInt32() > 0, "most recent cases are already resolved");
    }

    [Fact]
    public async Task Stats_json_uses_the_contract_names()
    {
        var stats = await StatsAsync(new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31));

        var names = ApiAssert.PropertyNames(stats);
        Assert.Subset(names.ToHashSet(StringComparer.Ordinal), StatsContractNames.ToHashSet(StringComparer.Ordinal));
        // No second spelling of a contract name, e.g. "Received" beside "received".
        Assert.Equal(names.Length, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(JsonValueKind.Number, stats.GetProperty("received").ValueKind);
        Assert.Equal(JsonValueKind.Number, stats.GetProperty("resolved").ValueKind);
        Assert.Equal(JsonValueKind.Number, stats.GetProperty("overdueOpen").ValueKind);
        Assert.InRange(stats.GetProperty("resolutionRate").GetDouble(), 0, 1);
        Assert.InRange(stats.GetProperty("onTimeRate").GetDouble(), 0, 1);
        Assert.Equal(EnforcementNames, ApiAssert.PropertyNames(stats.GetProperty("enforcement")));
        foreach (var breakdown in new[] { "byField", "byUnit", "byChannel", "byAgency" })
        {
            var rows = stats.GetProperty(breakdown);
            Assert.Equal(JsonValueKind.Array, rows.ValueKind);
            Assert.NotEqual(0, rows.GetArrayLength());
            Assert.All(rows.EnumerateArray(), row =>
            {
                Assert.Equal(JsonValueKind.String, row.GetProperty("code").ValueKind);
                Assert.Equal(JsonValueKind.Number, row.GetProperty("received").ValueKind);
            });
        }
    }

    [Fact]
    public async Task Demo_case_reads_by_its_code_without_reporter_data()
    {
        using var client = app.Client(HotlineApp.ReadKey);

        using var response = await client.GetAsync("/api/cases/BMT-2024-000001", Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(text);
        Assert.Equal("BMT-2024-000001", json.RootElement.GetProperty("code").GetString());
        Assert.StartsWith("2024-01-", json.RootElement.GetProperty("receivedAt").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("reporter", text, StringComparison.OrdinalIgnoreCase);
    }
}
