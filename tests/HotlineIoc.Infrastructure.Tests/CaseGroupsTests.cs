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
                }
            }
        }

        Assert.True(compared > 100, $"only {compared} groups compared");
        Assert.True(periods[^1].Item2 - periods[^1].Item1 > CaseGroups.ParallelAbove);

        // Every outcome and a missing agency occur, so each is read as the database wrote it.
        await using var check = database.Open();
        var all = await CaseGroups.ReceivedAsync(check.Cases, periods[0].Item1, periods[0].Item2, instants[1], Ct);
        Assert.Equal(Enum.GetValues<CaseOutcome>().Where(o => o != CaseOutcome.Excluded).Order(), all.Select(g => g.Outcome).Distinct().Order());
        Assert.Contains(all, g => g.AgencyCode is null);
        Assert.Equal(await Task.FromResult(all.Sum(g => g.Count)), check.Cases.Count(c => c.ReceivedAt >= periods[0].Item1 && c.ReceivedAt < periods[0].Item2));
    }

    private static List<string> Sorted(IEnumerable<OutcomeGroup> groups) =>
        groups.Select(g => $"{g.ChannelCode}|{g.FieldCode}|{g.UnitCode}|{g.AgencyCode}|{g.Status}|{g.Outcome}|{g.Count}").Order(StringComparer.Ordinal).ToList();
}
