using System.Linq.Expressions;
using System.Reflection;
using HotlineIoc.Domain.Calendar;

namespace HotlineIoc.Domain.Cases;

/// <summary>Where a case stands against its deadline at an instant. Every figure of the dashboard, the API and the reports counts these.</summary>
public enum CaseOutcome
{
    /// <summary>Still without a result, and not yet past its due instant.</summary>
    Open,

    /// <summary>Quá hạn: still without a result past its due instant.</summary>
    Overdue,

    /// <summary>Đúng hạn: a result reported by the due instant.</summary>
    ResolvedOnTime,

    /// <summary>A result reported after the due instant.</summary>
    ResolvedLate,

    /// <summary>Rejected or merged as a duplicate: counted as received, left out of the rates.</summary>
    Excluded,
}

/// <summary>
/// The deadline rules of BRIEF.md, each written once as an expression. The app evaluates the compiled expression; a
/// database query is given the same expression (<see cref="OutcomeAt(DateTime)"/>, <see cref="ResolvedOnTime"/>,
/// <see cref="PastDueAt"/>), so the dashboard, <c>/api/stats</c>, the reports, the case list and the overdue board count
/// with one definition.
/// </summary>
public static class CaseRules
{
    /// <summary>On time: a result reported by the due instant (none reported: not on time).</summary>
    private static readonly Expression<Func<DateTime?, DateTime, bool>> OnTimeRule = (resolvedAt, dueAt) => resolvedAt <= dueAt;

    /// <summary>Past due: the instant is after the due instant.</summary>
    private static readonly Expression<Func<DateTime, DateTime, bool>> PastDueRule = (dueAt, at) => dueAt < at;

    /// <summary>
    /// The outcome at <c>asOf</c>: rejected and duplicate cases are excluded; a result counts once it is reported by then;
    /// anything else is overdue once past its due instant. The marker calls are replaced by the rules above and the status lists.
    /// </summary>
    private static readonly Expression<Func<CaseStatus, DateTime?, DateTime, DateTime, CaseOutcome>> OutcomeRule =
        (status, resolvedAt, dueAt, asOf) =>
            IsIn(status, Marker.Excluded) ? CaseOutcome.Excluded
            : IsIn(status, Marker.WithResult) && resolvedAt <= asOf ? (OnTime(resolvedAt, dueAt) ? CaseOutcome.ResolvedOnTime : CaseOutcome.ResolvedLate)
            : PastDue(dueAt, asOf) ? CaseOutcome.Overdue
            : CaseOutcome.Open;

    private static readonly Expression<Func<CaseStatus, DateTime?, DateTime, DateTime, CaseOutcome>> Outcome =
        (Expression<Func<CaseStatus, DateTime?, DateTime, DateTime, CaseOutcome>>)new MarkerExpander().Visit(OutcomeRule);

    private static readonly Func<DateTime?, DateTime, bool> OnTimeCompiled = OnTimeRule.Compile();
    private static readonly Func<DateTime, DateTime, bool> PastDueCompiled = PastDueRule.Compile();
    private static readonly Func<CaseStatus, DateTime?, DateTime, DateTime, CaseOutcome> OutcomeCompiled = Outcome.Compile();

    private enum Marker
    {
        Excluded,
        WithResult,
    }

    /// <summary>Resolved by the due instant.</summary>
    public static bool IsOnTime(DateTime? resolvedAt, DateTime dueAt) => OnTimeCompiled(resolvedAt, dueAt);

    /// <summary>After the due instant.</summary>
    public static bool IsPastDue(DateTime dueAt, DateTime atUtc) => PastDueCompiled(dueAt, atUtc);

    /// <summary>Overdue (quá hạn): still waiting for a result after the due instant.</summary>
    public static bool IsOverdue(CaseStatus status, DateTime dueAt, DateTime atUtc) => status.IsOpen() && IsPastDue(dueAt, atUtc);

    public static CaseOutcome OutcomeAt(CaseStatus status, DateTime? resolvedAt, DateTime dueAt, DateTime asOfUtc) =>
        OutcomeCompiled(status, resolvedAt, dueAt, asOfUtc);

    /// <summary>
    /// Working days late: the working days after the local due day, up to and including the local day of <paramref name="atUtc"/>;
    /// 0 when not past the due instant, or when it fell due that same day or just before a weekend or holiday.
    /// </summary>
    public static int WorkingDaysLate(DateTime dueAt, DateTime atUtc, WorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return IsPastDue(dueAt, atUtc) ? Math.Max(0, calendar.WorkingDaysBetween(VietnamTime.LocalDate(dueAt), VietnamTime.LocalDate(atUtc))) : 0;
    }

    /// <summary>For a database query: resolved by the due instant.</summary>
    public static Expression<Func<Case, bool>> ResolvedOnTime { get; } = OnCase(OnTimeRule, c => c.ResolvedAt, c => c.DueAt);

    /// <summary>For a database query: past the due instant at <paramref name="atUtc"/> (with an open status: overdue).</summary>
    public static Expression<Func<Case, bool>> PastDueAt(DateTime atUtc) => OnCase(PastDueRule, c => c.DueAt, Instant(atUtc));

    /// <summary>For a database query: rejected or duplicate.</summary>
    public static Expression<Func<Case, bool>> Excluded { get; } = StatusIn(CaseStatusNames.ExcludedFromRates);

    /// <summary>For a database query: an open status (still waiting for a result).</summary>
    public static Expression<Func<Case, bool>> InOpenStatus { get; } = StatusIn(CaseStatusNames.OpenStatuses);

