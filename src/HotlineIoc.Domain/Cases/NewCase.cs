namespace HotlineIoc.Domain.Cases;

/// <summary>What is known of a report when it is logged. Codes of channel, field and unit are checked against reference data by the caller.</summary>
public sealed record NewCase
{
    public required string Code { get; init; }

    public required string ChannelCode { get; init; }

    /// <summary>UTC.</summary>
    public required DateTime ReceivedAt { get; init; }

    public required string FieldCode { get; init; }

    public required string UnitCode { get; init; }

    public string? Address { get; init; }

    public double? Latitude { get; init; }

    public double? Longitude { get; init; }

    public required string Description { get; init; }

    public Reporter? Reporter { get; init; }

    public void Validate()
    {
        if (!CaseCode.IsWellFormed(Code))
        {
            throw new DomainException($"'{Code}' is not a case code: use upper-case letters, digits and dashes, at most {CaseCode.MaxLength} characters.");
        }

        if (string.IsNullOrWhiteSpace(Description))
        {
            throw new DomainException($"Case {Code} needs a description.");
        }

        if (Description.Length > Case.DescriptionMaxLength)
        {
            throw new DomainException($"The description of case {Code} is longer than {Case.DescriptionMaxLength} characters.");
        }

        if (Address is { Length: > Case.AddressMaxLength })
        {
            throw new DomainException($"The address of case {Code} is longer than {Case.AddressMaxLength} characters.");
        }

        if (Reporter?.Name is { Length: > Reporters.NameMaxLength })
        {
            throw new DomainException($"The reporter name of case {Code} is longer than {Reporters.NameMaxLength} characters.");
        }

        if (Reporter?.Phone is { Length: > Reporters.PhoneMaxLength })
        {
            throw new DomainException($"The reporter phone of case {Code} is longer than {Reporters.PhoneMaxLength} characters.");
        }

        if (Reporter?.ZaloId is { Length: > Reporters.ZaloIdMaxLength })
        {
            throw new DomainException($"The reporter Zalo id of case {Code} is longer than {Reporters.ZaloIdMaxLength} characters.");
        }

        if (Reporter?.Email is { Length: > Reporters.EmailMaxLength })
        {
            throw new DomainException($"The reporter e-mail of case {Code} is longer than {Reporters.EmailMaxLength} characters.");
        }

        if ((Latitude is null) != (Longitude is null))
        {
            throw new DomainException($"Case {Code} has only one of latitude and longitude; give both or neither.");
        }

        if (Latitude is < -90 or > 90 || double.IsNaN(Latitude ?? 0))
        {
            throw new DomainException($"The latitude of case {Code} must be between -90 and 90, not {Latitude}.");
        }

        if (Longitude is < -180 or > 180 || double.IsNaN(Longitude ?? 0))
        {
            throw new DomainException($"The longitude of case {Code} must be between -180 and 180, not {Longitude}.");
        }
    }
}

/// <summary>The state an imported case already has.</summary>
public sealed record ImportedState(
    CaseStatus Status,
    string? AgencyCode,
    DateTime? ResolvedAt,
    DateTime? ClosedAt,
    Enforcement? Enforcement,
    string? Result = null)
{
    public void Validate(DateTime receivedAt)
    {
        var needsAgency = Status is CaseStatus.Forwarded or CaseStatus.InProgress or CaseStatus.Resolved or CaseStatus.Closed;
        if (needsAgency && string.IsNullOrWhiteSpace(AgencyCode))
        {
            throw new DomainException($"A '{Status.ToWire()}' case needs the agency that handles it.");
        }

        if (Status.HasResult() != (ResolvedAt is not null))
        {
            throw new DomainException(Status.HasResult()
                ? $"A '{Status.ToWire()}' case needs the instant it was resolved."
                : $"A '{Status.ToWire()}' case cannot have a resolved instant.");
        }

        if ((Status == CaseStatus.Closed) != (ClosedAt is not null))
        {
            throw new DomainException(Status == CaseStatus.Closed
                ? "A 'closed' case needs the instant it was closed."
                : $"A '{Status.ToWire()}' case cannot have a closed instant.");
        }

        if (ResolvedAt < receivedAt)
        {
            throw new DomainException("A case cannot be resolved before it was received.");
        }

        if (ClosedAt < ResolvedAt)
        {
            throw new DomainException("A case cannot be closed before it was resolved.");
        }

        if (Enforcement is not null && !Status.HasResult())
        {
            throw new DomainException($"Enforcement goes with a result; a '{Status.ToWire()}' case has none.");
        }
    }
}
