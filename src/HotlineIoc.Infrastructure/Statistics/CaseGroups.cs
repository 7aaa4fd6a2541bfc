using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
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
    /// <summary>
    /// Whether, on SQLite, the count reads each value by a direct call into the bundled library (<c>SqliteColumns</c>);
    /// false means through SQLitePCL, which gives the same groups more slowly.
    /// </summary>
    public static bool ReadsSqliteDirectly => SqliteColumns.Available;

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

    /// <summary>
    /// The enforcement of the cases of <paramref name="cases"/> (already scoped) whose result was reported in
    /// [<paramref name="startUtc"/>, <paramref name="endUtc"/>): counts by kind and the fines. Read from the small filtered
    /// index of the cases with enforcement; /api/stats and the reports both count it here.
    /// </summary>
    public static async Task<EnforcementStats> EnforcementAsync(IQueryable<Case> cases, DateTime startUtc, DateTime endUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cases);
        var groups = await cases.AsNoTracking()
            .Where(c => c.ResolvedAt >= startUtc && c.ResolvedAt < endUtc && c.EnforcementKind != null)
            .GroupBy(c => c.EnforcementKind)
            .Select(g => new { Kind = g.Key, Count = g.Count(), Fines = g.Sum(c => c.FineVnd ?? 0) })
            .ToListAsync(cancellationToken);
        int CountOf(EnforcementKind kind) => groups.Where(e => e.Kind == kind).Sum(e => e.Count);
        return new EnforcementStats(
            CountOf(EnforcementKind.Reminder),
            CountOf(EnforcementKind.Minutes),
            CountOf(EnforcementKind.Commitment),
            CountOf(EnforcementKind.Sanction),
            groups.Sum(e => e.Fines));
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
/// Counts the rows of an EF-made SQLite command by their six keys as SQLite steps through them. The five code columns
/// are read as SQLite's own bytes and looked up, with the outcome, in a table of the groups met so far (hashed from the
/// bytes, then compared), so no string is made per row. Joining the codes into one text in SQL instead (one value to
/// fetch per row) measured slower: SQLite's <c>||</c> copies every string, more than half of the query's time for a year.
/// </summary>
internal static class SqliteGroups
{
    /// <summary>Read for a NULL agency; in no code.</summary>
    private const string NullMark = "\u001e";

