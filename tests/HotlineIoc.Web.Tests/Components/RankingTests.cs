using Bunit;
using HotlineIoc.Web.Components.Dashboard;
using static HotlineIoc.Web.Tests.Components.DashboardTestKit;

namespace HotlineIoc.Web.Tests.Components;

/// <summary>The field breakdown and the overdue-by-agency ranking.</summary>
public class RankingTests
{
    [Fact]
    public async Task Fields_are_ranked_with_every_one_of_the_15_shown()
    {
        using var culture = Vietnamese();
        await using var ctx = NewContext();

        var cut = RenderFields(ctx);

        var rows = cut.FindAll(".hd-bars > li");
        Assert.Equal(15, rows.Count);
        Assert.Equal(["ANTT", "MT", "ATGT"], rows.Take(3).Select(r => r.GetAttribute("data-code")));
        Assert.Equal("An ninh trật tự 1.234", rows[0].Text());
        Assert.Equal("Môi trường 456", rows[1].Text());
        // Fields with no case keep their published order, at zero.
        Assert.Equal("Hạ tầng đô thị 0", rows[3].Text());
        Assert.Equal("Theo lĩnh vực, năm 2025", cut.Find(".hd-title").Text());
    }

    [Fact]
    public async Task Bars_are_as_long_as_their_share_of_the_largest()
    {
        using var culture = Vietnamese();
        await using var ctx = NewContext();

        var cut = RenderFields(ctx);

        Assert.Equal("width: 100%", Width(cut, "ANTT"));
        Assert.Equal("width: 36.95%", Width(cut, "MT"));
        Assert.Equal("width: 0%", Width(cut, "KHAC"));
    }

    [Fact]
    public async Task A_field_opens_its_cases_of_the_year()
    {
        using var culture = Vietnamese();
        await using var ctx = NewContext();

        var cut = RenderFields(ctx);

        Assert.Equal("/cases?field=MT&received=year", cut.Find("[data-code=MT] a").GetAttribute("href"));
    }

    [Fact]
    public async Task Field_names_follow_the_English_culture()
    {
        using var culture = English();
        await using var ctx = NewContext();

        var cut = RenderFields(ctx);

        Assert.Equal("Security and public order 1,234", cut.Find("[data-code=ANTT]").Text());
        Assert.Equal("By field, 2025", cut.Find(".hd-title").Text());
    }

    [Fact]
    public async Task Agencies_are_ranked_by_overdue_cases_with_their_names()
    {
        using var culture = Vietnamese();
        await using var ctx = NewContext();

        var cut = RenderAgencies(ctx);

        var rows = cut.FindAll(".hd-bars > li");
        Assert.Equal(["Công an thành phố 4", "Phòng Tài nguyên và Môi trường 2", "Chưa giao cơ quan 1"], rows.Select(r => r.Text()));
    }

    [Theory]
    [InlineData("CA", "/overdue?agency=CA")]
    [InlineData("TNMT", "/overdue?agency=TNMT")]
    [InlineData("none", "/overdue?agency=none")]
    public async Task An_agency_opens_its_overdue_cases(string code, string href)
    {
        using var culture = Vietnamese();
        await using var ctx = NewContext();

        var cut = RenderAgencies(ctx);

        Assert.Equal(href, cut.Find($"[data-code='{code}'] a").GetAttribute("href"));
    }

    [Fact]
    public async Task No_overdue_case_is_good_news()
    {
        using var culture = Vietnamese();
        await using var ctx = NewContext();

        var cut = ctx.Render<OverdueByAgency>(p => p.Add(x => x.Counts, []));

        Assert.Equal("Không có phản ánh quá hạn", cut.Find(".hd-empty--good").Text());
        Assert.Empty(cut.FindAll(".hd-bars"));
    }

    [Fact]
    public async Task The_wall_lists_only_the_agencies_that_fit()
    {
        using var culture = English();
        await using var ctx = NewContext();

        var cut = ctx.Render<OverdueByAgency>(p => p.Add(x => x.Counts, Snapshot().OverdueByAgency).Add(x => x.MaxItems, 2));

        Assert.Equal(2, cut.FindAll(".hd-bars > li").Count);
        Assert.Equal("Overdue by agency", cut.Find(".hd-title").Text());
    }

    private static IRenderedComponent<FieldBreakdown> RenderFields(Bunit.BunitContext ctx) =>
        ctx.Render<FieldBreakdown>(p => p.Add(x => x.Counts, Snapshot().ByField).Add(x => x.Year, 2025));

    private static IRenderedComponent<OverdueByAgency> RenderAgencies(Bunit.BunitContext ctx) =>
        ctx.Render<OverdueByAgency>(p => p.Add(x => x.Counts, Snapshot().OverdueByAgency));

    private static string? Width(IRenderedComponent<FieldBreakdown> cut, string code) =>
        cut.Find($"[data-code={code}] .hd-bar-fill").GetAttribute("style");
}
