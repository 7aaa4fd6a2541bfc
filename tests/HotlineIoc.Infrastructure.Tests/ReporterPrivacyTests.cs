using System.Text;
using HotlineIoc.Domain.Cases;
using HotlineIoc.Infrastructure.CaseCsv;
using HotlineIoc.Infrastructure.Persistence;
using HotlineIoc.Infrastructure.Identity;
using HotlineIoc.Infrastructure.Privacy;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HotlineIoc.Infrastructure.Tests;

/// <summary>Reporter data is encrypted at rest, looked up by a keyed hash, and readable only with the deployment's keys.</summary>
public sealed class ReporterPrivacyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly (string Name, string Phone)[] People =
    [
        ("Nguyễn Văn Tâm", "0912345647"),
        ("Trần Thị Bích Ngọc", "0987001122"),
        ("Hoàng Đức Thịnh", "0356778899"),
    ];

    private static string Row(int i, string name, string phone) =>
        $"BMT-2024-00000{i},hotline,2024-03-05T09:12:00+07:00,MT,tan-loi,12 Lê Duẩn,,,Rác thải ùn ứ,{name},{phone},received,,,,,";

    [Fact]
    public async Task After_an_import_the_database_file_holds_no_reporter_name_or_phone_in_plaintext()
    {
        await using var database = await TestDatabase.CreateAsync();
        var csv = new CaseCsvBuilder();
        for (var i = 0; i < People.Length; i++)
        {
            csv.Row(Row(i + 1, People[i].Name, People[i].Phone));
        }

        var report = await new CaseImporter(database.Contexts).ImportAsync(csv.WriteTo(database.PathOf("people.csv")), "test", null, null, Ct);
        Assert.Equal(3, report.Imported);

        // Read back through the app: the values come out as they went in.
        await using (var db = database.Open())
        {
            var stored = await db.Cases.OrderBy(c => c.Code).Select(c => new { c.ReporterName, c.ReporterPhone }).ToListAsync(Ct);
            Assert.Equal(People.Select(p => (p.Name, p.Phone)), stored.Select(s => (s.ReporterName!, s.ReporterPhone!)));
        }

        SqliteConnection.ClearAllPools();
        var bytes = await ReadDatabaseFilesAsync(database.FilePath);
        foreach (var (name, phone) in People)
        {
            foreach (var text in new[] { name, phone, name.Split(' ')[^1] })
            {
                Assert.False(Contains(bytes, Encoding.UTF8.GetBytes(text)), $"'{text}' is readable in the database file.");
                Assert.False(Contains(bytes, Encoding.Unicode.GetBytes(text)), $"'{text}' is readable (UTF-16) in the database file.");
            }
        }

        // The description is not personal data and is stored as written, which shows the scan reads the real file.
        Assert.True(Contains(bytes, Encoding.UTF8.GetBytes("Rác thải ùn ứ")));
    }

    [Fact]
    public async Task A_phone_is_found_by_its_blind_index_in_any_written_form()
    {
        await using var database = await TestDatabase.CreateAsync();
        var csv = new CaseCsvBuilder();
        for (var i = 0; i < People.Length; i++)
        {
            csv.Row(Row(i + 1, People[i].Name, People[i].Phone));
        }

        await new CaseImporter(database.Contexts).ImportAsync(csv.WriteTo(database.PathOf("people.csv")), "test", null, null, Ct);

        await using var db = database.Open();
        var key = db.Protection!.PhoneKey("+84 987 001 122");
        var found = await db.Cases.Where(c => c.ReporterPhoneKey == key).Select(c => c.Code).ToListAsync(Ct);
        Assert.Equal(["BMT-2024-000002"], found);
        Assert.Equal(64, key.Length);
        Assert.DoesNotContain("0987001122", key, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_database_from_before_encryption_is_encrypted_in_place_at_migration()
    {
        await using var database = await TestDatabase.CreateAsync();
        await new CaseImporter(database.Contexts).ImportAsync(
            new CaseCsvBuilder().Row(Row(1, People[0].Name, People[0].Phone)).WriteTo(database.PathOf("one.csv")), "test", null, null, Ct);
        await using (var db = database.Open())
        {
            // What an older version left: the same columns in clear, no blind index, and no record of the upgrade.
            await db.Database.ExecuteSqlAsync($"UPDATE Cases SET ReporterName = {People[1].Name}, ReporterPhone = {People[1].Phone}, ReporterPhoneKey = NULL", Ct);
            await db.Database.ExecuteSqlAsync($"DELETE FROM DataUpgrades", Ct);
            await DatabaseMigrator.MigrateAsync(db, Ct);
        }

        await using (var db = database.Open())
        {
            var item = await db.Cases.SingleAsync(Ct);
            Assert.Equal((People[1].Name, People[1].Phone), (item.ReporterName, item.ReporterPhone));
            Assert.Equal(db.Protection!.PhoneKey(People[1].Phone), item.ReporterPhoneKey);
        }

        SqliteConnection.ClearAllPools();
        var bytes = await ReadDatabaseFilesAsync(database.FilePath);
        Assert.False(Contains(bytes, Encoding.UTF8.GetBytes(People[1].Phone)));
    }

    [Fact]
    public async Task The_upgrade_is_recorded_once_so_later_starts_do_not_scan_the_cases_again()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.Open();
        // Each data upgrade is recorded once: this one, the move to the data key, and the marking of demo accounts.
        Assert.Equal([DemoAccountMark.UpgradeName, ReporterDataUpgrade.Name, ReporterEnvelopeUpgrade.Name], (await db.DataUpgrades.Select(u => u.Name).ToListAsync(Ct)).Order(StringComparer.Ordinal));
        var recorded = await db.DataUpgrades.SingleAsync(u => u.Name == ReporterDataUpgrade.Name, Ct);

        // A start after it: the record stands, and a plaintext value written behind the app's back is left as it is.
        await new CaseImporter(database.Contexts).ImportAsync(
            new CaseCsvBuilder().Row(Row(1, People[0].Name, People[0].Phone)).WriteTo(database.PathOf("one.csv")), "test", null, null, Ct);
        await db.Database.ExecuteSqlAsync($"UPDATE Cases SET ReporterZaloId = {"plain-zalo"}", Ct);
        await DatabaseMigrator.MigrateAsync(db, Ct);

        Assert.Equal(recorded.AppliedAtUtc, (await db.DataUpgrades.AsNoTracking().SingleAsync(u => u.Name == ReporterDataUpgrade.Name, Ct)).AppliedAtUtc);
        Assert.Equal(3, await db.DataUpgrades.CountAsync(Ct));
        Assert.Equal("plain-zalo", await db.Database.SqlQuery<string>($"SELECT ReporterZaloId AS Value FROM Cases").SingleAsync(Ct));
    }

    [Fact]
    public async Task Other_keys_cannot_read_the_data_and_say_so()
    {
        await using var database = await TestDatabase.CreateAsync();
        await new CaseImporter(database.Contexts).ImportAsync(
            new CaseCsvBuilder().Row(Row(1, People[0].Name, People[0].Phone)).WriteTo(database.PathOf("one.csv")), "test", null, null, Ct);

        await using var other = new ServiceCollection().AddHotlineDatabase(database.Settings, database.PathOf("other-keys")).BuildServiceProvider();
        await using var db = await other.GetRequiredService<IDbContextFactory<HotlineDbContext>>().CreateDbContextAsync(Ct);

        var error = await Assert.ThrowsAsync<ReporterKeyException>(() => db.Cases.Select(c => c.ReporterName).ToListAsync(Ct));
        Assert.Contains("Data Protection keys", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_keys_are_kept_beside_the_database_and_survive_a_restart()
    {
        await using var database = await TestDatabase.CreateAsync();
        await new CaseImporter(database.Contexts).ImportAsync(
            new CaseCsvBuilder().Row(Row(1, People[0].Name, People[0].Phone)).WriteTo(database.PathOf("one.csv")), "test", null, null, Ct);
        Assert.NotEmpty(Directory.GetFiles(database.PathOf("keys"), "key-*.xml"));

        // A second process of the same deployment (the command line, the app after a restart) reads the data.
        await using var again = new ServiceCollection().AddHotlineDatabase(database.Settings).BuildServiceProvider();
        await using var db = await again.GetRequiredService<IDbContextFactory<HotlineDbContext>>().CreateDbContextAsync(Ct);
        Assert.Equal(People[0].Name, await db.Cases.Select(c => c.ReporterName).SingleAsync(Ct));
        Assert.Equal(db.Protection!.PhoneKey(People[0].Phone), await db.Cases.Select(c => c.ReporterPhoneKey).SingleAsync(Ct));
    }

    private static async Task<byte[]> ReadDatabaseFilesAsync(string path)
    {
        var all = new List<byte>(await File.ReadAllBytesAsync(path, Ct));
        foreach (var extra in new[] { path + "-wal", path + "-journal" })
        {
            if (File.Exists(extra))
            {
                all.AddRange(await File.ReadAllBytesAsync(extra, Ct));
            }
        }

        return [.. all];
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
