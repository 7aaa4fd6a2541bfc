using HotlineIoc.Infrastructure.Live;
using HotlineIoc.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace HotlineIoc.Infrastructure.Tests;

public sealed class VietnamDatesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sqlite_computes_the_local_date_to_the_tick()
    {
        await using var database = await TestDatabase.CreateAsync(seed: false);
        DateTime[] instants =
        [
            new(2024, 3, 31, 16, 59, 59, DateTimeKind.Utc),
            new DateTime(2024, 3, 31, 17, 0, 0, DateTimeKind.Utc).AddTicks(-1),
            new(2024, 3, 31, 17, 0, 0, DateTimeKind.Utc),
            new(2024, 12, 31, 23, 59, 59, 999, DateTimeKind.Utc),
            new(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc),
        ];
        await using (var db = database.Open())
        {
            db.LiveSignals.AddRange(instants.Select((at, i) => new LiveSignal { Kind = "test", Count = i, At = at }));
            await db.SaveChangesAsync(Ct);
        }

        await using var read = database.Open();
        var query = read.LiveSignals.OrderBy(s => s.Count).Select(s => VietnamDates.LocalDate(s.At));
        var dates = await query.ToListAsync(Ct);

        // The same answer as the domain's own conversion; the fraction is cut off before SQLite's date function sees it.
        Assert.Equal(instants.Select(i => (DateOnly?)DateOnly.FromDateTime(i.AddHours(7))), dates);
        Assert.Equal([new DateOnly(2024, 3, 31), new DateOnly(2024, 3, 31), new DateOnly(2024, 4, 1), new DateOnly(2025, 1, 1), new DateOnly(2025, 1, 1)], dates.Select(d => d!.Value));
        Assert.Contains("date(substr(", query.ToQueryString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sql_server_shifts_the_datetime2_and_casts_it_to_a_date()
    {
        var options = new DbContextOptionsBuilder<HotlineDbContext>();
        options.UseDatabase(new DatabaseSettings(DatabaseProvider.SqlServer, "Server=unused;Database=Hotline;Trusted_Connection=True;TrustServerCertificate=True"));
        await using var db = new HotlineDbContext(options.Options);

        var sql = db.Cases.GroupBy(c => VietnamDates.LocalDate(c.ResolvedAt)).Select(g => new { g.Key, Count = g.Count() }).ToQueryString();

        Assert.Contains("CAST(DATEADD(hour, 7, [c].[ResolvedAt]) AS date)", sql, StringComparison.Ordinal);
    }
}
