namespace HotlineIoc.Web.Components.Dashboard;

/// <summary>What the unit map colours by.</summary>
public enum MapMeasure
{
    /// <summary>Cases still waiting for a result.</summary>
    Open,

    /// <summary>Open cases past their due instant.</summary>
    Overdue,

    /// <summary>Cases received in a period (<see cref="UnitMap.Period"/>).</summary>
    Received,
}
