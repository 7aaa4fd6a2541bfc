using Microsoft.AspNetCore.Identity;

namespace HotlineIoc.Infrastructure.Identity;

/// <summary>A person who signs in. A department head belongs to one agency.</summary>
public sealed class HotlineUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>The agency whose cases a department head chases; null for everyone else.</summary>
    public string? AgencyCode { get; set; }
}

/// <summary>The roles of the brief. <see cref="Display"/> is not a person: it is a wall display signed in by token.</summary>
public static class HotlineRoles
{
    public const string Leader = "Leader";
    public const string Secretary = "Secretary";
    public const string DepartmentHead = "DepartmentHead";
    public const string Operator = "Operator";
    public const string Admin = "Admin";
    public const string Display = "Display";

    public static readonly IReadOnlyList<string> People = [Leader, Secretary, DepartmentHead, Operator, Admin];

    /// <summary>Everyone who may watch the live dashboard.</summary>
    public const string DashboardViewers = "Leader,Secretary,DepartmentHead,Operator,Admin";

    /// <summary>The claim that ties a department head to an agency.</summary>
    public const string AgencyClaim = "agency";
}
