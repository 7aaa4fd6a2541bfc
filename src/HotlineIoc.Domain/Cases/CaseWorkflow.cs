namespace HotlineIoc.Domain.Cases;

/// <summary>The status machine of BRIEF.md. Every status change of a case goes through <see cref="EnsureAllowed"/>.</summary>
public static class CaseWorkflow
{
    private static readonly Dictionary<CaseStatus, CaseStatus[]> Allowed = new()
    {
        [CaseStatus.Received] = [CaseStatus.Forwarded, CaseStatus.Rejected, CaseStatus.Duplicate],
        [CaseStatus.Forwarded] = [CaseStatus.InProgress, CaseStatus.Resolved, CaseStatus.Returned],
        [CaseStatus.InProgress] = [CaseStatus.Resolved, CaseStatus.Returned],
        [CaseStatus.Returned] = [CaseStatus.Forwarded, CaseStatus.Rejected, CaseStatus.Duplicate],
        [CaseStatus.Resolved] = [CaseStatus.Closed],
        // A dissatisfied citizen may re-open a closed case once; the case goes back to the agency.
        [CaseStatus.Closed] = [CaseStatus.InProgress],
        [CaseStatus.Rejected] = [],
        [CaseStatus.Duplicate] = [],
    };

    public static bool IsAllowed(CaseStatus from, CaseStatus to) => Allowed[from].Contains(to);

    public static IReadOnlyList<CaseStatus> Next(CaseStatus from) => Allowed[from];

    public static void EnsureAllowed(string caseCode, CaseStatus from, CaseStatus to)
    {
        if (!IsAllowed(from, to))
        {
            var allowed = Allowed[from].Length == 0
                ? "no further change is allowed"
                : "allowed next: " + string.Join(", ", Allowed[from].Select(s => s.ToWire()));
            throw new InvalidCaseTransitionException(caseCode, from, to,
                $"Case {caseCode} cannot go from '{from.ToWire()}' to '{to.ToWire()}'; {allowed}.");
        }
    }
}

public sealed class InvalidCaseTransitionException(string caseCode, CaseStatus from, CaseStatus to, string message)
    : DomainException(message)
{
    public string CaseCode { get; } = caseCode;

    public CaseStatus From { get; } = from;

    public CaseStatus To { get; } = to;
}
