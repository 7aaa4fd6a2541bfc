namespace HotlineIoc.Domain.Cases;

/// <summary>Merging a report into the case it repeats: the copy becomes a duplicate, its reporter joins the original.</summary>
public static class CaseMerge
{
    public static void Merge(Case copy, Case original, DateTime atUtc, string actor)
    {
        ArgumentNullException.ThrowIfNull(copy);
        ArgumentNullException.ThrowIfNull(original);
        if (original.Status.IsExcludedFromRates())
        {
            throw new DomainException($"Case {copy.Code} cannot be merged into {original.Code}, which is '{original.Status.ToWire()}'.");
        }

        // Both steps are checked before either changes: the copy's transition first, since it is the one most often refused.
        CaseWorkflow.EnsureAllowed(copy.Code, copy.Status, CaseStatus.Duplicate);
        copy.MarkDuplicateOf(original.Code, atUtc, actor);
        if (!copy.Reporter.IsAnonymous)
        {
            original.LinkReporter(copy.Reporter, atUtc, actor, copy.Code);
        }
    }
}
