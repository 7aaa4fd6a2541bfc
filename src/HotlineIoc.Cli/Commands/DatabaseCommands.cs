using HotlineIoc.Infrastructure.Geography;
using HotlineIoc.Domain.Calendar;
using HotlineIoc.Infrastructure.Demo;
using HotlineIoc.Infrastructure.Live;
using HotlineIoc.Infrastructure.Persistence;
using HotlineIoc.Infrastructure.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace HotlineIoc.Cli.Commands;

/// <summary><c>migrate</c>, <c>seed</c> and <c>demo [--until DATE]</c>.</summary>
public static class DatabaseCommands
{
    public static async Task<int> MigrateAsync(CommandLine line, CommandContext context)
    {
        line.ExpectPositionals(0, "no arguments");
        await using var db = await context.Contexts.CreateDbContextAsync(context.CancellationToken);
        var pending = (await db.Database.GetPendingMigrationsAsync(context.CancellationToken)).ToList();
        await DatabaseMigrator.MigrateAsync(db, context.CancellationToken);
        context.Console.MarkupLineInterpolated($"Schema up to date ({pending.Count} migration(s) applied) on the {db.Database.ProviderName?.Split('.').Last()} database.");
        return CliApp.Ok;
    }

    public static async Task<int> SeedAsync(CommandLine line, CommandContext context)
    {
        line.ExpectPositionals(0, "no arguments");
        var data = SeedData.Load(context.SeedFolder);
        await using var db = await context.Contexts.CreateDbContextAsync(context.CancellationToken);
        await DatabaseMigrator.MigrateAsync(db, context.CancellationToken);
        var result = await ReferenceDataSeeder.SeedAsync(db, data, context.CancellationToken);
        context.Console.MarkupLineInterpolated(
            $"Reference data added: {result.Channels} channels, {result.Fields} fields, {result.Agencies} agencies, {result.Units} units, {result.CalendarDays} calendar days (rows already present were kept; {result.UnitsUpdated} units given an end date or successor).");
        return CliApp.Ok;
    }

    public static async Task<int> DemoAsync(CommandLine line, CommandContext context)
    {
        line.ExpectPositionals(0, "no arguments");
        var clock = context.Services.GetRequiredService<TimeProvider>();
        var now = clock.GetUtcNow().UtcDateTime;
        var until = line.DateOption("until") is { } date
            ? VietnamTime.FromLocal(date, new TimeOnly(23, 59, 59))
            : now;
        if (until > now)
        {
            throw new UsageException($"--until {line.Option("until")} is in the future; demo history ends today at the latest.");
        }

        if (until < VietnamTime.StartOfDayUtc(DemoHistoryGenerator.FirstDay))
        {
            throw new UsageException($"--until must be on or after {DemoHistoryGenerator.FirstDay:yyyy-MM-dd}, when the hotline started.");
        }

        await context.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync(context.SeedFolder, demo: false, context.CancellationToken);
        await using var db = await context.Contexts.CreateDbContextAsync(context.CancellationToken);
        if (await db.Cases.AnyAsync(context.CancellationToken))
        {
            throw new InvalidOperationException("The database already holds cases; demo history is only written into an empty case table.");
        }

        var written = 0;
        await context.Console.Progress().StartAsync(async progress =>
        {
            var task = progress.AddTask("Demo history", maxValue: 1);
            written = await DemoSeeder.SeedAsync(db, until, context.Services.GetRequiredService<UnitBoundaries>(), new Progress<(int Done, int Total)>(p =>
            {
                task.MaxValue = p.Total;
                task.Value = p.Done;
            }), context.CancellationToken);
            task.Value = task.MaxValue;
        });
        await LiveSignal.AnnounceAsync(db, LiveSignal.CasesImported, written, DateTime.UtcNow, context.CancellationToken);
        context.Console.MarkupLineInterpolated($"Demo history written: {written} cases from {DemoHistoryGenerator.FirstDay:yyyy-MM-dd} to {VietnamTime.LocalDate(until):yyyy-MM-dd}.");
        return CliApp.Ok;
    }
}
