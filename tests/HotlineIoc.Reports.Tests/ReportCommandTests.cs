using HotlineIoc.Cli;
using HotlineIoc.Infrastructure.Tests;
using Spectre.Console;

namespace HotlineIoc.Reports.Tests;

/// <summary><c>report</c> as an operator meets it: exit codes, one-line reasons, the PDF written.</summary>
public sealed class ReportCommandTests
{
    private static async Task<(int Code, string Output, string Error)> RunAsync(TestDatabase database, params string[] args)
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Interactive = InteractionSupport.No, Ansi = AnsiSupport.No });
        var error = new StringWriter();
        var settings = new Dictionary<string, string?> { ["ConnectionStrings:Hotline"] = database.Settings.ConnectionString };
        var code = await CliApp.RunAsync(args, console, error, settings, TestContext.Current.CancellationToken);
        return (code, output.ToString(), error.ToString());
    }

    [Theory]
    [InlineData(new[] { "report", "--out", "x.pdf" }, "'report' needs --period")]
    [InlineData(new[] { "report", "--period", "2024-Q5", "--out", "x.pdf" }, "A quarter is Q1 to Q4")]
    [InlineData(new[] { "report", "--period", "last-year", "--out", "x.pdf" }, "is not one of 2024, 2024-Q3")]
    [InlineData(new[] { "report", "--period", "2024" }, "'report' needs --out")]
    [InlineData(new[] { "report", "--period", "2024", "--out", "x.txt" }, "must name a .pdf file")]
    [InlineData(new[] { "report", "--period", "2024", "--out", "x.pdf", "--agency", "CA", "--unit", "tan-loi" }, "at most one of --agency, --unit, --field")]
    [InlineData(new[] { "report", "--period", "2024", "--out", "x.pdf", "--unit", "atlantis" }, "No ward or commune has the code 'atlantis'")]
    [InlineData(new[] { "report", "--period", "2024", "--out", "/no/such/folder/x.pdf" }, "does not exist")]
    public async Task Bad_arguments_exit_2_with_one_line(string[] args, string expected)
    {
        await using var database = await TestDatabase.CreateAsync();
        var (code, _, error) = await RunAsync(database, args);

        Assert.Equal(CliApp.BadUsage, code);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_report_is_written_as_a_pdf_with_the_figures()
    {
        await using var database = await TestDatabase.CreateAsync();
        await KnownData.LoadAsync(database);
        var path = database.PathOf("march.pdf");

        var (code, output, error) = await RunAsync(database, "report", "--period", "2024-03", "--out", path, "--agency", "TNMT");

        Assert.True(code == CliApp.Ok, error);
        Assert.Contains("2 received, 2 resolved", output, StringComparison.Ordinal);
        var text = Poppler.Flat(await Poppler.RunAsync("pdftotext", "-enc", "UTF-8", path, "-"));
        Assert.Contains("Phạm vi: Phòng Tài nguyên và Môi trường", text, StringComparison.Ordinal);
        Assert.Contains("2.000.000 đ", text, StringComparison.Ordinal);
    }
}
