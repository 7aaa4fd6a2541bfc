using Bunit;
using HotlineIoc.Domain.Cases;
using HotlineIoc.Web.Components.Pages.Cases;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;
using static HotlineIoc.Web.Tests.Components.DashboardTestKit;

namespace HotlineIoc.Web.Tests.Components;

/// <summary>The drill-down page: filters read from the address, shown as chips, rows from the database.</summary>
public sealed class CaseListPageTests : IAsyncLifetime
{
    private ComponentDatabase _db = default!;

    public async ValueTask InitializeAsync()
    {
        _db = await ComponentDatabase.CreateAsync();
        await _db.AddAsync("BMT-2025-000002", "zalo", "ANTT", "tan-lap", new(2025, 3, 3, 9, 0, 0), CaseStatus.Forwarded, "CA");
        await _db.AddAsync("BMT-2025-000007", "hotline", "MT", "tan-lap", new(2025, 3, 12, 8, 0, 0));
        await _db.AddAsync("BMT-2025-000004", "hotline", "ATGT", "ea-kao", new(2025, 3, 10, 9, 0, 0), CaseStatus.InProgress, "CA");
    }

    public async ValueTask DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task A_drill_down_lists_the_matching_cases_with_named_columns_and_no_reporter()
    {
        using var culture = Vietnamese();
        await using var ctx = Context("/cases?unit=tan-lap&state=open");

        var cut = RenderPage(ctx);

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("tbody tr.mud-table-row").Count));
        var rows = cut.FindAll("tbody tr.mud-table-row").Select(r => r.Text()).ToList();
        Assert.Equal("BMT-2025-000007 12/03/2025 08:00 Môi trường Tân Lập Tổng đài Chưa giao cơ quan Mới tiếp nhận 17/03/2025 Còn 3 ngày làm việc", rows[0]);
        Assert.Equal("BMT-2025-000002 03/03/2025 09:00 An ninh trật tự Tân Lập Zalo Công an thành phố Đã chuyển xử lý 06/03/2025 Quá hạn 4 ngày làm việc", rows[1]);
        Assert.Contains("hd-row--overdue", cut.FindAll("tbody tr.mud-table-row")[1].ClassList);
        Assert.DoesNotContain("Nguyễn Văn Bí Mật", cut.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("0905999888", cut.Markup, StringComparison.Ordinal);
        Assert.Equal("2 phản ánh", cut.Find(".hd-case-total").Text());
    }

    [Fact]
    public async Task Active_filters_show_as_chips_with_a_way_to_clear_them()
    {
        using var culture = Vietnamese();
        await using var ctx = Context("/cases?unit=tan-lap&state=open");

        var cut = RenderPage(ctx);

        Assert.Equal(["Phường, xã: Tân Lập", "Đang xử lý"], cut.FindAll(".hd-filter-chips .mud-chip").Select(c => c.Text()));
        Assert.Equal("/cases", cut.Find(".hd-clear-filters").GetAttribute("href"));
    }

    [Fact]
    public async Task Removing_a_chip_keeps_the_other_filters()
    {
        using var culture = Vietnamese();
        await using var ctx = Context("/cases?unit=tan-lap&state=open");
        var cut = RenderPage(ctx);

        await cut.Find("[data-filter=unit] .mud-chip-close-button").ClickAsync(new());

        Assert.Equal("http://localhost/cases?state=open", ctx.Services.GetRequiredService<NavigationManager>().Uri);
    }

    [Fact]
    public async Task A_new_address_on_the_same_page_lists_the_new_filters_cases()
    {
        using var culture = Vietnamese();
        await using var ctx = Context("/cases?unit=tan-lap&state=open");
        var cut = RenderPage(ctx);
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("tbody tr.mud-table-row").Count));

        await cut.InvokeAsync(() => ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("/cases?state=due-soon"));

        cut.WaitForAssertion(() => Assert.Equal("BMT-2025-000004", Assert.Single(cut.FindAll("tbody tr.mud-table-row .hd-code")).Text()));
        Assert.Equal(["Đến hạn trong 1 ngày làm việc"], cut.FindAll(".hd-filter-chips .mud-chip").Select(c => c.Text()));
    }

    [Fact]
    public async Task English_list_names_fields_and_deadlines_in_English()
    {
        using var culture = English();
        await using var ctx = Context("/cases?agency=CA&state=overdue");

        var cut = RenderPage(ctx);

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("tbody tr.mud-table-row")));
        Assert.Equal(
            "BMT-2025-000002 03/03/2025 09:00 Security and public order Tân Lập Zalo Công an thành phố Forwarded 06/03/2025 Overdue by 4 working days",
            cut.Find("tbody tr.mud-table-row").Text());
        Assert.Equal(["Agency: Công an thành phố", "Overdue"], cut.FindAll(".hd-filter-chips .mud-chip").Select(c => c.Text()));
    }

    private BunitContext Context(string url)
    {
        var ctx = NewContext();
        ctx.Services.AddSingleton(new CaseListQuery(_db.Contexts, new FakeTimeProvider(Now)));
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo(url);
        return ctx;
    }

    private static IRenderedComponent<CaseList> RenderPage(BunitContext ctx)
    {
        ctx.Render<MudPopoverProvider>();
        return ctx.Render<CaseList>();
    }
}
