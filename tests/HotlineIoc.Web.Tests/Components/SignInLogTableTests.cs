using Bunit;
using HotlineIoc.Infrastructure.Identity;
using HotlineIoc.Web.Components.Pages.Admin;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static HotlineIoc.Web.Tests.Components.DashboardTestKit;

namespace HotlineIoc.Web.Tests.Components;

/// <summary>The administrator's table of sign-ins: failed ones by default, who, from where, why.</summary>
public sealed class SignInLogTableTests : IAsyncLifetime
{
    private ComponentDatabase _db = default!;

    public async ValueTask InitializeAsync() => _db = await ComponentDatabase.CreateAsync();

    public async ValueTask DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task Failed_sign_ins_show_with_their_address_and_reason_and_successes_only_when_asked()
    {
        using var culture = Vietnamese();
        var log = new SignInLog(_db.Contexts, new FakeTimeProvider(new DateTimeOffset(2026, 12, 4, 3, 0, 0, TimeSpan.Zero)));
        await log.RecordAsync("dieuhanh", "10.1.2.3", SignInLog.Failed, Xunit.TestContext.Current.CancellationToken);
        await log.RecordAsync("quantri", "10.1.2.4", SignInLog.LockedOut, Xunit.TestContext.Current.CancellationToken);
        await log.RecordAsync("thuky", "10.1.2.5", SignInLog.Succeeded, Xunit.TestContext.Current.CancellationToken);
        await using var ctx = NewContext();
        ctx.Services.AddSingleton(log);
        ctx.Render<MudBlazor.MudPopoverProvider>();

        var cut = ctx.Render<SignInLogTable>();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-outcome]").Count));
        Assert.Contains("dieuhanh", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("10.1.2.3", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("Sai tên hoặc mật khẩu", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("Tài khoản bị khoá tạm thời", cut.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("thuky", cut.Markup, StringComparison.Ordinal);
        await cut.Find(".mud-switch input").ChangeAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = false });
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-outcome]").Count));
    }
}
