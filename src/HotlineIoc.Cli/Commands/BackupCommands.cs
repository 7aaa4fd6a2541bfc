using HotlineIoc.Infrastructure.Operations;
using HotlineIoc.Infrastructure.Persistence;
using HotlineIoc.Infrastructure.Privacy;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace HotlineIoc.Cli.Commands;

/// <summary><c>backup --out FILE</c> and <c>restore FILE</c> of the SQLite database.</summary>
public static class BackupCommands
{
    public static async Task<int> BackupAsync(CommandLine line, CommandContext context)
    {
        line.ExpectPositionals(0, "no arguments besides --out");
        var output = line.RequiredOption("out");
        var result = await SqliteBackup.BackupAsync(
            context.Services.GetRequiredService<DatabaseSettings>(), context.Services.GetRequiredService<ReporterKeyFolder>(), output, context.CancellationToken);
        context.Console.MarkupLineInterpolated(
            $"Backup written to {result.File} ({result.Bytes / 1024:N0} KB, {result.Cases:N0} cases), integrity check ok. Keep the keys folder {result.KeysFolder} with it: the reporter data cannot be read without those keys.");
        return CliApp.Ok;
    }

    public static async Task<int> RestoreAsync(CommandLine line, CommandContext context)
    {
        line.ExpectPositionals(1, "the backup file to restore");
        var file = line.Positionals[0];
        var result = await SqliteBackup.RestoreAsync(
            context.Services.GetRequiredService<DatabaseSettings>(), context.Services.GetRequiredService<ReporterKeyFolder>(), file, context.CancellationToken);
        // A backup from an older version is brought up to this version's schema.
        await using (var db = await context.Contexts.CreateDbContextAsync(context.CancellationToken))
        {
            await DatabaseMigrator.MigrateAsync(db, context.CancellationToken);
        }

        context.Console.MarkupLineInterpolated(
            $"Restored {result.Cases:N0} cases into {result.File}. The reporter data is read with the keys in {result.KeysFolder}: restore that folder from the same backup if it is not the one the backup was made with.");
        return CliApp.Ok;
    }
}
