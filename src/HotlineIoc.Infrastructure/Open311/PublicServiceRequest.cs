using HotlineIoc.Domain.Calendar;
using HotlineIoc.Domain.Cases;
using HotlineIoc.Domain.Open311;

namespace HotlineIoc.Infrastructure.Open311;

/// <summary>
/// A case as a public Open311 read shows it: these fields and no others. Nothing of the reporter (name, phone, e-mail,
/// Zalo id) is here, nor any operator's note; <see cref="StatusNotes"/> is the agency's result once there is one, and free
/// text passes <see cref="PublicText.Redact"/>.
/// </summary>
public sealed record PublicServiceRequest(
    string ServiceRequestId,
    string Status,
    string? StatusNotes,
    string ServiceName,
    string ServiceCode,
    string? Description,
    string? AgencyResponsible,
    string ServiceNotice,
    DateTimeOffset RequestedDatetime,
    DateTimeOffset UpdatedDatetime,
    DateTimeOffset ExpectedDatetime,
    string? Address,
    string? AddressId,
    string? Zipcode,
    double? Latitude,
    double? Longitude,
    string? MediaUrl)
{
    /// <summary>The columns a public read loads: the reporter's columns are never selected, so never decrypted.</summary>
    public sealed record Row(
        string Code,
        CaseStatus Status,
        string? Result,
        string FieldCode,
        string Description,
        string? AgencyCode,
        DateTime ReceivedAt,
        DateTime UpdatedAt,
        DateTime DueAt,
        string? Address,
        double? Latitude,
        double? Longitude,
        string? MediaUrl);

    public static PublicServiceRequest From(Row row, Func<string, string> fieldName, Func<string, string?> agencyName)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(fieldName);
        ArgumentNullException.ThrowIfNull(agencyName);
        return new PublicServiceRequest(
            row.Code,
            Open311Status.Of(row.Status),
            row.Status.HasResult() ? PublicText.Redact(row.Result) : null,
            fieldName(row.FieldCode),
            row.FieldCode,
            PublicText.Redact(row.Description),
            row.AgencyCode is null ? null : agencyName(row.AgencyCode),
            Domain.Open311.ServiceNotice.For(row.DueAt),
            VietnamTime.ToLocalOffset(row.ReceivedAt),
            VietnamTime.ToLocalOffset(row.UpdatedAt),
            VietnamTime.ToLocalOffset(row.DueAt),
            PublicText.Redact(row.Address),
            null,
            null,
            row.Latitude,
            row.Longitude,
            row.MediaUrl);
    }
}
