using System.Globalization;
using System.Text;
using HotlineIoc.Infrastructure.CaseCsv;
using HotlineIoc.Infrastructure.Live;
using HotlineIoc.Infrastructure.Persistence;
using HotlineIoc.Infrastructure.Seeding;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace HotlineIoc.Cli.Commands;

/// <summary><c>import FILE.csv [--rejects FILE] [--batch-size N]</c>: bulk import with a progress bar and a reject report.</summary>
public static class ImportCommand
{
    public static async Task<int> RunAsync(CommandLine line, CommandContext context)
    {
        line.ExpectPositionals(1, "the CSV file to import");
        var path = Path.GetFullPath(line.Positionals[0]);
        if (!File.Exists(path))
        {
            throw new CaseImportException($"{line.Positionals[0]} does not exist.");
        }

        var rejectsPath = line.Option("rejects") ?? Path.ChangeExtension(path, ".rejects.csv");
        // Unset, the importer chooses: larger transactions for a first load into an empty database.
        int? batchSize = null;
        if (line.Option("batch-size") is { } batchText)
        {
            if (!int.TryParse(batchText, NumberStyles.None, CultureInfo.InvariantCulture, out var size) || size < 1)
            {
                throw new UsageException($"--batch-size '{batchText}' is not a positive whole number.");
            }

            batchSize = size;
        }

        await context.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync(context.SeedFolder, demo: false, context.CancellationToken);

        var importer = new CaseImporter(context.Contexts) { BatchSize = batchSize };
        ImportReport? report = null;
        var temporary = rejectsPath + ".partial";
        try
        {
            await using (var rejects = new StreamWriter(temporary, false, new UTF8Encoding(false)))
            {
                await context.Console.Progress()
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                    .StartAsync(async progress =>
                    {
                        var task = progress.AddTask($"Importing {Path.GetFileName(path)}", maxValue: Math.Max(1, new FileInfo(path).Length));
                        report = await importer.ImportAsync(path, "import:" + Environment.UserName, rejects,
                            new Progress<ImportProgress>(p => task.Value = p.BytesRead), context.CancellationToken);
                        task.Value = task.MaxValue;
                    });
            }

            if (report!.RejectedCount > 0)
            {
                File.Move(temporary, rejectsPath, overwrite: true);
            }
        }
        finally
        {
            File.Delete(temporary);
        }

        if (report.Imported > 0)
        {
            // Open dashboards run in another process; this note tells them to reload their live figures.
            await using var db = await context.Contexts.CreateDbContextAsync(context.CancellationToken);
            await LiveSignal.AnnounceAsync(db, LiveSignal.CasesImported, report.Imported, DateTime.UtcNow, context.CancellationToken);
        }

        context.Console.MarkupLineInterpolated(
            $"{report.RowsRead} rows read: {report.Imported} imported, {report.AlreadyPresent} already present, {report.RejectedCount} rejected.");
        if (report.RejectedCount == 0)
        {
            return CliApp.Ok;
        }

        foreach (var row in report.FirstRejected.Take(10))
        {
            context.Console.MarkupLineInterpolated($"  line {row.Line}, {row.Column}: {row.Reason}");
        }

        context.Console.MarkupLineInterpolated($"Reject report: {rejectsPath}");
        return CliApp.Failed;
    }
}
