using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using HotlineIoc.Domain.Cases;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HotlineIoc.Infrastructure.Privacy;

/// <summary>
/// Encrypts reporter data at rest and computes the keyed hash (blind index) that lets a phone be looked up without
/// storing it in clear. The keys live in the deployment's key folder, never in the database.
/// <para>
/// Envelope encryption: a random 256-bit data key, itself protected by ASP.NET Core Data Protection in the key folder,
/// encrypts each value with AES-GCM (about a microsecond, where a Data Protection call per value cost about 25).
/// A value reads <c>HE1.{key id}.{base64 of nonce, tag, ciphertext}</c>; the key id is bound into the tag, so keys can
/// rotate (<see cref="RotateDataKey"/>) and every older value stays readable. Values written by the earlier
/// per-value Data Protection scheme (<c>CfDJ8…</c>) stay readable and are re-encrypted once by
/// <see cref="ReporterEnvelopeUpgrade"/>.
/// </para>
/// </summary>
public sealed class ReporterProtection
{
    /// <summary>How every value written now begins.</summary>
    public const string EnvelopePrefix = "HE1.";

    /// <summary>How every value of the earlier scheme (Data Protection per value) begins.</summary>
    public const string LegacyPrefix = "CfDJ8";

    private const string Purpose = "HotlineIoc.Reporter.v1";
    private const string IndexKeyPurpose = "HotlineIoc.Reporter.PhoneIndexKey.v1";
    private const string DataKeyPurpose = "HotlineIoc.Reporter.DataKey.v1";
    private const string IndexKeyFile = "reporter-phone-index.key";
    private const string DataKeyPrefix = "reporter-data-key-";
    private const string DataKeyPattern = DataKeyPrefix + "*.key";
    private const int KeyIdLength = 8;
    private const int NonceSize = 12;
    private const int TagSize = 16;

    /// <summary>
    /// How often a process looks in the key folder for a key another process made (<c>keys rotate</c> on the command line,
    /// or another node): within this time of a rotation, every running node encrypts with the new key.
    /// </summary>
    public static readonly TimeSpan KeyFolderCheckInterval = TimeSpan.FromSeconds(30);

    private readonly IDataProtector _protector;
    private readonly IDataProtector _dataKeyProtector;
    private readonly string _folder;
    private readonly byte[] _indexKey;
    private readonly Lock _keysGate = new();
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private volatile DataKeyRing _ring;
    private long _nextFolderCheck;

    public ReporterProtection(IDataProtectionProvider provider, ReporterKeyFolder folder, TimeProvider? time = null, ILogger<ReporterProtection>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(folder);
        _time = time ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _protector = provider.CreateProtector(Purpose);
        _dataKeyProtector = provider.CreateProtector(DataKeyPurpose);
        _folder = folder.Path;
        _indexKey = LoadOrCreateIndexKey(provider.CreateProtector(IndexKeyPurpose), folder.Path);
        _ring = LoadDataKeys();
        if (_ring.Current is null)
        {
            CreateDataKey(_time.GetUtcNow().UtcDateTime);
            _ring = LoadDataKeys();
        }

        _nextFolderCheck = NextFolderCheck();
    }

    /// <summary>The id of the key new values are encrypted with.</summary>
    public string CurrentKeyId => CurrentKey().Id;

    /// <summary>True for a value written by either scheme; false for what was stored in clear.</summary>
    public static bool IsProtected(string value) =>
        value.StartsWith(EnvelopePrefix, StringComparison.Ordinal) || value.StartsWith(LegacyPrefix, StringComparison.Ordinal);

    /// <summary>True for a value of the earlier per-value Data Protection scheme.</summary>
    public static bool IsLegacy(string value) => value.StartsWith(LegacyPrefix, StringComparison.Ordinal);

    public string Protect(string plain)
    {
        ArgumentNullException.ThrowIfNull(plain);
        var key = CurrentKey();
        var length = Encoding.UTF8.GetByteCount(plain);
        var blob = new byte[NonceSize + TagSize + length];
        var nonce = blob.AsSpan(0, NonceSize);
        var tag = blob.AsSpan(NonceSize, TagSize);
        var cipher = blob.AsSpan(NonceSize + TagSize);
        RandomNumberGenerator.Fill(nonce);
        Encoding.UTF8.GetBytes(plain, cipher); // encrypted in place below
        key.Cipher.Value!.Encrypt(nonce, cipher, cipher, tag, key.Associated);
        return string.Concat(EnvelopePrefix, key.Id, ".", Convert.ToBase64String(blob));
    }

