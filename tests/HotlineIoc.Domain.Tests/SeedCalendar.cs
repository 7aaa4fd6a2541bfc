using HotlineIoc.Domain.Calendar;
using HotlineIoc.Domain.Reference;
using HotlineIoc.Infrastructure.Seeding;

namespace HotlineIoc.Domain.Tests;

/// <summary>The real reference data of seed-data/, as shipped beside the app.</summary>
public static class SeedCalendar
{
    public static SeedData Data { get; } = SeedData.Load(SeedData.DefaultFolder);

    public static WorkingCalendar Calendar { get; } = new(Data.CalendarDays);

    public static Channel Channel(string code) => Data.Channels.Single(c => c.Code == code);
}
