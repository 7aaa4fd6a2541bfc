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
    ReportUnits Units,
    IReadOnlyList<ReportBreakdownRow> ByAgency,
    IReadOnlyList<UnitTile> Map,
    ReportEnforcement Enforcement,
    IReadOnlyList<OverdueAgency> OverdueAgencies,
    IReadOnlyList<OverdueCase> OverdueCases,
    IReadOnlyList<TrendPoint> MonthlyTrend,
    IssuingBody IssuingBody)
{
    /// <summary>The breakdown by unit as recorded on the cases (the rows of <see cref="ReportUnits.Recorded"/>).</summary>
    public IReadOnlyList<ReportBreakdownRow> ByUnit => Units.RecordedFigures;

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

/// <summary>
/// The section by unit. Units have life spans (1 Nov 2024: 21 → 19; 1 Jul 2025: 19 → 6), so a case counts first under
/// the unit recorded on it; when the period or the one it is compared with had units that are gone by
/// <see cref="Today"/>, the same cases are also rolled up to today's units, the only grouping two periods share.
/// </summary>
public sealed class ReportUnits(DateOnly today, IReadOnlyList<RecordedUnitRow> recorded, IReadOnlyList<TodayUnitRow> byTodayUnit)
{
    /// <summary>The local day the report was made: the day whose units are "today's".</summary>
    public DateOnly Today { get; } = today;

    /// <summary>Every unit in force at any time in the period (even with no case), then any recorded code the reference data lacks.</summary>
    public IReadOnlyList<RecordedUnitRow> Recorded { get; } = recorded;

    public IReadOnlyList<ReportBreakdownRow> RecordedFigures { get; } = [.. recorded.Select(r => r.Figures)];

    /// <summary>Today's units with this period's and the previous period's cases rolled up into them; empty when no reorganisation lies between.</summary>
    public IReadOnlyList<TodayUnitRow> ByTodayUnit { get; } = byTodayUnit;

    /// <summary>Whether a unit of the period, or of the previous period, is no longer in force today.</summary>
    public bool CrossesReorganisation => ByTodayUnit.Count > 0;
}

/// <summary>
/// A unit as recorded on cases, with its life span and the unit its area belongs to today.
/// <see cref="ReportBreakdownRow.Name"/> of <see cref="Figures"/> is the name with the life span
/// («Tân Lập (đến 30/06/2025)»), since old and new units share names.
/// </summary>
public sealed record RecordedUnitRow(ReportBreakdownRow Figures, string UnitName, DateOnly? ValidFrom, DateOnly? ValidTo, string TodayCode, string TodayName)
{
    public string Code => Figures.Code;

    /// <summary>Whether the unit is itself one of today's (or a code the reference data cannot follow).</summary>
    public bool IsToday => string.Equals(TodayCode, Code, StringComparison.Ordinal);
}

/// <summary>One of today's units: the cases of this period and of the previous one recorded in it or in any unit merged into it.</summary>
public sealed record TodayUnitRow(ReportBreakdownRow Current, ReportBreakdownRow Previous)
{
    public string Code => Current.Code;

    public string Name => Current.Name;
}

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
