namespace HotlineIoc.Domain.Cases;

/// <summary>Di động or cố định.</summary>
public enum PhoneKind
{
    /// <summary>Di động: 10 digits from 03, 05, 07, 08 or 09.</summary>
    Mobile,

    /// <summary>Cố định: 11 digits from 02 (0 + a three-digit area code 2xx + 7 digits, or 024/028 + 8 digits).</summary>
    Landline,
}

/// <summary>What <see cref="PhoneNumbers.Check"/> found: the number in its national form, or why it is not one.</summary>
public sealed record PhoneCheck(PhoneKind? Kind, string? National, string? Problem)
{
    public bool IsValid => Kind is not null;
}

/// <summary>
/// The one phone rule of the desk, the API, the import and Open311: a Vietnamese mobile or landline number in its usual
/// written forms. Digits may be grouped with spaces, dots, hyphens or parentheses — <c>0912 345 678</c>,
/// <c>0912.345.678</c>, <c>0912-345-678</c>, <c>(0262) 3812 345</c> — and <c>+84</c> or <c>84</c> may stand for the
/// leading 0 — <c>+84 912 345 678</c>, <c>84912345678</c>, <c>+84 262 3812 345</c>. Numbers of other countries, short
/// numbers (113, 1900 …) and anything else are refused, each with the reason.
/// </summary>
public static class PhoneNumbers
{
    private const string Separators = " .-()";

    public static bool IsValid(string? phone) => Check(phone).IsValid;

    public static PhoneCheck Check(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone))
        {
            return Refused("it is empty");
        }

        var text = phone.Trim();
        if (text.Length > Reporters.PhoneMaxLength)
        {
            return Refused($"it is longer than {Reporters.PhoneMaxLength} characters");
        }

        var open = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '+' && text[..i].Any(p => p != '('))
            {
                return Refused("a + may only open the number, as in +84 or (+84)");
            }

            if (c == '(' && ++open > 1 || c == ')' && --open < 0)
            {
                return Refused("its parentheses do not pair up");
            }

            if (!char.IsAsciiDigit(c) && c != '+' && !Separators.Contains(c, StringComparison.Ordinal))
            {
                return Refused($"'{c}' is not part of a phone number; group the digits with spaces, dots, hyphens or parentheses");
            }
        }

        if (open != 0)
        {
            return Refused("its parentheses do not pair up");
        }

        var digits = new string([.. text.Where(char.IsAsciiDigit)]);
        string national;
        if (text.TrimStart('(').StartsWith('+') || digits.StartsWith("84", StringComparison.Ordinal) && digits.Length is 11 or 12)
        {
            if (!digits.StartsWith("84", StringComparison.Ordinal))
            {
                return Refused("only Vietnamese numbers are taken: +84, or a number from 0");
            }

            if (digits.Length > 2 && digits[2] == '0')
            {
                return Refused("after +84 the number goes on without its leading 0, as in +84 912 345 678");
            }

            national = "0" + digits[2..];
        }
        else if (digits.StartsWith('0'))
        {
            national = digits;
        }
        else
        {
            return Refused("a Vietnamese number starts with 0, or with +84 in its place");
        }

        return national.Length < 2 ? Refused("it has too few digits")
            : national[1] == '2' ? (national.Length == 11 ? new PhoneCheck(PhoneKind.Landline, national, null) : Refused($"a landline (02…) has 11 digits with its 0, not {national.Length}"))
            : national[1] is '3' or '5' or '7' or '8' or '9' ? (national.Length == 10 ? new PhoneCheck(PhoneKind.Mobile, national, null) : Refused($"a mobile number (0{national[1]}…) has 10 digits with its 0, not {national.Length}"))
            : Refused($"0{national[1]}… is neither a mobile (03, 05, 07, 08, 09) nor a landline (02) prefix");
    }

    private static PhoneCheck Refused(string problem) => new(null, null, problem);
}