    public string Unprotect(string stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (!stored.StartsWith(EnvelopePrefix, StringComparison.Ordinal))
        {
            return UnprotectLegacy(stored);
        }

        var idStart = EnvelopePrefix.Length;
        if (stored.Length < idStart + KeyIdLength + 1 || stored[idStart + KeyIdLength] != '.')
        {
            throw Unreadable(null, "it is not in the envelope format");
        }

        var id = stored.Substring(idStart, KeyIdLength);
        var key = _ring.Find(id) ?? ReloadedKey(id) ?? throw Unreadable(null, $"its data key '{id}' is not in the key folder '{_folder}'");
        byte[] blob;
        try
        {
            blob = Convert.FromBase64String(stored[(idStart + KeyIdLength + 1)..]);
        }
        catch (FormatException e)
        {
            throw Unreadable(e, "it is not in the envelope format");
        }

        if (blob.Length < NonceSize + TagSize)
        {
            throw Unreadable(null, "it is too short");
        }

        var plain = new byte[blob.Length - NonceSize - TagSize];
        try
        {
            key.Cipher.Value!.Decrypt(blob.AsSpan(0, NonceSize), blob.AsSpan(NonceSize + TagSize), blob.AsSpan(NonceSize, TagSize), plain, key.Associated);
        }
        catch (CryptographicException e)
        {
            throw Unreadable(e, "it does not match its key (altered, or written with another key of the same id)");
        }

        return Encoding.UTF8.GetString(plain);
    }

    /// <summary>
    /// Makes a new data key and encrypts every value from now on with it; values written with older keys stay readable.
    /// Other processes on the same key folder read values of the new key at once, and encrypt with it within
    /// <see cref="KeyFolderCheckInterval"/>.
    /// </summary>
    public string RotateDataKey()
    {
        lock (_keysGate)
        {
            var id = CreateDataKey(_time.GetUtcNow().UtcDateTime);
            _ring = LoadDataKeys();
            _nextFolderCheck = NextFolderCheck();
            return id;
        }
    }

    private string UnprotectLegacy(string stored)
    {
        try
        {
            return _protector.Unprotect(stored);
        }
        catch (CryptographicException e)
        {
            throw new ReporterKeyException(
                "Reporter data cannot be decrypted: the Data Protection keys of this deployment are not the ones it was written with. " +
                "Point Privacy:KeysFolder at the original key folder.", e);
        }
    }

    private static ReporterKeyException Unreadable(Exception? inner, string why) =>
        new($"Reporter data cannot be decrypted: {why}. The Data Protection keys of this deployment are not the ones it was written with; " +
            "point Privacy:KeysFolder at the key folder the data was written with.", inner);

    /// <summary>
    /// The key to encrypt with: the newest in the folder as of the last look, which is at most
    /// <see cref="KeyFolderCheckInterval"/> old. A key another process made since is loaded here, so a rotation reaches
    /// every running node without a restart; listing the folder is the whole cost, twice a minute.
    /// </summary>
    private DataKey CurrentKey()
    {
        var ring = _ring;
        if (_time.GetTimestamp() < Volatile.Read(ref _nextFolderCheck))
        {
            return ring.Current!;
        }

        lock (_keysGate)
        {
            if (_time.GetTimestamp() >= _nextFolderCheck)
            {
                _nextFolderCheck = NextFolderCheck();
                var newest = NewestKeyId();
                if (newest is not null && !string.Equals(newest, _ring.Current!.Id, StringComparison.Ordinal))
                {
                    try
                    {
                        var loaded = LoadDataKeys();
                        _logger.LogInformation("Reporter data key {KeyId} found in the key folder; new values are encrypted with it (was {Previous}).", loaded.Current!.Id, _ring.Current!.Id);
                        _ring = loaded;
                    }
                    catch (InvalidOperationException e)
                    {
                        // Writing goes on with the key in use; the check repeats, and a value written with the unreadable key
                        // fails to read with the reason.
                        _logger.LogError(e, "A new reporter data key in the key folder cannot be read; new values stay encrypted with {KeyId}.", _ring.Current!.Id);
                    }
                }
            }

            return _ring.Current!;
        }
    }

    private long NextFolderCheck() => _time.GetTimestamp() + (long)(KeyFolderCheckInterval.TotalSeconds * _time.TimestampFrequency);

