namespace HotlineIoc.Reports.Model;

/// <summary>
/// Everything a periodic report says, computed once; the PDF, the on-screen preview and the workbook are drawn from it.
/// Figures stand as at <see cref="AsOfUtc"/>: the end of the period, or the moment of generation while the period runs.
/// </summary>
public sealed record ReportModel(
    ReportPeriod Period,
    ReportScope Scope,
    string ScopeName,
    DateTime GeneratedAtUtc,
    DateTime AsOfUtc,
    ReportSummary Summary,
    ReportSummary PreviousSummary,
    ReportPeriod PreviousPeriod,
    IReadOnlyList<ReportBreakdownRow> ByChannel,
    IReadOnlyList<ReportBreakdownRow> ByField,
    IReadOnlyList<ReportBreakdownRow> ByUnit,
    IReadOnlyList<ReportBreakdownRow> ByAgency,
    IReadOnlyList<UnitTile> Map,
    ReportEnforcement Enforcement,
    IReadOnlyList<OverdueAgency> OverdueAgencies,
    IReadOnlyList<OverdueCase> OverdueCases,
    IReadOnlyList<TrendPoint> MonthlyTrend)
{
    /// <summary>The last local day the figures cover (the end instant itself belongs to the next day).</summary>
    public DateOnly AsOfDate => DateOnly.FromDateTime(AsOfUtc.AddTicks(-1) + HotlineIoc.Domain.Calendar.VietnamTime.Offset);
}

/// <summary>The headline figures of cases received in a period.</summary>
public sealed record ReportSummary(
    int Received,
    int Excluded,
    int Resolved,
    int ResolvedOnTime,
    int Open,
    int Overdue,
    double ResolutionRate,
    double OnTimeRate,
    double AverageHandlingWorkingDays);

/// <summary>One row of a breakdown: cases received in the period with this code.</summary>
public sealed record ReportBreakdownRow(
    string Code,
    string Name,
    int Received,
    int Resolved,
    int ResolvedOnTime,
    int Open,
    int Overdue,
    double ResolutionRate,
    double OnTimeRate);

/// <summary>A unit on the schematic map, with its figures.</summary>
public sealed record UnitTile(string Code, string Name, int Column, int Row, int Received, double ResolutionRate);

/// <summary>Follow-up counted by the day the result was reported (as <c>GET /api/stats</c> does).</summary>
public sealed record ReportEnforcement(int Reminders, int Minutes, int Commitments, int Sanctions, long FinesVnd)
{
    /// <summary>Reminders, minutes and commitments together, as the city publishes them.</summary>
    public int NonMonetary => Reminders + Minutes + Commitments;
}

public sealed record OverdueAgency(string Code, string Name, int OverdueCases, int MaxWorkingDaysLate);

/// <summary>A case still without a result past its due instant at the end of the period. No reporter data, by design.</summary>
public sealed record OverdueCase(string Code, string FieldName, string UnitName, string AgencyCode, string AgencyName, DateOnly ReceivedOn, DateOnly DueOn, int WorkingDaysLate);

/// <summary>One month of the trend (cases received in that month).</summary>
public sealed record TrendPoint(int Year, int Month, int Received, int Resolved, int ResolvedOnTime, double ResolutionRate);
