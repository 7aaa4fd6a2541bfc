using System.Security.Cryptography;
using System.Text;
using HotlineIoc.Domain.Cases;
using Microsoft.AspNetCore.DataProtection;

namespace HotlineIoc.Infrastructure.Privacy;

/// <summary>
/// Encrypts reporter data at rest with ASP.NET Core Data Protection and computes the keyed hash (blind index) that lets a
/// phone be looked up without storing it in clear. The keys live in the deployment's key folder, never in the database.
/// </summary>
public sealed class ReporterProtection
{
    private const string Purpose = "HotlineIoc.Reporter.v1";
    private const string IndexKeyPurpose = "HotlineIoc.Reporter.PhoneIndexKey.v1";
    private const string IndexKeyFile = "reporter-phone-index.key";

    private readonly IDataProtector _protector;
    private readonly byte[] _indexKey;

    public ReporterProtection(IDataProtectionProvider provider, ReporterKeyFolder folder)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(folder);
        _protector = provider.CreateProtector(Purpose);
        _indexKey = LoadOrCreateIndexKey(provider.CreateProtector(IndexKeyPurpose), folder.Path);
    }

    public string Protect(string plain) => _protector.Protect(plain);

    public string Unprotect(string stored)
    {
        try
        {
            return _protector.Unprotect(stored);
        }
        catch (CryptographicException e)
        {
            throw new InvalidOperationException(
                "Reporter data cannot be decrypted: the Data Protection keys of this deployment are not the ones it was written with. " +
                "Point Privacy:KeysFolder at the original key folder.", e);
        }
    }

    /// <summary>HMAC-SHA256 of the normalised phone under the deployment's index key, as 64 hex characters.</summary>
    public string PhoneKey(string phone)
    {
        var normal = Reporters.NormalizePhone(phone);
        return Convert.ToHexStringLower(HMACSHA256.HashData(_indexKey, Encoding.UTF8.GetBytes(normal)));
    }

    /// <summary>HMAC-SHA256 of a Zalo user id under the same key, kept apart from phones by a prefix: finds a user's conversation.</summary>
    public string ZaloKey(string zaloId)
    {
        ArgumentNullException.ThrowIfNull(zaloId);
        return Convert.ToHexStringLower(HMACSHA256.HashData(_indexKey, Encoding.UTF8.GetBytes("zalo:" + zaloId.Trim())));
    }

    /// <summary>
    /// The index key is random, made once per deployment and kept in the key folder encrypted by Data Protection, so it
    /// rotates with nothing and is lost with nothing but the keys themselves.
    /// </summary>
    private static byte[] LoadOrCreateIndexKey(IDataProtector protector, string folder)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, IndexKeyFile);
        if (!File.Exists(path))
        {
            var fresh = protector.Protect(RandomNumberGenerator.GetBytes(32));
            try
            {
                // CreateNew: when the web app and the command line start together, the first writer wins and the other reads it.
                using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
                stream.Write(Encoding.ASCII.GetBytes(Convert.ToBase64String(fresh)));
            }
            catch (IOException) when (File.Exists(path))
            {
            }
        }

        var text = ReadWhenComplete(path);
        try
        {
            return protector.Unprotect(Convert.FromBase64String(text));
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            throw new InvalidOperationException(
                $"The reporter phone index key in '{path}' cannot be read with this deployment's Data Protection keys; restore the key folder it was made with.", e);
        }
    }

    private static string ReadWhenComplete(string path)
    {
        for (var attempt = 0; ; attempt++)
        {
            var text = File.ReadAllText(path).Trim();
            if (text.Length > 0 || attempt == 20)
            {
                return text;
            }

            Thread.Sleep(50);
        }
    }
}

/// <summary>Where the Data Protection keys and the phone index key are kept.</summary>
public sealed record ReporterKeyFolder(string Path);
