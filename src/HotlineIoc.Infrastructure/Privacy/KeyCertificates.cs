using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;

namespace HotlineIoc.Infrastructure.Privacy;

/// <summary>
/// The certificates that protect the Data Protection keys at rest (<c>Privacy:KeysCertificatePath</c> and
/// <c>Privacy:KeysCertificatePassword</c>, a PKCS#12 file with its private key). New keys are encrypted with the current
/// certificate; keys written under an earlier one stay readable while that one is listed in
/// <c>Privacy:KeysPreviousCertificates</c> (each with <c>Path</c> and <c>Password</c>). Without a certificate the key files
/// are protected only by the file system.
/// </summary>
public sealed record KeyCertificates(X509Certificate2? Current, IReadOnlyList<X509Certificate2> Previous)
{
    public const string PathKey = "Privacy:KeysCertificatePath";
    public const string PasswordKey = "Privacy:KeysCertificatePassword";
    public const string PreviousKey = "Privacy:KeysPreviousCertificates";

    public static KeyCertificates None { get; } = new(null, []);

    /// <summary>Reads the certificates the settings name; a missing, unreadable or key-less file stops the start, naming the setting.</summary>
    public static KeyCertificates FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var current = configuration[PathKey] is { Length: > 0 } path ? Load(path, configuration[PasswordKey], PathKey) : null;
        var previous = configuration.GetSection(PreviousKey).GetChildren()
            .Select((entry, i) => Load(entry["Path"] ?? "", entry["Password"], $"{PreviousKey}:{i}:Path"))
            .ToList();
        if (current is null && previous.Count > 0)
        {
            throw new InvalidOperationException($"{PreviousKey} is set but {PathKey} is not: new keys need a current certificate.");
        }

        return new KeyCertificates(current, previous);
    }

    private static X509Certificate2 Load(string path, string? password, string setting)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{setting}: the certificate file '{path}' does not exist.");
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (CryptographicException e)
        {
            throw new InvalidOperationException($"{setting}: '{path}' cannot be read as a PKCS#12 certificate with the given password ({e.Message}).", e);
        }

        return certificate.HasPrivateKey
            ? certificate
            : throw new InvalidOperationException($"{setting}: '{path}' has no private key; the keys could be written but never read back.");
    }
}
