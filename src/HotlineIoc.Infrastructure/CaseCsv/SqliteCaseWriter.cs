using System.Buffers;
using System.Text;
using HotlineIoc.Domain.Cases;
using HotlineIoc.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SQLitePCL;

namespace HotlineIoc.Infrastructure.CaseCsv;

/// <summary>
/// Inserts cases into SQLite through one prepared statement, bound with SQLitePCL directly.
/// SQLite has no bulk-copy API: linq2db's MultipleRows writes every value into SQL text that SQLite then parses, and
/// Microsoft.Data.Sqlite looks every parameter up by name on every execution; binding by position skips both.
/// Columns and value conversions come from the EF model, so this stays in step with <see cref="HotlineDbContext"/>.
/// The statement runs on the context's open connection, inside whatever transaction the context holds.
/// </summary>
internal sealed class SqliteCaseWriter : IDisposable
{
    private readonly sqlite3 _connection;
    private readonly sqlite3_stmt _insert;
    private readonly Func<Case, object?>[] _columns;

    private SqliteCaseWriter(sqlite3 connection, sqlite3_stmt insert, Func<Case, object?>[] columns)
    {
        _connection = connection;
        _insert = insert;
        _columns = columns;
    }

    /// <summary>Prepares the insert on the context's connection, which must be open and stay open while this is used.</summary>
    public static SqliteCaseWriter Create(HotlineDbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(Case)) ?? throw new InvalidOperationException("Case is not in the model.");
        var properties = entity.GetProperties().Where(p => !p.IsPrimaryKey()).ToList();
        if (properties.FirstOrDefault(p => p.IsShadowProperty()) is { } shadow)
        {
            throw new InvalidOperationException($"Case.{shadow.Name} is a shadow property; {nameof(SqliteCaseWriter)} reads values from the Case object.");
        }

        var columns = properties.Select(p =>
        {
            var getter = p.GetGetter();
            var converter = p.GetTypeMapping().Converter;
            return converter is null
                ? (Func<Case, object?>)getter.GetClrValue
                : item => getter.GetClrValue(item) is { } value ? converter.ConvertToProvider(value) : null;
        }).ToArray();

