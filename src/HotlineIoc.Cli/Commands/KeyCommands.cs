using HotlineIoc.Infrastructure.Privacy;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace HotlineIoc.Cli.Commands;

/// <summary><c>keys rotate</c>: a new data key for reporter data; every value written before stays readable with its own key.</summary>
public static class KeyCommands
{
    public static int Run(CommandLine line, CommandContext context)
    {
        line.ExpectPositionals(1, "'rotate'");
        if (line.Positionals[0] != "rotate")
        {
            throw new UsageException($"keys {line.Positionals[0]}: the only key command is 'keys rotate'.");
        }

        var protection = context.Services.GetRequiredService<ReporterProtection>();
        var before = protection.CurrentKeyId;
        var after = protection.RotateDataKey();
        context.Console.MarkupLineInterpolated(
            $"New reporter data key {after} (was {before}): new values are encrypted with it, older ones stay readable with theirs. Back up the key folder again; running web nodes read values of the new key at once and encrypt with it within 30 seconds.");
        return CliApp.Ok;
    }
}
