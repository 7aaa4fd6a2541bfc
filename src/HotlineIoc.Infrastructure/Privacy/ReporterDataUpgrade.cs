using System.Data.Common;
using HotlineIoc.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace HotlineIoc.Infrastructure.Privacy;

/// <summary>
/// Databases made before reporter data was encrypted hold it in clear. At start-up every such value is encrypted in place
/// and the phone's blind index is set, so nothing stays readable in the file and nothing fails to decrypt later.
/// Both encryption schemes start every value with their own header, which is how an encrypted value is told apart.
/// </summary>
public static class ReporterDataUpgrade
{
    /// <summary>Its record in <c>DataUpgrades</c>: done once per database.</summary>
    public const string Name = "reporter-encryption-v1";

    private const int Batch = 2000;

    public static async Task<int> EncryptPlaintextAsync(HotlineDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var protection = db.Protection ?? throw new InvalidOperationException("Encrypting reporter data needs reporter protection (Data Protection keys).");
        var total = 0;
        while (true)
        {
            var rows = await ReadPlainAsync(db, cancellationToken);
            if (rows.Count == 0)
            {
                return total;
            }

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            foreach (var (id, name, phone, zalo) in rows)
            {
                var key = phone is null ? null : protection.PhoneKey(IsProtected(phone) ? protection.Unprotect(phone) : phone);
                await db.Database.ExecuteSqlAsync(
                    $"UPDATE Cases SET ReporterName = {Encrypt(protection, name)}, ReporterPhone = {Encrypt(protection, phone)}, ReporterZaloId = {Encrypt(protection, zalo)}, ReporterPhoneKey = {key} WHERE Id = {id}",
                    cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            total += rows.Count;
        }
    }

    private static async Task<List<(long Id, string? Name, string? Phone, string? Zalo)>> ReadPlainAsync(HotlineDbContext db, CancellationToken cancellationToken)
    {
        // EF opens the connection unless it is open already, and closes it again only if it opened it.
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            var top = db.Database.IsSqlServer() ? $"TOP ({Batch}) " : "";
            var limit = db.Database.IsSqlServer() ? "" : $" LIMIT {Batch}";
            command.CommandText =
                $"SELECT {top}Id, ReporterName, ReporterPhone, ReporterZaloId FROM Cases WHERE " +
                $"{Plain("ReporterName")} OR {Plain("ReporterPhone")} OR {Plain("ReporterZaloId")}{limit}";
            var rows = new List<(long, string?, string?, string?)>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add((reader.GetInt64(0), Text(reader, 1), Text(reader, 2), Text(reader, 3)));
            }

            return rows;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static string? Text(DbDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetString(column);

    /// <summary>A column holding a value of neither scheme: text stored in clear.</summary>
    private static string Plain(string column) =>
        $"({column} IS NOT NULL AND {column} NOT LIKE '{ReporterProtection.LegacyPrefix}%' AND {column} NOT LIKE '{ReporterProtection.EnvelopePrefix}%')";

    private static bool IsProtected(string value) => ReporterProtection.IsProtected(value);

    private static string? Encrypt(ReporterProtection protection, string? value) =>
        value is null || IsProtected(value) ? value : protection.Protect(value);
}
