using System.Security.Claims;
using HotlineIoc.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace HotlineIoc.Infrastructure.Identity;

/// <summary>
/// How a demo account is told from a real one: a claim stored with the user (AspNetUserClaims), so that a database that
/// was once a demo keeps its accounts, and every sign-in and session check can refuse them while demo mode is off.
/// </summary>
public static class DemoAccountMark
{
    public const string ClaimType = "hotline:demo-account";
    public const string ClaimValue = "true";

    /// <summary>Its record in <c>DataUpgrades</c>: the accounts of a demo from before the mark existed are marked once.</summary>
    public const string UpgradeName = "2026-12-mark-demo-accounts";

    /// <summary>The user names demo mode gives the four fixed roles.</summary>
    public static readonly IReadOnlyList<string> FixedUserNames = ["lanhdao", "thuky", "dieuhanh", "quantri"];

    /// <summary>Demo mode names a department head <c>truong.</c> and the agency code.</summary>
    public const string HeadPrefix = "truong.";

    public static Claim Claim => new(ClaimType, ClaimValue);

    public static bool IsMark(Claim claim) =>
        claim is { Type: ClaimType, Value: ClaimValue };

    public static bool IsMarked(ClaimsPrincipal? principal) => principal?.HasClaim(ClaimType, ClaimValue) == true;

    /// <summary>The ids of every marked account.</summary>
    public static async Task<IReadOnlyList<string>> MarkedUserIdsAsync(HotlineDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.UserClaims.AsNoTracking()
            .Where(c => c.ClaimType == ClaimType && c.ClaimValue == ClaimValue)
            .Select(c => c.UserId)
            .Distinct()
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Marks the accounts demo mode made before it marked them. Until then demo mode was the only way an account came to
    /// be, so every account with a demo user name is one; run once per database (a later real account named like one is
    /// left alone). Returns how many were marked.
    /// </summary>
    public static async Task<int> MarkExistingAsync(HotlineDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var fixedNames = FixedUserNames.ToList();
        var demoUsers = await db.Users.AsNoTracking()
            .Where(u => fixedNames.Contains(u.UserName!) || u.UserName!.StartsWith(HeadPrefix))
            .Select(u => u.Id)
            .ToListAsync(cancellationToken);
        var marked = (await MarkedUserIdsAsync(db, cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var toMark = demoUsers.Where(id => !marked.Contains(id)).ToList();
        foreach (var id in toMark)
        {
            db.UserClaims.Add(new IdentityUserClaim<string> { UserId = id, ClaimType = ClaimType, ClaimValue = ClaimValue });
        }

        await db.SaveChangesAsync(cancellationToken);
        return toMark.Count;
    }
}
