using HotlineIoc.Domain.Cases;

namespace HotlineIoc.Domain.Tests;

public class CaseWorkflowTests
{
    /// <summary>The status machine of BRIEF.md, written out by hand so the code's table is pinned.</summary>
    private static readonly HashSet<(CaseStatus From, CaseStatus To)> Expected =
    [
        (CaseStatus.Received, CaseStatus.Forwarded),
        (CaseStatus.Received, CaseStatus.Rejected),
        (CaseStatus.Received, CaseStatus.Duplicate),
        (CaseStatus.Forwarded, CaseStatus.InProgress),
        (CaseStatus.Forwarded, CaseStatus.Resolved),
        (CaseStatus.Forwarded, CaseStatus.Returned),
        (CaseStatus.InProgress, CaseStatus.Resolved),
        (CaseStatus.InProgress, CaseStatus.Returned),
        (CaseStatus.Returned, CaseStatus.Forwarded),
        (CaseStatus.Returned, CaseStatus.Rejected),
        (CaseStatus.Returned, CaseStatus.Duplicate),
        (CaseStatus.Resolved, CaseStatus.Closed),
        (CaseStatus.Closed, CaseStatus.InProgress), // re-open, once
    ];

    public static TheoryData<CaseStatus, CaseStatus> AllPairs()
    {
        var data = new TheoryData<CaseStatus, CaseStatus>();
        foreach (var from in Enum.GetValues<CaseStatus>())
        {
            foreach (var to in Enum.GetValues<CaseStatus>())
            {
                data.Add(from, to);
            }
        }

        return data;
    }

    [Fact]
    public void There_are_eight_statuses() => Assert.Equal(8, Enum.GetValues<CaseStatus>().Length);

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void Transition_is_allowed_exactly_when_the_brief_allows_it(CaseStatus from, CaseStatus to) =>
        Assert.Equal(Expected.Contains((from, to)), CaseWorkflow.IsAllowed(from, to));

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void Ensuring_a_transition_passes_when_allowed_and_otherwise_names_both_statuses(CaseStatus from, CaseStatus to)
    {
        if (CaseWorkflow.IsAllowed(from, to))
        {
            CaseWorkflow.EnsureAllowed("BMT-2024-000001", from, to);
            return;
        }

        var ex = Assert.Throws<InvalidCaseTransitionException>(() => CaseWorkflow.EnsureAllowed("BMT-2024-000001", from, to));

        Assert.Contains($"'{from.ToWire()}' to '{to.ToWire()}'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("BMT-2024-000001", ex.Message, StringComparison.Ordinal);
        Assert.Equal(from, ex.From);
        Assert.Equal(to, ex.To);
        Assert.Equal("BMT-2024-000001", ex.CaseCode);
    }

    [Theory]
    [InlineData(CaseStatus.Rejected)]
    [InlineData(CaseStatus.Duplicate)]
    public void Rejected_and_duplicate_cases_are_terminal(CaseStatus status) => Assert.Empty(CaseWorkflow.Next(status));

    [Fact]
    public void Next_lists_the_same_moves_as_the_table()
    {
        foreach (var from in Enum.GetValues<CaseStatus>())
        {
            var expected = Expected.Where(p => p.From == from).Select(p => p.To).Order();
            Assert.Equal(expected, CaseWorkflow.Next(from).Order());
        }
    }

    /// <summary>Every pair whose target has a method on <see cref="Case"/> (nothing goes back to received).</summary>
    public static TheoryData<CaseStatus, CaseStatus> PairsThroughCaseMethods()
    {
        var data = new TheoryData<CaseStatus, CaseStatus>();
        foreach (var from in Enum.GetValues<CaseStatus>())
        {
            foreach (var to in Enum.GetValues<CaseStatus>().Where(s => s != CaseStatus.Received))
            {
                data.Add(from, to);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(PairsThroughCaseMethods))]
    public void A_case_moves_through_its_methods_only_along_allowed_transitions(CaseStatus from, CaseStatus to)
    {
        var item = TestCases.In(from);
        var eventsBefore = item.History.Count;

        if (Expected.Contains((from, to)))
        {
            TestCases.MoveTo(item, to);

            Assert.Equal(to, item.Status);
            Assert.Equal(eventsBefore + 1, item.History.Count);
            Assert.Equal(from, item.History[^1].FromStatus);
            Assert.Equal(to, item.History[^1].ToStatus);
        }
        else
        {
            var ex = Assert.Throws<InvalidCaseTransitionException>(() => TestCases.MoveTo(item, to));

            Assert.Equal((from, to), (ex.From, ex.To));
            Assert.Equal(from, item.Status);
            Assert.Equal(eventsBefore, item.History.Count);
        }
    }
}
