using System.Security.Claims;
using HotlineIoc.Infrastructure.Cases;
using HotlineIoc.Infrastructure.Identity;

namespace HotlineIoc.Infrastructure.Overdue;

/// <summary>Refused by the overdue board's own rules, whatever the page or endpoint in front of it allowed.</summary>
public sealed class OverdueAccessException(string message) : UnauthorizedAccessException(message);

/// <summary>
/// Which cases of the overdue board a person may see: a department head only their own agency's, the Leader,
/// the Secretary and Operators every agency's. Decided here from the signed-in principal, not by what a page hides,
/// so a crafted address or export link cannot widen it.
/// </summary>
public sealed class OverdueScope
{
    /// <summary>Who gets the board and its exports.</summary>
    public const string Viewers = HotlineRoles.Leader + "," + HotlineRoles.Secretary + "," + HotlineRoles.Operator + "," + HotlineRoles.DepartmentHead;

    private OverdueScope(string? agency) => Agency = agency;

    /// <summary>The one agency this person sees, or null for all of them.</summary>
    public string? Agency { get; }

    /// <summary>The scope of <paramref name="user"/>; refused for anyone who is not a viewer, and for a department head without an agency.</summary>
    public static OverdueScope Of(ClaimsPrincipal? user)
    {
        if (user?.Identity?.IsAuthenticated != true)
        {
            throw new OverdueAccessException("The overdue board needs a signed-in person.");
        }

        if (user.IsInRole(HotlineRoles.Leader) || user.IsInRole(HotlineRoles.Secretary) || user.IsInRole(HotlineRoles.Operator))
        {
            return new OverdueScope(null);
        }

        if (user.IsInRole(HotlineRoles.DepartmentHead))
        {
            var agency = user.FindFirst(HotlineRoles.AgencyClaim)?.Value;
            return string.IsNullOrWhiteSpace(agency)
                ? throw new OverdueAccessException($"Department head {user.Identity.Name} belongs to no agency.")
                : new OverdueScope(agency);
        }

        throw new OverdueAccessException($"{user.Identity.Name} may not see the overdue board.");
    }

    /// <summary>Who may send reminders: the one rule of <see cref="CaseActionPolicy"/>.</summary>
    public static bool MayRemind(ClaimsPrincipal? user) => CaseActionPolicy.RoleAllows(user, CaseAction.SendReminder);

    /// <summary>The filter as this scope allows it: a department head's agency replaces whatever agency was asked for.</summary>
    public OverdueFilter Restrict(OverdueFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return Agency is null ? filter : filter with { Agency = Agency };
    }
}
