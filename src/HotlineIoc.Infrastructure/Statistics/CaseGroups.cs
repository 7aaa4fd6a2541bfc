using System.Runtime.InteropServices;
using HotlineIoc.Domain.Cases;
using HotlineIoc.Domain.Statistics;
using HotlineIoc.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SQLitePCL;

namespace HotlineIoc.Infrastructure.Statistics;

/// <summary>Cases counted by what every figure of the app is broken down by, and by their outcome at an instant.</summary>
public sealed record OutcomeGroup(string ChannelCode, string FieldCode, string UnitCode, string? AgencyCode, CaseStatus Status, CaseOutcome Outcome, int Count);

/// <summary>
/// The one grouped query behind <c>GET /api/stats</c>, the report model and the dashboard's load: the cases received in a
/// period, counted by channel, field, unit, agency, status and their outcome at an instant (the domain's rule,
/// <see cref="CaseRules.OutcomeAt(DateTime)"/>, as a query expression the database computes). It reads only the covering index on
/// (ReceivedAt, Status, ResolvedAt, DueAt, ChannelCode, FieldCode, UnitCode, AgencyCode), never a case row; each caller
/// sums the few hundred groups into its own breakdowns, so the three can never count differently.
/// <para>
/// On SQLite the rows EF selects (the same SQL, the outcome computed by the database) are counted while they are read,
/// straight from SQLite's own buffers: SQLite can only GROUP BY through a sort, which for a year at a million cases
/// cost about 0.7 s of the 0.9 s. Counting as the rows stream, a long period read in two halves at once, a year takes
/// about 0.16 s (tests/HotlineIoc.Reports.Benchmarks). Elsewhere the database groups.
/// </para>
/// </summary>
public static class CaseGroups
{
    /// <summary>On SQLite, a period longer than this is counted in two halves read at once, each on its own connection.</summary>
    public static readonly TimeSpan ParallelAbove = TimeSpan.FromDays(45);

    /// <summary>
    /// Cases of <paramref name="cases"/> (already scoped) received in [<paramref name="startUtc"/>, <paramref name="endUtc"/>).
    /// <paramref name="portable"/> forces the database's own GROUP BY on SQLite too (for the test that keeps the two equal);
    /// <paramref name="oneSnapshot"/> keeps every read on the query's own connection (a caller reading in a transaction).
    /// </summary>
    public static async Task<List<OutcomeGroup>> ReceivedAsync(
        IQueryable<Case> cases, DateTime startUtc, DateTime endUtc, DateTime asOfUtc, CancellationToken cancellationToken, bool portable = false, bool oneSnapshot = false)
    {
        var rows = RowsOf(cases, startUtc, endUtc, asOfUtc);
        if (!portable && rows.CreateDbCommand() is SqliteCommand sqlite)
        {
            return await SqliteGroups.CountAsync(sqlite, startUtc, endUtc, asOfUtc, !oneSnapshot, cancellationToken);
        }

        return await rows
            .GroupBy(c => new { c.ChannelCode, c.FieldCode, c.UnitCode, c.AgencyCode, c.Status, c.Outcome })
            .Select(g => new OutcomeGroup(g.Key.ChannelCode, g.Key.FieldCode, g.Key.UnitCode, g.Key.AgencyCode, g.Key.Status, g.Key.Outcome, g.Count()))
            .ToListAsync(cancellationToken);
    }

    /// <summary>What is counted, one row per case: the codes and the outcome, computed by the database. Public for query-plan tests.</summary>
    public static IQueryable<object> Query(IQueryable<Case> cases, DateTime startUtc, DateTime endUtc, DateTime asOfUtc) =>
        RowsOf(cases, startUtc, endUtc, asOfUtc);

    private static IQueryable<Row> RowsOf(IQueryable<Case> cases, DateTime startUtc, DateTime endUtc, DateTime asOfUtc)
    {
        ArgumentNullException.ThrowIfNull(cases);
        return cases.AsNoTracking()
            .Where(c => c.ReceivedAt >= startUtc && c.ReceivedAt < endUtc)
            .Select(CaseRules.WithOutcomeAt(asOfUtc, (c, outcome) => new Row
            {
                ChannelCode = c.ChannelCode,
                FieldCode = c.FieldCode,
                UnitCode = c.UnitCode,
                AgencyCode = c.AgencyCode,
                Status = c.Status,
                Outcome = outcome,
            }));
    }

