namespace HotlineIoc.Domain.Cases;

/// <summary>What followed a violation (hình thức xử lý).</summary>
public enum EnforcementKind
{
    /// <summary>Nhắc nhở.</summary>
    Reminder,

    /// <summary>Lập biên bản.</summary>
    Minutes,

    /// <summary>Ký cam kết không tái phạm.</summary>
    Commitment,

    /// <summary>Xử phạt vi phạm hành chính.</summary>
    Sanction,
}

public static class EnforcementNames
{
    public static string ToWire(this EnforcementKind kind) => kind switch
    {
        EnforcementKind.Reminder => "reminder",
        EnforcementKind.Minutes => "minutes",
        EnforcementKind.Commitment => "commitment",
        EnforcementKind.Sanction => "sanction",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static bool TryParse(string? text, out EnforcementKind kind)
    {
        foreach (var candidate in Enum.GetValues<EnforcementKind>())
        {
            if (string.Equals(candidate.ToWire(), text, StringComparison.Ordinal))
            {
                kind = candidate;
                return true;
            }
        }

        kind = default;
        return false;
    }
}

/// <summary>The enforcement recorded with a result. A fine in VND goes only with a sanction.</summary>
public sealed record Enforcement
{
    public Enforcement(EnforcementKind kind, long? fineVnd = null, string? decisionNumber = null)
    {
        if (fineVnd is not null && kind != EnforcementKind.Sanction)
        {
            throw new DomainException($"A fine can only go with a sanction, not with '{kind.ToWire()}'.");
        }

        if (fineVnd is <= 0)
        {
            throw new DomainException($"A fine must be a positive amount of VND, not {fineVnd}.");
        }

        Kind = kind;
        FineVnd = fineVnd;
        DecisionNumber = string.IsNullOrWhiteSpace(decisionNumber) ? null : decisionNumber.Trim();
    }

    public EnforcementKind Kind { get; }

    public long? FineVnd { get; }

    /// <summary>Số quyết định xử phạt, for a sanction.</summary>
    public string? DecisionNumber { get; }
}
