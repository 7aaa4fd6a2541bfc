using System.Data;
using System.Data.Common;
using HotlineIoc.Infrastructure.Persistence;
using HotlineIoc.Infrastructure.Tests;
using HotlineIoc.Reports.Model;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Time.Testing;

namespace HotlineIoc.Reports.Tests;

/// <summary>The SQL the report model sends: grouped, translated by both providers, and following the indexes.</summary>
public sealed class ReportQueryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_query_translates_for_sql_server()
    {
        // No SQL Server runs here: the connection is never opened and every command answers with no rows, but EF
        // translates each query for SQL Server first, so a query it cannot translate fails this test.
        var recorder = new Recorder(answer: true);
        var settings = new DatabaseSettings(DatabaseProvider.SqlServer, "Server=unused;Database=Hotline;Trusted_Connection=True;TrustServerCertificate=True");

        await new ReportBuilder(new Contexts(settings, recorder), new FakeTimeProvider(KnownData.Now)).BuildAsync(ReportPeriod.Year(2024), ReportScope.City, Ct);

        var grouped = recorder.Commands.Where(c => c.CommandText.Contains("GROUP BY", StringComparison.Ordinal)).Select(c => c.CommandText).ToList();
        Assert.Contains(grouped, sql => sql.Contains("[c].[ChannelCode]", StringComparison.Ordinal) && sql.Contains("[c].[AgencyCode]", StringComparison.Ordinal));
        Assert.Contains(grouped, sql => sql.Contains("CAST(DATEADD(hour, 7, [c].[ReceivedAt]) AS date)", StringComparison.Ordinal));
        Assert.Contains(recorder.Commands, c => c.CommandText.Contains("UNION ALL", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("city")]
    [InlineData("agency:TNMT")]
    public async Task Sqlite_reads_the_cases_through_indexes_only(string scope)
    {
        await using var database = await TestDatabase.CreateAsync();
        await KnownData.LoadAsync(database);
        var recorder = new Recorder(answer: false);

        await new ReportBuilder(new Contexts(database.Settings, recorder), new FakeTimeProvider(KnownData.Now)).BuildAsync(ReportPeriod.Parse("2024-03"), ReportScope.Parse(scope), Ct);

        var plans = new List<string>();
        await using var connection = new SqliteConnection(database.Settings.ConnectionString);
        await connection.OpenAsync(Ct);
        foreach (var command in recorder.Commands.Where(c => c.CommandText.Contains("\"Cases\"", StringComparison.Ordinal)))
        {
            plans.Add(string.Join(" | ", await PlanAsync(connection, command)));
        }

        // The counts by channel, field, unit, agency and outcome (this period, and the previous one by unit) and by day
        // (both periods) are read by CaseGroups straight from SQLite, past EF's command pipeline: their queries are
        // planned here as the report scopes them.
        await using (var db = database.Open())
        {
            var cases = scope == "city" ? db.Cases : db.Cases.Where(c => (c.AgencyCode ?? "") == "TNMT");
            var (start, end) = (new DateTime(2024, 2, 29, 17, 0, 0, DateTimeKind.Utc), new DateTime(2024, 3, 31, 17, 0, 0, DateTimeKind.Utc));
            foreach (var query in new[]
            {
                HotlineIoc.Infrastructure.Statistics.CaseGroups.Query(cases, start, end, KnownData.Now.UtcDateTime),
                HotlineIoc.Infrastructure.Statistics.CaseGroups.DayQuery(cases, start, end, KnownData.Now.UtcDateTime),
            })
            {
                var command = query.CreateDbCommand();
                plans.Add(string.Join(" | ", await PlanAsync(connection, new RecordedCommand(command.CommandText, command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, p.Value)).ToList()))));
            }
        }

        // The grouped counts, the days, follow-up and the overdue list: each walks a range of an index, none the whole
        // table. The counts and the days read only the covering index of the period (status, instants and codes), never
        // the wide case rows; an agency's walk the same range and check the agency from the index on the way.
        Assert.Equal(4, plans.Count);
        Assert.All(plans, plan => Assert.DoesNotMatch(@"(^| \| )SCAN c( |$)", plan));
        Assert.Equal(2, plans.Count(p => p.Contains("USING COVERING INDEX IX_Cases_ReceivedAt_Report (ReceivedAt>? AND ReceivedAt<?)", StringComparison.Ordinal)));
        // Follow-up: only the cases with enforcement, from their own small index (an agency's checked on their rows).
        var followUp = Assert.Single(plans, p => p.Contains("IX_Cases_Enforcement (ResolvedAt>? AND ResolvedAt<?)", StringComparison.Ordinal));
        Assert.Equal(scope == "city", followUp.Contains("USING COVERING INDEX", StringComparison.Ordinal));
        var overdue = Assert.Single(plans, p => p.Contains("UNION ALL", StringComparison.Ordinal));
        if (scope == "city")
        {
            // The overdue list: cases still open by (Status, DueAt), cases resolved only after the end by ResolvedAt.
            Assert.Contains("IX_Cases_Status_DueAt (Status=? AND DueAt<?)", overdue, StringComparison.Ordinal);
            Assert.Contains("IX_Cases_ResolvedAt_DueAt (ResolvedAt>?)", overdue, StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains("IX_Cases_AgencyCode_Status_DueAt (AgencyCode=? AND Status=? AND DueAt<?)", overdue, StringComparison.Ordinal);
        }
    }

    private static async Task<List<string>> PlanAsync(SqliteConnection connection, RecordedCommand recorded)
    {
        await using var explain = connection.CreateCommand();
        explain.CommandText = "EXPLAIN QUERY PLAN " + recorded.CommandText;
        foreach (var (name, value) in recorded.Parameters)
        {
            explain.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        var lines = new List<string>();
        await using var reader = await explain.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
        {
            lines.Add(reader.GetString(3));
        }

        return lines;
    }

    private sealed record RecordedCommand(string CommandText, IReadOnlyList<(string Name, object? Value)> Parameters);

    /// <summary>Records every command; with <c>answer</c>, never opens the connection and answers each command with no rows.</summary>
    private sealed class Recorder(bool answer) : DbCommandInterceptor, IDbConnectionInterceptor
    {
        private readonly List<RecordedCommand> _commands = [];

        public IReadOnlyList<RecordedCommand> Commands
        {
            get
            {
                lock (_commands)
                {
                    return _commands.ToList();
                }
            }
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            lock (_commands)
            {
                _commands.Add(new RecordedCommand(command.CommandText, command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, p.Value)).ToList()));
            }

            return ValueTask.FromResult(answer ? InterceptionResult<DbDataReader>.SuppressWithResult(new DataTable().CreateDataReader()) : result);
        }

        public ValueTask<InterceptionResult> ConnectionOpeningAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(answer ? InterceptionResult.Suppress() : result);
    }

    private sealed class Contexts(DatabaseSettings settings, Recorder recorder) : IDbContextFactory<HotlineDbContext>
    {
        public HotlineDbContext CreateDbContext()
        {
            var options = new DbContextOptionsBuilder<HotlineDbContext>();
            options.UseDatabase(settings).AddInterceptors(recorder);
            return new HotlineDbContext(options.Options);
        }
    }
}
