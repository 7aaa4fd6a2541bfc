using HotlineIoc.Domain.Cases;

namespace HotlineIoc.Infrastructure.Live;

/// <summary>What the live picture needs to know of a case: no personal data, no free text. The location is where the problem is, for the map.</summary>
public sealed record CaseFacts(
    long Id,
    string Code,
    string ChannelCode,
    string FieldCode,
    string UnitCode,
    string? AgencyCode,
    CaseStatus Status,
    DateTime ReceivedAt,
    DateTime DueAt,
    DateTime? ResolvedAt,
    DateTime? ClosedAt,
    double? Latitude = null,
    double? Longitude = null)
{
    public static CaseFacts From(Case item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return new CaseFacts(item.Id, item.Code, item.ChannelCode, item.FieldCode, item.UnitCode, item.AgencyCode, item.Status, item.ReceivedAt, item.DueAt, item.ResolvedAt, item.ClosedAt, item.Latitude, item.Longitude);
    }
}

/// <summary>
/// A case was created (<see cref="Before"/> is null) or changed. Carrying both states lets every listener
/// update its counters by the difference, without asking the database again.
/// </summary>
public sealed record CaseChanged(CaseFacts? Before, CaseFacts After, DateTime AtUtc);

/// <summary>Many cases arrived at once (a bulk import); listeners reload instead of counting one by one.</summary>
public sealed record CasesReloaded(int Count, DateTime AtUtc);