    /// <summary>The groups summed by one key into outcome counts.</summary>
    public static Dictionary<string, OutcomeCounts> By(IEnumerable<OutcomeGroup> groups, Func<OutcomeGroup, string?> key)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(key);
        var counts = new Dictionary<string, OutcomeCounts>(StringComparer.Ordinal);
        foreach (var group in groups)
        {
            if (key(group) is { } code)
            {
                if (!counts.TryGetValue(code, out var c))
                {
                    counts[code] = c = new OutcomeCounts();
                }

                c.Add(group.Outcome, group.Count);
            }
        }

        return counts;
    }

    /// <summary>A case as the database groups it; settable members, so the query can group by them.</summary>
    private sealed class Row
    {
        public string ChannelCode { get; init; } = "";

        public string FieldCode { get; init; } = "";

        public string UnitCode { get; init; } = "";

        public string? AgencyCode { get; init; }

        public CaseStatus Status { get; init; }

        public CaseOutcome Outcome { get; init; }
    }
}

/// <summary>
/// Counts the rows of an EF-made SQLite command by their six keys as SQLite steps through them. EF's SQL is wrapped so
/// that each row comes back as one key text (the five codes joined by a separator no code holds) and the outcome: two
/// values per row to fetch across the native boundary instead of six. Each distinct key is split into strings once.
/// </summary>
internal static class SqliteGroups
{
    /// <summary>Between the codes of a key; and a NULL agency. Neither is in any code.</summary>
    private const char Separator = '\u001f';
    private const char NullMark = '\u001e';

    /// <summary>
    /// Counts the command's rows. A long period is cut in two at its middle and the halves are read in parallel on two
    /// connections (WAL lets readers run together), then added up: a year at a million cases in about half the time on
    /// two cores. Not when the command runs inside a transaction (the dashboard's snapshot load), whose snapshot another
    /// connection would not see.
    /// </summary>
    public static async Task<List<OutcomeGroup>> CountAsync(SqliteCommand command, DateTime startUtc, DateTime endUtc, DateTime asOfUtc, bool parallel, CancellationToken cancellationToken)
    {
        var connection = command.Connection ?? throw new InvalidOperationException("The command has no connection.");
        var last = endUtc < asOfUtc ? endUtc : asOfUtc;
        var splits = parallel
            && command.Transaction is null
            && OnFile(connection)
            && Environment.ProcessorCount > 1
            && last - startUtc > CaseGroups.ParallelAbove
            && Named(command, "startUtc") is not null
            && Named(command, "endUtc") is not null;
        Dictionary<(string Key, int Outcome), int> counts;
        if (!splits)
        {
            counts = await Task.Run(() => Count(connection, command, null), cancellationToken);
        }
        else
        {
            var middle = startUtc + ((last - startUtc) / 2);
            var halves = new[] { (startUtc, middle), (middle, endUtc) }.Select(half => Task.Run(() =>
            {
                using var own = new SqliteConnection(connection.ConnectionString);
                return Count(own, command, half);
            }, cancellationToken)).ToArray();
            counts = [];
            foreach (var part in await Task.WhenAll(halves))
            {
                foreach (var (key, count) in part)
                {
                    counts[key] = counts.GetValueOrDefault(key) + count;
                }
            }
        }

        return counts.Select(p =>
            {
                var parts = p.Key.Key.Split(Separator);
                return new OutcomeGroup(
                    parts[0],
                    parts[1],
                    parts[2],
                    parts[3] == NullMark.ToString() ? null : parts[3],
                    StatusConverter.Instance.ConvertFromProvider(parts[4]) is CaseStatus status ? status : throw new InvalidOperationException($"Unknown case status '{parts[4]}'."),
                    (CaseOutcome)p.Key.Outcome,
                    p.Value);
            })
            .ToList();
    }

    /// <summary>Only a database in a file is the same database on a second connection (an in-memory one would be a new, empty one).</summary>
    private static bool OnFile(SqliteConnection connection)
    {
        var settings = new SqliteConnectionStringBuilder(connection.ConnectionString);
        return settings.Mode != SqliteOpenMode.Memory && settings.DataSource is { Length: > 0 } source && source != ":memory:";
    }

    private static SqliteParameter? Named(SqliteCommand command, string name) =>
        command.Parameters.Cast<SqliteParameter>().FirstOrDefault(p => p.ParameterName.TrimStart('@', '$', ':') == name);

    /// <summary>Counts on <paramref name="connection"/>; with <paramref name="range"/>, only the cases received in it.</summary>
    private static Dictionary<(string Key, int Outcome), int> Count(SqliteConnection connection, SqliteCommand command, (DateTime Start, DateTime End)? range)
    {
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            connection.Open();
        }