    /// <summary>For a database query: the outcome of each case at <paramref name="asOfUtc"/>, a CASE over its status and instants.</summary>
    public static Expression<Func<Case, CaseOutcome>> OutcomeAt(DateTime asOfUtc) =>
        OnCase(Outcome, c => c.Status, c => c.ResolvedAt, c => c.DueAt, Instant(asOfUtc));

    /// <summary>
    /// For a database query that counts by outcome: <paramref name="shape"/> gets each case and its outcome at
    /// <paramref name="asOfUtc"/>, and the result is one expression a query provider can translate.
    /// </summary>
    public static Expression<Func<Case, T>> WithOutcomeAt<T>(DateTime asOfUtc, Expression<Func<Case, CaseOutcome, T>> shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var outcome = OutcomeAt(asOfUtc);
        var item = shape.Parameters[0];
        var body = new Replacer(new Dictionary<Expression, Expression>
        {
            [shape.Parameters[1]] = new Replacer(new Dictionary<Expression, Expression> { [outcome.Parameters[0]] = item }).Visit(outcome.Body)!,
        }).Visit(shape.Body)!;
        return Expression.Lambda<Func<Case, T>>(body, item);
    }

    private static Expression<Func<Case, bool>> StatusIn(IReadOnlyList<CaseStatus> statuses)
    {
        var item = Expression.Parameter(typeof(Case), "c");
        return Expression.Lambda<Func<Case, bool>>(In(Expression.Property(item, nameof(Case.Status)), statuses), item);
    }

    /// <summary><c>status = a OR status = b …</c>: what a database answers from an index, unlike a parameter list.</summary>
    private static Expression In(Expression status, IReadOnlyList<CaseStatus> statuses) =>
        statuses.Count == 0
            ? Expression.Constant(false)
            : statuses.Select(s => (Expression)Expression.Equal(Expression.Convert(status, typeof(int)), Expression.Constant((int)s))).Aggregate(Expression.OrElse);

    /// <summary>An instant a query provider sends as a parameter (a member of a captured object), not as literal text.</summary>
    private static Expression<Func<Case, DateTime>> Instant(DateTime utc)
    {
        var at = new At(utc);
        return _ => at.Value;
    }

    private static Expression<Func<Case, TResult>> OnCase<T1, T2, TResult>(
        Expression<Func<T1, T2, TResult>> rule, Expression<Func<Case, T1>> first, Expression<Func<Case, T2>> second) =>
        OnCase<TResult>(rule, first, second);

    private static Expression<Func<Case, TResult>> OnCase<T1, T2, T3, T4, TResult>(
        Expression<Func<T1, T2, T3, T4, TResult>> rule, Expression<Func<Case, T1>> first, Expression<Func<Case, T2>> second, Expression<Func<Case, T3>> third, Expression<Func<Case, T4>> fourth) =>
        OnCase<TResult>(rule, first, second, third, fourth);

    /// <summary>A rule over values, applied to a case: each parameter is replaced by the body of the matching selector.</summary>
    private static Expression<Func<Case, TResult>> OnCase<TResult>(LambdaExpression rule, params LambdaExpression[] selectors)
    {
        var item = Expression.Parameter(typeof(Case), "c");
        var map = new Dictionary<Expression, Expression>();
        for (var i = 0; i < rule.Parameters.Count; i++)
        {
            map[rule.Parameters[i]] = new Replacer(new Dictionary<Expression, Expression> { [selectors[i].Parameters[0]] = item }).Visit(selectors[i].Body)!;
        }

        return Expression.Lambda<Func<Case, TResult>>(new Replacer(map).Visit(rule.Body)!, item);
    }

    // Markers: they stand in the outcome rule for the rules above and are replaced before it is compiled or queried.
    private static bool IsIn(CaseStatus status, Marker set) => throw new InvalidOperationException($"{status} {set}: a marker, never called.");

    private static bool OnTime(DateTime? resolvedAt, DateTime dueAt) => throw new InvalidOperationException($"{resolvedAt} {dueAt}: a marker, never called.");

    private static bool PastDue(DateTime dueAt, DateTime at) => throw new InvalidOperationException($"{dueAt} {at}: a marker, never called.");

    private sealed record At(DateTime Value);

    private sealed class Replacer(Dictionary<Expression, Expression> map) : ExpressionVisitor
    {
        public override Expression? Visit(Expression? node) =>
            node is not null && map.TryGetValue(node, out var replacement) ? replacement : base.Visit(node);
    }

    /// <summary>Puts the rules and the status lists where the outcome rule names them.</summary>
    private sealed class MarkerExpander : ExpressionVisitor
    {
        private static readonly MethodInfo IsInMethod = Method(nameof(IsIn));
        private static readonly MethodInfo OnTimeMethod = Method(nameof(OnTime));
        private static readonly MethodInfo PastDueMethod = Method(nameof(PastDue));

        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            var arguments = node.Arguments.Select(a => Visit(a)!).ToList();
            if (node.Method == IsInMethod)
            {
                var set = (Marker)((ConstantExpression)arguments[1]).Value!;
                return In(arguments[0], set == Marker.Excluded ? CaseStatusNames.ExcludedFromRates : CaseStatusNames.WithResult);
            }

            if (node.Method == OnTimeMethod)
            {
                return Inline(OnTimeRule, arguments);
            }

            return node.Method == PastDueMethod ? Inline(PastDueRule, arguments) : base.VisitMethodCall(node);
        }

        private static Expression Inline(LambdaExpression rule, List<Expression> arguments) =>
            new Replacer(rule.Parameters.Zip(arguments).ToDictionary(p => (Expression)p.First, p => p.Second)).Visit(rule.Body)!;

        private static MethodInfo Method(string name) => typeof(CaseRules).GetMethod(name, BindingFlags.NonPublic | BindingFlags.Static)!;
    }
}
