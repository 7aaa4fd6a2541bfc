using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Threading.Channels;
using HotlineIoc.Domain.Cases;
using HotlineIoc.Infrastructure.Csv;
using HotlineIoc.Infrastructure.Persistence;
using HotlineIoc.Infrastructure.Privacy;
using HotlineIoc.Infrastructure.Seeding;
using LinqToDB.Data;
using LinqToDB.EntityFrameworkCore;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using nietras.SeparatedValues;

namespace HotlineIoc.Infrastructure.CaseCsv;

public sealed record ImportProgress(long BytesRead, long BytesTotal, int RowsRead);

public sealed record ImportReport(int RowsRead, int Imported, int AlreadyPresent, int RejectedCount, IReadOnlyList<RejectedRow> FirstRejected)
{
    /// <summary>The cases per transaction the import used (<see cref="CaseImporter.BatchSize"/>, or the one it chose).</summary>
    public int BatchSize { get; init; }
}

/// <summary>How the import writes its rows. Both take the columns and the value conversions (encryption included) from the EF model.</summary>
public enum ImportWriter
{
    /// <summary>
    /// The fastest path of the provider: on SQLite one prepared statement bound by position (<see cref="SqliteCaseWriter"/>),
    /// on SQL Server <c>SqlBulkCopy</c> through linq2db's provider-specific bulk copy.
    /// </summary>
    Fastest,

    /// <summary>linq2db's multi-row inserts on every provider: the portable path, kept as the reference the fast paths are compared with.</summary>
    Portable,
}

/// <summary>
/// Imports the case CSV in batches. Idempotent by code: cases already in the database are skipped.
/// Each batch is one transaction holding the cases and their "imported" events, so no row is ever half-written.
/// Bad rows are reported with line, column and reason; the good rows go in.
/// Reading and checking the file runs on another thread a few chunks ahead of the writing, so two cores share the work.
/// Each provider writes through its fastest path (<see cref="ImportWriter"/>), the EF model giving the mapping either way;
/// SQLite also gets bulk-load settings for the import's connection, put back afterwards. The reporter's data is encrypted
/// and the phone indexed on the reading side, so the writing side only binds and steps.
/// </summary>
public sealed class CaseImporter(IDbContextFactory<HotlineDbContext> contexts)
{
    /// <summary>
    /// Cases per transaction when the database already holds cases, so the app may be in use: each transaction holds
    /// the database's write lock well under a second, and an operator saving a case meanwhile hardly waits.
    /// </summary>
    public const int DefaultBatchSize = 20_000;

    /// <summary>
    /// Cases per transaction for a first load into a database that holds none, where nobody is logging cases yet:
    /// fewer commits rewrite the indexes' pages fewer times (at 1,000,000 rows 29 s against 34–36 s with 20,000), and
    /// each transaction holds the write lock about 3 s.
    /// </summary>
    public const int FirstLoadBatchSize = 100_000;
    private const int RejectedKept = 200;
    private const int ChunkSize = 128;
    private const int ChunksAhead = 4;
    private const int ProgressEveryMilliseconds = 250;

    /// <summary>Cases per transaction; unset, <see cref="FirstLoadBatchSize"/> into an empty case table, else <see cref="DefaultBatchSize"/>.</summary>
    public int? BatchSize { get; init; }

    public ImportWriter Writer { get; init; } = ImportWriter.Fastest;

    public async Task<ImportReport> ImportAsync(
        string path,
        string actor,
        TextWriter? rejectReport,
        IProgress<ImportProgress>? progress,
        CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new CaseImportException($"{path} does not exist.");
        }

        Utf8FileCheck.EnsureValid(path, cancellationToken);

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var reference = await ReferenceData.LoadAsync(db, cancellationToken);
        var batchSize = BatchSize ?? (await db.Cases.AnyAsync(cancellationToken) ? DefaultBatchSize : FirstLoadBatchSize);
        if (batchSize < 1)
        {
            throw new InvalidOperationException($"{nameof(BatchSize)} is {batchSize}; a batch must hold at least one case.");
        }

        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        using var text = new StreamReader(file, new UTF8Encoding(false, true), detectEncodingFromByteOrderMarks: true);
        using var reader = Sep.New(',').Reader(o => o with { Unescape = true, DisableColCountCheck = true }).From(text);
        CheckHeader(reader, path);

        // The reject report is opened in spreadsheets: written with the CSV library and the formula guard, as every CSV here.
        using var rejects = rejectReport is null ? null : Sep.New(',').Writer(o => o with { Escape = true }).To(rejectReport, leaveOpen: true);
        if (rejects is not null)
        {
            rejects.Header.Add(RejectColumns);
            rejects.Header.Write();
        }

        var rows = new RowSource(reader, new CaseCsvRowReader(reference, actor, DateTime.UtcNow), rejects);

