using Bunit;
using HotlineIoc.Domain.Cases;
using HotlineIoc.Reports.Model;
using HotlineIoc.Web.Components.Pages.Reports;
using Microsoft.Extensions.Time.Testing;
using static HotlineIoc.Web.Tests.Components.DashboardTestKit;

namespace HotlineIoc.Web.Tests.Components;

/// <summary>
/// The report preview of 2025, made on 2 March 2026, from a real model: old Tân Lập's case of March 2025, new Tân Lập's
/// of August, and Thắng Lợi's of 2024, which today is Buôn Ma Thuột's.
/// </summary>
public sealed class ReportPreviewTests : IAsyncLifetime
{
    private ComponentDatabase _db = default!;
    private ReportModel _model = default!;

    public async ValueTask InitializeAsync()
    {
        _db = await ComponentDatabase.CreateAsync();
        await _db.AddAsync("BMT-2024-000001", "hotline", "MT", "thang-loi", new(2024, 5, 6, 9, 0, 0), CaseStatus.Resolved, "TNMT", new(2024, 5, 6, 15, 0, 0));
        await _db.AddAsync("BMT-2025-000001", "hotline", "MT", "tan-lap", new(2025, 3, 3, 9, 0, 0), CaseStatus.Resolved, "TNMT", new(2025, 3, 3, 15, 0, 0));
        await _db.AddAsync("BMT-2025-000002", "hotline", "MT", "p-tan-lap", new(2025, 8, 4, 9, 0, 0), CaseStatus.Forwarded, "TNMT");
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 3, 0, 0, TimeSpan.Zero));
        _model = await new ReportBuilder(_db.Contexts, clock).BuildAsync(ReportPeriod.Year(2025), ReportScope.City, Xunit.TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task The_units_as_recorded_carry_their_life_span_and_todays_unit()
    {
        using var culture = Vietnamese();
        await using var ctx = NewContext();

        var cut = ctx.Render<ReportPreview>(p => p.Add(x => x.Model, _model));

        var recorded = cut.Find("[data-testid=report-units-recorded]");
        Assert.Equal(25, recorded.QuerySelectorAll("tbody tr[data-unit]").Length);
        Assert.Equal("Tân Lập (đến 30/06/2025) Tân Lập 1 1 100,0 0", Row(recorded, "tan-lap"));
        Assert.Equal("Tân Lập (từ 01/07/2025) Tân Lập 1 0 0,0 1", Row(recorded, "p-tan-lap"));
        Assert.Equal("Cư Êbur (đến 30/06/2025) Buôn Ma Thuột 0 0 0,0 0", Row(recorded, "cu-ebur"));
    }

    [Fact]
    public async Task Across_the_reorganisation_todays_units_compare_with_the_year_before()
    {
        using var culture = Vietnamese();
        await using var ctx = NewContext();

        var cut = ctx.Render<ReportPreview>(p => p.Add(x => x.Model, _model));

        Assert.Equal("Theo địa bàn hiện nay (phường, xã tại ngày 02/03/2026)", cut.Find("[data-testid=report-units-today-heading]").TextContent.Trim());
        var today = cut.Find("[data-testid=report-units-today]");
        Assert.Equal(["p-buon-ma-thuot", "p-ea-kao", "x-hoa-phu", "p-tan-an", "p-tan-lap", "p-thanh-nhat"], today.QuerySelectorAll("tbody tr[data-unit]").Select(r => r.GetAttribute("data-unit")));
        // Thắng Lợi's case of 2024 is Buôn Ma Thuột's today; both Tân Lập cases of 2025 are new Tân Lập's.
        Assert.Equal("Buôn Ma Thuột 0 1 −1 0,0 100,0 −100,0 0", Row(today, "p-buon-ma-thuot"));
        Assert.Equal("Tân Lập 2 0 +2 50,0 0,0 +50,0 1", Row(today, "p-tan-lap"));
    }

    [Fact]
    public async Task The_header_names_the_body_of_the_periods_last_day_without_a_parent_after_the_city()
    {
        using var culture = Vietnamese();
        await using var ctx = NewContext();

        var cut = ctx.Render<ReportPreview>(p => p.Add(x => x.Model, _model));

        Assert.Equal("TỔ ĐIỀU HÀNH ĐƯỜNG DÂY NÓNG", cut.Find("[data-testid=report-issuing-body]").TextContent.Trim());
        Assert.DoesNotContain("UBND", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Life_spans_and_headings_follow_the_English_culture()
    {
        using var culture = English();
        await using var ctx = NewContext();

        var cut = ctx.Render<ReportPreview>(p => p.Add(x => x.Model, _model));

        // Figures keep the report's Vietnamese format in either language, as the rest of the preview does.
        Assert.Equal("Tân Lập (until 30/06/2025) Tân Lập 1 1 100,0 0", Row(cut.Find("[data-testid=report-units-recorded]"), "tan-lap"));
        Assert.Equal("Tân Lập (from 01/07/2025) Tân Lập 1 0 0,0 1", Row(cut.Find("[data-testid=report-units-recorded]"), "p-tan-lap"));
        Assert.Equal("By today's ward or commune (units of 02/03/2026)", cut.Find("[data-testid=report-units-today-heading]").TextContent.Trim());
        Assert.Equal("Unit today", cut.Find("[data-testid=report-units-recorded] thead th:nth-child(2)").TextContent.Trim());
    }

    [Fact]
    public async Task A_period_within_todays_units_shows_one_table()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 3, 0, 0, TimeSpan.Zero));
        var quarter = await new ReportBuilder(_db.Contexts, clock).BuildAsync(ReportPeriod.Parse("2025-Q4"), ReportScope.City, Xunit.TestContext.Current.CancellationToken);
        using var culture = Vietnamese();
        await using var ctx = NewContext();

        var cut = ctx.Render<ReportPreview>(p => p.Add(x => x.Model, quarter));

        Assert.Equal(6, cut.Find("[data-testid=report-units-recorded]").QuerySelectorAll("tbody tr[data-unit]").Length);
        Assert.Empty(cut.FindAll("[data-testid=report-units-today]"));
    }

    private static string Row(AngleSharp.Dom.IElement table, string code) =>
        string.Join(' ', table.QuerySelector($"tr[data-unit='{code}']")!.QuerySelectorAll("td").Select(c => c.TextContent.Trim()));
}
