using HotlineIoc.Infrastructure.Persistence;
using HotlineIoc.Web.Api;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HotlineIoc.Web.Tests.Open311;

/// <summary>
/// The app for the Open311 tests: the read and write keys of <see cref="HotlineApp"/> (the write key reports as the IOC,
/// the default channel), a key whose <c>Channel</c> is <c>zalo</c>, no read limit unless one is asked for, and a clock
/// standing still on Wednesday 2 December 2026, 09:00 in Buôn Ma Thuột, so due dates are known.
/// </summary>
public class Open311App : HotlineApp
{
    public const string ZaloKey = "test-zalo-bridge-5Rt8wQ2n";

    public static readonly DateTimeOffset Now = new(2026, 12, 2, 9, 0, 0, TimeSpan.FromHours(7));

    private readonly int _readsPerMinute;

    public Open311App()
        : this(readsPerMinute: 0)
    {
    }

    protected Open311App(int readsPerMinute) => _readsPerMinute = readsPerMinute;

    public FakeTimeProvider Clock { get; } = new(Now);

    public IDbContextFactory<HotlineDbContext> Contexts => Services.GetRequiredService<IDbContextFactory<HotlineDbContext>>();

    public async Task<int> CaseCountAsync()
    {
        await using var db = await Contexts.CreateDbContextAsync(TestContext.Current.CancellationToken);
        return await db.Cases.CountAsync(TestContext.Current.CancellationToken);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Api:Keys:2:Key", ZaloKey);
        builder.UseSetting("Api:Keys:2:Name", "zalo-bridge");
        builder.UseSetting("Api:Keys:2:Scopes:0", ApiScopes.Write);
        builder.UseSetting("Api:Keys:2:Channel", "zalo");
        builder.UseSetting("Open311:ReadsPerClientPerMinute", _readsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}

/// <summary>The Open311 tests share one app, one test at a time, so counts of cases before and after a call are exact.</summary>
[CollectionDefinition(Name)]
public sealed class Open311Tests : ICollectionFixture<Open311App>
{
    public const string Name = "open311";
}
