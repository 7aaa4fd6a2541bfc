using HotlineIoc.Domain.Cases;

namespace HotlineIoc.Domain.Open311;

/// <summary>
/// GeoReport v2 knows two statuses. A case is <c>open</c> while it waits for a result (received, forwarded, in progress,
/// returned) and <c>closed</c> once it has one or left the workflow (resolved, closed, rejected, duplicate).
/// </summary>
public static class Open311Status
{
    public const string Open = "open";
    public const string Closed = "closed";

    private static readonly CaseStatus[] OpenStatuses = [CaseStatus.Received, CaseStatus.Forwarded, CaseStatus.InProgress, CaseStatus.Returned];
    private static readonly CaseStatus[] ClosedStatuses = [CaseStatus.Resolved, CaseStatus.Closed, CaseStatus.Rejected, CaseStatus.Duplicate];

    public static string Of(CaseStatus status) => OpenStatuses.Contains(status) ? Open : Closed;

    /// <summary>The case statuses behind an Open311 status; null for a word that is neither.</summary>
    public static IReadOnlyList<CaseStatus>? CaseStatuses(string open311Status) => open311Status switch
    {
        Open => OpenStatuses,
        Closed => ClosedStatuses,
        _ => null,
    };
}
