using System.Text;
using HotlineIoc.Infrastructure.CaseCsv;
using HotlineIoc.Infrastructure.Persistence;
using HotlineIoc.Infrastructure.Privacy;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HotlineIoc.Infrastructure.Tests;

/// <summary>
/// Envelope encryption of reporter data: one data key (protected by Data Protection) and AES-GCM per value, a key id in
/// every value so keys rotate, and the earlier per-value scheme still readable and upgraded once.
/// </summary>
public sealed class ReporterEnvelopeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Name = "Nguyễn Thị Hồng Nhung";
    private const string Phone = "0912345647";

    private static ServiceProvider Services(string keys, TimeProvider? time = null)
    {
        var services = new ServiceCollection().AddHotlineDatabase(new DatabaseSettings(DatabaseProvider.Sqlite, "Data Source=:memory:"), keys);
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        return services.BuildServiceProvider();
    }

    [Fact]
    public void A_value_carries_its_key_id_reads_back_and_never_encrypts_the_same_twice()
    {
        var keys = Path.Combine(Path.GetTempPath(), "hotline-tests", Guid.NewGuid().ToString("N"));
        using var services = Services(keys);
        var protection = services.GetRequiredService<ReporterProtection>();

        var first = protection.Protect(Name);
        var second = protection.Protect(Name);
        Assert.StartsWith($"{ReporterProtection.EnvelopePrefix}{protection.CurrentKeyId}.", first, StringComparison.Ordinal);
        Assert.NotEqual(first, second);
        Assert.DoesNotContain("Hồng", first, StringComparison.Ordinal);
        Assert.Equal(Name, protection.Unprotect(first));
        Assert.Equal("", protection.Unprotect(protection.Protect("")));

        // One changed character anywhere in the ciphertext, or another key id, is refused with a reason, never misread.
        var body = first[(first.LastIndexOf('.') + 1)..];
        var altered = first[..^body.Length] + (body[0] == 'A' ? 'B' : 'A') + body[1..];
        Assert.Contains("does not match its key", Assert.Throws<ReporterKeyException>(() => protection.Unprotect(altered)).Message, StringComparison.Ordinal);
        var otherId = ReporterProtection.EnvelopePrefix + "00000000" + first[(ReporterProtection.EnvelopePrefix.Length + 8)..];
        Assert.Contains("data key '00000000' is not in the key folder", Assert.Throws<ReporterKeyException>(() => protection.Unprotect(otherId)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void After_a_rotation_new_values_use_the_new_key_and_every_process_still_reads_both()
    {
        var keys = Path.Combine(Path.GetTempPath(), "hotline-tests", Guid.NewGuid().ToString("N"));
        using var node1 = Services(keys);
        using var node2 = Services(keys);
        var one = node1.GetRequiredService<ReporterProtection>();
        var two = node2.GetRequiredService<ReporterProtection>();
        Assert.Equal(one.CurrentKeyId, two.CurrentKeyId);

        var before = one.Protect(Name);
        var oldKey = one.CurrentKeyId;
        var newKey = one.RotateDataKey();
        Assert.NotEqual(oldKey, newKey);
        var after = one.Protect(Name);
        Assert.Contains("." + newKey + ".", after, StringComparison.Ordinal);

        Assert.Equal(Name, one.Unprotect(before));
        Assert.Equal(Name, one.Unprotect(after));
        // The other process loaded its keys before the rotation: it finds the new key in the shared folder when it meets it.
        Assert.Equal(Name, two.Unprotect(after));
        Assert.Equal(Name, two.Unprotect(before));
        // A process started now encrypts with the newest key.
        using var node3 = Services(keys);
        Assert.Equal(newKey, node3.GetRequiredService<ReporterProtection>().CurrentKeyId);
        Assert.Equal(2, Directory.GetFiles(keys, "reporter-data-key-*.key").Length);

        // Rotations in the same millisecond: each new key is the current one, whatever its random id.
        for (var i = 0; i < 10; i++)
        {
            var made = one.RotateDataKey();
            Assert.Equal(made, one.CurrentKeyId);
            using var restarted = Services(keys);
            Assert.Equal(made, restarted.GetRequiredService<ReporterProtection>().CurrentKeyId);
        }
    }

    [Fact]
    public void A_running_node_encrypts_with_a_key_rotated_elsewhere_within_the_check_interval_and_keeps_its_key_if_the_new_one_is_unreadable()
    {
        var keys = Path.Combine(Path.GetTempPath(), "hotline-tests", Guid.NewGuid().ToString("N"));
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var node = Services(keys, clock);
        var running = node.GetRequiredService<ReporterProtection>();
        var oldKey = running.CurrentKeyId;

        // The command line rotates while the node runs.
        using var cli = Services(keys);
        var newKey = cli.GetRequiredService<ReporterProtection>().RotateDataKey();

        // Until its next look at the folder the node writes with the key it has; right after it, with the new one.
        clock.Advance(ReporterProtection.KeyFolderCheckInterval - TimeSpan.FromSeconds(1));
        Assert.Contains($".{oldKey}.", running.Protect(Name), StringComparison.Ordinal);
        Assert.Equal(oldKey, running.CurrentKeyId);
        clock.Advance(TimeSpan.FromSeconds(1));
        var after = running.Protect(Name);
        Assert.Contains($".{newKey}.", after, StringComparison.Ordinal);
        Assert.Equal(newKey, running.CurrentKeyId);
        Assert.Equal(Name, cli.GetRequiredService<ReporterProtection>().Unprotect(after));

        // A newer key file this deployment cannot read (made under other Data Protection keys): the node goes on writing
        // with the key in use rather than failing every save, and looks again later.
        File.WriteAllText(Path.Combine(keys, "reporter-data-key-29991231235959999-0badc0de.key"), Convert.ToBase64String(Encoding.ASCII.GetBytes("not a protected key")));
        clock.Advance(ReporterProtection.KeyFolderCheckInterval);
        var still = running.Protect(Name);
        Assert.Contains($".{newKey}.", still, StringComparison.Ordinal);
        Assert.Equal(Name, running.Unprotect(still));
        Assert.Equal(newKey, running.CurrentKeyId);
    }

    [Fact]
    public async Task Values_of_the_per_value_scheme_stay_readable_and_are_re_encrypted_once_at_migration()
    {
        await using var database = await TestDatabase.CreateAsync();
        await new CaseImporter(database.Contexts).ImportAsync(
            new CaseCsvBuilder()
                .Row($"BMT-2024-000001,hotline,2024-03-05T09:12:00+07:00,MT,tan-loi,12 Lê Duẩn,,,Rác thải,{Name},{Phone},received,,,,,")
                .Row("BMT-2024-000002,hotline,2024-03-05T10:12:00+07:00,MT,tan-loi,12 Lê Duẩn,,,Rác thải,,,received,,,,,")
                .WriteTo(database.PathOf("two.csv")),
            "test", null, null, Ct);

        // What the earlier version wrote: Data Protection per value, under the same deployment's keys.
        await using var services = new ServiceCollection().AddHotlineDatabase(database.Settings).BuildServiceProvider();
        var legacy = services.GetRequiredService<IDataProtectionProvider>().CreateProtector("HotlineIoc.Reporter.v1");
        var oldName = legacy.Protect(Name);
        var oldPhone = legacy.Protect(Phone);
        Assert.StartsWith(ReporterProtection.LegacyPrefix, oldName, StringComparison.Ordinal);
        await using (var db = database.Open())
        {
            await db.Database.ExecuteSqlAsync($"UPDATE Cases SET ReporterName = {oldName}, ReporterPhone = {oldPhone} WHERE Code = 'BMT-2024-000001'", Ct);
            // Readable as it is, before any upgrade.
            var item = await db.Cases.AsNoTracking().SingleAsync(c => c.Code == "BMT-2024-000001", Ct);
            Assert.Equal((Name, Phone), (item.ReporterName, item.ReporterPhone));

            await db.Database.ExecuteSqlAsync($"DELETE FROM DataUpgrades WHERE Name = {ReporterEnvelopeUpgrade.Name}", Ct);
            await DatabaseMigrator.MigrateAsync(db, Ct);
            Assert.Equal(1, await db.DataUpgrades.CountAsync(u => u.Name == ReporterEnvelopeUpgrade.Name, Ct));
        }

        await using (var db = database.Open())
        {
            var stored = await db.Database.SqlQuery<string>($"SELECT ReporterName || '|' || ReporterPhone AS Value FROM Cases WHERE Code = 'BMT-2024-000001'").SingleAsync(Ct);
            Assert.All(stored.Split('|'), v => Assert.StartsWith(ReporterProtection.EnvelopePrefix, v, StringComparison.Ordinal));
            var item = await db.Cases.AsNoTracking().SingleAsync(c => c.Code == "BMT-2024-000001", Ct);
            Assert.Equal((Name, Phone), (item.ReporterName, item.ReporterPhone));
            Assert.Equal(db.Protection!.PhoneKey(Phone), item.ReporterPhoneKey);
            Assert.Null((await db.Cases.AsNoTracking().SingleAsync(c => c.Code == "BMT-2024-000002", Ct)).ReporterName);
            Assert.Equal(0, await db.Database.SqlQuery<int>($"SELECT COUNT(*) AS Value FROM Cases WHERE ReporterName LIKE 'CfDJ8%' OR ReporterPhone LIKE 'CfDJ8%'").SingleAsync(Ct));
        }

        SqliteConnection.ClearAllPools();
        var file = await File.ReadAllBytesAsync(database.FilePath, Ct);
        Assert.True(file.AsSpan().IndexOf(Encoding.UTF8.GetBytes(Phone)) < 0);
    }

    [Fact]
    public void Every_reporter_column_of_the_model_is_covered_by_the_upgrade()
    {
        var keys = Path.Combine(Path.GetTempPath(), "hotline-tests", Guid.NewGuid().ToString("N"));
        using var services = Services(keys);
        using var db = services.GetRequiredService<IDbContextFactory<HotlineDbContext>>().CreateDbContext();
        var columns = ReporterEnvelopeUpgrade.ProtectedColumns(db.Model).SelectMany(t => t.Columns.Select(c => t.Table + "." + c)).ToHashSet();
        Assert.Contains("Cases.ReporterName", columns);
        Assert.Contains("Cases.ReporterPhone", columns);
        Assert.Contains("Cases.ReporterEmail", columns);
        Assert.True(columns.Count >= 8, string.Join(", ", columns));
    }
}
