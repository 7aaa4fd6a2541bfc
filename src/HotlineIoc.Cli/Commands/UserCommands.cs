using HotlineIoc.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace HotlineIoc.Cli.Commands;

/// <summary>
/// <c>user add NAME --role ROLE [--agency CODE] [--name "Display name"]</c> and <c>user password NAME</c>: the people who
/// sign in, for a deployment without demo accounts. The password is read from standard input, never from the command line
/// (where it would stay in the shell's history and the process list).
/// </summary>
public static class UserCommands
{
    public static async Task<int> RunAsync(CommandLine line, CommandContext context, TextReader input)
    {
        if (line.Positionals.Count != 2 || line.Positionals[0] is not ("add" or "password"))
        {
            throw new UsageException("'user' needs 'add NAME --role ROLE' or 'password NAME'.");
        }

        var userName = line.Positionals[1].Trim().ToLowerInvariant();
        var password = (await input.ReadLineAsync(context.CancellationToken))?.Trim();
        if (string.IsNullOrEmpty(password))
        {
            throw new UsageException("the password is read from standard input, e.g. 'read -rs P && echo \"$P\" | hotline user add …'; none was given.");
        }

        await using var scope = context.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<HotlineUser>>();
        await DatabaseCommandsSupport.MigrateAsync(context);
        if (line.Positionals[0] == "password")
        {
            var existing = await users.FindByNameAsync(userName) ?? throw new InvalidOperationException($"No account is called '{userName}'.");
            // Checked against the rules before the old one goes, so a refused password leaves the account as it was.
            foreach (var validator in users.PasswordValidators)
            {
                Check(await validator.ValidateAsync(users, existing, password), userName);
            }

            Check(await users.RemovePasswordAsync(existing), userName);
            Check(await users.AddPasswordAsync(existing, password), userName);
            await users.SetLockoutEndDateAsync(existing, null);
            context.Console.MarkupLineInterpolated($"The password of {userName} was changed.");
            return CliApp.Ok;
        }

        var role = line.RequiredOption("role");
        var known = HotlineRoles.People.FirstOrDefault(r => string.Equals(r, role, StringComparison.OrdinalIgnoreCase))
            ?? throw new UsageException($"--role '{role}' is not one of {string.Join(", ", HotlineRoles.People)}.");
        var agency = line.Option("agency")?.Trim();
        await using var db = await context.Contexts.CreateDbContextAsync(context.CancellationToken);
        if (known == HotlineRoles.DepartmentHead)
        {
            if (agency is null)
            {
                throw new UsageException("a DepartmentHead needs --agency CODE, the agency whose cases they chase.");
            }

            agency = (await db.Agencies.AsNoTracking().Select(a => a.Code).ToListAsync(context.CancellationToken))
                .FirstOrDefault(a => string.Equals(a, agency, StringComparison.OrdinalIgnoreCase))
                ?? throw new UsageException($"--agency '{agency}' is not an agency.");
        }
        else if (agency is not null)
        {
            throw new UsageException("--agency goes only with --role DepartmentHead.");
        }

        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        if (!await roles.RoleExistsAsync(known))
        {
            Check(await roles.CreateAsync(new IdentityRole(known)), known);
        }

        var user = new HotlineUser { UserName = userName, DisplayName = line.Option("name")?.Trim() ?? userName, AgencyCode = agency, EmailConfirmed = true };
        Check(await users.CreateAsync(user, password), userName);
        Check(await users.AddToRoleAsync(user, known), userName);
        context.Console.MarkupLineInterpolated($"Account {userName} created with the role {known}{(agency is null ? "" : $" for the agency {agency}")}.");
        return CliApp.Ok;
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"{what}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }
}

/// <summary>The schema is brought up to date before accounts are written.</summary>
internal static class DatabaseCommandsSupport
{
    public static async Task MigrateAsync(CommandContext context)
    {
        await using var db = await context.Contexts.CreateDbContextAsync(context.CancellationToken);
        await HotlineIoc.Infrastructure.Persistence.DatabaseMigrator.MigrateAsync(db, context.CancellationToken);
    }
}
