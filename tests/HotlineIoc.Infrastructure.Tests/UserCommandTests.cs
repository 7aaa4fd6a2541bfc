using HotlineIoc.Cli;
using HotlineIoc.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;

namespace HotlineIoc.Infrastructure.Tests;

/// <summary><c>hotline user</c>: the accounts of a deployment without demo accounts, passwords from standard input only.</summary>
public sealed class UserCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(int Code, string Output, string Error)> RunAsync(TestDatabase database, string? stdin, params string[] args)
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Interactive = InteractionSupport.No, Ansi = AnsiSupport.No });
        var error = new StringWriter();
        var settings = new Dictionary<string, string?> { ["ConnectionStrings:Hotline"] = database.Settings.ConnectionString };
        var code = await CliApp.RunAsync(args, console, error, settings, new StringReader(stdin ?? ""), Ct);
        return (code, output.ToString(), error.ToString());
    }

    private static async Task<(HotlineUser User, string[] Roles)> AccountAsync(TestDatabase database, string name)
    {
        await using var db = database.Open();
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.UserName == name, Ct);
        var roles = await db.UserRoles.Where(r => r.UserId == user.Id).Join(db.Roles, r => r.RoleId, r => r.Id, (_, role) => role.Name!).ToArrayAsync(Ct);
        return (user, roles);
    }

    private static bool Verifies(HotlineUser user, string password) =>
        new PasswordHasher<HotlineUser>().VerifyHashedPassword(user, user.PasswordHash!, password) != PasswordVerificationResult.Failed;

    [Fact]
    public async Task An_administrator_adds_accounts_with_their_roles_and_changes_a_password()
    {
        await using var database = await TestDatabase.CreateAsync();

        var admin = await RunAsync(database, "Mật-khẩu-quản-trị-2026\n", "user", "add", "Quantri.BMT", "--role", "admin", "--name", "Quản trị hệ thống");
        var head = await RunAsync(database, "Truong-phong-QLDT-1\n", "user", "add", "truong.qldt", "--role", "DepartmentHead", "--agency", "qldt");
        var changed = await RunAsync(database, "Mat-khau-moi-0123\n", "user", "password", "quantri.bmt");

        Assert.True(admin.Code == CliApp.Ok, admin.Error);
        Assert.True(head.Code == CliApp.Ok, head.Error);
        Assert.True(changed.Code == CliApp.Ok, changed.Error);
        var (adminUser, adminRoles) = await AccountAsync(database, "quantri.bmt");
        Assert.Equal([HotlineRoles.Admin], adminRoles);
        Assert.Equal("Quản trị hệ thống", adminUser.DisplayName);
        Assert.True(Verifies(adminUser, "Mat-khau-moi-0123"));
        Assert.False(Verifies(adminUser, "Mật-khẩu-quản-trị-2026"));
        var (headUser, headRoles) = await AccountAsync(database, "truong.qldt");
        Assert.Equal([HotlineRoles.DepartmentHead], headRoles);
        Assert.Equal("QLDT", headUser.AgencyCode);
        Assert.DoesNotContain("khau", admin.Output + changed.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, new[] { "user", "add", "a.b", "--role", "Operator" }, 2, "read from standard input")]
    [InlineData("Long-enough-password1", new[] { "user", "add", "a.b", "--role", "Boss" }, 2, "--role 'Boss' is not one of")]
    [InlineData("Long-enough-password1", new[] { "user", "add", "a.b", "--role", "DepartmentHead" }, 2, "needs --agency")]
    [InlineData("Long-enough-password1", new[] { "user", "add", "a.b", "--role", "DepartmentHead", "--agency", "XYZ" }, 2, "'XYZ' is not an agency")]
    [InlineData("Long-enough-password1", new[] { "user", "add", "a.b", "--role", "Leader", "--agency", "CA" }, 2, "--agency goes only with")]
    [InlineData("short", new[] { "user", "add", "a.b", "--role", "Leader" }, 1, "at least 10 characters")]
    [InlineData("Long-enough-password1", new[] { "user", "remove", "a.b" }, 2, "'user' needs")]
    [InlineData("Long-enough-password1", new[] { "user", "password", "nobody" }, 1, "No account is called 'nobody'")]
    public async Task A_wrong_account_request_is_refused_in_one_line_and_writes_nothing(string? stdin, string[] args, int code, string reason)
    {
        await using var database = await TestDatabase.CreateAsync();

        var result = await RunAsync(database, stdin, args);

        Assert.Equal(code, result.Code);
        Assert.Single(result.Error.TrimEnd().Split('\n'));
        Assert.Contains(reason, result.Error, StringComparison.Ordinal);
        await using var db = database.Open();
        Assert.False(await db.Users.AnyAsync(Ct));
    }

    [Fact]
    public async Task The_same_name_twice_is_refused()
    {
        await using var database = await TestDatabase.CreateAsync();
        await RunAsync(database, "Long-enough-password1", "user", "add", "dieuhanh1", "--role", "Operator");

        var again = await RunAsync(database, "Long-enough-password1", "user", "add", "dieuhanh1", "--role", "Leader");

        Assert.Equal(CliApp.Failed, again.Code);
        Assert.Contains("dieuhanh1", again.Error, StringComparison.Ordinal);
        Assert.Equal([HotlineRoles.Operator], (await AccountAsync(database, "dieuhanh1")).Roles);
    }
}
