using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace HotlineIoc.Reports.Model;

/// <summary>
/// The body that issues a report (cơ quan ban hành) and, when it has one, the body above it (cơ quan chủ quản), for a
/// span of local days (<paramref name="From"/> and <paramref name="To"/> inclusive; null = open).
/// </summary>
/// <param name="Parent">The header's first line; null when the issuing body stands alone.</param>
/// <param name="Recipients">Whom the body sends its reports to (nơi nhận), before the file copy; null or empty for none.</param>
public sealed record IssuingBody(DateOnly? From, DateOnly? To, string? Parent, string Body, IReadOnlyList<string>? Recipients = null)
{
    public bool IsInForceOn(DateOnly day) => (From is null || From <= day) && (To is null || day <= To);
}

/// <summary>A setting of the reports that cannot be used; the message names the setting and the entry at fault.</summary>
public sealed class ReportSettingsException(string message) : InvalidOperationException(message);

/// <summary>
/// Which body issues a report, chosen by the last day the report covers (its as-of date), from the setting
/// <c>Reports:IssuingBodies</c>: a list of <c>{ From, To, Parent, Body }</c>. A configured entry in force on the day wins;
/// a day no entry covers keeps the built-in default of that day (<see cref="Defaults"/>), so a deployment that names
/// only its body from 1 July 2025 still prints the city's header on its 2024 reports.
/// </summary>
public sealed class IssuingBodies
{
    public const string SettingName = "Reports:IssuingBodies";

    /// <summary>The hotline team's own name, under the city until the city level ended and alone after it.</summary>
    public const string HotlineTeam = "TỔ ĐIỀU HÀNH ĐƯỜNG DÂY NÓNG";

    /// <summary>
    /// Until 30 June 2025 the team under the city's People's Committee, reporting to the city's leaders. The city level
    /// ended on 1 July 2025 (Resolution 1660/NQ-UBTVQH15): from then on the default names the team alone and no
    /// recipient, rather than guess the bodies above it.
    /// </summary>
    public static readonly IReadOnlyList<IssuingBody> Defaults =
    [
        new(null, new DateOnly(2025, 6, 30), "UBND THÀNH PHỐ BUÔN MA THUỘT", HotlineTeam, ["Thường trực Thành ủy", "Thường trực HĐND thành phố", "Chủ tịch, các PCT UBND thành phố"]),
        new(new DateOnly(2025, 7, 1), null, null, HotlineTeam),
    ];

    public IssuingBodies(IEnumerable<IssuingBody> configured)
    {
        ArgumentNullException.ThrowIfNull(configured);
        Configured = [.. configured];
    }

    /// <summary>Nothing configured: the defaults alone.</summary>
    public static IssuingBodies Default { get; } = new([]);

    /// <summary>The entries of the setting, in their order.</summary>
    public IReadOnlyList<IssuingBody> Configured { get; }

    /// <summary>The body in force on a local day: the configured entry covering it, else the default.</summary>
    public IssuingBody On(DateOnly day) =>
        Configured.FirstOrDefault(b => b.IsInForceOn(day)) ?? Defaults.First(b => b.IsInForceOn(day));

    /// <summary>
    /// Reads <c>Reports:IssuingBodies</c> (each entry may also list <c>Recipients</c>). Throws <see cref="ReportSettingsException"/> naming the entry when a date is not
    /// yyyy-MM-dd, <c>To</c> is before <c>From</c>, <c>Body</c> is empty, or two entries share a day.
    /// </summary>
    public static IssuingBodies FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(SettingName);
        var children = section.GetChildren().ToList();
        if (children.Count == 0)
        {
            return string.IsNullOrWhiteSpace(section.Value)
                ? Default
                : throw new ReportSettingsException($"{SettingName} must be a list of {{ From, To, Parent, Body }} entries, not the single value '{section.Value}'.");
        }

        var entries = new List<(string Name, IssuingBody Body)>();
        foreach (var child in children)
        {
            var name = $"{SettingName}:{child.Key}";
            var from = Date(child, "From", name);
            var to = Date(child, "To", name);
            var body = child["Body"]?.Trim();
            if (string.IsNullOrEmpty(body))
            {
                throw new ReportSettingsException($"{name}: Body is empty; give the name of the body that issues the reports, e.g. \"{HotlineTeam}\".");
            }

            if (from is { } f && to is { } t && t < f)
            {
                throw new ReportSettingsException($"{name}: To ({t:yyyy-MM-dd}) is before From ({f:yyyy-MM-dd}).");
            }

            var parent = child["Parent"]?.Trim();
            var recipients = child.GetSection("Recipients").GetChildren().Select(r => r.Value?.Trim()).OfType<string>().Where(r => r.Length > 0).ToList();
            entries.Add((name, new IssuingBody(from, to, string.IsNullOrEmpty(parent) ? null : parent, body, recipients.Count == 0 ? null : recipients)));
        }

        for (var i = 0; i < entries.Count; i++)
        {
            for (var j = i + 1; j < entries.Count; j++)
            {
                var (a, b) = (entries[i].Body, entries[j].Body);
                if ((a.From ?? DateOnly.MinValue) <= (b.To ?? DateOnly.MaxValue) && (b.From ?? DateOnly.MinValue) <= (a.To ?? DateOnly.MaxValue))
                {
                    throw new ReportSettingsException(
                        $"{entries[i].Name} ({Span(a)}) and {entries[j].Name} ({Span(b)}) overlap; each day may have only one issuing body.");
                }
            }
        }

        return new IssuingBodies(entries.Select(e => e.Body));
    }

    private static DateOnly? Date(IConfigurationSection entry, string key, string name)
    {
        var text = entry[key]?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new ReportSettingsException($"{name}:{key} '{text}' is not a date like 2025-07-01.");
    }

    private static string Span(IssuingBody body) =>
        $"{body.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "…"} to {body.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "…"}";
}
