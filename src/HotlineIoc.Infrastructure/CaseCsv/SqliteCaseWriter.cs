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
    /// The values to bind for each case, row after row, converted as EF would. Touches no connection, so it runs on the
    /// reading side of the import and keeps the writing side to binding and stepping.
    /// </summary>
    public object?[] ValuesOf(IReadOnlyList<Case> cases)
    {
        ArgumentNullException.ThrowIfNull(cases);
        var values = new object?[cases.Count * _columns.Length];
        var next = 0;
        foreach (var item in cases)
        {
            foreach (var column in _columns)
            {
                values[next++] = column(item);
            }
        }

        return values;
    }

    /// <summary>Inserts the rows of <see cref="ValuesOf"/> whose code is not in the table yet; returns how many went in.</summary>
    public int Insert(object?[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var inserted = 0;
        for (var row = 0; row < values.Length; row += _columns.Length)
        {
            try
            {
                for (var i = 0; i < _columns.Length; i++)
                {
                    Bind(i + 1, values[row + i]);
                }

                var rc = raw.sqlite3_step(_insert);
                if (rc != raw.SQLITE_DONE)
                {
                    SqliteException.ThrowExceptionForRC(rc, _connection);
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

    private void Bind(int index, object? value)
    {
        var rc = value switch
        {
            null => raw.sqlite3_bind_null(_insert, index),
            // An empty span would reach SQLite as a null pointer, which binds NULL, not ''.
            "" => raw.sqlite3_bind_text(_insert, index, ""),
            // UTF-16 straight from the string: SQLite converts in C, with no UTF-8 copy made in .NET.
            string text => raw.sqlite3_bind_text16(_insert, index, text.AsSpan()),
            long number => raw.sqlite3_bind_int64(_insert, index, number),
            int number => raw.sqlite3_bind_int64(_insert, index, number),
            bool flag => raw.sqlite3_bind_int64(_insert, index, flag ? 1 : 0),
            double number => raw.sqlite3_bind_double(_insert, index, number),
            byte[] bytes => raw.sqlite3_bind_blob(_insert, index, bytes),
            _ => throw new NotSupportedException($"{nameof(SqliteCaseWriter)} cannot bind a {value.GetType().Name}; add it to {nameof(Bind)}."),
        };
        SqliteException.ThrowExceptionForRC(rc, _connection);
    }
}
