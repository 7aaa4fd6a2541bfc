using HotlineIoc.Infrastructure.Demo;
using HotlineIoc.Infrastructure.Tests;
using Microsoft.Extensions.Time.Testing;

namespace HotlineIoc.Reports.Tests;

/// <summary>The demo history up to a fixed day, in one SQLite file shared by a test class.</summary>
public sealed class DemoDatabase : IAsyncLifetime
{
    public static readonly DateTimeOffset Now = new(2026, 11, 29, 5, 0, 0, TimeSpan.Zero);

    public TestDatabase Database { get; private set; } = null!;

    public FakeTimeProvider Clock { get; } = new(Now);

    public async ValueTask InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        await using var db = Database.Open();
        await DemoSeeder.SeedAsync(db, Now.UtcDateTime, HotlineIoc.Infrastructure.Geography.UnitBoundaries.LoadShipped(HotlineIoc.Infrastructure.Seeding.SeedData.DefaultFolder), null, TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync() => await Database.DisposeAsync();
}
