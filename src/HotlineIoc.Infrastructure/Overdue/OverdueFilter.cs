using System.Globalization;
using HotlineIoc.Domain.Cases;

namespace HotlineIoc.Infrastructure.Overdue;

/// <summary>
/// The filters of the overdue board, as its address, its drill-down links and its exports carry them.
/// One type reads and writes them, so a link can never ask for a filter the board does not understand.
/// </summary>
public sealed record OverdueFilter
{
    /// <summary>The <c>reminder=</c> value for cases whose reminder still waits for the agency.</summary>
    public const string ReminderPendingValue = "pending";

    public string? Field { get; init; }

    public string? Unit { get; init; }

    /// <summary>
    /// The unit codes <see cref="Unit"/> stands for: the unit and every unit merged into it (filled in by the board from
    /// the unit history, never read from an address). Null means <see cref="Unit"/> alone.
    /// </summary>
    public IReadOnlyList<string>? UnitArea { get; init; }

    public string? Channel { get; init; }

    /// <summary>An agency code, <see cref="Cases.CaseQueries.NoAgency"/>, or null for every agency the viewer may see.</summary>
    public string? Agency { get; init; }

    /// <summary>First local day of receipt, inclusive.</summary>
    public DateOnly? From { get; init; }

    /// <summary>Last local day of receipt, inclusive.</summary>
    public DateOnly? To { get; init; }

    public AgeingBucket? Bucket { get; init; }

    /// <summary>Only cases reminded by the leadership and not yet acted on.</summary>
    public bool ReminderPending { get; init; }

    public bool IsEmpty => this == new OverdueFilter();

    /// <summary>Reads the address's values; unknown buckets and malformed dates are dropped rather than guessed.</summary>
    public static OverdueFilter Parse(string? field, string? unit, string? channel, string? agency, string? from, string? to, string? bucket, string? reminder) =>
        new()
        {
            Field = Clean(field),
            Unit = Clean(unit),
            Channel = Clean(channel),
            Agency = Clean(agency),
            From = Day(from),
            To = Day(to),
            Bucket = AgeingBucketNames.TryParse(bucket, out var b) ? b : null,
            ReminderPending = string.Equals(Clean(reminder), ReminderPendingValue, StringComparison.OrdinalIgnoreCase),
        };

    /// <summary>The query string of these filters without the <c>?</c>, always in the same order; empty when there are none.</summary>
    public string ToQueryString()
    {
        var pairs = new (string Name, string? Value)[]
        {
            ("field", Field),
            ("unit", Unit),
            ("channel", Channel),
            ("agency", Agency),
            ("from", From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            ("to", To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            ("bucket", Bucket?.ToWire()),
            ("reminder", ReminderPending ? ReminderPendingValue : null),
        };
        return string.Join('&', pairs.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => p.Name + "=" + Uri.EscapeDataString(p.Value!)));
    }

    public override string ToString() => ToQueryString();

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static DateOnly? Day(string? value) =>
        DateOnly.TryParseExact(Clean(value), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;
}
