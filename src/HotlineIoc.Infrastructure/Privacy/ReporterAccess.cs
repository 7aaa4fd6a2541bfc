namespace HotlineIoc.Infrastructure.Privacy;

/// <summary>One view of unmasked reporter data: who saw which case's reporter, when, and where.</summary>
public sealed class ReporterAccess
{
    private ReporterAccess()
    {
    }

    public ReporterAccess(DateTime atUtc, string userName, string caseCode, string purpose)
    {
        AtUtc = DateTime.SpecifyKind(atUtc, DateTimeKind.Utc);
        UserName = userName;
        CaseCode = caseCode;
        Purpose = purpose;
    }

    public long Id { get; private set; }

    public DateTime AtUtc { get; private set; }

    public string UserName { get; private set; } = "";

    public string CaseCode { get; private set; } = "";

    /// <summary>Where it was seen: <c>case-detail</c>, <c>triage</c>, <c>export</c>…</summary>
    public string Purpose { get; private set; } = "";
}
