using System.Security.Cryptography;
using System.Text;

namespace HotlineIoc.Infrastructure.Displays;

/// <summary>A wall display's sign-in token. Only its hash is stored; the token is shown once, when it is made.</summary>
public sealed class DisplayToken
{
    public int Id { get; set; }

    public string Name { get; set; } = "";

    public string TokenHash { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public string CreatedBy { get; set; } = "";

    public DateTime? RevokedAt { get; set; }

    public bool IsActive => RevokedAt is null;

    public static string Hash(string token) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>A new random token: 32 bytes, URL-safe.</summary>
    public static string NewToken() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
