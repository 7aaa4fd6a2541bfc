using HotlineIoc.Infrastructure.Identity;
using HotlineIoc.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace HotlineIoc.Web.Security;

/// <summary>
/// Creates the roles, and in demo mode one account per role plus one department head per agency, all with <c>Demo:Password</c>.
/// Each demo account carries <see cref="DemoAccountMark"/>, so that it is refused whenever demo mode is off.
/// Existing accounts are left alone, so a changed password survives a restart.
/// </summary>
public static class DemoAccounts
{
    public static readonly IReadOnlyList<(string UserName, string Role, string DisplayName)> People =
    [
        (DemoAccountMark.FixedUserNames[0], HotlineRoles.Leader, "Lãnh đạo UBND thành phố"),
        (DemoAccountMark.FixedUserNames[1], HotlineRoles.Secretary, "Thư ký Tổ điều hành"),
        (DemoAccountMark.FixedUserNames[2], HotlineRoles.Operator, "Điều hành viên"),
        (DemoAccountMark.FixedUserNames[3], HotlineRoles.Admin, "Quản trị hệ thống"),
    ];

    /// <summary>A department head's user name: <c>truong.</c> and the agency code in lower case, e.g. <c>truong.ca</c>.</summary>
    public static string HeadUserName(string agencyCode) => DemoAccountMark.HeadPrefix + agencyCode.ToLowerInvariant();

    public static async Task EnsureRolesAsync(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in HotlineRoles.People)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)), role);
            }
        }
    }

    /// <summary>
    /// Creates the accounts that do not exist yet; returns how many. <paramref name="markAsDemo"/> false makes them ordinary
    /// accounts with the same names and roles (tests sign in with them while demo mode is off).
    /// </summary>
    public static async Task<int> EnsureAsync(IServiceProvider services, string password, CancellationToken cancellationToken, bool markAsDemo = true)
    {
        using var scope = services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<HotlineUser>>();
        var identityDb = scope.ServiceProvider.GetRequiredService<HotlineDbContext>(); // the one the user store writes with
        var contexts = scope.ServiceProvider.GetRequiredService<IDbContextFactory<HotlineDbContext>>();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var agencies = await db.Agencies.AsNoTracking().OrderBy(a => a.Code).ToListAsync(cancellationToken);

        var wanted = People.Select(p => (p.UserName, p.Role, p.DisplayName, Agency: (string?)null))
            .Concat(agencies.Select(a => (HeadUserName(a.Code), HotlineRoles.DepartmentHead, "Trưởng " + a.Name, (string?)a.Code)));
        var created = 0;
        foreach (var (userName, role, displayName, agency) in wanted)
        {
            if (await users.FindByNameAsync(userName) is not null)
            {
                continue;
            }

            // One transaction for the account, its role and its mark: a demo account never exists unmarked.
            await using var transaction = await identityDb.Database.BeginTransactionAsync(cancellationToken);
            var user = new HotlineUser { UserName = userName, DisplayName = displayName, AgencyCode = agency, EmailConfirmed = true };
            Check(await users.CreateAsync(user, password), userName);
            Check(await users.AddToRoleAsync(user, role), userName);
            if (markAsDemo)
            {
                Check(await users.AddClaimAsync(user, DemoAccountMark.Claim), userName);
            }

            await transaction.CommitAsync(cancellationToken);
            created++;
        }

        return created;
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not create {what}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }
}
