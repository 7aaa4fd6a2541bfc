using System.Globalization;
using HotlineIoc.Domain.Cases;
using HotlineIoc.Infrastructure.CaseCsv;
using HotlineIoc.Infrastructure.Privacy;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace HotlineIoc.Infrastructure.Tests;

/// <summary>
/// The import's fast path (a prepared statement on SQLite) and the portable one (linq2db) write the same rows: every
/// column of every case and every event, stored value by stored value, and every reporter column to the same plaintext.
/// </summary>
public sealed class ImportPathsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] Channels = ["hotline", "zalo", "ioc"];
    private static readonly string[] Fields = ["MT", "ATGT", "ATTP"];
    private static readonly string[] Units = ["tan-loi", "tu-an", "ea-kao"];

    /// <summary>Every status and state the CSV can carry, quoting, Vietnamese text, empty and present optional columns.</summary>
    internal static CaseCsvBuilder Rows(int count)
    {
        var csv = new CaseCsvBuilder();
        for (var i = 1; i <= count; i++)
        {
            var received = new DateTime(2024, 3, 1 + (i % 28), 8 + (i % 10), i % 60, i % 7, DateTimeKind.Unspecified);
            var at = received.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + (i % 11 == 0 ? ".1234567" : "") + "+07:00";
            var resolved = received.AddDays(i % 4 == 1 ? 9 : 2).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + "+07:00";
            var closed = received.AddDays(i % 4 == 1 ? 10 : 3).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + "+07:00";
            var address = i % 3 == 0 ? "" : $"\"Số {i} Lê Duẩn, tổ {i % 9}\"";
            var location = i % 4 == 0 ? ",,," : $",{12.6 + (i % 10) / 100.0:R},{108.0 + (i % 7) / 100.0:R},";
            var description = $"\"Rác thải \"\"khu {(char)('A' + (i % 26))}\"\" ùn ứ, lần {i}\"";
            var reporter = i % 5 == 0 ? "," : $"Nguyễn Thị Ánh {i},090{i:0000000}";
            var state = (i % 6) switch
            {
                0 => "received,,,,,",
                1 => "forwarded,TNMT,,,,",
                2 => "in_progress,TNMT,,,,",
                3 => $"resolved,TNMT,{resolved},,,",
                4 => $"closed,TNMT,{resolved},{closed},reminder,",
                _ => $"closed,TNMT,{resolved},{closed},sanction,{i * 1000}",
            };
            csv.Row($"BMT-2024-{i:000000},{Channels[i % 3]},{at},{Fields[i % 3]},{Units[i % 3]},{address}{location}{description},{reporter},{state}");
        }

        return csv;
    }

    [Fact]
    public async Task The_prepared_statement_and_linq2db_store_the_same_rows_column_by_column()
    {
        await using var fast = await TestDatabase.CreateAsync();
        await using var portable = await TestDatabase.CreateAsync();
        var path = Rows(700).WriteTo(fast.PathOf("cases.csv"));

        // Small batches, so several transactions and chunks are crossed.
        var fastReport = await new CaseImporter(fast.Contexts) { BatchSize = 250, Writer = ImportWriter.Fastest }.ImportAsync(path, "op01", null, null, Ct);
        var portableReport = await new CaseImporter(portable.Contexts) { BatchSize = 250, Writer = ImportWriter.Portable }.ImportAsync(path, "op01", null, null, Ct);
        Assert.Equal((700, 700, 0, 0), (fastReport.RowsRead, fastReport.Imported, fastReport.AlreadyPresent, fastReport.RejectedCount));
        Assert.Equal(fastReport with { FirstRejected = [] }, portableReport with { FirstRejected = [] });

        // Every column as stored. Encrypted columns differ by their random nonce, so they are compared as plaintext below.
        await using var fastDb = fast.Open();
        // The phone's blind index is keyed per deployment, and each database here has its own keys: checked per database below.
        var encrypted = ReporterEnvelopeUpgrade.ProtectedColumns(fastDb.Model).Single(t => t.Table == "Cases").Columns.ToHashSet();
        var keyed = new HashSet<string>(encrypted.Append(nameof(Case.ReporterPhoneKey)), StringComparer.Ordinal);
        var fastRows = await ReadAllAsync(fast.FilePath, "Cases", keyed);
        var portableRows = await ReadAllAsync(portable.FilePath, "Cases", keyed);
        Assert.Equal(700, fastRows.Count);
        for (var r = 0; r < fastRows.Count; r++)
        {
            foreach (var (column, value) in fastRows[r])
            {
                Assert.True(Equals(value, portableRows[r][column]), $"row {r + 1}, column {column}: {value} (fast) vs {portableRows[r][column]} (portable)");
            }
        }

        var fastEvents = await ReadAllAsync(fast.FilePath, "CaseEvents", new HashSet<string>(["At"], StringComparer.Ordinal));
        var portableEvents = await ReadAllAsync(portable.FilePath, "CaseEvents", new HashSet<string>(["At"], StringComparer.Ordinal));
        Assert.Equal(700, fastEvents.Count);
        Assert.Equal(fastEvents.Select(e => string.Join('|', e.Values)), portableEvents.Select(e => string.Join('|', e.Values)));

        // The reporter columns: encrypted on both paths (never in clear), and the same plaintext and blind index.
        await using var portableDb = portable.Open();
        var a = await fastDb.Cases.AsNoTracking().OrderBy(c => c.Code).ToListAsync(Ct);
        var b = await portableDb.Cases.AsNoTracking().OrderBy(c => c.Code).ToListAsync(Ct);
        var properties = fastDb.Model.FindEntityType(typeof(Case))!.GetProperties().Where(p => p.Name != nameof(Case.ReporterPhoneKey)).ToList();
        for (var r = 0; r < a.Count; r++)
        {
            foreach (var property in properties)
            {
                Assert.True(Equals(property.GetGetter().GetClrValue(a[r]), property.GetGetter().GetClrValue(b[r])), $"{a[r].Code}.{property.Name}");
            }

            Assert.Equal(a[r].ReporterPhone is { } phone ? fastDb.Protection!.PhoneKey(phone) : null, a[r].ReporterPhoneKey);
            Assert.Equal(b[r].ReporterPhone is { } same ? portableDb.Protection!.PhoneKey(same) : null, b[r].ReporterPhoneKey);
        }

        Assert.Equal($"Nguyễn Thị Ánh 1", a[0].ReporterName);
        Assert.Equal(fastDb.Protection!.PhoneKey("0900000001"), a[0].ReporterPhoneKey);
        Assert.Null(a[4].ReporterName);
        foreach (var column in encrypted)
        {
            // The column name comes from the EF model.
            var plain = "SELECT COUNT(*) AS Value FROM Cases WHERE \"" + column + "\" IS NOT NULL AND \"" + column + "\" NOT LIKE 'HE1.%'";
            Assert.Equal(0, await fastDb.Database.SqlQueryRaw<int>(plain).SingleAsync(Ct));
            Assert.Equal(0, await portableDb.Database.SqlQueryRaw<int>(plain).SingleAsync(Ct));
        }
    }

    [Fact]
    public async Task Both_paths_skip_the_cases_already_there_and_add_only_the_new_ones()
    {
        foreach (var writer in new[] { ImportWriter.Fastest, ImportWriter.Portable })
        {
            await using var database = await TestDatabase.CreateAsync();
            var first = Rows(300).WriteTo(database.PathOf("first.csv"));
            await new CaseImporter(database.Contexts) { BatchSize = 100, Writer = writer }.ImportAsync(first, "op01", null, null, Ct);

            var again = Rows(450).WriteTo(database.PathOf("again.csv"));
            var report = await new CaseImporter(database.Contexts) { BatchSize = 100, Writer = writer }.ImportAsync(again, "op01", null, null, Ct);
            Assert.Equal((450, 150, 300), (report.RowsRead, report.Imported, report.AlreadyPresent));

            await using var db = database.Open();
            Assert.Equal(450, await db.Cases.CountAsync(Ct));
            Assert.Equal(450, await db.CaseEvents.CountAsync(Ct)); // one "imported" event per case, none twice
        }
    }

    [Fact]
    public async Task A_row_the_database_refuses_fails_its_batch_with_the_database_reason_and_keeps_the_batches_before()
    {
        foreach (var writer in new[] { ImportWriter.Fastest, ImportWriter.Portable })
        {
            await using var database = await TestDatabase.CreateAsync();
            await using (var setup = database.Open())
            {
                // A refusal the importer's own checks cannot see coming, as a constraint of a later schema would be.
                await setup.Database.ExecuteSqlRawAsync(
                    "CREATE TRIGGER refuse_150 BEFORE INSERT ON Cases WHEN NEW.Code = 'BMT-2024-000150' BEGIN SELECT RAISE(ABORT, 'case 150 refused by the test'); END;", Ct);
            }

            var path = Rows(300).WriteTo(database.PathOf("cases.csv"));
            var error = await Assert.ThrowsAsync<SqliteException>(() =>
                new CaseImporter(database.Contexts) { BatchSize = 100, Writer = writer }.ImportAsync(path, "op01", null, null, Ct));
            Assert.Contains("case 150 refused by the test", error.Message, StringComparison.Ordinal);

            // The first batch stays with its events; nothing of the refused batch or after it went in.
            await using var db = database.Open();
            Assert.Equal(100, await db.Cases.CountAsync(Ct));
            Assert.Equal(100, await db.CaseEvents.CountAsync(Ct));
            Assert.Equal("BMT-2024-000100", await db.Cases.MaxAsync(c => c.Code, Ct));

            // With the trigger gone, the same file imports the rest.
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER refuse_150;", Ct);
            var report = await new CaseImporter(database.Contexts) { BatchSize = 100, Writer = writer }.ImportAsync(path, "op01", null, null, Ct);
            Assert.Equal((200, 100), (report.Imported, report.AlreadyPresent));
        }
    }

    private static async Task<List<Dictionary<string, object?>>> ReadAllAsync(string file, string table, HashSet<string> skip)
    {
        await using var connection = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=false");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM \"{table}\" ORDER BY Id";
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var rows = new List<Dictionary<string, object?>>();
        while (await reader.ReadAsync(Ct))
        {
            var row = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var i = 0; i < reader.FieldCount; i++)
            {
                if (!skip.Contains(reader.GetName(i)))
                {
                    row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
                }
            }

            rows.Add(row);
        }

        return rows;
    }
}
