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

    private static readonly string[] TodaysUnits = ["p-buon-ma-thuot", "p-ea-kao", "p-tan-an", "p-tan-lap", "p-thanh-nhat", "x-hoa-phu"];

    private async Task<JsonElement> StatsAsync(DateOnly from, DateOnly to, string? units = null)
    {
        using var client = app.Client(HotlineApp.ReadKey);
        using var response = await client.GetAsync($"/api/stats?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}" + (units is null ? "" : "&units=" + units), Ct);
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

    [Fact]
    public async Task Demo_history_follows_the_calendar_of_the_units()
    {
        var today = VietnamTime.LocalDate(DateTime.UtcNow);

        var sinceMerger = Codes((await StatsAsync(new DateOnly(2024, 11, 1), new DateOnly(2025, 6, 30))).GetProperty("byUnit"));
        var sinceReorganisation = Codes((await StatsAsync(new DateOnly(2025, 7, 1), today)).GetProperty("byUnit"));

        Assert.Equal(19, sinceMerger.Length);
        Assert.DoesNotContain("thang-loi", sinceMerger);
        Assert.DoesNotContain("thong-nhat", sinceMerger);
        Assert.Equal(TodaysUnits, sinceReorganisation.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Figures_by_current_units_add_up_to_the_same_totals_as_by_recorded_units()
    {
        var today = VietnamTime.LocalDate(DateTime.UtcNow);

        var recorded = await StatsAsync(new DateOnly(2022, 8, 1), today, "recorded");
        var current = await StatsAsync(new DateOnly(2022, 8, 1), today, "current");
        var byDefault = await StatsAsync(new DateOnly(2022, 8, 1), today);

        Assert.Equal(27, Codes(recorded.GetProperty("byUnit")).Length);
        Assert.Equal(TodaysUnits, Codes(current.GetProperty("byUnit")).Order(StringComparer.Ordinal));
        Assert.Equal(Codes(recorded.GetProperty("byUnit")), Codes(byDefault.GetProperty("byUnit")));
        foreach (var figure in new[] { "received", "resolved", "open", "overdueOpen" })
        {
            Assert.Equal(recorded.GetProperty(figure).GetInt32(), current.GetProperty(figure).GetInt32());
            Assert.Equal(recorded.GetProperty(figure).GetInt32(), current.GetProperty("byUnit").EnumerateArray().Sum(r => r.GetProperty(figure).GetInt32()));
        }

        Assert.Equal(recorded.GetProperty("resolutionRate").GetDouble(), current.GetProperty("resolutionRate").GetDouble());
        // Phường Buôn Ma Thuột carries the old centre: Thắng Lợi, Thống Nhất, Thành Công, Tân Lợi, Tân Thành, Tân Tiến, Tự An, Cư Êbur.
        var centre = new[] { "thang-loi", "thong-nhat", "thanh-cong", "tan-loi", "tan-thanh", "tan-tien", "tu-an", "cu-ebur", "p-buon-ma-thuot" };
        Assert.Equal(
            recorded.GetProperty("byUnit").EnumerateArray().Where(r => centre.Contains(r.GetProperty("code").GetString())).Sum(r => r.GetProperty("received").GetInt32()),
            current.GetProperty("byUnit").EnumerateArray().Single(r => r.GetProperty("code").GetString() == "p-buon-ma-thuot").GetProperty("received").GetInt32());
    }

    [Theory]
    [InlineData("2024-10-31", 21)]
    [InlineData("2024-11-01", 19)]
    [InlineData("2025-06-30", 19)]
    [InlineData("2025-07-01", 6)]
    [InlineData(null, 6)]
    public async Task Units_lists_those_in_force_on_a_day(string? at, int count)
    {
        using var client = app.Client(HotlineApp.ReadKey);

        using var response = await client.GetAsync("/api/units" + (at is null ? "" : "?at=" + at), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var units = await ApiAssert.JsonAsync(response);
        Assert.Equal(count, units.GetArrayLength());
        Assert.All(units.EnumerateArray(), u => Assert.Equal(
            ["code", "kind", "name", "statisticsCode", "successor", "validFrom", "validTo"], ApiAssert.PropertyNames(u)));
    }

    [Fact]
    public async Task A_unit_reads_with_its_life_span_statistics_code_and_successor()
    {
        using var client = app.Client(HotlineApp.ReadKey);

        using var before = await client.GetAsync("/api/units?at=2024-10-31", Ct);
        using var after = await client.GetAsync("/api/units?at=2025-07-01", Ct);

        var thangLoi = (await ApiAssert.JsonAsync(before)).EnumerateArray().Single(u => u.GetProperty("code").GetString() == "thang-loi");
        Assert.Equal("Thắng Lợi", thangLoi.GetProperty("name").GetString());
        Assert.Equal("ward", thangLoi.GetProperty("kind").GetString());
        Assert.Equal("24133", thangLoi.GetProperty("statisticsCode").GetString());
        Assert.Equal(JsonValueKind.Null, thangLoi.GetProperty("validFrom").ValueKind);
        Assert.Equal("2024-10-31", thangLoi.GetProperty("validTo").GetString());
        Assert.Equal("thanh-cong", thangLoi.GetProperty("successor").GetString());
        var hoaPhu = (await ApiAssert.JsonAsync(after)).EnumerateArray().Single(u => u.GetProperty("code").GetString() == "x-hoa-phu");
        Assert.Equal(("commune", "24175", "2025-07-01"), (hoaPhu.GetProperty("kind").GetString(), hoaPhu.GetProperty("statisticsCode").GetString(), hoaPhu.GetProperty("validFrom").GetString()));
        Assert.Equal(JsonValueKind.Null, hoaPhu.GetProperty("validTo").ValueKind);
        Assert.Equal(JsonValueKind.Null, hoaPhu.GetProperty("successor").ValueKind);
    }

    [Theory]
    [InlineData("/api/units?at=31/10/2024", "at")]
    [InlineData("/api/stats?from=2024-01-01&to=2024-12-31&units=today", "units")]
    public async Task A_bad_parameter_gets_400_naming_it(string url, string field)
    {
        using var client = app.Client(HotlineApp.ReadKey);

        using var response = await client.GetAsync(url, Ct);

        await ApiAssert.ValidationProblemAsync(response, field);
    }

    [Fact]
    public async Task Units_need_a_key()
    {
        using var client = app.Client(null);

        using var response = await client.GetAsync("/api/units", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
