using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using HotlineIoc.Domain.Calendar;
using HotlineIoc.Domain.Cases;
using HotlineIoc.Domain.Statistics;
using HotlineIoc.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SQLitePCL;

namespace HotlineIoc.Infrastructure.Statistics;

/// <summary>Cases counted by local day received, local day of the result (only for a case resolved by the instant) and outcome at an instant.</summary>
public sealed record DayOutcomeGroup(DateOnly Received, DateOnly? Resolved, CaseOutcome Outcome, int Count);

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
    /// Cases of <paramref name="cases"/> (already scoped) received in [<paramref name="startUtc"/>, <paramref name="endUtc"/>),
    /// by local day received, local day of the result when they count as resolved at <paramref name="asOfUtc"/>, and
    /// outcome: the reports' monthly trend and handling times. On SQLite counted as the rows stream, like
    /// <see cref="ReceivedAsync"/>; <paramref name="portable"/> forces the database's own GROUP BY (for the test that keeps the two equal).
    /// </summary>
    public static async Task<List<DayOutcomeGroup>> ReceivedByDayAsync(
        IQueryable<Case> cases, DateTime startUtc, DateTime endUtc, DateTime asOfUtc, CancellationToken cancellationToken, bool portable = false)
    {
        var rows = DayRowsOf(cases, startUtc, endUtc, asOfUtc);
        if (!portable && rows.CreateDbCommand() is SqliteCommand sqlite)
        {
            return await SqliteGroups.CountDaysAsync(sqlite, startUtc, endUtc, asOfUtc, true, cancellationToken);
        }

        return await rows
            .GroupBy(c => new
            {
                Received = VietnamDates.LocalDate(c.ReceivedAt),
                Resolved = c.Outcome == CaseOutcome.ResolvedOnTime || c.Outcome == CaseOutcome.ResolvedLate ? VietnamDates.LocalDate(c.ResolvedAt) : null,
                c.Outcome,
            })
            .Select(g => new DayOutcomeGroup(g.Key.Received!.Value, g.Key.Resolved, g.Key.Outcome, g.Count()))
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

    /// <summary>What the days are counted from, one row per case: the two instants and the outcome. Public for query-plan tests.</summary>
    public static IQueryable<object> DayQuery(IQueryable<Case> cases, DateTime startUtc, DateTime endUtc, DateTime asOfUtc) =>
        DayRowsOf(cases, startUtc, endUtc, asOfUtc);

    private static IQueryable<DayRow> DayRowsOf(IQueryable<Case> cases, DateTime startUtc, DateTime endUtc, DateTime asOfUtc) =>
        ReceivedIn(cases, startUtc, endUtc).Select(CaseRules.WithOutcomeAt(asOfUtc, (c, outcome) => new DayRow
        {
            ReceivedAt = c.ReceivedAt,
            ResolvedAt = c.ResolvedAt,
            Outcome = outcome,
        }));

    /// <summary>
    /// The cases received in the period, untracked. The bounds keep their names in the SQL (<c>@startUtc</c>, <c>@endUtc</c>):
    /// the streaming count rebinds them to read a long period in halves.
    /// </summary>
    private static IQueryable<Case> ReceivedIn(IQueryable<Case> cases, DateTime startUtc, DateTime endUtc)
    {
        ArgumentNullException.ThrowIfNull(cases);
        return cases.AsNoTracking().Where(c => c.ReceivedAt >= startUtc && c.ReceivedAt < endUtc);
    }

    private static IQueryable<Row> RowsOf(IQueryable<Case> cases, DateTime startUtc, DateTime endUtc, DateTime asOfUtc) =>
        ReceivedIn(cases, startUtc, endUtc).Select(CaseRules.WithOutcomeAt(asOfUtc, (c, outcome) => new Row
        {
            ChannelCode = c.ChannelCode,
            FieldCode = c.FieldCode,
            UnitCode = c.UnitCode,
            AgencyCode = c.AgencyCode,
            Status = c.Status,
            Outcome = outcome,
        }));

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

    /// <summary>A case as the days are counted by; settable members, so the query can group by them.</summary>
    private sealed class DayRow
    {
        public DateTime ReceivedAt { get; init; }

        public DateTime? ResolvedAt { get; init; }

        public CaseOutcome Outcome { get; init; }
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

    /// <summary>The code columns (channel, field, unit, agency, status); the outcome follows them.</summary>
    private const int CodeColumns = 5;

    /// <summary>Counts the command's rows by their codes and outcome (see <see cref="RunAsync"/> for how a long period is read).</summary>
    public static async Task<List<OutcomeGroup>> CountAsync(SqliteCommand command, DateTime startUtc, DateTime endUtc, DateTime asOfUtc, bool parallel, CancellationToken cancellationToken)
    {
        using var counts = await RunAsync(command, startUtc, endUtc, asOfUtc, parallel, Count, (all, half) => all.AddAll(half), cancellationToken);
        return counts.ToGroups();
    }

    /// <summary>
    /// Counts the command's rows (received and result instants, and the outcome) by local day received, local day of the
    /// result when it counts as resolved, and outcome, the same way as <see cref="CountAsync"/>.
    /// </summary>
    public static async Task<List<DayOutcomeGroup>> CountDaysAsync(SqliteCommand command, DateTime startUtc, DateTime endUtc, DateTime asOfUtc, bool parallel, CancellationToken cancellationToken)
    {
        using var days = await RunAsync(command, startUtc, endUtc, asOfUtc, parallel, CountDays, (all, half) => all.AddAll(half), cancellationToken);
        return days.ToGroups();
    }

    /// <summary>
    /// Runs <paramref name="count"/> over the command's rows. A long period is cut in two at its middle and the halves are
    /// read in parallel on two connections (WAL lets readers run together), then added up by <paramref name="add"/>: a
    /// year at a million cases in about half the time on two cores. Not when the command runs inside a transaction (the
    /// dashboard's snapshot load), whose snapshot another connection would not see.
    /// </summary>
    private static async Task<T> RunAsync<T>(
        SqliteCommand command,
        DateTime startUtc,
        DateTime endUtc,
        DateTime asOfUtc,
        bool parallel,
        Func<sqlite3, SqliteCommand, (DateTime Start, DateTime End)?, T> count,
        Action<T, T> add,
        CancellationToken cancellationToken)
        where T : IDisposable
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
        if (!splits)
        {
            return await Task.Run(
                () =>
                {
                    var opened = connection.State != System.Data.ConnectionState.Open;
                    if (opened)
                    {
                        connection.Open();
                    }

                    try
                    {
                        return count(connection.Handle ?? throw new InvalidOperationException("The connection is not open."), command, null);
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

        // The query's own connection stays open meanwhile, so the file's WAL index exists for the read-only halves.
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await connection.OpenAsync(cancellationToken);
        }

        var middle = startUtc + ((last - startUtc) / 2);
        var halves = new[] { (startUtc, middle), (middle, endUtc) }.Select(half => Task.Run(() =>
        {
            using var reader = OpenReader(connection);
            return count(reader, command, half);
        }, cancellationToken)).ToArray();
        try
        {
            await Task.WhenAll(halves);
        }
        catch
        {
            // A half that did finish gives its pooled arrays back.
            foreach (var half in halves.Where(h => h.IsCompletedSuccessfully))
            {
                half.Result.Dispose();
            }

            throw;
        }
        finally
        {
            if (opened)
            {
                await connection.CloseAsync();
            }
        }

        var (first, second) = (halves[0].Result, halves[1].Result);
        using (second)
        {
            add(first, second);
        }

        return first;
    }

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
    /// The caller disposes the table, which gives its arrays back to the pool.
    /// </summary>
    private static GroupTable Count(sqlite3 handle, SqliteCommand command, (DateTime Start, DateTime End)? range)
    {
        // The wrapping query reads EF's columns by name: were one renamed, the prepare fails naming it ("no such column").
        using var statement = Prepare(handle, command, range, "\"ChannelCode\", \"FieldCode\", \"UnitCode\", ifnull(\"AgencyCode\", char(30)), \"Status\", \"Outcome\"");
        var groups = new GroupTable();
        try
        {
            Step(statement, handle, groups);
        }
        catch
        {
            groups.Dispose();
            throw;
        }

        return groups;
    }

    /// <summary>Counts on the open <paramref name="handle"/> by days; with <paramref name="range"/>, only the cases received in it.</summary>
    private static DayTable CountDays(sqlite3 handle, SqliteCommand command, (DateTime Start, DateTime End)? range)
    {
        using var statement = Prepare(handle, command, range, "\"ReceivedAt\", \"ResolvedAt\", \"Outcome\"");
        var days = new DayTable();
        StepDays(statement, handle, days);
        return days;
    }

    /// <summary>The command's query wrapped to select <paramref name="columns"/>, its parameters bound, and the range's if given.</summary>
    private static sqlite3_stmt Prepare(sqlite3 handle, SqliteCommand command, (DateTime Start, DateTime End)? range, string columns)
    {
        var rc = raw.sqlite3_prepare_v2(handle, $"SELECT {columns} FROM ({command.CommandText})", out var statement);
        try
        {
            SqliteException.ThrowExceptionForRC(rc, handle);
            Bind(statement, handle, command.Parameters);
            if (range is { } half)
            {
                // The same text the EF converter writes, so the halves meet exactly at the middle.
                Rebind(statement, handle, Named(command, "startUtc")!, SqliteUtcDateTimeConverter.ToText(half.Start));
                Rebind(statement, handle, Named(command, "endUtc")!, SqliteUtcDateTimeConverter.ToText(half.End));
            }

            return statement;
        }
        catch
        {
            statement.Dispose();
            throw;
        }
    }

    /// <summary>Steps to the statement's next row: false once done; an error is thrown with SQLite's message.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool NextRow(sqlite3_stmt statement, sqlite3 handle)
    {
        var step = raw.sqlite3_step(statement);
        if (step == raw.SQLITE_ROW)
        {
            return true;
        }

        if (step != raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(step, handle);
        }

        return false;
    }

    /// <summary>
    /// A column's bytes: by a direct call into the library when <paramref name="direct"/> (<see cref="SqliteColumns"/>),
    /// else through SQLitePCL. Inlined into the loops, where the branch goes the same way on every row.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ReadOnlySpan<byte> Bytes(sqlite3_stmt statement, int column, bool direct) =>
        direct ? SqliteColumns.Bytes(statement, column) : raw.sqlite3_column_blob(statement, column);

    /// <summary>A column's integer, read as <see cref="Bytes"/> reads text.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Integer(sqlite3_stmt statement, int column, bool direct) =>
        direct ? SqliteColumns.Integer(statement, column) : raw.sqlite3_column_int(statement, column);

    /// <summary>Steps through the rows of a day count, each into <paramref name="days"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void StepDays(sqlite3_stmt statement, sqlite3 handle, DayTable days)
    {
        var direct = SqliteColumns.Available;
        while (NextRow(statement, handle))
        {
            days.Add(Bytes(statement, 0, direct), Bytes(statement, 1, direct), Integer(statement, 2, direct));
        }
    }

    /// <summary>
    /// Steps through the statement's rows, counting each into <paramref name="groups"/>. The loop and what it calls are
    /// compiled optimised at once: tiered compilation would run the first counts after start unoptimised (in the
    /// benchmark, a process compiling nothing in tiers had a year's p95 at 0.16 s, against 0.21 s).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Step(sqlite3_stmt statement, sqlite3 handle, GroupTable groups)
    {
        var direct = SqliteColumns.Available;
        while (NextRow(statement, handle))
        {
            groups.Add(
                Bytes(statement, 0, direct),
                Bytes(statement, 1, direct),
                Bytes(statement, 2, direct),
                Bytes(statement, 3, direct),
                Bytes(statement, 4, direct),
                Integer(statement, CodeColumns, direct));
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
    /// Cases by local day received, local day of the result (when it counts as resolved) and outcome. The days are read
    /// from the stored text (<c>yyyy-MM-dd HH:mm:ss…</c>, UTC) as <see cref="VietnamDates.LocalDate"/> computes them in SQL:
    /// the date of the instant plus seven hours, seconds and fractions ignored. SQLite's own date function and its GROUP BY
    /// sort were most of a year's report.
    /// </summary>
    private sealed class DayTable : IDisposable
    {
        private static readonly int LocalHours = (int)VietnamTime.Offset.TotalHours;

        private readonly Dictionary<long, int> _counts = [];
        private readonly byte[] _lastReceived = new byte[13];
        private int _lastReceivedDay = -1;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Add(ReadOnlySpan<byte> received, ReadOnlySpan<byte> resolved, int outcome)
        {
            // Rows come in the order received: most share the last one's date and hour.
            int receivedDay;
            if (_lastReceivedDay >= 0 && received.Length >= 13 && received[..13].SequenceEqual(_lastReceived))
            {
                receivedDay = _lastReceivedDay;
            }
            else
            {
                receivedDay = LocalDay(received, "received");
                if (received.Length >= 13)
                {
                    received[..13].CopyTo(_lastReceived);
                    _lastReceivedDay = receivedDay;
                }
            }

            // As the query reads it: the result's day only for a case resolved (on time or late) by the instant.
            var resolvedDay = (CaseOutcome)outcome is CaseOutcome.ResolvedOnTime or CaseOutcome.ResolvedLate && !resolved.IsEmpty
                ? LocalDay(resolved, "resolved") + 1
                : 0;
            Add(Pack(receivedDay, resolvedDay, outcome), 1);
        }

        public void AddAll(DayTable other)
        {
            foreach (var (key, count) in other._counts)
            {
                Add(key, count);
            }
        }

        public List<DayOutcomeGroup> ToGroups() => [.. _counts.Select(p => new DayOutcomeGroup(
            DateOnly.FromDayNumber((int)(p.Key & 0xFFFFFF)),
            ((p.Key >> 24) & 0xFFFFFF) is var resolved and > 0 ? DateOnly.FromDayNumber((int)resolved - 1) : null,
            (CaseOutcome)(p.Key >> 48),
            p.Value))];

        /// <summary>Nothing pooled to give back; disposable as every counter <see cref="RunAsync"/> runs.</summary>
        public void Dispose()
        {
        }

        /// <summary>Received day, result day plus one (0: none) and outcome in one number; day numbers stay below 2^22.</summary>
        private static long Pack(int receivedDay, int resolvedDayPlusOne, int outcome) =>
            (uint)receivedDay | ((long)resolvedDayPlusOne << 24) | ((long)outcome << 48);

        private void Add(long key, int count) => CollectionsMarshal.GetValueRefOrAddDefault(_counts, key, out _) += count;

        /// <summary>The local day number of a stored instant, from its date and hour.</summary>
        private static int LocalDay(ReadOnlySpan<byte> text, string column)
        {
            if (text.Length < 13
                || text[4] != '-' || text[7] != '-' || (text[10] != ' ' && text[10] != 'T')
                || !Digits(text[..4], out var year) || !Digits(text.Slice(5, 2), out var month) || !Digits(text.Slice(8, 2), out var day) || !Digits(text.Slice(11, 2), out var hour)
                || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(Math.Max(year, 1), month) || year < 1 || hour > 23)
            {
                throw new InvalidOperationException(
                    $"A case's {column} instant is stored as '{System.Text.Encoding.UTF8.GetString(text)}', not as 'yyyy-MM-dd HH:mm:ss' (UTC); the day counts cannot place it.");
            }

            return new DateOnly(year, month, day).DayNumber + ((hour + LocalHours) / 24);
        }

        private static bool Digits(ReadOnlySpan<byte> text, out int value)
        {
            value = 0;
            foreach (var b in text)
            {
                if (b is < (byte)'0' or > (byte)'9')
                {
                    return false;
                }

                value = (value * 10) + (b - '0');
            }

            return true;
        }
    }

    /// <summary>
    /// The groups met so far and their counts: an open-addressing table over a hash of the row's bytes, each slot
    /// confirmed by comparing the bytes, so a row costs a hash and a few short compares and makes nothing. Each column's
    /// codes are kept once (a few dozen in all), the groups refer to them by number, and the arrays come from the shared
    /// pool: a year's count makes a few hundred kilobytes of objects, not the megabytes that had the collector running
    /// every other request.
    /// </summary>
    private sealed class GroupTable : IDisposable
    {
        private const int InitialSlots = 1024;

        private readonly Codes[] _codes = [new(), new(), new(), new(), new()];
        private Group[] _groups = ArrayPool<Group>.Shared.Rent(InitialSlots / 2);
        private int[] _slots = RentSlots(InitialSlots);
        private int _slotCount = InitialSlots;
        private int _count;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Add(ReadOnlySpan<byte> channel, ReadOnlySpan<byte> field, ReadOnlySpan<byte> unit, ReadOnlySpan<byte> agency, ReadOnlySpan<byte> status, int outcome, int count = 1)
        {
            var hash = (ulong)outcome + 1;
            hash = Mix(hash, channel);
            hash = Mix(hash, field);
            hash = Mix(hash, unit);
            hash = Mix(hash, agency);
            hash = Mix(hash, status);
            var mask = _slotCount - 1;
            for (var slot = (int)(hash >> 32) & mask; ; slot = (slot + 1) & mask)
            {
                // A slot holds its group's number plus one; 0 is free.
                var id = _slots[slot] - 1;
                if (id < 0)
                {
                    _groups[_count++] = new Group(
                        hash,
                        _codes[0].Intern(channel),
                        _codes[1].Intern(field),
                        _codes[2].Intern(unit),
                        _codes[3].Intern(agency),
                        _codes[4].Intern(status),
                        outcome) { Count = count };
                    _slots[slot] = _count;
                    // At half full, before the next group could find no room in the groups (half the slots long).
                    if (_count * 2 >= _slotCount)
                    {
                        Grow();
                    }

                    return;
                }

                ref var group = ref _groups[id];
                if (group.Hash == hash
                    && group.Outcome == outcome
                    && channel.SequenceEqual(_codes[0].Bytes(group.Channel))
                    && field.SequenceEqual(_codes[1].Bytes(group.Field))
                    && unit.SequenceEqual(_codes[2].Bytes(group.Unit))
                    && agency.SequenceEqual(_codes[3].Bytes(group.Agency))
                    && status.SequenceEqual(_codes[4].Bytes(group.Status)))
                {
                    group.Count += count;
                    return;
                }
            }
        }

        /// <summary>Adds the groups another table counted (the other half of a period) to this one's.</summary>
        public void AddAll(GroupTable other)
        {
            for (var i = 0; i < other._count; i++)
            {
                ref readonly var g = ref other._groups[i];
                Add(
                    other._codes[0].Bytes(g.Channel),
                    other._codes[1].Bytes(g.Field),
                    other._codes[2].Bytes(g.Unit),
                    other._codes[3].Bytes(g.Agency),
                    other._codes[4].Bytes(g.Status),
                    g.Outcome,
                    g.Count);
            }
        }

        /// <summary>The groups, each code made a string once for the whole table.</summary>
        public List<OutcomeGroup> ToGroups()
        {
            var statuses = _codes[4].Texts()
                .Select(s => StatusConverter.Instance.ConvertFromProvider(s) is CaseStatus status ? status : throw new InvalidOperationException($"Unknown case status '{s}'."))
                .ToArray();
            var (channels, fields, units) = (_codes[0].Texts(), _codes[1].Texts(), _codes[2].Texts());
            var agencies = _codes[3].Texts().Select(a => a == NullMark ? null : a).ToArray();
            var groups = new List<OutcomeGroup>(_count);
            for (var i = 0; i < _count; i++)
            {
                ref readonly var g = ref _groups[i];
                groups.Add(new OutcomeGroup(channels[g.Channel], fields[g.Field], units[g.Unit], agencies[g.Agency], statuses[g.Status], (CaseOutcome)g.Outcome, g.Count));
            }

            return groups;
        }

        public void Dispose()
        {
            ArrayPool<Group>.Shared.Return(_groups);
            ArrayPool<int>.Shared.Return(_slots);
            _groups = [];
            _slots = [];
        }

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

        /// <summary>Rented slots are not cleared by the pool; 0 must mean free.</summary>
        private static int[] RentSlots(int count)
        {
            var slots = ArrayPool<int>.Shared.Rent(count);
            Array.Clear(slots, 0, count);
            return slots;
        }

        private void Grow()
        {
            var slotCount = _slotCount * 2;
            var slots = RentSlots(slotCount);
            var mask = slotCount - 1;
            for (var id = 0; id < _count; id++)
            {
                var slot = (int)(_groups[id].Hash >> 32) & mask;
                while (slots[slot] != 0)
                {
                    slot = (slot + 1) & mask;
                }

                slots[slot] = id + 1;
            }

            ArrayPool<int>.Shared.Return(_slots);
            _slots = slots;
            _slotCount = slotCount;

            var groups = ArrayPool<Group>.Shared.Rent(slotCount / 2);
            Array.Copy(_groups, groups, _count);
            ArrayPool<Group>.Shared.Return(_groups);
            _groups = groups;
        }

        /// <summary>A group: its hash, each code by its number in its column, the outcome and the count.</summary>
        private record struct Group(ulong Hash, int Channel, int Field, int Unit, int Agency, int Status, int Outcome)
        {
            public int Count;
        }

        /// <summary>One column's distinct codes as met: a few dozen at most, found by comparing bytes.</summary>
        private sealed class Codes
        {
            private readonly List<byte[]> _bytes = [];

            public ReadOnlySpan<byte> Bytes(int number) => _bytes[number];

            public int Intern(ReadOnlySpan<byte> code)
            {
                for (var i = 0; i < _bytes.Count; i++)
                {
                    if (code.SequenceEqual(_bytes[i]))
                    {
                        return i;
                    }
                }

                _bytes.Add(code.ToArray());
                return _bytes.Count - 1;
            }

            public string[] Texts() => [.. _bytes.Select(b => System.Text.Encoding.UTF8.GetString(b))];
        }
    }
}
