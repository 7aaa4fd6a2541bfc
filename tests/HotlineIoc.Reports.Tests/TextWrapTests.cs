using HotlineIoc.Reports.Pdf;

namespace HotlineIoc.Reports.Tests;

/// <summary>Text in a table cell stays inside its cell, whatever the column width.</summary>
public sealed class TextWrapTests
{
    [Fact]
    public void Words_wrap_at_spaces_and_every_line_fits()
    {
        using var metrics = new TextMetrics(ReportFonts.Default);

        var lines = metrics.Wrap("Phòng Tài nguyên và Môi trường", TextWeight.Regular, 10, 80);

        Assert.True(lines.Length > 1);
        Assert.Equal("Phòng Tài nguyên và Môi trường", string.Join(' ', lines));
        Assert.All(lines, l => Assert.True(metrics.Font(TextWeight.Regular, 10).MeasureText(l) <= 80, $"'{l}' is wider than 80"));
    }

    [Fact]
    public void A_code_wider_than_its_cell_breaks_after_a_dash_and_loses_nothing()
    {
        using var metrics = new TextMetrics(ReportFonts.Default);
        var font = metrics.Font(TextWeight.Regular, 10);
        var width = font.MeasureText("BMT-2024-") + 1;

        var lines = metrics.Wrap("BMT-2024-000915", TextWeight.Regular, 10, width);

        Assert.Equal(["BMT-2024-", "000915"], lines);
    }

    [Fact]
    public void A_word_with_no_dash_breaks_where_it_must()
    {
        using var metrics = new TextMetrics(ReportFonts.Default);
        var font = metrics.Font(TextWeight.Bold, 10);

        var lines = metrics.Wrap("30000000000000000", TextWeight.Bold, 10, 30);

        Assert.Equal("30000000000000000", string.Concat(lines));
        Assert.All(lines, l => Assert.True(font.MeasureText(l) <= 30, $"'{l}' is wider than 30"));
    }
}
