using HotlineIoc.Domain.Calendar;
using HotlineIoc.Domain.Cases;
using HotlineIoc.Infrastructure.Live;

namespace HotlineIoc.Infrastructure.Cases;

/// <summary>The case JSON of BRIEF.md, shared by <c>GET /api/cases/{code}</c>, <c>POST /api/cases</c> and the live hub. No personal data.</summary>
public sealed record CaseView(
    string Code,
    string Channel,
    string Status,
    string FieldCode,
    string UnitCode,
    string? AgencyCode,
    DateTimeOffset ReceivedAt,
    DateTimeOffset DueAt,
    DateTimeOffset? ResolvedAt,
    DateTimeOffset? ClosedAt,
    bool Overdue)
{
    /// <summary>The same view from the facts a live event carries.</summary>
    public static CaseView From(CaseFacts facts, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return new CaseView(
            facts.Code,
            facts.ChannelCode,
            facts.Status.ToWire(),
            facts.FieldCode,
            facts.UnitCode,
            facts.AgencyCode,
            VietnamTime.ToLocalOffset(facts.ReceivedAt),
            VietnamTime.ToLocalOffset(facts.DueAt),
            facts.ResolvedAt is { } resolved ? VietnamTime.ToLocalOffset(resolved) : null,
            facts.ClosedAt is { } closed ? VietnamTime.ToLocalOffset(closed) : null,
            Case.MissedDeadline(facts.Status, facts.ResolvedAt, facts.DueAt, nowUtc));
    }

    public static CaseView From(Case item, DateTime nowUtc) => From(CaseFacts.From(item), nowUtc);
}
