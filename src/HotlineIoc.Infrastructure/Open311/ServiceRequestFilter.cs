using System.Globalization;
using HotlineIoc.Domain.Calendar;
using HotlineIoc.Domain.Cases;
using HotlineIoc.Domain.Open311;

namespace HotlineIoc.Infrastructure.Open311;

/// <summary>
/// The filters of <c>GET requests</c>, with the spec's defaults: without dates, the 90 days up to now; never more than
/// 1,000 requests, newest first. An empty parameter means the same as an absent one. <c>service_request_id</c> (a comma
/// list) overrides every other filter, as the spec says.
/// </summary>
public sealed record ServiceRequestFilter(
    IReadOnlyList<string>? Ids,
    IReadOnlyList<string>? ServiceCodes,
    DateTime FromUtc,
    DateTime ToUtc,
    IReadOnlyList<CaseStatus>? Statuses)
{
    public const int MaxResults = 1000;

    public static readonly TimeSpan DefaultSpan = TimeSpan.FromDays(90);

    /// <summary>Reads the query parameters (<paramref name="parameter"/> gives a name's value, or null); every wrong one is named.</summary>
    public static (ServiceRequestFilter? Filter, IReadOnlyList<string> Errors) Parse(
        Func<string, string?> parameter, DateTime nowUtc, IReadOnlyCollection<string> serviceCodes)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        ArgumentNullException.ThrowIfNull(serviceCodes);
        var errors = new List<string>();
        var ids = List(parameter("service_request_id"))?.Select(i => i.ToUpperInvariant()).Distinct(StringComparer.Ordinal).ToList();
        if (ids is { Count: > MaxResults })
        {
            errors.Add($"service_request_id lists {ids.Count} ids; at most {MaxResults} are answered at once.");
        }

        var codes = List(parameter("service_code"));
        if (codes?.FirstOrDefault(c => !serviceCodes.Contains(c)) is { } unknown)
        {
            errors.Add($"service_code '{Shorten(unknown)}' is not a service; see services.xml.");
        }

        List<CaseStatus>? statuses = null;
        foreach (var word in List(parameter("status")) ?? [])
        {
            if (Open311Status.CaseStatuses(word.ToLowerInvariant()) is { } matching)
            {
                statuses = [.. statuses ?? [], .. matching];
            }
            else
            {
                errors.Add($"status '{Shorten(word)}' is neither 'open' nor 'closed'.");
            }
        }

        var start = Instant(parameter("start_date"), "start_date", errors);
        var end = Instant(parameter("end_date"), "end_date", errors);
        if (start > end)
        {
            errors.Add("start_date is after end_date.");
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var to = end ?? (start is { } s && s > nowUtc ? s : nowUtc);
        var from = start ?? to - DefaultSpan;
        return (new ServiceRequestFilter(ids, codes, from, to, statuses?.Distinct().ToList()), errors);
    }

    private static List<string>? List(string? text)
    {
        var items = (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return items.Length == 0 ? null : [.. items];
    }

    /// <summary>ISO 8601 with <c>Z</c> or an offset; a date or time without one is read as Vietnam's wall clock.</summary>
    private static DateTime? Instant(string? text, string name, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var value = text.Trim();
        var iso = value.Length >= 10 && char.IsAsciiDigit(value[0]) && value[4] == '-' && value[7] == '-';
        if (iso && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var withOffset)
            && withOffset.Year is >= 1900 and <= 2999)
        {
            var hasZone = value.EndsWith('Z') || value.EndsWith('z') || (value.Length > 10 && (value[10..].Contains('+', StringComparison.Ordinal) || value[10..].Contains('-', StringComparison.Ordinal)));
            return hasZone
                ? withOffset.UtcDateTime
                : VietnamTime.FromLocal(DateOnly.FromDateTime(withOffset.DateTime), TimeOnly.FromDateTime(withOffset.DateTime));
        }

        errors.Add($"{name} '{Shorten(value)}' is not an ISO 8601 date-time such as 2026-12-01T00:00:00+07:00.");
        return null;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
