using HotlineIoc.Reports;
using HotlineIoc.Reports.Model;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace HotlineIoc.Cli.Commands;

/// <summary><c>report --period 2024 | 2024-Q3 | 2024-07 | 2024-W05 --out FILE.pdf [--agency CODE | --unit CODE | --field CODE]</c>.</summary>
public static class ReportCommand
{
    public static async Task<int> RunAsync(CommandLine line, CommandContext context)
    {
        line.ExpectPositionals(0, "no arguments besides --period, --out and one of --agency, --unit, --field");
        ReportPeriod period;
        ReportScope scope;
        try
        {
            period = ReportPeriod.Parse(line.RequiredOption("period"));
            scope = ReportRegistration.ScopeOf(line.Option("agency"), line.Option("unit"), line.Option("field"));
        }
        catch (FormatException e)
        {
            throw new UsageException(e.Message);
        }

        var output = line.RequiredOption("out");
        if (!output.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase))
        {
            throw new UsageException($"--out '{output}' must name a .pdf file.");
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(output));
        if (folder is not null && !Directory.Exists(folder))
        {
            throw new UsageException($"--out: the folder {folder} does not exist.");
        }

        var service = context.Services.GetRequiredService<ReportService>();
        GeneratedReport? report = null;
        try
        {
            await context.Console.Status().StartAsync($"Building the report for {period.Key}", async _ =>
            {
                report = await service.GenerateAsync(period, scope, context.CancellationToken);
            });
        }
        catch (ReportScopeException e)
        {
            throw new UsageException(e.Message);
        }

        await File.WriteAllBytesAsync(output, report!.Pdf, context.CancellationToken);
        var s = report.Model.Summary;
        context.Console.MarkupLineInterpolated($"Report {period.Key} ({report.Model.ScopeName}): {s.Received} received, {s.Resolved} resolved; written to {output}.");
        return CliApp.Ok;
    }
}
