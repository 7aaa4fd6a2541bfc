using System.Globalization;
using System.Text;

namespace HotlineIoc.Domain.Cases;

/// <summary>
/// The person who reported a case. Personal data: confidential, shown only to authorised staff. The e-mail comes from
/// Open311 reports (field-report apps ask for it); the phone hotline and Zalo leave it empty.
/// </summary>
public sealed record Reporter(string? Name, string? Phone, string? ZaloId, string? Email = null)
{
    public static Reporter Anonymous { get; } = new(null, null, null);

    public bool IsAnonymous => Name is null && Phone is null && ZaloId is null && Email is null;

    /// <summary>The same reporter as people without the right to see it get it: <c>Ng*** V** T***</c>, <c>09******47</c>, <c>t***@***.vn</c>.</summary>
    public Reporter Masked() => new(Reporters.MaskName(Name), Reporters.MaskPhone(Phone), Reporters.MaskZaloId(ZaloId), Reporters.MaskEmail(Email));

    public override string ToString() => "Reporter { *** }";
}

/// <summary>Limits and masking of reporter data, the one place that decides what a masked value looks like.</summary>
public static class Reporters
{
    public const int NameMaxLength = 200;
    public const int PhoneMaxLength = 32;
    public const int ZaloIdMaxLength = 100;

    /// <summary>The longest address SMTP allows (RFC 5321 path limit).</summary>
    public const int EmailMaxLength = 254;

    /// <summary>
    /// First word keeps two letters, the others one; the number of stars is fixed, so the mask does not tell the length of a name.
    /// "Nguyễn Văn Tâm" → "Ng*** V** T***".
    /// </summary>
    public static string? MaskName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var masked = new StringBuilder();
        for (var i = 0; i < words.Length; i++)
        {
            var letters = new StringInfo(words[i].Normalize(NormalizationForm.FormC));
            var keep = i == 0 ? Math.Min(2, letters.LengthInTextElements) : 1;
            if (words.Length == 1)
            {
                keep = 1;
            }

            if (i > 0)
            {
                masked.Append(' ');
            }

            masked.Append(letters.SubstringByTextElements(0, keep));
            masked.Append(i == 0 || i == words.Length - 1 ? "***" : "**");
        }

        return masked.ToString();
    }

    /// <summary>The first two and last two digits stay: "0912345647" → "09******47". Short numbers are all stars.</summary>
    public static string? MaskPhone(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone))
        {
            return null;
        }

        var digits = new string(phone.Where(char.IsAsciiDigit).ToArray());
        return digits.Length < 6
            ? new string('*', Math.Max(digits.Length, 4))
            : string.Concat(digits.AsSpan(0, 2), new string('*', digits.Length - 4), digits.AsSpan(digits.Length - 2));
    }

    /// <summary>Only the last two characters of a Zalo id stay.</summary>
    public static string? MaskZaloId(string? zaloId)
    {
        if (string.IsNullOrWhiteSpace(zaloId))
        {
            return null;
        }

        var id = zaloId.Trim();
        return id.Length <= 4 ? "****" : new string('*', id.Length - 2) + id[^2..];
    }

    /// <summary>
    /// The first character of the mailbox and the top-level domain stay: "tran.hoa@example.com.vn" → "t***@***.vn". The
    /// number of stars is fixed, so the mask tells neither the length of the mailbox nor the provider.
    /// </summary>
    public static string? MaskEmail(string? email)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return null;
        }

        var text = email.Trim();
        var at = text.LastIndexOf('@');
        var first = at > 0 ? new StringInfo(text[..at]).SubstringByTextElements(0, 1) : "*";
        var dot = text.LastIndexOf('.');
        var top = at >= 0 && dot > at && dot < text.Length - 1 ? text[dot..] : "";
        return $"{first}***@***{top}";
    }

    /// <summary>A plausible e-mail address: one mailbox, no display name, no spaces, a dot in the domain.</summary>
    public static bool IsEmail(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        var text = email.Trim();
        return text.Length <= EmailMaxLength
            && System.Net.Mail.MailAddress.TryCreate(text, out var address)
            && string.Equals(address.Address, text, StringComparison.Ordinal)
            && !text.Any(char.IsWhiteSpace)
            && address.Host.Contains('.', StringComparison.Ordinal);
    }

    /// <summary>
    /// The canonical form of a Vietnamese phone number for lookups: digits only, +84/84 written as the leading 0.
    /// "+84 912 345 678" and "0912.345.678" are the same number.
    /// </summary>
    public static string NormalizePhone(string phone)
    {
        ArgumentNullException.ThrowIfNull(phone);
        if (PhoneNumbers.Check(phone) is { National: { } national })
        {
            return national;
        }

        var digits = new string(phone.Where(char.IsAsciiDigit).ToArray());
        if (digits.StartsWith("84", StringComparison.Ordinal) && digits.Length == 11)
        {
            digits = "0" + digits[2..];
        }

        return digits;
    }

    /// <summary>A Vietnamese mobile or landline number in one of its usual written forms: the rule of <see cref="PhoneNumbers"/>.</summary>
    public static bool IsPhoneNumber(string phone)
    {
        ArgumentNullException.ThrowIfNull(phone);
        return PhoneNumbers.IsValid(phone);
    }
}