        try
        {
            var handle = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
            var sql = $"SELECT \"ChannelCode\" || char(31) || \"FieldCode\" || char(31) || \"UnitCode\" || char(31) || ifnull(\"AgencyCode\", char(30)) || char(31) || \"Status\", \"Outcome\" FROM ({command.CommandText})";
            // The wrapping query reads EF's columns by name: were one renamed, the prepare fails naming it ("no such column").
            var rc = raw.sqlite3_prepare_v2(handle, sql, out var statement);
            SqliteException.ThrowExceptionForRC(rc, handle);
            using (statement)
            {
                Bind(statement, handle, command.Parameters);
                if (range is { } half)
                {
                    // The same text the EF converter writes, so the halves meet exactly at the middle.
                    Rebind(statement, handle, Named(command, "startUtc")!, SqliteUtcDateTimeConverter.ToText(half.Start));
                    Rebind(statement, handle, Named(command, "endUtc")!, SqliteUtcDateTimeConverter.ToText(half.End));
                }

                var keys = new KeyTexts();
                // The key's id and the outcome packed into one number: a cheap dictionary key.
                var counts = new Dictionary<long, int>();
                while (true)
                {
                    var step = raw.sqlite3_step(statement);
                    if (step == raw.SQLITE_DONE)
                    {
                        break;
                    }

                    if (step != raw.SQLITE_ROW)
                    {
                        SqliteException.ThrowExceptionForRC(step, handle);
                    }

                    var key = ((long)keys.IdOf(raw.sqlite3_column_blob(statement, 0)) << 8) | (long)(raw.sqlite3_column_int(statement, 1) & 0xFF);
                    ref var count = ref CollectionsMarshal.GetValueRefOrAddDefault(counts, key, out _);
                    count++;
                }

                return counts.ToDictionary(p => (keys.Text((int)(p.Key >> 8)), (int)(p.Key & 0xFF)), p => p.Value);
            }
        }
        finally
        {
            if (opened)
            {
                connection.Close();
            }
        }
    }

    private static void Rebind(sqlite3_stmt statement, sqlite3 handle, SqliteParameter parameter, string value)
    {
        var name = parameter.ParameterName.StartsWith('@') ? parameter.ParameterName : "@" + parameter.ParameterName;
        SqliteException.ThrowExceptionForRC(raw.sqlite3_bind_text(statement, raw.sqlite3_bind_parameter_index(statement, name), value), handle);
    }

    /// <summary>EF's parameters, already converted to what the columns hold (the instants as the stored text).</summary>
    private static void Bind(sqlite3_stmt statement, sqlite3 handle, SqliteParameterCollection parameters)
    {
        foreach (SqliteParameter parameter in parameters)
        {
            var name = parameter.ParameterName.StartsWith('@') || parameter.ParameterName.StartsWith('$') || parameter.ParameterName.StartsWith(':')
                ? parameter.ParameterName
                : "@" + parameter.ParameterName;
            var index = raw.sqlite3_bind_parameter_index(statement, name);
            if (index == 0)
            {
                continue;
            }

            var rc = parameter.Value switch
            {
                null or DBNull => raw.sqlite3_bind_null(statement, index),
                string text => raw.sqlite3_bind_text(statement, index, text),
                long number => raw.sqlite3_bind_int64(statement, index, number),
                int number => raw.sqlite3_bind_int64(statement, index, number),
                bool flag => raw.sqlite3_bind_int64(statement, index, flag ? 1 : 0),
                double real => raw.sqlite3_bind_double(statement, index, real),
                var other => throw new NotSupportedException($"The grouped count cannot bind a {other.GetType().Name} parameter ({name}); the query's parameters should arrive converted to text or numbers."),
            };
            SqliteException.ThrowExceptionForRC(rc, handle);
        }
    }

    /// <summary>The distinct keys met so far, looked up by their bytes (hash, then compare) without making a string per row.</summary>
    private sealed class KeyTexts
    {
        private readonly Dictionary<int, List<int>> _byHash = [];
        private readonly List<byte[]> _bytes = [];
        private int _last = -1;

        public int IdOf(ReadOnlySpan<byte> key)
        {
            // Rows come in time order and neighbours often share all five codes.
            if (_last >= 0 && key.SequenceEqual(_bytes[_last]))
            {
                return _last;
            }

            var hash = new HashCode();
            hash.AddBytes(key);
            ref var bucket = ref CollectionsMarshal.GetValueRefOrAddDefault(_byHash, hash.ToHashCode(), out _);
            bucket ??= [];
            foreach (var id in bucket)
            {
                if (key.SequenceEqual(_bytes[id]))
                {
                    _last = id;
                    return id;
                }
            }

            _bytes.Add(key.ToArray());
            _last = _bytes.Count - 1;
            bucket.Add(_last);
            return _last;
        }

        public string Text(int id) => System.Text.Encoding.UTF8.GetString(_bytes[id]);
    }
}