        await using var writer = await BatchWriter.OpenAsync(db, actor, Writer, cancellationToken);

        // The file is read on another thread in small chunks, a few hundred cases ahead of the writer: parsing overlaps
        // writing, and the cases in flight stay few and small enough (no large-object arrays) that most are garbage before
        // the next collection (whole batches in flight made every collection a costly gen1). A transaction still spans a
        // whole batch of cases.
        var chunks = Channel.CreateBounded<Chunk>(new BoundedChannelOptions(ChunksAhead) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producer = Task.Run(() => ReadChunksAsync(rows, writer, file, chunks.Writer, batchSize, stop.Token), stop.Token);

        // Progress follows the chunks written, a few times a second: a first load's batch takes seconds to fill.
        var reported = Stopwatch.StartNew();
        void Written(Chunk chunk)
        {
            if (progress is not null && reported.ElapsedMilliseconds >= ProgressEveryMilliseconds)
            {
                progress.Report(new ImportProgress(chunk.BytesRead, file.Length, chunk.RowsRead));
                reported.Restart();
            }
        }

        int imported = 0, present = 0;
        try
        {
            while (await chunks.Reader.WaitToReadAsync(cancellationToken))
            {
                var batch = await writer.WriteBatchAsync(chunks.Reader, batchSize, Written, cancellationToken);
                imported += batch.Added;
                present += batch.Count - batch.Added;
                if (batch.Last is { } last)
                {
                    progress?.Report(new ImportProgress(last.BytesRead, file.Length, last.RowsRead));
                    reported.Restart();
                }
            }
        }
        catch
        {
            // Stop the reader and let it finish before the connection closes; the writer's failure is the one to report.
            await stop.CancelAsync();
            await Task.WhenAny(producer);
            _ = producer.Exception;
            throw;
        }

        // A reading failure ends the channel early; awaiting the reader rethrows it.
        await producer;
        return new ImportReport(rows.RowsRead, imported, present, rows.RejectedCount, rows.FirstRejected) { BatchSize = batchSize };
    }

