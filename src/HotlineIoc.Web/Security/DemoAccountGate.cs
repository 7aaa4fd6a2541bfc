using System.Collections.Frozen;
using System.Security.Claims;
using HotlineIoc.Infrastructure.Identity;
using HotlineIoc.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace HotlineIoc.Web.Security;

/// <summary>
/// While demo mode is off, the accounts demo mode made (<see cref="DemoAccountMark"/>) can neither sign in nor keep a
/// session they already have; nothing is deleted. Their ids are read once at start-up: with demo mode off no new ones
/// appear, and a session check then costs no query.
/// </summary>
public sealed class DemoAccountGate(DemoMode demo, ILogger<DemoAccountGate> logger)
{
    private FrozenSet<string> _demoUserIds = FrozenSet<string>.Empty;

    public bool DemoEnabled => demo.Enabled;

    /// <summary>How many demo accounts are refused.</summary>
    public int Refused => demo.Enabled ? 0 : _demoUserIds.Count;

    public async Task LoadAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        var contexts = services.GetRequiredService<IDbContextFactory<HotlineDbContext>>();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        _demoUserIds = (await DemoAccountMark.MarkedUserIdsAsync(db, cancellationToken)).ToFrozenSet(StringComparer.Ordinal);
    }

    /// <summary>Whether this account may not sign in now. The stored claims are read too, so no account slips through.</summary>
    public async Task<bool> RefusesAsync(HotlineUser user, UserManager<HotlineUser> users)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(users);
        if (demo.Enabled)
        {
            return false;
        }

        var refused = _demoUserIds.Contains(user.Id) || (await users.GetClaimsAsync(user)).Any(DemoAccountMark.IsMark);
        if (refused)
        {
            logger.LogWarning("Demo account {UserName} was refused: demo mode is off.", user.UserName);
        }

        return refused;
    }

    /// <summary>Whether a signed-in person's session belongs to a demo account and must end now.</summary>
    public bool Refuses(ClaimsPrincipal? principal) =>
        !demo.Enabled && principal is not null
        && (DemoAccountMark.IsMarked(principal) || principal.FindFirstValue(ClaimTypes.NameIdentifier) is { } id && _demoUserIds.Contains(id));

    /// <summary>
    /// Checks every request's sign-in cookie before Identity's own (security stamp) check, so a session a demo account
    /// opened while demo mode was on stops at the first request after demo mode is off.
    /// </summary>
    public static void GuardCookie(CookieAuthenticationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var identityCheck = options.Events.OnValidatePrincipal;
        options.Events.OnValidatePrincipal = async context =>
        {
            var gate = context.HttpContext.RequestServices.GetRequiredService<DemoAccountGate>();
            if (gate.Refuses(context.Principal))
            {
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                return;
            }

            await identityCheck(context);
        };
    }
}

/// <summary>Identity's sign-in, except that a demo account may not sign in while demo mode is off (it gets "not allowed").</summary>
public sealed class DemoAwareSignInManager(
    UserManager<HotlineUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<HotlineUser> claimsFactory,
    Microsoft.Extensions.Options.IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<HotlineUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<HotlineUser> confirmation,
    DemoAccountGate gate)
    : SignInManager<HotlineUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(HotlineUser user) =>
        !await gate.RefusesAsync(user, UserManager) && await base.CanSignInAsync(user);
}
