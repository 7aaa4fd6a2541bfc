using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using HotlineIoc.Domain.Cases;
using HotlineIoc.Infrastructure.Persistence;
using HotlineIoc.Infrastructure.Privacy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HotlineIoc.Infrastructure.Tests;

/// <summary>The Data Protection keys encrypted at rest with a certificate, readable after a restart and after a change of certificate.</summary>
public sealed class KeyCertificateTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Certificate(string folder, string name, string password)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(5));
        var path = Path.Combine(folder, name + ".pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, password));
        return path;
    }

    private static KeyCertificates Certificates(params (string Key, string? Value)[] settings) =>
        KeyCertificates.FromConfiguration(new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build());

    private static async Task<string?> ReporterNameAsync(TestDatabase database, KeyCertificates certificates)
    {
        await using var services = new ServiceCollection().AddHotlineDatabase(database.Settings, null, certificates).BuildServiceProvider();
        await using var db = await services.GetRequiredService<IDbContextFactory<HotlineDbContext>>().CreateDbContextAsync(Ct);
        return await db.Cases.Select(c => c.ReporterName).SingleAsync(Ct);
    }

    [Fact]
    public async Task With_a_certificate_the_key_files_are_encrypted_and_the_data_reads_after_a_restart_and_a_change_of_certificate()
    {
        await using var database = await TestDatabase.CreateAsync();
        Directory.Delete(database.PathOf("keys"), recursive: true);
        var first = Certificate(database.Folder, "keys-2026", "mật-khẩu-1");
        var withFirst = Certificates((KeyCertificates.PathKey, first), (KeyCertificates.PasswordKey, "mật-khẩu-1"));
        await using (var services = new ServiceCollection().AddHotlineDatabase(database.Settings, null, withFirst).BuildServiceProvider())
        await using (var db = await services.GetRequiredService<IDbContextFactory<HotlineDbContext>>().CreateDbContextAsync(Ct))
        {
            db.Cases.Add(Case.Receive(
                new NewCase { Code = "BMT-2026-000001", ChannelCode = "hotline", ReceivedAt = new DateTime(2026, 12, 1, 2, 0, 0, DateTimeKind.Utc), FieldCode = "MT", UnitCode = "p-tan-an", Description = "x", Reporter = new Reporter("Võ Thị Khoá", "0905111222", null) },
                new Domain.Reference.Channel { Code = "hotline", WorkingDayLimit = 3 }, Domain.Calendar.WorkingCalendar.WeekdaysOnly, "test"));
            await db.SaveChangesAsync(Ct);
        }

        var keyFile = Assert.Single(Directory.GetFiles(database.PathOf("keys"), "key-*.xml"));
        var xml = await File.ReadAllTextAsync(keyFile, Ct);
        Assert.Contains("encryptedSecret", xml, StringComparison.Ordinal);
        Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
        Assert.Equal("Võ Thị Khoá", await ReporterNameAsync(database, withFirst));

        // A new certificate for new keys; the old one stays listed to read the keys it protected.
        var second = Certificate(database.Folder, "keys-2027", "mật-khẩu-2");
        var rotated = Certificates(
            (KeyCertificates.PathKey, second), (KeyCertificates.PasswordKey, "mật-khẩu-2"),
            ($"{KeyCertificates.PreviousKey}:0:Path", first), ($"{KeyCertificates.PreviousKey}:0:Password", "mật-khẩu-1"));
        Assert.Equal("Võ Thị Khoá", await ReporterNameAsync(database, rotated));

        // Without the certificate the keys, and so the data, cannot be read.
        var error = await Assert.ThrowsAnyAsync<Exception>(() => ReporterNameAsync(database, KeyCertificates.None));
        Assert.IsNotType<Xunit.Sdk.XunitException>(error);
    }

    [Fact]
    public void A_missing_or_wrong_certificate_stops_the_start_naming_the_setting()
    {
        var folder = Directory.CreateTempSubdirectory("hotline-certs-").FullName;
        var path = Certificate(folder, "keys", "right");

        var missing = Assert.Throws<InvalidOperationException>(() => Certificates((KeyCertificates.PathKey, Path.Combine(folder, "none.pfx"))));
        var wrong = Assert.Throws<InvalidOperationException>(() => Certificates((KeyCertificates.PathKey, path), (KeyCertificates.PasswordKey, "wrong")));
        var orphan = Assert.Throws<InvalidOperationException>(() => Certificates(($"{KeyCertificates.PreviousKey}:0:Path", path), ($"{KeyCertificates.PreviousKey}:0:Password", "right")));

        Assert.Contains("Privacy:KeysCertificatePath: the certificate file", missing.Message, StringComparison.Ordinal);
        Assert.Contains("cannot be read as a PKCS#12 certificate", wrong.Message, StringComparison.Ordinal);
        Assert.Contains("new keys need a current certificate", orphan.Message, StringComparison.Ordinal);
    }
}
