using System.Security.Claims;
using HotlineIoc.Domain.Cases;
using HotlineIoc.Infrastructure.Identity;

namespace HotlineIoc.Infrastructure.Cases;

/// <summary>What a person can do to a case.</summary>
public enum CaseAction
{
    Forward,
    Reject,
    Merge,
    AddNote,
    StartWork,
    AddProgressNote,
    Return,
    ReportResult,
    RequestExtension,
    ApproveExtension,
    RefuseExtension,
    RecordCitizenResponse,
    Reopen,
    SendReminder,
}

/// <summary>
/// Who may take which step, in one table: the hotline team triages and talks to citizens, the agency that holds a case works
/// it, the Secretary decides extensions, and the leadership (and the Secretary) chase. The status machine then decides
/// whether the step fits the case's status.
/// </summary>
public static class CaseActionPolicy
{
    private static readonly Dictionary<CaseAction, string[]> Roles = new()
    {
        [CaseAction.Forward] = [HotlineRoles.Operator, HotlineRoles.Secretary],
        [CaseAction.Reject] = [HotlineRoles.Operator, HotlineRoles.Secretary],
        [CaseAction.Merge] = [HotlineRoles.Operator, HotlineRoles.Secretary],
        [CaseAction.AddNote] = [HotlineRoles.Operator, HotlineRoles.Secretary],
        [CaseAction.StartWork] = [HotlineRoles.DepartmentHead],
        [CaseAction.AddProgressNote] = [HotlineRoles.DepartmentHead],
        [CaseAction.Return] = [HotlineRoles.DepartmentHead],
        [CaseAction.ReportResult] = [HotlineRoles.DepartmentHead],
        [CaseAction.RequestExtension] = [HotlineRoles.DepartmentHead],
        [CaseAction.ApproveExtension] = [HotlineRoles.Secretary],
        [CaseAction.RefuseExtension] = [HotlineRoles.Secretary],
        [CaseAction.RecordCitizenResponse] = [HotlineRoles.Operator, HotlineRoles.Secretary],
        [CaseAction.Reopen] = [HotlineRoles.Operator, HotlineRoles.Secretary],
        [CaseAction.SendReminder] = [HotlineRoles.Leader, HotlineRoles.Secretary],
    };

    /// <summary>Steps the agency takes: only a head of the agency that holds the case.</summary>
    private static readonly HashSet<CaseAction> AgencySteps =
        [CaseAction.StartWork, CaseAction.AddProgressNote, CaseAction.Return, CaseAction.ReportResult, CaseAction.RequestExtension];

    public static string? AgencyOf(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.FindFirst(HotlineRoles.AgencyClaim)?.Value is { Length: > 0 } agency ? agency : null;
    }

    /// <summary>Whether the person's role allows the step on some case, before a case is at hand (to show or hide a button).</summary>
    public static bool RoleAllows(ClaimsPrincipal? user, CaseAction action) =>
        user?.Identity?.IsAuthenticated == true && Roles[action].Any(user.IsInRole);

    /// <summary>Whether the person's role allows the step on this case (the status is checked by the case itself).</summary>
    public static bool Allows(ClaimsPrincipal user, CaseAction action, Case item)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(item);
        if (user.Identity?.IsAuthenticated != true || !Roles[action].Any(user.IsInRole))
        {
            return false;
        }

        return !AgencySteps.Contains(action)
            || (item.AgencyCode is { } holder && string.Equals(holder, AgencyOf(user), StringComparison.Ordinal));
    }

    /// <summary>Whether the person may see the case at all: everyone on the team; a department head only their agency's cases.</summary>
    public static bool MayView(ClaimsPrincipal user, Case item)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(item);
        if (user.Identity?.IsAuthenticated != true)
        {
            return false;
        }

        if (user.IsInRole(HotlineRoles.Leader) || user.IsInRole(HotlineRoles.Secretary) || user.IsInRole(HotlineRoles.Operator) || user.IsInRole(HotlineRoles.Admin))
        {
            return true;
        }

        // A department head sees the cases their agency holds now; a returned case goes back to the hotline team.
        return user.IsInRole(HotlineRoles.DepartmentHead) && AgencyOf(user) is { } agency
            && string.Equals(item.AgencyCode, agency, StringComparison.Ordinal);
    }

    /// <summary>The steps the person can take now: role and agency allow them and the status machine accepts them.</summary>
    public static IReadOnlyList<CaseAction> Available(ClaimsPrincipal user, Case item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return [.. Enum.GetValues<CaseAction>().Where(a => Allows(user, a, item) && FitsStatus(a, item))];
    }

    private static bool FitsStatus(CaseAction action, Case item) => action switch
    {
        CaseAction.Forward => CaseWorkflow.IsAllowed(item.Status, CaseStatus.Forwarded),
        CaseAction.Reject => CaseWorkflow.IsAllowed(item.Status, CaseStatus.Rejected),
        CaseAction.Merge => CaseWorkflow.IsAllowed(item.Status, CaseStatus.Duplicate),
        CaseAction.AddNote => true,
        CaseAction.StartWork => item.Status == CaseStatus.Forwarded,
        CaseAction.AddProgressNote => item.Status is CaseStatus.Forwarded or CaseStatus.InProgress,
        CaseAction.Return => CaseWorkflow.IsAllowed(item.Status, CaseStatus.Returned),
        CaseAction.ReportResult => CaseWorkflow.IsAllowed(item.Status, CaseStatus.Resolved),
        CaseAction.RequestExtension => item.Status is CaseStatus.Forwarded or CaseStatus.InProgress && item.ExtensionRequestedDueAt is null,
        CaseAction.ApproveExtension or CaseAction.RefuseExtension => item.ExtensionRequestedDueAt is not null,
        CaseAction.RecordCitizenResponse => item.Status == CaseStatus.Resolved,
        CaseAction.Reopen => item.Status == CaseStatus.Closed && item.ReopenCount == 0 && item.CitizenSatisfied != true,
        CaseAction.SendReminder => item.Status is CaseStatus.Forwarded or CaseStatus.InProgress && item.AgencyCode is not null,
        _ => false,
    };
}

/// <summary>A step the person's role or agency does not allow; the message says which and why.</summary>
public sealed class CaseActionRefusedException(string message) : Exception(message);
