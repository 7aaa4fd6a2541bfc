using HotlineIoc.Infrastructure.CaseCsv;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace HotlineIoc.Cli.Commands;

/// <summary><c>export --from DATE --to DATE --out FILE.csv</c>: cases received in the period, local dates inclusive.</summary>
public static class ExportCommand
{
    public static async Task<int> RunAsync(CommandLine line, CommandContext context)
    {
        line.ExpectPositionals(0, "no arguments besides --from, --to and --out");
        var from = line.DateOption("from") ?? throw new UsageException("'export' needs --from DATE.");
        var to = line.DateOption("to") ?? throw new UsageException("'export' needs --to DATE.");
        var output = line.RequiredOption("out");
        if (to < from)
        {
            throw new UsageException($"--to {to:yyyy-MM-dd} is before --from {from:yyyy-MM-dd}.");
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(output));
        if (folder is not null && !Directory.Exists(folder))
        {
            throw new UsageException($"--out: the folder {folder} does not exist.");
        }

        var exporter = context.Services.GetRequiredService<CaseExporter>();
        var count = 0;
        await context.Console.Status().StartAsync("Exporting", async status =>
        {
            count = await exporter.ExportToFileAsync(from, to, output, new Progress<int>(n => status.Status($"Exporting: {n} cases")), context.CancellationToken);
        });
        context.Console.MarkupLineInterpolated($"{count} cases received from {from:yyyy-MM-dd} to {to:yyyy-MM-dd} written to {output}.");
        return CliApp.Ok;
    }
}
