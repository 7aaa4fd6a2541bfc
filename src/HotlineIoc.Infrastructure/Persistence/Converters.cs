using System.Globalization;
using HotlineIoc.Domain.Cases;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace HotlineIoc.Infrastructure.Persistence;

/// <summary>UTC instants as fixed-width text, so SQLite compares and sorts them as strings correctly.</summary>
public sealed class SqliteUtcDateTimeConverter() : ValueConverter<DateTime, string>(
    v => ToText(v),
    v => FromText(v))
{
    public const string Format = "yyyy-MM-dd HH:mm:ss.fffffff";

    public static string ToText(DateTime value) =>
        (value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value).ToString(Format, CultureInfo.InvariantCulture);

    public static DateTime FromText(string value) =>
        DateTime.SpecifyKind(DateTime.ParseExact(value, Format, CultureInfo.InvariantCulture), DateTimeKind.Utc);
}

internal static class StatusConverter
{
    public static readonly ValueConverter<CaseStatus, string> Instance = new(
        v => v.ToWire(),
        v => Parse(v));

    public static readonly ValueConverter<CaseStatus?, string?> Nullable = new(
        v => v == null ? null : v.Value.ToWire(),
        v => v == null ? null : Parse(v));

    private static CaseStatus Parse(string text) =>
        CaseStatusNames.TryParse(text, out var status) ? status : throw new InvalidOperationException($"Unknown case status '{text}' in the database.");
}
