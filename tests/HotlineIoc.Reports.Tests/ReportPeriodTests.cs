using HotlineIoc.Reports.Model;

namespace HotlineIoc.Reports.Tests;

public sealed class ReportPeriodTests
{
    [Theory]
    [InlineData("2024", "2024-01-01", "2024-12-31", "2023-01-01", "2023-12-31")]
    [InlineData("2024-Q3", "2024-07-01", "2024-09-30", "2024-04-01", "2024-06-30")]
    [InlineData("2024-Q1", "2024-01-01", "2024-03-31", "2023-10-01", "2023-12-31")]
    [InlineData("2024-07", "2024-07-01", "2024-07-31", "2024-06-01", "2024-06-30")]
    [InlineData("2024-03", "2024-03-01", "2024-03-31", "2024-02-01", "2024-02-29")]
    [InlineData("2024-W05", "2024-01-29", "2024-02-04", "2024-01-22", "2024-01-28")]
    [InlineData("2021-W01", "2021-01-04", "2021-01-10", "2020-12-28", "2021-01-03")]
    [InlineData("2024-03-01..2024-03-10", "2024-03-01", "2024-03-10", "2024-02-20", "2024-02-29")]
    public void Each_form_gives_its_local_dates_and_the_previous_period_of_the_same_length(string text, string from, string to, string previousFrom, string previousTo)
    {
        var period = ReportPeriod.Parse(text);
        var previous = period.Previous();

        Assert.Equal((DateOnly.Parse(from), DateOnly.Parse(to)), (period.From, period.To));
        Assert.Equal((DateOnly.Parse(previousFrom), DateOnly.Parse(previousTo)), (previous.From, previous.To));
        Assert.Equal(text, period.Key);
    }

    [Theory]
    [InlineData("")]
    [InlineData("24")]
    [InlineData("2024-Q5")]
    [InlineData("2024-13")]
    [InlineData("2024-W54")]
    [InlineData("2021-W53")]
    [InlineData("2024-03-10..2024-03-01")]
    [InlineData("2024-02-30..2024-03-01")]
    [InlineData("last year")]
    public void A_bad_period_is_refused_with_one_line(string text)
    {
        var error = Assert.Throws<FormatException>(() => ReportPeriod.Parse(text));

        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Titles_name_the_period_in_Vietnamese()
    {
        Assert.Equal("quý III năm 2024", ReportPeriod.Parse("2024-Q3").TitleVi);
        Assert.Equal("tháng 07 năm 2024", ReportPeriod.Parse("2024-07").TitleVi);
        Assert.Equal("tuần 05 năm 2024 (từ ngày 29/01/2024 đến ngày 04/02/2024)", ReportPeriod.Parse("2024-W05").TitleVi);
    }

    [Fact]
    public void Figures_are_written_the_Vietnamese_way()
    {
        Assert.Equal("38.500.000 đ", VietnameseFormat.Money(38_500_000));
        Assert.Equal("98,6", VietnameseFormat.Percent(0.9861));
        Assert.Equal("1.234", VietnameseFormat.Count(1234));
        Assert.Equal("−10,0", VietnameseFormat.SignedPoints(-0.1));
        Assert.Equal("+5", VietnameseFormat.SignedCount(5));
    }
}
