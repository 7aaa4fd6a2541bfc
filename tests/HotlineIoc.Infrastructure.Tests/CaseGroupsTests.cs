using HotlineIoc.Domain.Cases;
using HotlineIoc.Infrastructure.CaseCsv;
using HotlineIoc.Infrastructure.Statistics;

namespace HotlineIoc.Infrastructure.Tests;

/// <summary>
/// The grouped count behind /api/stats, the reports and the dashboard: on SQLite it counts rows as they stream instead of
/// letting SQLite sort them, and it must find exactly the groups the database's own GROUP BY finds.
/// </summary>
public sealed class CaseGroupsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Counting_while_reading_finds_the_same_groups_as_the_database_for_every_period_scope_and_instant()
    {
        await using var database = await TestDatabase.CreateAsync();
        var path = ImportPathsTests.Rows(700).WriteTo(database.PathOf("cases.csv"));
        Assert.Equal(700, (await new CaseImporter(database.Contexts).ImportAsync(path, "op01", null, null, Ct)).Imported);

        var periods = new[]
        {
            (new DateTime(2024, 2, 29, 17, 0, 0, DateTimeKind.Utc), new DateTime(2024, 3, 31, 17, 0, 0, DateTimeKind.Utc)),
            (new DateTime(2024, 3, 9, 17, 0, 0, DateTimeKind.Utc), new DateTime(2024, 3, 16, 17, 0, 0, DateTimeKind.Utc)),
            (new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2030, 2, 1, 0, 0, 0, DateTimeKind.Utc)),
            // Long enough to be read in two halves at once, which meet in the middle of March.
            (new DateTime(2024, 1, 31, 17, 0, 0, DateTimeKind.Utc), new DateTime(2024, 4, 30, 17, 0, 0, DateTimeKind.Utc)),
        };
        // Before most results, in the middle (some resolved, some overdue), and long after.
        var instants = new[] { new DateTime(2024, 3, 3, 0, 0, 0, DateTimeKind.Utc), new DateTime(2024, 3, 15, 5, 0, 0, DateTimeKind.Utc), new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc) };
        var scopes = new Func<IQueryable<Case>, IQueryable<Case>>[] { c => c, c => c.Where(x => x.UnitCode == "tu-an"), c => c.Where(x => (x.AgencyCode ?? "") == "TNMT") };
        var compared = 0;
        var daysCompared = 0;
        foreach (var (start, end) in periods)
        {
            foreach (var asOf in instants)
            {
                foreach (var scope in scopes)
                {
                    await using var db = database.Open();
                    var streamed = await CaseGroups.ReceivedAsync(scope(db.Cases), start, end, asOf, Ct);
                    var grouped = await CaseGroups.ReceivedAsync(scope(db.Cases), start, end, asOf, Ct, portable: true);
                    Assert.Equal(Sorted(grouped), Sorted(streamed));
                    compared += grouped.Count;

                    // The reports' days: local day received, local day of the result, outcome.
                    var streamedDays = await CaseGroups.ReceivedByDayAsync(scope(db.Cases), start, end, asOf, Ct);
                    var groupedDays = await CaseGroups.ReceivedByDayAsync(scope(db.Cases), start, end, asOf, Ct, portable: true);
                    Assert.Equal(Sorted(groupedDays), Sorted(streamedDays));
                    daysCompared += groupedDays.Count;
                }
            }
        }

        Assert.True(compared > 100, $"only {compared} groups compared");
        Assert.True(daysCompared > 100, $"only {daysCompared} day groups compared");
        Assert.True(periods[^1].Item2 - periods[^1].Item1 > CaseGroups.ParallelAbove);

        // Every outcome and a missing agency occur, so each is read as the database wrote it.
        await using var check = database.Open();
        var all = await CaseGroups.ReceivedAsync(check.Cases, periods[0].Item1, periods[0].Item2, instants[1], Ct);
        Assert.Equal(Enum.GetValues<CaseOutcome>().Where(o => o != CaseOutcome.Excluded).Order(), all.Select(g => g.Outcome).Distinct().Order());
        Assert.Contains(all, g => g.AgencyCode is null);
        Assert.Equal(await Task.FromResult(all.Sum(g => g.Count)), check.Cases.Count(c => c.ReceivedAt >= periods[0].Item1 && c.ReceivedAt < periods[0].Item2));
    }

    [Fact]
    public async Task Hundreds_of_groups_in_one_count_are_each_counted_once()
    {
        // These tests exercise the direct reads the app uses, not only SQLitePCL's fallback.
        Assert.True(CaseGroups.ReadsSqliteDirectly);

        // Every field × 21 units × 3 channels, open or resolved, with or without an agency, in March 2024 and again in May:
        // more groups than the streaming count's table starts with (it doubles when half full), codes that share their
        // first bytes, and for March to May two halves counted apart whose groups are the same and must be added up.
        string[] fields = ["ATGT", "ANTT", "HTDT", "TTDT", "MT", "HC", "CVCC", "DN", "ATTP", "DDXD", "HHDV", "BAO", "HKTM", "TE", "KHAC"];
        string[] units = ["tan-lap", "tan-hoa", "tan-an", "thong-nhat", "thanh-nhat", "thang-loi", "tan-loi", "thanh-cong", "tan-thanh", "tan-tien", "tu-an", "ea-tam", "khanh-xuan", "hoa-thuan", "cu-ebur", "ea-tu", "hoa-thang", "ea-kao", "hoa-phu", "hoa-khanh", "hoa-xuan"];
        string[] channels = ["hotline", "zalo", "ioc"];
        var csv = new CaseCsvBuilder();
        var i = 0;
        foreach (var month in new[] { 3, 5 })
        {
            foreach (var field in fields)
            {
                foreach (var unit in units)
                {
                    foreach (var channel in channels)
                    {
                        i++;
                        var received = new DateTime(2024, month, 1 + (i % 28), 8 + (i % 10), i % 60, 0, DateTimeKind.Unspecified);
                        var at = received.ToString("yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) + "+07:00";
                        var resolved = received.AddDays(1 + (i % 9)).ToString("yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) + "+07:00";
                        var state = (i % 3) switch
                        {
                            0 => "received,,,,,",
                            1 => "in_progress,CA,,,,",
                            _ => $"resolved,TNMT,{resolved},,,",
                        };
                        csv.Row($"BMT-2024-{i:000000},{channel},{at},{field},{unit},,,,\"Phản ánh {i}\",,,{state}");
                    }
                }
            }
        }

        await using var database = await TestDatabase.CreateAsync();
        var path = csv.WriteTo(database.PathOf("cases.csv"));
        var report = await new CaseImporter(database.Contexts).ImportAsync(path, "op01", null, null, Ct);
        Assert.Equal((i, 0), (report.Imported, report.RejectedCount));

        var march = (new DateTime(2024, 2, 29, 17, 0, 0, DateTimeKind.Utc), new DateTime(2024, 3, 31, 17, 0, 0, DateTimeKind.Utc), new DateTime(2024, 3, 20, 0, 0, 0, DateTimeKind.Utc), i / 2);
        var marchToMay = (march.Item1, new DateTime(2024, 5, 31, 17, 0, 0, DateTimeKind.Utc), new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), i);
        Assert.True(marchToMay.Item2 - marchToMay.Item1 > CaseGroups.ParallelAbove);
        foreach (var (start, end, asOf, cases) in new[] { march, marchToMay })
        {
            await using var db = database.Open();
            var streamed = await CaseGroups.ReceivedAsync(db.Cases, start, end, asOf, Ct);
            var grouped = await CaseGroups.ReceivedAsync(db.Cases, start, end, asOf, Ct, portable: true);
            Assert.True(grouped.Count > 512, $"only {grouped.Count} groups");
            Assert.Equal(Sorted(grouped), Sorted(streamed));
            Assert.Equal(cases, streamed.Sum(g => g.Count));
        }
    }

    [Fact]
    public async Task A_case_counts_on_its_local_day_received_and_resolved_at_each_side_of_midnight()
    {
        // 23:59:59 and 00:00:00 in Buôn Ma Thuột are 16:59:59 and 17:00:00 UTC: across a month and a year's end.
        await using var database = await TestDatabase.CreateAsync();
        var path = new CaseCsvBuilder()
            .Row("BMT-2024-000001,hotline,2024-12-31T23:59:59+07:00,MT,tan-loi,,,,Rác thải,,,resolved,TNMT,2025-01-01T00:00:00+07:00,,,")
            .Row("BMT-2025-000002,hotline,2025-01-01T00:00:00+07:00,MT,tan-loi,,,,Rác thải,,,resolved,TNMT,2025-01-31T23:59:59+07:00,,,")
            .Row("BMT-2025-000003,zalo,2025-01-31T23:59:59+07:00,ATGT,tan-an,,,,Đèn hỏng,,,resolved,CA,2025-02-01T00:00:00+07:00,,,")
            .Row("BMT-2025-000004,zalo,2025-02-01T00:00:00+07:00,ATGT,tan-an,,,,Đèn hỏng,,,received,,,,,")
            .WriteTo(database.PathOf("midnight.csv"));
        Assert.Equal(4, (await new CaseImporter(database.Contexts).ImportAsync(path, "op01", null, null, Ct)).Imported);

        // December to February (local), so long enough to be read in two halves; long after every result.
        var start = new DateTime(2024, 11, 30, 17, 0, 0, DateTimeKind.Utc);
        var end = new DateTime(2025, 2, 28, 17, 0, 0, DateTimeKind.Utc);
        Assert.True(end - start > CaseGroups.ParallelAbove);
        await using var db = database.Open();
        var streamed = await CaseGroups.ReceivedByDayAsync(db.Cases, start, end, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), Ct);
        var grouped = await CaseGroups.ReceivedByDayAsync(db.Cases, start, end, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), Ct, portable: true);
        Assert.Equal(Sorted(grouped), Sorted(streamed));
        Assert.Equal(
            [
                "2024-12-31|2025-01-01|ResolvedOnTime|1",
                "2025-01-01|2025-01-31|ResolvedLate|1",
                "2025-01-31|2025-02-01|ResolvedOnTime|1",
                "2025-02-01||Overdue|1",
            ],
            Sorted(streamed));
    }

    private static List<string> Sorted(IEnumerable<DayOutcomeGroup> groups) =>
        groups.Select(g => $"{g.Received:yyyy-MM-dd}|{g.Resolved:yyyy-MM-dd}|{g.Outcome}|{g.Count}").Order(StringComparer.Ordinal).ToList();

    private static List<string> Sorted(IEnumerable<OutcomeGroup> groups) =>
        groups.Select(g => $"{g.ChannelCode}|{g.FieldCode}|{g.UnitCode}|{g.AgencyCode}|{g.Status}|{g.Outcome}|{g.Count}").Order(StringComparer.Ordinal).ToList();
}
