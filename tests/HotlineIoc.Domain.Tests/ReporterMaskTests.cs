using HotlineIoc.Domain.Cases;

namespace HotlineIoc.Domain.Tests;

public sealed class ReporterMaskTests
{
    [Theory]
    [InlineData("Nguyễn Văn Tâm", "Ng*** V** T***")]
    [InlineData("Nguyễn Văn Thành Long", "Ng*** V** T** L***")]
    [InlineData("  Lê   Thị  Hoa ", "Lê*** T** H***")]
    [InlineData("Lan", "L***")]
    [InlineData("Đỗ Hùng", "Đỗ*** H***")]
    public void Names_keep_only_initials_and_a_fixed_number_of_stars(string name, string masked) =>
        Assert.Equal(masked, Reporters.MaskName(name));

    [Theory]
    [InlineData("0912345647", "09******47")]
    [InlineData("0912.345.647", "09******47")]
    [InlineData("02623812345", "02*******45")]
    [InlineData("113", "****")]
    public void Phones_keep_the_first_two_and_last_two_digits(string phone, string masked) =>
        Assert.Equal(masked, Reporters.MaskPhone(phone));

    [Fact]
    public void A_masked_reporter_holds_none_of_the_original_text()
    {
        var reporter = new Reporter("Nguyễn Văn Tâm", "0912345647", "zalo-8812345");
        var masked = reporter.Masked();

        Assert.Equal(new Reporter("Ng*** V** T***", "09******47", "**********45"), masked);
        Assert.DoesNotContain("Tâm", masked.Name, StringComparison.Ordinal);
        Assert.Equal(Reporter.Anonymous, Reporter.Anonymous.Masked());
        Assert.Equal("Reporter { *** }", reporter.ToString());
    }

    [Theory]
    [InlineData("tran.hoa@example.com.vn", "t***@***.vn")]
    [InlineData("a@b.co", "a***@***.co")]
    [InlineData("Đức.nguyen@mail.vn", "Đ***@***.vn")]
    [InlineData("no-at-sign", "****@***")] // not an address: nothing of it is shown
    [InlineData("@x.vn", "****@***.vn")]
    public void Emails_keep_only_the_first_letter_and_the_top_level_domain(string email, string masked) =>
        Assert.Equal(masked, Reporters.MaskEmail(email));

    [Fact]
    public void A_masked_email_holds_neither_the_mailbox_nor_the_provider()
    {
        var masked = new Reporter(null, null, null, "nguyen.van.tam@gmail.com").Masked();

        Assert.Equal(new Reporter(null, null, null, "n***@***.com"), masked);
        Assert.DoesNotContain("gmail", masked.Email, StringComparison.Ordinal);
        Assert.False(new Reporter(null, null, null, "a@b.vn").IsAnonymous);
    }

    [Theory]
    [InlineData("hoa@example.vn", true)]
    [InlineData("hoa.tran+311@mail.example.com.vn", true)]
    [InlineData("hoa@localhost", false)]
    [InlineData("Hoa <hoa@example.vn>", false)]
    [InlineData("hoa@exa mple.vn", false)]
    [InlineData("hoa", false)]
    [InlineData("a@b.vn, c@d.vn", false)]
    public void Emails_are_checked(string email, bool valid) =>
        Assert.Equal(valid, Reporters.IsEmail(email));

    [Theory]
    [InlineData("+84 912 345 678", "0912345678")]
    [InlineData("84912345678", "0912345678")]
    [InlineData("0912-345-678", "0912345678")]
    public void Phones_are_normalised_for_lookup(string phone, string normal) =>
        Assert.Equal(normal, Reporters.NormalizePhone(phone));

    [Theory]
    [InlineData("0912345678", true)]
    [InlineData("+84 912 345 678", true)]
    [InlineData("02623812345", true)]
    [InlineData("912345678", false)]
    [InlineData("09123x5678", false)]
    [InlineData("091234567890", false)]
    public void Phone_numbers_are_checked(string phone, bool valid) =>
        Assert.Equal(valid, Reporters.IsPhoneNumber(phone));
}
