namespace HotlineIoc.Infrastructure.Reports;

/// <summary>
/// One generated report kept as the exact PDF that was sent, so a re-download gives the same bytes.
/// At most one per period and scope: the schedule never archives the same report twice.
/// </summary>
public sealed class ReportArchive
{
    /// <summary>What <see cref="CreatedBy"/> holds for reports the schedule made.</summary>
    public const string Schedule = "schedule";

    public int Id { get; set; }

    /// <summary>The period's machine form: 2024, 2024-Q3, 2024-07, 2024-W05 or a range.</summary>
    public string PeriodKey { get; set; } = "";

    /// <summary>Year, Quarter, Month, Week or Custom.</summary>
    public string PeriodKind { get; set; } = "";

    /// <summary>City, Agency, Unit or Field.</summary>
    public string ScopeKind { get; set; } = "";

    /// <summary>The agency, unit or field code; empty for the city.</summary>
    public string ScopeCode { get; set; } = "";

    public DateOnly From { get; set; }

    public DateOnly To { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    /// <summary><see cref="Schedule"/>, or the user name of the person who saved it.</summary>
    public string CreatedBy { get; set; } = "";

    public string FileName { get; set; } = "";

    public byte[] Pdf { get; set; } = [];

    /// <summary>SHA-256 of <see cref="Pdf"/>, upper-case hex.</summary>
    public string Sha256 { get; set; } = "";

    public int SizeBytes { get; set; }
}
