using HotlineIoc.Infrastructure.Identity;
using HotlineIoc.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace HotlineIoc.Web.Security;

/// <summary>
/// Creates the roles, and in demo mode one account per role plus one department head per agency, all with <c>Demo:Password</c>.
/// Existing accounts are left alone, so a changed password survives a restart.
/// </summary>
public static class DemoAccounts
{
    public static readonly IReadOnlyList<(string UserName, string Role, string DisplayName)> People =
    [
        ("lanhdao", HotlineRoles.Leader, "Lãnh đạo UBND thành phố"),
        ("thuky", HotlineRoles.Secretary, "Thư ký Tổ điều hành"),
        ("dieuhanh", HotlineRoles.Operator, "Điều hành viên"),
        ("quantri", HotlineRoles.Admin, "Quản trị hệ thống"),
    ];

    /// <summary>A department head's user name: <c>truong.</c> and the agency code in lower case, e.g. <c>truong.ca</c>.</summary>
    public static string HeadUserName(string agencyCode) => "truong." + agencyCode.ToLowerInvariant();

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

    public static async Task<int> EnsureAsync(IServiceProvider services, string password, CancellationToken cancellationToken)
    {
        using var scope = services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<HotlineUser>>();
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

            var user = new HotlineUser { UserName = userName, DisplayName = displayName, AgencyCode = agency, EmailConfirmed = true };
            Check(await users.CreateAsync(user, password), userName);
            Check(await users.AddToRoleAsync(user, role), userName);
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
