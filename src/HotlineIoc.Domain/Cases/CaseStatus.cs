namespace HotlineIoc.Domain.Cases;

/// <summary>Where a case stands. The wire names (CSV, API) are the snake_case forms in <see cref="CaseStatusNames"/>.</summary>
public enum CaseStatus
{
    /// <summary>Tiếp nhận: logged, not yet classified and sent on.</summary>
    Received,

    /// <summary>Đã chuyển: classified and sent to an agency.</summary>
    Forwarded,

    /// <summary>Đang xử lý: the agency is working on it.</summary>
    InProgress,

    /// <summary>Đã xử lý: the agency reported a result.</summary>
    Resolved,

    /// <summary>Đã đóng: the citizen was told the result.</summary>
    Closed,

    /// <summary>Trả lại: the agency says it is not theirs; the operator forwards it again.</summary>
    Returned,

    /// <summary>Từ chối: spam or not actionable.</summary>
    Rejected,

    /// <summary>Trùng: merged into another case.</summary>
    Duplicate,
}

public static class CaseStatusNames
{
    private static readonly Dictionary<CaseStatus, string> Names = new()
    {
        [CaseStatus.Received] = "received",
        [CaseStatus.Forwarded] = "forwarded",
        [CaseStatus.InProgress] = "in_progress",
        [CaseStatus.Resolved] = "resolved",
        [CaseStatus.Closed] = "closed",
        [CaseStatus.Returned] = "returned",
        [CaseStatus.Rejected] = "rejected",
        [CaseStatus.Duplicate] = "duplicate",
    };

    private static readonly Dictionary<string, CaseStatus> ByName =
        Names.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    public static IReadOnlyCollection<string> All => Names.Values;

    public static string ToWire(this CaseStatus status) => Names[status];

    public static bool TryParse(string? text, out CaseStatus status) =>
        ByName.TryGetValue(text ?? "", out status);

    /// <summary>Resolved or closed: the agency has reported a result.</summary>
    public static IReadOnlyList<CaseStatus> WithResult { get; } = [CaseStatus.Resolved, CaseStatus.Closed];

    /// <summary>Rejected and duplicate cases leave the rates (they still count as received).</summary>
    public static IReadOnlyList<CaseStatus> ExcludedFromRates { get; } = [CaseStatus.Rejected, CaseStatus.Duplicate];

    /// <summary>Still waiting for a result: every status neither with a result nor excluded.</summary>
    public static IReadOnlyList<CaseStatus> OpenStatuses { get; } =
        [.. Enum.GetValues<CaseStatus>().Where(s => !WithResult.Contains(s) && !ExcludedFromRates.Contains(s))];

    public static bool HasResult(this CaseStatus status) => WithResult.Contains(status);

    public static bool IsExcludedFromRates(this CaseStatus status) => ExcludedFromRates.Contains(status);

    public static bool IsOpen(this CaseStatus status) => OpenStatuses.Contains(status);
}