    private static async Task ReadChunksAsync(RowSource rows, BatchWriter writer, FileStream file, ChannelWriter<Chunk> chunks, int batchSize, CancellationToken cancellationToken)
    {
        try
        {
            var size = Math.Min(batchSize, ChunkSize);
            var more = true;
            while (more)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var cases = new List<Case>(size);
                more = rows.ReadBatch(cases, size);
                if (cases.Count > 0)
                {
                    await chunks.WriteAsync(new Chunk(cases, writer.Prepare(cases), file.Position, rows.RowsRead), cancellationToken);
                }
            }
        }
        finally
        {
            chunks.TryComplete();
        }
    }

    private static void CheckHeader(SepReader reader, string path)
    {
        var name = Path.GetFileName(path);
        if (reader.IsEmpty || reader.Header.IsEmpty)
        {
            throw new CaseImportException($"{name} is empty; the first line must be the header: {CaseCsvFormat.Header}");
        }

        var actual = reader.Header.ColNames;
        for (var i = 0; i < Math.Max(actual.Count, CaseCsvFormat.Columns.Count); i++)
        {
            var expected = i < CaseCsvFormat.Columns.Count ? CaseCsvFormat.Columns[i] : null;
            var found = i < actual.Count ? actual[i].Trim() : null;
            if (!string.Equals(expected, found, StringComparison.Ordinal))
            {
                var what = expected is null ? $"has an extra column '{found}'"
                    : found is null ? $"lacks column {i + 1} '{expected}'"
                    : $"has '{found}' where column {i + 1} should be '{expected}'";
                throw new CaseImportException($"{name} line 1: the header {what}; expected: {CaseCsvFormat.Header}");
            }
        }
    }

    private static readonly string[] RejectColumns = ["line", "column", "code", "reason"];

    /// <summary>Checked cases; for SQLite also their column values, computed on the reading side.</summary>
    private sealed record Chunk(List<Case> Cases, SqliteRows? Values, long BytesRead, int RowsRead);

    private readonly record struct BatchResult(int Count, int Added, Chunk? Last);

    /// <summary>The file side: rows in, checked cases out, bad rows and repeated codes reported. Used by one thread only.</summary>
    private sealed class RowSource(SepReader reader, CaseCsvRowReader rowReader, SepWriter? rejectReport)
    {
        private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
        private readonly List<RejectedRow> _firstRejected = [];

        public int RowsRead { get; private set; }

        public int RejectedCount { get; private set; }

        public IReadOnlyList<RejectedRow> FirstRejected => _firstRejected;

        /// <summary>Reads rows until the batch is full; false when the file is done.</summary>
        public bool ReadBatch(List<Case> batch, int size)
        {
            var columns = CaseCsvFormat.Columns.Count;
            while (batch.Count < size)
            {
                if (!reader.MoveNext())
                {
                    return false;
                }

                var row = reader.Current;
                var line = row.LineNumberFrom;
                if (row.ColCount == 1 && row.Span.IsWhiteSpace())
                {
                    continue;
                }

                RowsRead++;
                if (row.ColCount != columns)
                {
                    Reject(new RejectedRow(line, "row", $"has {row.ColCount} columns, expected {columns} (check the quoting)", null));
                    continue;
                }

                for (var i = 0; i < columns; i++)
                {
                    // The exporter's formula guard comes off here, so a phone "+84…" or a description "- …" reads back as it was.
                    rowReader.Values[i] = CsvCell.Restore(row[i].ToString());
                }

                var item = rowReader.TryRead(line, out var rejectedRow);
                if (item is null)
                {
                    Reject(rejectedRow!);
                    continue;
                }

                if (!_seen.Add(item.Code))
                {
                    Reject(new RejectedRow(line, "code", $"'{item.Code}' appears earlier in the same file", item.Code));
                    continue;
                }

                batch.Add(item);
            }

            return true;
        }

        private void Reject(RejectedRow row)
        {
            RejectedCount++;
            if (_firstRejected.Count < RejectedKept)
            {
                _firstRejected.Add(row);
            }

            if (rejectReport is null)
            {
                return;
            }

            using var line = rejectReport.NewRow();
            line["line"].Set(row.Line.ToString(CultureInfo.InvariantCulture));
            line["column"].Set(CsvCell.Neutralise(row.Column));
            // The code and the reason quote what the file held, which may be a formula.
            line["code"].Set(CsvCell.Neutralise(row.Code));
            line["reason"].Set(CsvCell.Neutralise(row.Reason));
        }
    }

    /// <summary>The database side: one transaction per batch, cases and their "imported" events together.</summary>
    private sealed class BatchWriter : IAsyncDisposable
    {
        private readonly HotlineDbContext _db;
        private readonly string _actor;
        private readonly SqliteBulkLoad? _sqlite;
        private readonly SqliteCaseWriter? _prepared;
        private readonly BulkCopyType _bulkCopy;
        private readonly ReporterProtection _protection;

        private BatchWriter(HotlineDbContext db, string actor, SqliteBulkLoad? sqlite, SqliteCaseWriter? prepared, BulkCopyType bulkCopy)
        {
            _db = db;
            _actor = actor;
            _sqlite = sqlite;
            _prepared = prepared;
            _bulkCopy = bulkCopy;
            _protection = db.Protection ?? throw new InvalidOperationException("The import needs reporter protection (Data Protection keys) to write reporter data.");
        }

        public static async Task<BatchWriter> OpenAsync(HotlineDbContext db, string actor, ImportWriter writer, CancellationToken cancellationToken)
        {
            var sqlite = db.Database.IsSqlite() ? await SqliteBulkLoad.StartAsync(db, cancellationToken) : null;
            try
            {
                var prepared = sqlite is not null && writer == ImportWriter.Fastest ? SqliteCaseWriter.Create(db) : null;
                var bulkCopy = writer == ImportWriter.Fastest && db.Database.IsSqlServer() ? BulkCopyType.ProviderSpecific : BulkCopyType.MultipleRows;
                return new BatchWriter(db, actor, sqlite, prepared, bulkCopy);
            }
            catch
            {
                if (sqlite is not null)
                {
                    await sqlite.DisposeAsync();
                }

                throw;
            }
        }

        /// <summary>
        /// The work that needs no connection, done on the reading side: the phone's blind index (bulk writes bypass
        /// SaveChanges), and for the prepared statement the column values, converted (encrypted) as the EF model says.
        /// </summary>
        public SqliteRows? Prepare(List<Case> cases)
        {
            foreach (var item in cases)
            {
                item.IndexReporterPhone(_protection.PhoneKey);
            }

            return _prepared?.ValuesOf(cases);
        }

        /// <summary>
        /// Takes chunks until <paramref name="size"/> cases or the end, and writes those not in the database yet with their
        /// events, all in one transaction.
        /// </summary>
        public async Task<BatchResult> WriteBatchAsync(ChannelReader<Chunk> chunks, int size, Action<Chunk> written, CancellationToken cancellationToken)
        {
            var isSqlite = _sqlite is not null;
            await using var transaction = await _db.Database.BeginTransactionAsync(cancellationToken);
            // Lock the table while reading the highest id, so the events below attach to exactly this batch's cases.
            var lastId = await _db.Database
                .SqlQueryRaw<long>(isSqlite
                    ? "SELECT COALESCE(MAX(Id), 0) AS Value FROM Cases"
                    : "SELECT COALESCE(MAX(Id), 0) AS Value FROM Cases WITH (TABLOCKX, HOLDLOCK)")
                .SingleAsync(cancellationToken);

            int count = 0, added = 0;
            Chunk? last = null;
            while (count < size && await chunks.WaitToReadAsync(cancellationToken) && chunks.TryRead(out var chunk))
            {
                added += await WriteChunkAsync(chunk, cancellationToken);
                count += chunk.Cases.Count;
                last = chunk;
                written(chunk);
            }

            if (added > 0)
            {
                var at = DateTime.UtcNow;
                object atValue = isSqlite ? SqliteUtcDateTimeConverter.ToText(at) : at;
                await _db.Database.ExecuteSqlAsync(
                    $"INSERT INTO CaseEvents (CaseId, At, Actor, Kind, FromStatus, ToStatus, Note) SELECT Id, {atValue}, {_actor}, {nameof(CaseEventKind.Imported)}, NULL, Status, NULL FROM Cases WHERE Id > {lastId}",
                    cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }

            return new BatchResult(count, added, last);
        }

        private async Task<int> WriteChunkAsync(Chunk chunk, CancellationToken cancellationToken)
        {
            if (_prepared is not null)
            {
                // Idempotent by code in the statement itself (ON CONFLICT DO NOTHING), so no look-up first.
                return _prepared.Insert(chunk.Values!);
            }

            // One JSON parameter for all codes: EF 10 would otherwise send one parameter per code.
            var codes = chunk.Cases.Select(c => c.Code).ToList();
            var existing = (await _db.Cases.AsNoTracking().Where(c => EF.Parameter(codes).Contains(c.Code)).Select(c => c.Code).ToListAsync(cancellationToken))
                .ToHashSet(StringComparer.Ordinal);
            var fresh = existing.Count == 0 ? chunk.Cases : chunk.Cases.Where(c => !existing.Contains(c.Code)).ToList();
            if (fresh.Count > 0)
            {
                // The columns are encrypted by the model's converter, which linq2db reads from the EF model.
                await _db.BulkCopyAsync(new BulkCopyOptions { BulkCopyType = _bulkCopy, KeepIdentity = false }, fresh, cancellationToken);
            }

            return fresh.Count;
        }

        public async ValueTask DisposeAsync()
        {
            _prepared?.Dispose();
            if (_sqlite is not null)
            {
                await _sqlite.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// Holds the SQLite connection open for the whole import, with settings for bulk loading, and puts them back at the end:
    /// the connection returns to the pool and must not carry them into the app.
    /// </summary>
    private sealed class SqliteBulkLoad : IAsyncDisposable
    {
        private const int BulkCacheKib = 64 * 1024;

        private readonly SqliteConnection _connection;
        private readonly HotlineDbContext _db;
        private readonly List<string> _restore;

        private SqliteBulkLoad(HotlineDbContext db, SqliteConnection connection, List<string> restore)
        {
            _db = db;
            _connection = connection;
            _restore = restore;
        }

        public static async Task<SqliteBulkLoad> StartAsync(HotlineDbContext db, CancellationToken cancellationToken)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            var restore = new List<string>();
            try
            {
                // The journal mode stays as it is (WAL): switching it needs the file to itself, and the web app keeps it open
                // while operators import, which would leave the import waiting on a lock it never gets.
                // A batch dirties tens of MB of table and index pages; with the default 2 MB cache, SQLite spills them to the
                // file mid-transaction, syncing the journal each time. Enough cache keeps a batch in memory until its commit.
                var cacheSize = Pragma(connection, "cache_size");
                var pageSize = long.Parse(Pragma(connection, "page_size") ?? "4096", CultureInfo.InvariantCulture);
                var cacheBytes = long.Parse(cacheSize ?? "0", CultureInfo.InvariantCulture) is var size && size < 0 ? -size * 1024 : size * pageSize;
                if (cacheBytes < BulkCacheKib * 1024L)
                {
                    Pragma(connection, "cache_size", (-BulkCacheKib).ToString(CultureInfo.InvariantCulture));
                    restore.Add($"PRAGMA cache_size={cacheSize};");
                }

                return new SqliteBulkLoad(db, connection, restore);
            }
            catch
            {
                Restore(connection, restore);
                await db.Database.CloseConnectionAsync();
                throw;
            }
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                Restore(_connection, _restore);
            }
            finally
            {
                await _db.Database.CloseConnectionAsync();
            }
        }

        private static string? Pragma(SqliteConnection connection, string name, string? value = null)
        {
            using var command = connection.CreateCommand();
            command.CommandText = value is null ? $"PRAGMA {name};" : $"PRAGMA {name}={value};";
            return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        }

        private static void Restore(SqliteConnection connection, List<string> pragmas)
        {
            foreach (var pragma in pragmas)
            {
                using var command = connection.CreateCommand();
                command.CommandText = pragma;
                command.ExecuteNonQuery();
            }
        }
    }
}
