using System.Globalization;

namespace HotlineIoc.Domain.Tests;

/// <summary>Literal instants for tests, written with their offset so the reader sees local and UTC alike.</summary>
public static class Instants
{
    /// <summary>"2024-02-07T10:00:00+07:00" or "2024-02-19T16:59:59Z" as a UTC <see cref="DateTime"/>.</summary>
    public static DateTime Utc(string iso) =>
        DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture, DateTimeStyles.None).UtcDateTime;
}
