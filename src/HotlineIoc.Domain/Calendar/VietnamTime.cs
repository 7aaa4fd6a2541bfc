namespace HotlineIoc.Domain.Calendar;

/// <summary>
/// Asia/Ho_Chi_Minh: UTC+7 all year. Instants are stored in UTC; calendar arithmetic is done on local dates.
/// </summary>
public static class VietnamTime
{
    public static readonly TimeZoneInfo Zone = FindZone();

    public static readonly TimeSpan Offset = TimeSpan.FromHours(7);

    private static TimeZoneInfo FindZone()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh");
        }
        catch (TimeZoneNotFoundException)
        {
            // A server without tzdata still gets the right answer: Vietnam has had no daylight saving since 1975.
            return TimeZoneInfo.CreateCustomTimeZone("Asia/Ho_Chi_Minh", TimeSpan.FromHours(7), "Indochina Time", "ICT");
        }
    }

    public static DateOnly LocalDate(DateTime utc) => DateOnly.FromDateTime(ToLocal(utc));

    public static DateTime ToLocal(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    public static DateTimeOffset ToLocalOffset(DateTime utc) =>
        new(ToLocal(utc), Offset);

    /// <summary>The UTC instant of a local wall-clock time in Vietnam.</summary>
    public static DateTime FromLocal(DateOnly date, TimeOnly time) =>
        DateTime.SpecifyKind(date.ToDateTime(time) - Offset, DateTimeKind.Utc);

    /// <summary>The UTC instant at which a local day starts.</summary>
    public static DateTime StartOfDayUtc(DateOnly date) => FromLocal(date, TimeOnly.MinValue);
}
