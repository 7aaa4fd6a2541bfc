using Microsoft.AspNetCore.Identity;

namespace HotlineIoc.Infrastructure.Identity;

/// <summary>The rules of people's accounts, the same for the web app and the command line that creates them.</summary>
public static class AccountRules
{
    public const int PasswordMinLength = 10;

    public static void Configure(IdentityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Password.RequiredLength = PasswordMinLength;
        options.Password.RequireNonAlphanumeric = false;
        options.Lockout.MaxFailedAccessAttempts = 10;
        options.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyz0123456789.-_@";
    }
}
