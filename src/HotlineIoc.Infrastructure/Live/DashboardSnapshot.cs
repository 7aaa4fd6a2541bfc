namespace HotlineIoc.Infrastructure.Live;

/// <summary>One count per code (field, unit, channel or agency).</summary>
public sealed record CodeCount(string Code, int Count);

/// <summary>Open and overdue cases of one ward or commune, for the map; for a period's map, the cases received in it.</summary>
public sealed record UnitLoad(string UnitCode, int Open, int Overdue, int Received = 0);

/// <summary>Where an open case is, for the map: its location and whether it is overdue, nothing else.</summary>
public sealed record CasePoint(double Latitude, double Longitude, bool Overdue);

/// <summary>Received and resolved on one local day, for the trend.</summary>
public sealed record DayCount(DateOnly Date, int Received, int Resolved);

/// <summary>A line of the live case stream: codes only, never reporter data.</summary>
public sealed record StreamItem(string Code, string FieldCode, string UnitCode, string ChannelCode, string Status, DateTime ReceivedAt, DateTime ChangedAt, bool Overdue);

/// <summary>The whole live picture at one instant, immutable, shared by every open dashboard.</summary>
public sealed record DashboardSnapshot(
    DateTime AtUtc,
    DateOnly Today,
    int ReceivedToday,
    int ReceivedThisWeek,
    int ReceivedThisYear,
    int Open,
    int Overdue,
    int DueWithinOneWorkingDay,
    double ResolutionRateThisYear,
    double OnTimeRateThisYear,
    IReadOnlyList<StreamItem> Stream,
    IReadOnlyList<UnitLoad> ByUnit,
    IReadOnlyList<CodeCount> ByField,
    IReadOnlyList<CodeCount> ByChannel,
    IReadOnlyList<CodeCount> OverdueByAgency,
    IReadOnlyList<DayCount> Trend)
{
    public long Version { get; init; }

    /// <summary>The next instant an open case falls due, when the overdue figures change with no event; null when none is pending.</summary>
    public DateTime? NextDeadlineAt { get; init; }

    /// <summary>The open cases that carry a location.</summary>
    public IReadOnlyList<CasePoint> Points { get; init; } = [];
}
