using Bunit;
using HotlineIoc.Web.Components.Dashboard;
using static HotlineIoc.Web.Tests.Components.DashboardTestKit;

namespace HotlineIoc.Web.Tests.Components;

public class CaseStreamTests
{
    [Fact]
    public async Task Newest_change_comes_first()
    {
        using var culture = Vietnamese();
        await using var ctx = NewContext();

        var cut = Render(ctx);

        var codes = cut.FindAll("[data-code]").Select(e => e.GetAttribute("data-code")).ToList();
        Assert.Equal(["BMT-2025-000120", "BMT-2025-000101", "BMT-2025-000090", "BMT-2025-000042"], codes);
    }

    [Fact]
    public async Task A_line_names_field_unit_and_channel_and_tells_age_and_status_in_Vietnamese()
    {
        using var culture = Vietnamese();
        await using var ctx = NewContext();

        var cut = Render(ctx);

        Assert.Equal("BMT-2025-000101 5 phút Đang xử lý An ninh trật tự Tân Lập Tổng đài", Line(cut, "BMT-2025-000101"));
        Assert.Equal("BMT-2025-000090 2 giờ Đã chuyển xử lý Môi trường Ea Kao Zalo", Line(cut, "BMT-2025-000090"));
        Assert.Equal("BMT-2025-000042 3 ngày Quá hạn Mới tiếp nhận An toàn giao thông Thắng Lợi IOC", Line(cut, "BMT-2025-000042"));
        Assert.StartsWith("BMT-2025-000120 1 ngày Đã xử lý", Line(cut, "BMT-2025-000120"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task English_culture_gets_English_fields_ages_and_statuses()
    {
        using var culture = English();
        await using var ctx = NewContext();

        var cut = Render(ctx);

        Assert.Equal("BMT-2025-000101 5 min In progress Security and public order Tân Lập Hotline", Line(cut, "BMT-2025-000101"));
        Assert.Equal("BMT-2025-000090 2 h Forwarded Environment and sanitation Ea Kao Zalo", Line(cut, "BMT-2025-000090"));
        Assert.Equal("BMT-2025-000042 3 days Overdue Received Traffic safety Thắng Lợi IOC", Line(cut, "BMT-2025-000042"));
        Assert.Equal("Latest case activity", cut.Find(".hd-title").Text());
    }

    [Fact]
    public async Task Overdue_lines_are_marked_and_others_are_not()
    {
        using var culture = Vietnamese();
        await using var ctx = NewContext();

        var cut = Render(ctx);

        var marked = cut.FindAll(".hd-stream-item--overdue");
        Assert.Equal("BMT-2025-000042", Assert.Single(marked).GetAttribute("data-code"));
        Assert.Single(cut.FindAll(".hd-overdue-tag"));
    }

    [Fact]
    public async Task Statuses_wear_their_colours()
    {
        using var culture = Vietnamese();
        await using var ctx = NewContext();

        var cut = Render(ctx);

        Assert.Contains("mud-chip-color-warning", Chip(cut, "BMT-2025-000101"));
        Assert.Contains("mud-chip-color-primary", Chip(cut, "BMT-2025-000090"));
        Assert.Contains("mud-chip-color-info", Chip(cut, "BMT-2025-000042"));
        Assert.Contains("mud-chip-color-success", Chip(cut, "BMT-2025-000120"));
    }

    [Fact]
    public async Task The_wall_shows_only_as_many_lines_as_fit()
    {
        using var culture = Vietnamese();
        await using var ctx = NewContext();

        var cut = ctx.Render<CaseStream>(p => p
            .Add(x => x.Items, Snapshot().Stream)
            .Add(x => x.Now, Now)
            .Add(x => x.MaxItems, 2));

        Assert.Equal(2, cut.FindAll("[data-code]").Count);
        Assert.Equal("/cases", cut.Find(".hd-title a").GetAttribute("href"));
    }

    [Fact]
    public async Task An_empty_stream_says_so()
    {
        using var culture = Vietnamese();
        await using var ctx = NewContext();

        var cut = ctx.Render<CaseStream>(p => p.Add(x => x.Items, []).Add(x => x.Now, Now));

        Assert.Equal("Chưa có phản ánh", cut.Find(".hd-empty").Text());
    }

    private static IRenderedComponent<CaseStream> Render(Bunit.BunitContext ctx) =>
        ctx.Render<CaseStream>(p => p.Add(x => x.Items, Snapshot().Stream).Add(x => x.Now, Now));

    private static string Line(IRenderedComponent<CaseStream> cut, string code) => cut.Find($"[data-code='{code}']").Text();

    private static string Chip(IRenderedComponent<CaseStream> cut, string code) =>
        cut.Find($"[data-code='{code}'] .mud-chip").ClassName ?? "";
}
