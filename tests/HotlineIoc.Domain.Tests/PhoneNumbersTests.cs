using HotlineIoc.Domain.Cases;

namespace HotlineIoc.Domain.Tests;

/// <summary>One phone rule for the desk, the API, the import and Open311: Vietnamese numbers as people write them.</summary>
public sealed class PhoneNumbersTests
{
    [Theory]
    [InlineData("0912345678", "0912345678", PhoneKind.Mobile)] // mobile, digits only
    [InlineData("0912 345 678", "0912345678", PhoneKind.Mobile)] // grouped with spaces
    [InlineData("0912.345.678", "0912345678", PhoneKind.Mobile)] // grouped with dots
    [InlineData("0912-345-678", "0912345678", PhoneKind.Mobile)] // grouped with hyphens: the desk took it, the API did not
    [InlineData("  0977 123 987 ", "0977123987", PhoneKind.Mobile)] // spaces around are trimmed
    [InlineData("+84 912 345 678", "0912345678", PhoneKind.Mobile)] // +84 in place of the 0
    [InlineData("+84912345678", "0912345678", PhoneKind.Mobile)]
    [InlineData("84912345678", "0912345678", PhoneKind.Mobile)] // 84 without the +
    [InlineData("(+84) 912 345 678", "0912345678", PhoneKind.Mobile)] // country code in parentheses
    [InlineData("0386 123 456", "0386123456", PhoneKind.Mobile)] // 03x (former 016x)
    [InlineData("0523.456.789", "0523456789", PhoneKind.Mobile)] // 05x
    [InlineData("0705-123-456", "0705123456", PhoneKind.Mobile)] // 07x (former 012x)
    [InlineData("0812 345 678", "0812345678", PhoneKind.Mobile)] // 08x
    [InlineData("02623812345", "02623812345", PhoneKind.Landline)] // Đắk Lắk landline, 0262 + 7 digits
    [InlineData("(0262) 3812 345", "02623812345", PhoneKind.Landline)] // area code in parentheses
    [InlineData("0262.3812.345", "02623812345", PhoneKind.Landline)]
    [InlineData("024 3825 1234", "02438251234", PhoneKind.Landline)] // Hà Nội, 024 + 8 digits
    [InlineData("+84 262 3812 345", "02623812345", PhoneKind.Landline)] // landline with +84
    [InlineData("842623812345", "02623812345", PhoneKind.Landline)]
    public void Vietnamese_mobile_and_landline_numbers_in_their_usual_forms_are_accepted(string phone, string national, PhoneKind kind)
    {
        var check = PhoneNumbers.Check(phone);

        Assert.True(check.IsValid, check.Problem);
        Assert.Equal((kind, national), (check.Kind!.Value, check.National));
        Assert.Null(check.Problem);
        Assert.Equal(national, Reporters.NormalizePhone(phone)); // the lookup key is the national form
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData("12345678", "starts with 0")] // 8 digits without 0: the API took it, the desk did not
    [InlineData("912345678", "starts with 0")] // the leading 0 is missing
    [InlineData("0912", "10 digits")] // too short for a mobile
    [InlineData("091234567", "10 digits")] // one digit short
    [InlineData("09123456789", "10 digits")] // one digit too many
    [InlineData("091234567890", "10 digits")]
    [InlineData("0262381234", "11 digits")] // a landline one digit short
    [InlineData("026238123456", "11 digits")] // a landline one digit too many
    [InlineData("0112345678", "neither a mobile")] // 01x is no prefix since 2018
    [InlineData("0612345678", "neither a mobile")]
    [InlineData("0012345678", "neither a mobile")]
    [InlineData("1900 1234", "starts with 0")] // a service number, not a citizen's phone
    [InlineData("113", "starts with 0")] // an emergency number
    [InlineData("+1 202 555 0143", "only Vietnamese")] // another country
    [InlineData("+84 0912 345 678", "without its leading 0")] // +84 and the 0 together
    [InlineData("0912+345678", "only open the number")] // a + inside
    [InlineData("09123x5678", "'x' is not part")] // a letter
    [InlineData("call me", "'c' is not part")]
    [InlineData("0912/345/678", "'/' is not part")] // slashes are not a way Vietnamese numbers are written
    [InlineData("0912_345_678", "'_' is not part")]
    [InlineData("(0262 3812 345", "parentheses")] // unbalanced
    [InlineData("0262) 3812 345", "parentheses")]
    [InlineData("((0262)) 3812 345", "parentheses")] // nested
    [InlineData("0912345678 0912345679", "10 digits")] // two numbers in one field
    [InlineData("0912 345 678 000 000 000 000 000 000", "longer than 32")]
    public void Anything_else_is_refused_with_the_reason(string phone, string reason)
    {
        var check = PhoneNumbers.Check(phone);

        Assert.False(check.IsValid);
        Assert.Null(check.National);
        Assert.Contains(reason, check.Problem, StringComparison.Ordinal);
        Assert.False(Reporters.IsPhoneNumber(phone));
    }
}