        // One row per statement: multi-row VALUES statements measured slower in SQLite than re-running a prepared single row.
        // Idempotent by code without a look-up first: a case already there is skipped, and sqlite3_changes says so.
        // Only the Code constraint is named, so any other violation still fails the batch.
        var code = entity.FindProperty(nameof(Case.Code))!.GetColumnName();
        var sql = $"INSERT INTO \"{entity.GetTableName()}\" ({string.Join(", ", properties.Select(p => $"\"{p.GetColumnName()}\""))}) " +
            $"VALUES ({string.Join(", ", properties.Select((_, i) => "?" + (i + 1)))}) ON CONFLICT (\"{code}\") DO NOTHING";

        var connection = ((SqliteConnection)db.Database.GetDbConnection()).Handle
            ?? throw new InvalidOperationException("The connection must be open.");
        var rc = raw.sqlite3_prepare_v2(connection, sql, out var insert);
        SqliteException.ThrowExceptionForRC(rc, connection);
        return new SqliteCaseWriter(connection, insert, columns);
    }

    /// <summary>
    /// The values to bind for each case, converted as EF would, with text already in UTF-8 (SQLite's own encoding) and
    /// numbers unboxed. Touches no connection, so it runs on the reading side of the import and leaves the writing
    /// side only binding and stepping.
    /// </summary>
    public SqliteRows ValuesOf(IReadOnlyList<Case> cases)
    {
        ArgumentNullException.ThrowIfNull(cases);
        var cells = new SqliteRows.Cell[cases.Count * _columns.Length];
        // About the UTF-8 size of a case's values, so the buffer seldom grows; a chunk's buffer stays a small object.
        var text = new ArrayBufferWriter<byte>(cases.Count * 600);
        var next = 0;
        foreach (var item in cases)
        {
            foreach (var column in _columns)
            {
                cells[next++] = column(item) switch
                {
                    null => default,
                    string value => SqliteRows.Cell.Text(text, Encoding.UTF8.GetBytes(value, text.GetSpan(Encoding.UTF8.GetByteCount(value)))),
                    long value => SqliteRows.Cell.Integer(value),
                    int value => SqliteRows.Cell.Integer(value),
                    bool value => SqliteRows.Cell.Integer(value ? 1 : 0),
                    double value => SqliteRows.Cell.Real(value),
                    byte[] value => SqliteRows.Cell.Blob(text, value),
                    var value => throw new NotSupportedException($"{nameof(SqliteCaseWriter)} cannot bind a {value.GetType().Name}; add it to {nameof(ValuesOf)}."),
                };
            }
        }

        return new SqliteRows(cells, text.WrittenMemory, _columns.Length);
    }

    /// <summary>Inserts the rows of <see cref="ValuesOf"/> whose code is not in the table yet; returns how many went in.</summary>
    public int Insert(SqliteRows rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Columns != _columns.Length)
        {
            throw new ArgumentException($"The rows have {rows.Columns} columns; the statement takes {_columns.Length}.", nameof(rows));
        }

        var text = rows.Bytes.Span;
        var inserted = 0;
        for (var row = 0; row < rows.Cells.Length; row += _columns.Length)
        {
            try
            {
                for (var i = 0; i < _columns.Length; i++)
                {
                    var cell = rows.Cells[row + i];
                    var rc = cell.Kind switch
                    {
                        SqliteRows.Kind.Null => raw.sqlite3_bind_null(_insert, i + 1),
                        SqliteRows.Kind.Text => raw.sqlite3_bind_text(_insert, i + 1, text.Slice(cell.Offset, cell.Length)),
                        SqliteRows.Kind.Integer => raw.sqlite3_bind_int64(_insert, i + 1, cell.Number),
                        SqliteRows.Kind.Real => raw.sqlite3_bind_double(_insert, i + 1, BitConverter.Int64BitsToDouble(cell.Number)),
                        // SQLite binds NULL for a blob given no bytes at all; an empty blob must stay a blob.
                        SqliteRows.Kind.Blob when cell.Length == 0 => raw.sqlite3_bind_zeroblob(_insert, i + 1, 0),
                        SqliteRows.Kind.Blob => raw.sqlite3_bind_blob(_insert, i + 1, text.Slice(cell.Offset, cell.Length)),
                        _ => throw new InvalidOperationException($"Unknown cell kind {cell.Kind}."),
                    };
                    SqliteException.ThrowExceptionForRC(rc, _connection);
                }

                var step = raw.sqlite3_step(_insert);
                if (step != raw.SQLITE_DONE)
                {
                    SqliteException.ThrowExceptionForRC(step, _connection);
                }

                inserted += raw.sqlite3_changes(_connection);
            }
            finally
            {
                raw.sqlite3_reset(_insert);
            }
        }

        return inserted;
    }

    public void Dispose() => _insert.Dispose();
}

/// <summary>Rows of column values ready to bind: a cell per value, and one buffer holding all the text and blobs.</summary>
internal sealed class SqliteRows(SqliteRows.Cell[] cells, ReadOnlyMemory<byte> bytes, int columns)
{
    public enum Kind : byte
    {
        Null,
        Text,
        Integer,
        Real,
        Blob,
    }

    public Cell[] Cells { get; } = cells;

    public ReadOnlyMemory<byte> Bytes { get; } = bytes;

    public int Columns { get; } = columns;

    /// <summary>
    /// One value in 16 bytes: a number in place (a double by its bits), or where its bytes are in <see cref="Bytes"/>.
    /// Small cells keep a chunk's arrays under the large-object threshold, where the GC collects them cheaply.
    /// </summary>
    public readonly record struct Cell(Kind Kind, long Number)
    {
        public int Offset => (int)(Number >> 32);

        public int Length => (int)(Number & uint.MaxValue);

        public static Cell Integer(long value) => new(Kind.Integer, value);

        public static Cell Real(double value) => new(Kind.Real, BitConverter.DoubleToInt64Bits(value));

        /// <summary>Text whose UTF-8 bytes were just written into <paramref name="buffer"/>'s free span.</summary>
        public static Cell Text(ArrayBufferWriter<byte> buffer, int length) => Bytes(Kind.Text, buffer, length);

        public static Cell Blob(ArrayBufferWriter<byte> buffer, byte[] value)
        {
            value.CopyTo(buffer.GetSpan(value.Length));
            return Bytes(Kind.Blob, buffer, value.Length);
        }

        private static Cell Bytes(Kind kind, ArrayBufferWriter<byte> buffer, int length)
        {
            var offset = buffer.WrittenCount;
            buffer.Advance(length);
            return new(kind, ((long)offset << 32) | (uint)length);
        }
    }
}
