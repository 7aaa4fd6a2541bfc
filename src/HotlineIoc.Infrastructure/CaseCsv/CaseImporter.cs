using System.Globalization;
using System.Text;
using HotlineIoc.Domain.Cases;
using HotlineIoc.Infrastructure.Persistence;
using HotlineIoc.Infrastructure.Seeding;
using LinqToDB.Data;
using LinqToDB.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using nietras.SeparatedValues;

namespace HotlineIoc.Infrastructure.CaseCsv;

public sealed record ImportProgress(long BytesRead, long BytesTotal, int RowsRead);

public sealed record ImportReport(int RowsRead, int Imported, int AlreadyPresent, int RejectedCount, IReadOnlyList<RejectedRow> FirstRejected);

/// <summary>
/// Imports the case CSV through linq2db bulk copy. Idempotent by code: cases already in the database are skipped.
/// Each batch is one transaction holding the cases and their "imported" events, so no row is ever half-written.
/// Bad rows are reported with line, column and reason; the good rows go in.
/// </summary>
public sealed class CaseImporter(IDbContextFactory<HotlineDbContext> contexts)
{
    public const int DefaultBatchSize = 20_000;
    private const int RejectedKept = 200;

    public int BatchSize { get; init; } = DefaultBatchSize;

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
        var rowReader = new CaseCsvRowReader(reference, actor, DateTime.UtcNow);

        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        using var text = new StreamReader(file, new UTF8Encoding(false, true), detectEncodingFromByteOrderMarks: true);
        using var reader = Sep.New(',').Reader(o => o with { Unescape = true, DisableColCountCheck = true }).From(text);
        CheckHeader(reader, path);

        rejectReport?.WriteLine("line,column,code,reason");
        var rejected = new List<RejectedRow>();
        var rejectedCount = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var batch = new List<Case>(BatchSize);
        int rowsRead = 0, imported = 0, present = 0;

        void Reject(RejectedRow row)
        {
            rejectedCount++;
            if (rejected.Count < RejectedKept)
            {
                rejected.Add(row);
            }

            rejectReport?.WriteLine(string.Join(',', row.Line.ToString(CultureInfo.InvariantCulture), Quote(row.Column), Quote(row.Code ?? ""), Quote(row.Reason)));
        }

        var more = true;
        while (more)
        {
            cancellationToken.ThrowIfCancellationRequested();
            more = ReadBatch(reader, rowReader, batch, seen, Reject, ref rowsRead);
            if (batch.Count > 0)
            {
                var (added, skipped) = await WriteBatchAsync(db, batch, actor, cancellationToken);
                imported += added;
                present += skipped;
                batch.Clear();
            }

            progress?.Report(new ImportProgress(file.Position, file.Length, rowsRead));
        }

        return new ImportReport(rowsRead, imported, present, rejectedCount, rejected);
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

    /// <summary>Reads rows until the batch is full; false when the file is done.</summary>
    private bool ReadBatch(SepReader reader, CaseCsvRowReader rowReader, List<Case> batch, HashSet<string> seen, Action<RejectedRow> reject, ref int rowsRead)
    {
        var columns = CaseCsvFormat.Columns.Count;
        while (batch.Count < BatchSize)
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

            rowsRead++;
            if (row.ColCount != columns)
            {
                reject(new RejectedRow(line, "row", $"has {row.ColCount} columns, expected {columns} (check the quoting)", null));
                continue;
            }

            for (var i = 0; i < columns; i++)
            {
                rowReader.Values[i] = row[i].ToString();
            }

            var item = rowReader.TryRead(line, out var rejectedRow);
            if (item is null)
            {
                reject(rejectedRow!);
                continue;
            }

            if (!seen.Add(item.Code))
            {
                reject(new RejectedRow(line, "code", $"'{item.Code}' appears earlier in the same file", item.Code));
                continue;
            }

            batch.Add(item);
        }

        return true;
    }

    private static async Task<(int Added, int Skipped)> WriteBatchAsync(HotlineDbContext db, List<Case> batch, string actor, CancellationToken cancellationToken)
    {
        var codes = batch.Select(c => c.Code).ToList();
        var existing = (await db.Cases.AsNoTracking().Where(c => codes.Contains(c.Code)).Select(c => c.Code).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        var fresh = existing.Count == 0 ? batch : batch.Where(c => !existing.Contains(c.Code)).ToList();
        if (fresh.Count == 0)
        {
            return (0, existing.Count);
        }

        var isSqlite = db.Database.IsSqlite();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Lock the table while reading the highest id, so the events below attach to exactly this batch's cases.
        var lastId = await db.Database
            .SqlQueryRaw<long>(isSqlite
                ? "SELECT COALESCE(MAX(Id), 0) AS Value FROM Cases"
                : "SELECT COALESCE(MAX(Id), 0) AS Value FROM Cases WITH (TABLOCKX, HOLDLOCK)")
            .SingleAsync(cancellationToken);

        await db.BulkCopyAsync(new BulkCopyOptions { BulkCopyType = BulkCopyType.MultipleRows, KeepIdentity = false }, fresh, cancellationToken);

        var at = DateTime.UtcNow;
        object atValue = isSqlite ? SqliteUtcDateTimeConverter.ToText(at) : at;
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO CaseEvents (CaseId, At, Actor, Kind, FromStatus, ToStatus, Note) SELECT Id, {atValue}, {actor}, {nameof(CaseEventKind.Imported)}, NULL, Status, NULL FROM Cases WHERE Id > {lastId}",
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (fresh.Count, existing.Count);
    }

    private static string Quote(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
}
