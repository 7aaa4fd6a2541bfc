using HotlineIoc.Infrastructure.Csv;

namespace HotlineIoc.Infrastructure.Tests;

/// <summary>OWASP's CSV-injection rule, made reversible so that the case CSV still reads back exactly.</summary>
public sealed class CsvCellTests
{
    [Theory]
    [InlineData("=1+2", "'=1+2")]
    [InlineData("+84 912 345 678", "'+84 912 345 678")]
    [InlineData("-5", "'-5")]
    [InlineData("- Rác tồn đọng", "'- Rác tồn đọng")]
    [InlineData("@SUM(A1:A9)", "'@SUM(A1:A9)")]
    [InlineData("\t=cmd", "'\t=cmd")]
    [InlineData("\r=cmd", "'\r=cmd")]
    [InlineData("'=1+2", "''=1+2")] // already quoted by hand: one more, so reading back gives the quote back too
    [InlineData("''+x", "'''+x")]
    public void A_cell_a_spreadsheet_would_run_as_a_formula_gets_a_leading_quote(string value, string written) =>
        Assert.Equal(written, CsvCell.Neutralise(value));

    [Theory]
    [InlineData("")]
    [InlineData("BMT-2024-000001")]
    [InlineData("0912-345-678")]
    [InlineData("Nguyễn Văn Bình")]
    [InlineData("'quoted'")]
    [InlineData("'")]
    [InlineData("a=b")]
    [InlineData(" =not first")]
    public void Any_other_cell_is_written_as_it_is(string value) =>
        Assert.Equal(value, CsvCell.Neutralise(value));

    [Theory]
    [InlineData("=1+2")]
    [InlineData("'=1+2")]
    [InlineData("''=1+2")]
    [InlineData("+84 912 345 678")]
    [InlineData("-12.5")]
    [InlineData("@x")]
    [InlineData("\tx")]
    [InlineData("'")]
    [InlineData("''")]
    [InlineData("'quoted'")]
    [InlineData("plain")]
    [InlineData("")]
    public void Reading_back_what_was_written_gives_the_value_back(string value) =>
        Assert.Equal(value, CsvCell.Restore(CsvCell.Neutralise(value)));

    [Fact]
    public void Null_is_an_empty_cell() => Assert.Equal("", CsvCell.Neutralise(null));
}