    /// <summary>The code columns, in the order of <see cref="Key"/>; the outcome follows them.</summary>
    private const int CodeColumns = 5;

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
        Dictionary<Key, int> counts;
        if (!splits)
        {
            counts = await Task.Run(
                () =>
                {
                    var opened = connection.State != System.Data.ConnectionState.Open;
                    if (opened)
                    {
                        connection.Open();
                    }

                    try
                    {
                        return Count(connection.Handle ?? throw new InvalidOperationException("The connection is not open."), command, null);
                    }
                    finally
                    {
                        if (opened)
                        {
                            connection.Close();
                        }
                    }
                },
                cancellationToken);
        }
        else
        {
            // The query's own connection stays open meanwhile, so the file's WAL index exists for the read-only halves.
            var opened = connection.State != System.Data.ConnectionState.Open;
            if (opened)
            {
                await connection.OpenAsync(cancellationToken);
            }

            try
            {
                var middle = startUtc + ((last - startUtc) / 2);
                var halves = new[] { (startUtc, middle), (middle, endUtc) }.Select(half => Task.Run(() =>
                {
                    using var reader = OpenReader(connection);
                    return Count(reader, command, half);
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
            finally
            {
                if (opened)
                {
                    await connection.CloseAsync();
                }
            }
        }

        return counts.Select(p => new OutcomeGroup(
                p.Key.Channel,
                p.Key.Field,
                p.Key.Unit,
                p.Key.Agency == NullMark ? null : p.Key.Agency,
                StatusConverter.Instance.ConvertFromProvider(p.Key.Status) is CaseStatus status ? status : throw new InvalidOperationException($"Unknown case status '{p.Key.Status}'."),
                (CaseOutcome)p.Key.Outcome,
                p.Value))
            .ToList();
    }

    /// <summary>A group's key as text, the same whichever connection counted it.</summary>
    private readonly record struct Key(string Channel, string Field, string Unit, string Agency, string Status, int Outcome);

    /// <summary>Only a database in a file is the same database on a second connection (an in-memory one would be a new, empty one).</summary>
    private static bool OnFile(SqliteConnection connection)
    {
        var settings = new SqliteConnectionStringBuilder(connection.ConnectionString);
        return settings.Mode != SqliteOpenMode.Memory && settings.DataSource is { Length: > 0 } source && source != ":memory:";
    }

    private static SqliteParameter? Named(SqliteCommand command, string name) =>
        command.Parameters.Cast<SqliteParameter>().FirstOrDefault(p => p.ParameterName.TrimStart('@', '$', ':') == name);

    /// <summary>
    /// A read-only connection of its own to the same file, for one half. Opened without SQLite's per-connection mutex, which
    /// a serialized connection takes on every value read (11 times a row here; about 20 ms of a year's count at a million
    /// cases): this handle is used by one thread and closed by it.
    /// </summary>
    private static sqlite3 OpenReader(SqliteConnection like)
    {
        var rc = raw.sqlite3_open_v2(like.DataSource, out var handle, raw.SQLITE_OPEN_READONLY | raw.SQLITE_OPEN_NOMUTEX | raw.SQLITE_OPEN_URI, null);
        try
        {
            SqliteException.ThrowExceptionForRC(rc, handle);
            // As long as Microsoft.Data.Sqlite's default command timeout; a WAL reader seldom waits at all.
            SqliteException.ThrowExceptionForRC(raw.sqlite3_busy_timeout(handle, 30_000), handle);
            return handle;
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Counts on the open <paramref name="handle"/>; with <paramref name="range"/>, only the cases received in it.
    /// The loop and what it calls are compiled optimised at once: tiered compilation would run the first counts after
    /// start unoptimised (in the benchmark, a process compiling nothing in tiers had a year's p95 at 0.16 s, against 0.21 s).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Dictionary<Key, int> Count(sqlite3 handle, SqliteCommand command, (DateTime Start, DateTime End)? range)
    {
        var sql = $"SELECT \"ChannelCode\", \"FieldCode\", \"UnitCode\", ifnull(\"AgencyCode\", char(30)), \"Status\", \"Outcome\" FROM ({command.CommandText})";
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

            var groups = new GroupTable();
            var direct = SqliteColumns.Available;
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

                if (direct)
                {
                    groups.Add(
                        SqliteColumns.Bytes(statement, 0),
                        SqliteColumns.Bytes(statement, 1),
                        SqliteColumns.Bytes(statement, 2),
                        SqliteColumns.Bytes(statement, 3),
                        SqliteColumns.Bytes(statement, 4),
                        SqliteColumns.Integer(statement, CodeColumns));
                }
                else
                {
                    groups.Add(
                        raw.sqlite3_column_blob(statement, 0),
                        raw.sqlite3_column_blob(statement, 1),
                        raw.sqlite3_column_blob(statement, 2),
                        raw.sqlite3_column_blob(statement, 3),
                        raw.sqlite3_column_blob(statement, 4),
                        raw.sqlite3_column_int(statement, CodeColumns));
                }
            }

            return groups.Counts();
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

    /// <summary>
    /// The groups met so far and their counts: an open-addressing table over a hash of the row's bytes, each slot
    /// confirmed by comparing the bytes, so a row costs a hash and a few short compares and makes nothing.
    /// </summary>
    private sealed class GroupTable
    {
        private readonly List<Group> _groups = [];
        private ulong[] _hashes = new ulong[256];
        private int[] _slots = new int[256];

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Add(ReadOnlySpan<byte> channel, ReadOnlySpan<byte> field, ReadOnlySpan<byte> unit, ReadOnlySpan<byte> agency, ReadOnlySpan<byte> status, int outcome)
        {
            var hash = (ulong)outcome + 1;
            hash = Mix(hash, channel);
            hash = Mix(hash, field);
            hash = Mix(hash, unit);
            hash = Mix(hash, agency);
            hash = Mix(hash, status);
            var mask = _slots.Length - 1;
            for (var slot = (int)(hash >> 32) & mask; ; slot = (slot + 1) & mask)
            {
                // A slot holds its group's number plus one; 0 is free.
                var id = _slots[slot] - 1;
                if (id < 0)
                {
                    _groups.Add(new Group([channel.ToArray(), field.ToArray(), unit.ToArray(), agency.ToArray(), status.ToArray()], outcome) { Count = 1 });
                    _hashes[slot] = hash;
                    _slots[slot] = _groups.Count;
                    if (_groups.Count * 2 > _slots.Length)
                    {
                        Grow();
                    }

                    return;
                }

                var group = _groups[id];
                if (_hashes[slot] == hash
                    && group.Outcome == outcome
                    && channel.SequenceEqual(group.Codes[0])
                    && field.SequenceEqual(group.Codes[1])
                    && unit.SequenceEqual(group.Codes[2])
                    && agency.SequenceEqual(group.Codes[3])
                    && status.SequenceEqual(group.Codes[4]))
                {
                    group.Count++;
                    return;
                }
            }
        }

        public Dictionary<Key, int> Counts() => _groups.ToDictionary(
            g =>
            {
                var text = g.Codes.Select(c => System.Text.Encoding.UTF8.GetString(c)).ToArray();
                return new Key(text[0], text[1], text[2], text[3], text[4], g.Outcome);
            },
            g => g.Count);

        /// <summary>Folds a value into the hash: its length and its first and last eight bytes (codes are short and differ there).</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static ulong Mix(ulong hash, ReadOnlySpan<byte> value)
        {
            ulong bits;
            if (value.Length >= 8)
            {
                bits = BinaryPrimitives.ReadUInt64LittleEndian(value) ^ BitOperations.RotateLeft(BinaryPrimitives.ReadUInt64LittleEndian(value[^8..]), 29);
            }
            else
            {
                bits = 0;
                foreach (var b in value)
                {
                    bits = (bits << 8) | b;
                }
            }

            return (hash ^ bits ^ ((ulong)value.Length << 56)) * 0x9E3779B97F4A7C15UL;
        }

        private void Grow()
        {
            var hashes = new ulong[_slots.Length * 2];
            var slots = new int[_slots.Length * 2];
            var mask = slots.Length - 1;
            for (var i = 0; i < _slots.Length; i++)
            {
                if (_slots[i] == 0)
                {
                    continue;
                }

                var slot = (int)(_hashes[i] >> 32) & mask;
                while (slots[slot] != 0)
                {
                    slot = (slot + 1) & mask;
                }

                hashes[slot] = _hashes[i];
                slots[slot] = _slots[i];
            }

            _hashes = hashes;
            _slots = slots;
        }

        private sealed class Group(byte[][] codes, int outcome)
        {
            public byte[][] Codes { get; } = codes;

            public int Outcome { get; } = outcome;

            public int Count { get; set; }
        }
    }
}
