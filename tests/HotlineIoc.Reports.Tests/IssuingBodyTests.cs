using HotlineIoc.Cli;
using HotlineIoc.Infrastructure.Persistence;
using HotlineIoc.Infrastructure.Tests;
using HotlineIoc.Reports.Model;
using HotlineIoc.Reports.Pdf;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Spectre.Console;

namespace HotlineIoc.Reports.Tests;

/// <summary>
/// The header names the body in force on the report's last day (Reports:IssuingBodies): the city's until 30 June 2025,
/// then, by default, the hotline team alone, or the body a deployment configures.
/// </summary>
public sealed class IssuingBodyTests(UnitReportTests.Data data) : IClassFixture<UnitReportTests.Data>
{
    private const string Team = "TỔ ĐIỀU HÀNH ĐƯỜNG DÂY NÓNG";
    private const string Motto = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
    private const string Slogan = "Độc lập – Tự do – Hạnh phúc";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Scratch => Path.Combine(Path.GetTempPath(), "hotline-tests", "issuing");

    /// <summary>A body for after the city level, as a deployment would configure it.</summary>
    private static readonly Dictionary<string, string?> Ward = new()
    {
        ["Reports:IssuingBodies:0:From"] = "2025-07-01",
        ["Reports:IssuingBodies:0:Parent"] = "UBND PHƯỜNG BUÔN MA THUỘT",
        ["Reports:IssuingBodies:0:Body"] = Team,
        ["Reports:IssuingBodies:0:Recipients:0"] = "Chủ tịch UBND phường Buôn Ma Thuột",
    };

    [Fact]
    public void By_default_the_city_issues_until_30_June_2025_and_the_team_alone_from_1_July()
    {
        Assert.Equal(("UBND THÀNH PHỐ BUÔN MA THUỘT", Team), Lines(IssuingBodies.Default.On(new DateOnly(2025, 6, 30))));
        Assert.Equal(((string?)null, Team), Lines(IssuingBodies.Default.On(new DateOnly(2025, 7, 1))));
        Assert.Same(IssuingBodies.Default.On(new DateOnly(2020, 1, 1)), IssuingBodies.Default.On(new DateOnly(2024, 12, 31)));
    }

