using System.Globalization;
using System.Text;

namespace HotlineIoc.Web.Components.Pages.Cases;

/// <summary>The states the case list filters by (<c>state=</c>).</summary>
public static class CaseListStates
{
    /// <summary>Still waiting for a result.</summary>
    public const string Open = "open";

    /// <summary>Open and past the due instant.</summary>
    public const string Overdue = "overdue";

    /// <summary>Open, not yet overdue, due by the end of the next working day (the dashboard's "due soon" tile).</summary>
    public const string DueSoon = "due-soon";

    /// <summary>Every status.</summary>
    public const string All = "all";

    public static readonly IReadOnlyList<string> Known = [Open, Overdue, DueSoon, All];
}

/// <summary>The periods of receipt the case list filters by (<c>received=</c>), in local Vietnamese days.</summary>
public static class ReceivedPeriods
{
    public const string Today = "today";

    /// <summary>Since Monday of this week.</summary>
    public const string Week = "week";

    /// <summary>Since 1 January of this year.</summary>
    public const string Year = "year";

    public static readonly IReadOnlyList<string> Known = [Today, Week, Year];
}

/// <summary>
/// The filters of <c>/cases</c>, as the dashboard's drill-down links write them and the case list reads them.
/// One type does both, so a link can never ask for a filter the list does not understand.
/// </summary>
public sealed record CaseListFilter
{
    public const string Path = "/cases";

    /// <summary>The <c>agency=</c> value for open cases no agency has been given yet.</summary>
    public const string NoAgency = HotlineIoc.Infrastructure.Cases.CaseQueries.NoAgency;

    public string? Unit { get; init; }

    public string? Field { get; init; }

    public string? Channel { get; init; }

    public string? Agency { get; init; }

    /// <summary>One of <see cref="CaseListStates"/>, or null for every status.</summary>
    public string? State { get; init; }

    /// <summary>One of <see cref="ReceivedPeriods"/>, or null.</summary>
    public string? Received { get; init; }

    /// <summary>First local day of receipt, inclusive.</summary>
    public DateOnly? From { get; init; }

    /// <summary>Last local day of receipt, inclusive.</summary>
    public DateOnly? To { get; init; }

    public bool IsEmpty => this == new CaseListFilter();

    /// <summary>Reads the query values; unknown states, periods and malformed dates are dropped rather than guessed.</summary>
    public static CaseListFilter Parse(string? unit, string? field, string? channel, string? agency, string? state, string? received, string? from, string? to) =>
        new()
        {
            Unit = Clean(unit),
            Field = Clean(field),
            Channel = Clean(channel),
            Agency = Clean(agency),
            State = Known(state, CaseListStates.Known) is { } s && s != CaseListStates.All ? s : null,
            Received = Known(received, ReceivedPeriods.Known),
            From = Date(from),
            To = Date(to),
        };

    /// <summary>The case list's address with these filters, parameters always in the same order.</summary>
    public string ToUrl()
    {
        var query = new StringBuilder();
        Append(query, "unit", Unit);
        Append(query, "field", Field);
        Append(query, "channel", Channel);
        Append(query, "agency", Agency);
        Append(query, "state", State);
        Append(query, "received", Received);
        Append(query, "from", From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Append(query, "to", To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        return query.Length == 0 ? Path : Path + "?" + query;
    }

    public override string ToString() => ToUrl();

    private static void Append(StringBuilder query, string name, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        query.Append(query.Length == 0 ? "" : "&").Append(name).Append('=').Append(Uri.EscapeDataString(value));
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string? Known(string? value, IReadOnlyList<string> known) =>
        Clean(value)?.ToLowerInvariant() is { } v && known.Contains(v) ? v : null;

    private static DateOnly? Date(string? value) =>
        DateOnly.TryParseExact(Clean(value), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
}
