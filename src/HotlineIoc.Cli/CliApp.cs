using HotlineIoc.Infrastructure.CaseCsv;
using HotlineIoc.Infrastructure.Geography;
using HotlineIoc.Infrastructure.Persistence;
using HotlineIoc.Infrastructure.Privacy;
using HotlineIoc.Infrastructure.Seeding;
using HotlineIoc.Cli.Commands;
using HotlineIoc.Reports;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Spectre.Console;

namespace HotlineIoc.Cli;

/// <summary>Parses the command, builds the services from the same settings as the web app, and turns every failure into one line and a non-zero exit.</summary>
public static class CliApp
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int BadUsage = 2;

    private static readonly Dictionary<string, string[]> Commands = new(StringComparer.Ordinal)
    {
        ["migrate"] = [],
        ["seed"] = [],
        ["demo"] = ["until"],
        ["import"] = ["rejects", "batch-size"],
        ["export"] = ["from", "to", "out"],
        ["report"] = ["period", "out", "agency", "unit", "field"],
        ["backup"] = ["out"],
        ["restore"] = [],
        ["user"] = ["role", "agency", "name"],
        ["keys"] = [],
    };

    public static Task<int> RunAsync(string[] args, IAnsiConsole console, TextWriter error, IDictionary<string, string?>? settings = null, CancellationToken cancellationToken = default) =>
        RunAsync(args, console, error, settings, null, cancellationToken);

    /// <summary>Runs one command; <paramref name="input"/> stands for standard input (a password given to <c>user</c>).</summary>
    public static async Task<int> RunAsync(string[] args, IAnsiConsole console, TextWriter error, IDictionary<string, string?>? settings, TextReader? input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(error);
        CommandLine line;
        try
        {
            line = CommandLine.Parse(args, Commands);
        }
        catch (UsageException e)
        {
            await error.WriteLineAsync("error: " + e.Message);
            return BadUsage;
        }

        try
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory, Args = [] });
            if (settings is not null)
            {
                builder.Configuration.AddInMemoryCollection(settings);
            }

            builder.Services.AddSingleton(TimeProvider.System);
            builder.Services.AddHotlineDatabase(DatabaseSettings.FromConfiguration(builder.Configuration), builder.Configuration["Privacy:KeysFolder"], KeyCertificates.FromConfiguration(builder.Configuration));
            builder.Services.AddSingleton<DatabaseInitializer>();
            builder.Services.AddSingleton(sp => UnitBoundaries.Load(
                builder.Configuration["Seed:Path"] is { Length: > 0 } seed ? seed : SeedData.DefaultFolder,
                builder.Configuration[UnitBoundaries.GeoJsonPathKey] is { Length: > 0 } file ? Path.GetFullPath(file) : null,
                builder.Configuration[UnitBoundaries.AttributionKey]));
            builder.Services.AddSingleton<CaseImporter>();
            builder.Services.AddSingleton<CaseExporter>();
            builder.Services.AddIdentityCore<HotlineIoc.Infrastructure.Identity.HotlineUser>(HotlineIoc.Infrastructure.Identity.AccountRules.Configure)
                .AddRoles<Microsoft.AspNetCore.Identity.IdentityRole>()
                .AddEntityFrameworkStores<HotlineDbContext>();
            builder.Services.AddReportGeneration(builder.Configuration);
            using var host = builder.Build();
            var context = new CommandContext(host.Services, builder.Configuration, console, cancellationToken);
            return line.Command switch
            {
                "migrate" => await DatabaseCommands.MigrateAsync(line, context),
                "seed" => await DatabaseCommands.SeedAsync(line, context),
                "demo" => await DatabaseCommands.DemoAsync(line, context),
                "import" => await ImportCommand.RunAsync(line, context),
                "export" => await ExportCommand.RunAsync(line, context),
                "report" => await ReportCommand.RunAsync(line, context),
                "backup" => await BackupCommands.BackupAsync(line, context),
                "restore" => await BackupCommands.RestoreAsync(line, context),
                "user" => await UserCommands.RunAsync(line, context, input ?? Console.In),
                "keys" => KeyCommands.Run(line, context),
                _ => throw new UsageException($"Unknown command '{line.Command}'."),
            };
        }
        catch (UsageException e)
        {
            await error.WriteLineAsync("error: " + e.Message);
            return BadUsage;
        }
        catch (Exception e) when (e is CaseImportException or SeedDataException or BoundaryFileException or HotlineIoc.Infrastructure.Operations.BackupException or IOException or UnauthorizedAccessException or InvalidOperationException or ArgumentException or SqliteException or DbUpdateException)
        {
            await error.WriteLineAsync("error: " + OneLine(e));
            return Failed;
        }
        catch (OperationCanceledException)
        {
            await error.WriteLineAsync("error: cancelled.");
            return Failed;
        }
    }

    private static string OneLine(Exception e)
    {
        var message = e is DbUpdateException { InnerException: { } inner } ? inner.Message : e.Message;
        return message.ReplaceLineEndings(" ").Trim();
    }
}

/// <summary>What every command gets.</summary>
public sealed record CommandContext(IServiceProvider Services, IConfiguration Configuration, IAnsiConsole Console, CancellationToken CancellationToken)
{
    public string SeedFolder => Configuration["Seed:Path"] is { Length: > 0 } path ? path : SeedData.DefaultFolder;

    public IDbContextFactory<HotlineDbContext> Contexts => Services.GetRequiredService<IDbContextFactory<HotlineDbContext>>();
}