    /// <summary>The id of the newest key file in the folder (the last by name), or null when there is none.</summary>
    private string? NewestKeyId()
    {
        try
        {
            var newest = Directory.EnumerateFiles(_folder, DataKeyPattern).Select(Path.GetFileNameWithoutExtension).Max(StringComparer.Ordinal);
            return newest?[^KeyIdLength..];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _logger.LogWarning(e, "The key folder '{Folder}' could not be listed; new values stay encrypted with the key in use.", _folder);
            return null;
        }
    }

    /// <summary>A value with a key id this process has not loaded: another process may have rotated; read the folder again.</summary>
    private DataKey? ReloadedKey(string id)
    {
        lock (_keysGate)
        {
            if (_ring.Find(id) is { } known)
            {
                return known;
            }

            _ring = LoadDataKeys();
            return _ring.Find(id);
        }
    }

    /// <summary>A new key file, named by its creation time and id, its key protected by Data Protection. Never overwritten.</summary>
    private string CreateDataKey(DateTime createdUtc)
    {
        Directory.CreateDirectory(_folder);
        // The newest key is the last by file name: a key made in the same millisecond as the newest one (a rotation
        // right after start) is dated just after it, so it never sorts before it by its random id.
        // Compared as the file name writes it, to the millisecond.
        createdUtc = new DateTime(createdUtc.Ticks - (createdUtc.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);
        var newest = Directory.GetFiles(_folder, DataKeyPattern).Select(Path.GetFileName).Max(StringComparer.Ordinal);
        if (newest is not null
            && DateTime.TryParseExact(newest[DataKeyPrefix.Length..][..17], "yyyyMMddHHmmssfff", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var newestUtc)
            && createdUtc <= newestUtc)
        {
            createdUtc = newestUtc.AddMilliseconds(1);
        }

        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(KeyIdLength / 2));
        var path = Path.Combine(_folder, $"{DataKeyPrefix}{createdUtc:yyyyMMddHHmmssfff}-{id}.key");
        var protectedKey = _dataKeyProtector.Protect(RandomNumberGenerator.GetBytes(32));
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, Convert.ToBase64String(protectedKey));
        File.Move(temporary, path); // a reader never sees half a key
        return id;
    }

    /// <summary>Every data key in the folder; the newest encrypts. Two processes starting together may each make one: both stay readable.</summary>
    private DataKeyRing LoadDataKeys()
    {
        var keys = new List<DataKey>();
        if (Directory.Exists(_folder))
        {
            foreach (var path in Directory.GetFiles(_folder, DataKeyPattern).Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileNameWithoutExtension(path);
                var id = name[^KeyIdLength..];
                try
                {
                    keys.Add(new DataKey(id, _dataKeyProtector.Unprotect(Convert.FromBase64String(File.ReadAllText(path).Trim()))));
                }
                catch (Exception e) when (e is CryptographicException or FormatException)
                {
                    throw new InvalidOperationException(
                        $"The reporter data key '{path}' cannot be read with this deployment's Data Protection keys; restore the key folder it was made with.", e);
                }
            }
        }

        return new DataKeyRing(keys);
    }

    private sealed class DataKey
    {
        public DataKey(string id, byte[] key)
        {
            Id = id;
            Associated = Encoding.ASCII.GetBytes(EnvelopePrefix + id);
            // AesGcm is not safe to share between threads; each thread keeps its own, made once.
            Cipher = new ThreadLocal<AesGcm>(() => new AesGcm(key, TagSize));
        }

        public string Id { get; }

        public byte[] Associated { get; }

        public ThreadLocal<AesGcm> Cipher { get; }
    }

    /// <summary>The keys by id; the last one (newest by file name) is current.</summary>
    private sealed class DataKeyRing(List<DataKey> keys)
    {
        private readonly Dictionary<string, DataKey> _byId = keys.ToDictionary(k => k.Id, StringComparer.Ordinal);

        public DataKey? Current { get; } = keys.Count == 0 ? null : keys[^1];

        public DataKey? Find(string id) => _byId.GetValueOrDefault(id);
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

/// <summary>Reporter data that this deployment's keys cannot read: other keys, a missing key file, or an altered value.</summary>
public sealed class ReporterKeyException(string message, Exception? inner) : InvalidOperationException(message, inner);

/// <summary>Where the Data Protection keys and the phone index key are kept.</summary>
public sealed record ReporterKeyFolder(string Path);
