using System.Security.Claims;
using HotlineIoc.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace HotlineIoc.Web.Security;

/// <summary>Puts a department head's agency and a person's display name into the sign-in cookie.</summary>
public sealed class AgencyClaimsFactory(UserManager<HotlineUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<HotlineUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(HotlineUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var identity = await base.GenerateClaimsAsync(user);
        if (user.AgencyCode is { Length: > 0 } agency)
        {
            identity.AddClaim(new Claim(HotlineRoles.AgencyClaim, agency));
        }

        identity.AddClaim(new Claim(ClaimTypes.GivenName, user.DisplayName));
        return identity;
    }
}
