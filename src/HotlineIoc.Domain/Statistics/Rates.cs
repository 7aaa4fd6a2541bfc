namespace HotlineIoc.Domain.Statistics;

/// <summary>
/// The rates of BRIEF.md, as fractions from 0 to 1.
/// Resolution rate = resolved or closed ÷ received, without rejected and duplicate cases.
/// On-time rate = resolved by the due instant ÷ resolved.
/// </summary>
public static class Rates
{
    public static double ResolutionRate(int received, int rejectedOrDuplicate, int resolved)
    {
        var counted = received - rejectedOrDuplicate;
        return counted <= 0 ? 0 : (double)resolved / counted;
    }

    public static double OnTimeRate(int resolved, int resolvedOnTime) =>
        resolved <= 0 ? 0 : (double)resolvedOnTime / resolved;
}
