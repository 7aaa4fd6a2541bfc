using System.Data.Common;
using HotlineIoc.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace HotlineIoc.Infrastructure.Privacy;

/// <summary>
/// Values written by the earlier scheme (Data Protection per value, <c>CfDJ8…</c>) are re-encrypted once with the data key
/// (<c>HE1.…</c>), so every later read costs a microsecond instead of 25. Which columns hold reporter data is read from
/// the EF model (every property with <see cref="ReporterDataConverter"/>), so a column added later is covered too.
/// Recorded in <c>DataUpgrades</c>; values stay readable during and without it, so an interrupted run just goes on.
/// </summary>
public static class ReporterEnvelopeUpgrade
{
    /// <summary>Its record in <c>DataUpgrades</c>.</summary>
    public const string Name = "reporter-envelope-v2";

    private const int Batch = 2000;

    /// <summary>The tables and columns that hold reporter data, by the EF model.</summary>
    public static IReadOnlyList<(string Table, string Key, IReadOnlyList<string> Columns)> ProtectedColumns(IModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.GetEntityTypes()
            .Where(e => e.GetTableName() is not null && e.FindPrimaryKey() is { Properties.Count: 1 })
            .Select(e => (
                Table: e.GetTableName()!,
                Key: e.FindPrimaryKey()!.Properties[0].GetColumnName(),
                Columns: (IReadOnlyList<string>)e.GetProperties().Where(p => p.GetValueConverter() is ReporterDataConverter).Select(p => p.GetColumnName()).ToList()))
            .Where(t => t.Columns.Count > 0)
            .ToList();
    }

    public static async Task<int> ReencryptAsync(HotlineDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var protection = db.Protection ?? throw new InvalidOperationException("Re-encrypting reporter data needs reporter protection (Data Protection keys).");
        var total = 0;
        foreach (var (table, key, columns) in ProtectedColumns(db.Model))
        {
            object? after = null;
            while (true)
            {
                var rows = await ReadLegacyAsync(db, table, key, columns, after, cancellationToken);
                if (rows.Count == 0)
                {
                    break;
                }

                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                foreach (var (id, values) in rows)
                {
                    var parameters = new List<object?>();
                    var sets = new List<string>();
                    for (var i = 0; i < columns.Count; i++)
                    {
                        if (values[i] is { } value && ReporterProtection.IsLegacy(value))
                        {
                            sets.Add($"\"{columns[i]}\" = {{{parameters.Count}}}");
                            parameters.Add(protection.Protect(protection.Unprotect(value)));
                        }
                    }

                    parameters.Add(id);
                    // Table and column names come from the EF model, every value is a parameter.
                    var update = $"UPDATE \"{table}\" SET {string.Join(", ", sets)} WHERE \"{key}\" = {{{parameters.Count - 1}}}";
                    await db.Database.ExecuteSqlRawAsync(update, parameters!, cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
                total += rows.Count;
                after = rows[^1].Id;
            }
        }

        return total;
    }

    private static async Task<List<(object Id, string?[] Values)>> ReadLegacyAsync(
        HotlineDbContext db, string table, string key, IReadOnlyList<string> columns, object? after, CancellationToken cancellationToken)
    {
        // EF opens the connection unless it is open already, and closes it again only if it opened it.
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            var sqlServer = db.Database.IsSqlServer();
            var legacy = string.Join(" OR ", columns.Select(c => $"\"{c}\" LIKE '{ReporterProtection.LegacyPrefix}%'"));
            var from = after is null ? "" : $"\"{key}\" > @after AND ";
            command.CommandText =
                $"SELECT {(sqlServer ? $"TOP ({Batch}) " : "")}\"{key}\", {string.Join(", ", columns.Select(c => $"\"{c}\""))} FROM \"{table}\" " +
                $"WHERE {from}({legacy}) ORDER BY \"{key}\"{(sqlServer ? "" : $" LIMIT {Batch}")}";
            if (after is not null)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = "@after";
                parameter.Value = after;
                command.Parameters.Add(parameter);
            }

            var rows = new List<(object, string?[])>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var values = new string?[columns.Count];
                for (var i = 0; i < columns.Count; i++)
                {
                    values[i] = reader.IsDBNull(i + 1) ? null : reader.GetString(i + 1);
                }

                rows.Add((reader.GetValue(0), values));
            }

            return rows;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
