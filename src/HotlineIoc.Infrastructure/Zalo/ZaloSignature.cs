using System.Security.Cryptography;
using System.Text;

namespace HotlineIoc.Infrastructure.Zalo;

/// <summary>
/// The webhook's MAC (<c>X-ZEvent-Signature: mac=&lt;hex&gt;</c>): plain SHA-256, not HMAC, of the UTF-8 concatenation of
/// the body's <c>app_id</c>, the raw body exactly as received, the body's <c>timestamp</c> and the OA secret key.
/// </summary>
public static class ZaloSignature
{
    public const string Header = "X-ZEvent-Signature";

    /// <summary>The MAC as lowercase hex.</summary>
    public static string Compute(string appId, ReadOnlySpan<byte> body, string timestamp, string oaSecretKey)
    {
        ArgumentNullException.ThrowIfNull(appId);
        ArgumentNullException.ThrowIfNull(timestamp);
        ArgumentNullException.ThrowIfNull(oaSecretKey);
        var head = Encoding.UTF8.GetBytes(appId);
        var tail = Encoding.UTF8.GetBytes(timestamp + oaSecretKey);
        var all = new byte[head.Length + body.Length + tail.Length];
        head.CopyTo(all, 0);
        body.CopyTo(all.AsSpan(head.Length));
        tail.CopyTo(all, head.Length + body.Length);
        return Convert.ToHexStringLower(SHA256.HashData(all));
    }

    /// <summary>
    /// Whether the header carries the right MAC, compared in constant time. The <c>mac=</c> prefix is optional and hex may
    /// be in either case; a missing or malformed header is simply wrong.
    /// </summary>
    public static bool IsValid(string? header, string appId, ReadOnlySpan<byte> body, string timestamp, string oaSecretKey)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return false;
        }

        var given = header.Trim();
        if (given.StartsWith("mac=", StringComparison.OrdinalIgnoreCase))
        {
            given = given[4..].Trim();
        }

        byte[] givenBytes;
        try
        {
            givenBytes = Convert.FromHexString(given);
        }
        catch (FormatException)
        {
            return false;
        }

        var expected = Convert.FromHexString(Compute(appId, body, timestamp, oaSecretKey));
        return CryptographicOperations.FixedTimeEquals(givenBytes, expected);
    }
}
