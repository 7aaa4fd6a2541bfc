using HotlineIoc.Domain.Cases;

namespace HotlineIoc.Domain.Statistics;

/// <summary>
/// The counts every figure is made of, summed by <see cref="CaseOutcome"/>, and the rates of <see cref="Rates"/> over them:
/// the dashboard, <c>/api/stats</c> and the reports all tally with this.
/// </summary>
public sealed class OutcomeCounts
{
    /// <summary>Received in the period, rejected and duplicate cases included.</summary>
    public int Received { get; private set; }

    /// <summary>Rejected or duplicate.</summary>
    public int Excluded { get; private set; }

    /// <summary>With a result (resolved or closed).</summary>
    public int Resolved { get; private set; }

    public int OnTime { get; private set; }

    /// <summary>Still without a result, overdue or not.</summary>
    public int Open { get; private set; }

    public int Overdue { get; private set; }

    public double ResolutionRate => Rates.ResolutionRate(Received, Excluded, Resolved);

    public double OnTimeRate => Rates.OnTimeRate(Resolved, OnTime);

    /// <summary>Adds (or, with a negative count, takes away) <paramref name="count"/> cases of one outcome.</summary>
    public void Add(CaseOutcome outcome, int count)
    {
        Received += count;
        switch (outcome)
        {
            case CaseOutcome.Excluded:
                Excluded += count;
                break;
            case CaseOutcome.ResolvedOnTime:
                Resolved += count;
                OnTime += count;
                break;
            case CaseOutcome.ResolvedLate:
                Resolved += count;
                break;
            case CaseOutcome.Overdue:
                Open += count;
                Overdue += count;
                break;
            default:
                Open += count;
                break;
        }
    }

    public void Add(OutcomeCounts other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Received += other.Received;
        Excluded += other.Excluded;
        Resolved += other.Resolved;
        OnTime += other.OnTime;
        Open += other.Open;
        Overdue += other.Overdue;
    }
}