    [Fact]
    public async Task A_2024_report_has_the_city_above_the_team()
    {
        var report = await data.GenerateAsync("2024");
        var header = HeaderLines(await LayoutTextAsync(report.Pdf));

        Assert.Equal(["UBND THÀNH PHỐ BUÔN MA THUỘT", Motto], header[0]);
        Assert.Equal([Team, Slogan], header[1]);
        Assert.Equal(["Số: …/BC-ĐDN", "Buôn Ma Thuột, ngày 02 tháng 03 năm 2026"], header[2]);
        Assert.Contains("- Thường trực Thành ủy;", await LayoutTextAsync(report.Pdf), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_2026_report_with_the_default_names_no_parent_body_and_the_team_takes_the_first_line()
    {
        var report = await data.GenerateAsync("2026");
        var text = await LayoutTextAsync(report.Pdf);
        var header = HeaderLines(text);

        Assert.Equal(new IssuingBody(new DateOnly(2025, 7, 1), null, null, Team), report.Model.IssuingBody);
        Assert.DoesNotContain("UBND", text, StringComparison.Ordinal);
        Assert.DoesNotContain("THÀNH PHỐ BUÔN MA THUỘT", text, StringComparison.Ordinal);
        // The team level with the motto, the slogan alone on the second line, then the number and the date as always.
        Assert.Equal([Team, Motto], header[0]);
        Assert.Equal([Slogan], header[1]);
        Assert.Equal(["Số: …/BC-ĐDN", "Buôn Ma Thuột, ngày 02 tháng 03 năm 2026"], header[2]);
        // Nor any recipient of the city's: the report goes to the file only, until a deployment names its recipients.
        Assert.DoesNotContain("Thành ủy", text, StringComparison.Ordinal);
        Assert.Contains("- Lưu: VT, ĐDN.", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_configured_body_heads_the_reports_after_1_July_2025_and_earlier_reports_keep_the_city()
    {
        var bodies = IssuingBodies.FromConfiguration(new ConfigurationBuilder().AddInMemoryCollection(Ward).Build());
        var builder = new ReportBuilder(data.Contexts, new FakeTimeProvider(ReorganisedData.Now), bodies);
        var service = new ReportService(builder, ReportFonts.Default);

        var afterText = await LayoutTextAsync((await service.GenerateAsync(ReportPeriod.Year(2026), ReportScope.City, Ct)).Pdf);
        var beforeText = await LayoutTextAsync((await service.GenerateAsync(ReportPeriod.Year(2024), ReportScope.City, Ct)).Pdf);
        var (after, before) = (HeaderLines(afterText), HeaderLines(beforeText));

        Assert.Equal(["UBND PHƯỜNG BUÔN MA THUỘT", Motto], after[0]);
        Assert.Equal([Team, Slogan], after[1]);
        Assert.Contains("- Chủ tịch UBND phường Buôn Ma Thuột;", afterText, StringComparison.Ordinal);
        Assert.DoesNotContain("Thành ủy", afterText, StringComparison.Ordinal);
        Assert.Equal(["UBND THÀNH PHỐ BUÔN MA THUỘT", Motto], before[0]);
        Assert.Contains("- Thường trực Thành ủy;", beforeText, StringComparison.Ordinal);
        // The second quarter of 2025 ends on 30 June, the last day of the city; the third starts with the ward.
        Assert.Equal("UBND THÀNH PHỐ BUÔN MA THUỘT", (await builder.BuildAsync(ReportPeriod.Parse("2025-Q2"), ReportScope.City, Ct)).IssuingBody.Parent);
        Assert.Equal("UBND PHƯỜNG BUÔN MA THUỘT", (await builder.BuildAsync(ReportPeriod.Parse("2025-Q3"), ReportScope.City, Ct)).IssuingBody.Parent);
    }

    [Fact]
    public async Task The_registered_services_read_the_setting_so_the_schedule_and_the_web_use_it()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Ward).Build();
        var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(new FakeTimeProvider(ReorganisedData.Now))
            .AddHotlineDatabase(data.Settings)
            .AddReportSchedule(configuration);
        await using var provider = services.BuildServiceProvider();

        var model = await provider.GetRequiredService<ReportService>().BuildAsync(ReportPeriod.Year(2026), ReportScope.City, Ct);

        Assert.Equal("UBND PHƯỜNG BUÔN MA THUỘT", model.IssuingBody.Parent);
    }

    [Fact]
    public async Task The_report_command_uses_the_setting()
    {
        var path = data.PathOf($"ward-{Guid.NewGuid():N}.pdf");

        var (code, _, error) = await RunCliAsync(data.Settings, new(Ward), "report", "--period", "2026", "--out", path);

        Assert.True(code == CliApp.Ok, error);
        var header = HeaderLines(await Poppler.RunAsync("pdftotext", "-layout", "-enc", "UTF-8", path, "-"));
        Assert.Equal(["UBND PHƯỜNG BUÔN MA THUỘT", Motto], header[0]);
    }

    [Theory]
    [InlineData("0:From=2025-07-01|0:Body=A|1:From=2026-01-01|1:Body=B", "Reports:IssuingBodies:0 (2025-07-01 to …) and Reports:IssuingBodies:1 (2026-01-01 to …) overlap")]
    [InlineData("0:To=2025-06-30|0:Body=A|1:From=2025-06-30|1:To=2025-12-31|1:Body=B", "Reports:IssuingBodies:0 (… to 2025-06-30) and Reports:IssuingBodies:1 (2025-06-30 to 2025-12-31) overlap")]
    [InlineData("0:From=2025-07-01|0:To=2025-06-30|0:Body=A", "Reports:IssuingBodies:0: To (2025-06-30) is before From (2025-07-01)")]
    [InlineData("0:From=2025-07-01|0:Parent=UBND PHƯỜNG BUÔN MA THUỘT", "Reports:IssuingBodies:0: Body is empty")]
    [InlineData("0:From=2025-07-01|0:Body=A|1:From=2024-01-01|1:To=2024-12-31|1:Body= ", "Reports:IssuingBodies:1: Body is empty")]
    [InlineData("0:From=01/07/2025|0:Body=A", "Reports:IssuingBodies:0:From '01/07/2025' is not a date like 2025-07-01")]
    public async Task Bad_settings_are_refused_at_start_up_naming_the_entry(string settings, string expected)
    {
        var values = settings.Split('|').Select(s => s.Split('=', 2)).ToDictionary(p => "Reports:IssuingBodies:" + p[0], p => (string?)p[1]);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();

        var direct = Assert.Throws<ReportSettingsException>(() => IssuingBodies.FromConfiguration(configuration));
        var registered = Assert.Throws<ReportSettingsException>(() => new ServiceCollection().AddReportGeneration(configuration));
        var (code, _, error) = await RunCliAsync(data.Settings, values, "report", "--period", "2026", "--out", data.PathOf("never.pdf"));

        Assert.Contains(expected, direct.Message, StringComparison.Ordinal);
        Assert.Equal(direct.Message, registered.Message);
        Assert.Equal(CliApp.Failed, code);
        Assert.Equal("error: " + direct.Message, error.TrimEnd());
        Assert.False(File.Exists(data.PathOf("never.pdf")));
    }

    [Fact]
    public void A_single_value_instead_of_a_list_is_refused()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Reports:IssuingBodies"] = Team }).Build();

        var error = Assert.Throws<ReportSettingsException>(() => IssuingBodies.FromConfiguration(configuration));

        Assert.Contains("Reports:IssuingBodies must be a list of { From, To, Parent, Body } entries", error.Message, StringComparison.Ordinal);
    }

    private static (string? Parent, string Body) Lines(IssuingBody body) => (body.Parent, body.Body);

    /// <summary>The first three lines of the first page, each split into its cells (left column, right column).</summary>
    private static List<string[]> HeaderLines(string layoutText) =>
        layoutText.Split('\n')
            .Where(l => l.Trim().Length > 0)
            .Take(3)
            .Select(l => System.Text.RegularExpressions.Regex.Split(l.Trim(), @"\s{2,}"))
            .ToList();

    private static async Task<string> LayoutTextAsync(byte[] pdf)
    {
        var path = Path.Combine(Scratch, Guid.NewGuid().ToString("N") + ".pdf");
        Directory.CreateDirectory(Scratch);
        await File.WriteAllBytesAsync(path, pdf, Ct);
        return await Poppler.RunAsync("pdftotext", "-layout", "-enc", "UTF-8", path, "-");
    }

    private static async Task<(int Code, string Output, string Error)> RunCliAsync(DatabaseSettings database, Dictionary<string, string?> settings, params string[] args)
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Interactive = InteractionSupport.No, Ansi = AnsiSupport.No });
        var error = new StringWriter();
        settings["ConnectionStrings:Hotline"] = database.ConnectionString;
        var code = await CliApp.RunAsync(args, console, error, settings, Ct);
        return (code, output.ToString(), error.ToString());
    }
}
