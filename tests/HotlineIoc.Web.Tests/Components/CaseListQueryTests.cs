using HotlineIoc.Domain.Cases;
using HotlineIoc.Web.Components.Pages.Cases;
using Microsoft.Extensions.Time.Testing;
using static HotlineIoc.Web.Tests.Components.DashboardTestKit;

namespace HotlineIoc.Web.Tests.Components;

/// <summary>
/// The drill-down list's filters on a real SQLite file, on Wednesday 12 March 2025 at 10:00 in Buôn Ma Thuột.
/// Each filter must pick exactly the cases the dashboard counted for the tile that links to it.
/// </summary>
public sealed class CaseListQueryTests : IAsyncLifetime
{
    private ComponentDatabase _db = default!;
    private CaseListQuery _query = default!;

    public async ValueTask InitializeAsync()
    {
        _db = await ComponentDatabase.CreateAsync();
        _query = new CaseListQuery(_db.Contexts, new FakeTimeProvider(Now));
        // Received today, not yet forwarded: due Monday 17/03, three working days away.
        await _db.AddAsync("BMT-2025-000007", "hotline", "MT", "tan-lap", new(2025, 3, 12, 8, 0, 0));
        // Due Thursday 06/03: overdue by four working days (07, 10, 11, 12).
        await _db.AddAsync("BMT-2025-000002", "zalo", "ANTT", "tan-lap", new(2025, 3, 3, 9, 0, 0), CaseStatus.Forwarded, "CA");
        // Due Thursday 13/03, the end of the next working day: due soon.
        await _db.AddAsync("BMT-2025-000004", "hotline", "ATGT", "ea-kao", new(2025, 3, 10, 9, 0, 0), CaseStatus.InProgress, "CA");
        // An IOC report (seven working days): due Thursday 20/03.
        await _db.AddAsync("BMT-2025-000006", "ioc", "MT", "thanh-cong", new(2025, 3, 11, 14, 0, 0), CaseStatus.InProgress, "TNMT");
        // Resolved on time in January and closed.
        await _db.AddAsync("BMT-2025-000001", "hotline", "MT", "tan-lap", new(2025, 1, 6, 9, 0, 0), CaseStatus.Closed, "TNMT", new(2025, 1, 8, 15, 0, 0));
        // Received last year, due Friday 03/01/2025 (1 January off), resolved two working days late.
        await _db.AddAsync("BMT-2024-000900", "hotline", "HC", "tu-an", new(2024, 12, 30, 9, 0, 0), CaseStatus.Resolved, "VP", new(2025, 1, 7, 9, 0, 0));
        // Spam, this week.
        await _db.AddAsync("BMT-2025-000005", "zalo", "KHAC", "tan-lap", new(2025, 3, 10, 10, 0, 0), CaseStatus.Rejected);
    }

    public async ValueTask DisposeAsync() => await _db.DisposeAsync();

    [Theory]
    [InlineData("/cases?state=open", "BMT-2025-000007 BMT-2025-000006 BMT-2025-000004 BMT-2025-000002")]
    [InlineData("/cases?state=overdue", "BMT-2025-000002")]
    [InlineData("/cases?state=due-soon", "BMT-2025-000004")]
    [InlineData("/cases?received=today", "BMT-2025-000007")]
    [InlineData("/cases?received=week", "BMT-2025-000007 BMT-2025-000006 BMT-2025-000005 BMT-2025-000004")]
    [InlineData("/cases?received=year", "BMT-2025-000007 BMT-2025-000006 BMT-2025-000005 BMT-2025-000004 BMT-2025-000002 BMT-2025-000001")]
    [InlineData("/cases?unit=tan-lap&state=open", "BMT-2025-000007 BMT-2025-000002")]
    // Today's Phường Tân Lập stands for its area: the cases recorded in old Tân Lập, Tân Hòa and Hòa Thắng.
    [InlineData("/cases?unit=p-tan-lap&state=open", "BMT-2025-000007 BMT-2025-000002")]
    // Phường Buôn Ma Thuột holds Thành Công's case (and would hold Thắng Lợi's) and Tự An's.
    [InlineData("/cases?unit=p-buon-ma-thuot", "BMT-2025-000006 BMT-2024-000900")]
    [InlineData("/cases?unit=thanh-cong", "BMT-2025-000006")]
    [InlineData("/cases?field=MT&received=year", "BMT-2025-000007 BMT-2025-000006 BMT-2025-000001")]
    [InlineData("/cases?channel=zalo&received=year", "BMT-2025-000005 BMT-2025-000002")]
    [InlineData("/cases?agency=CA&state=overdue", "BMT-2025-000002")]
    [InlineData("/cases?agency=none", "BMT-2025-000007 BMT-2025-000005")]
    [InlineData("/cases?agency=none&state=open", "BMT-2025-000007")]
    [InlineData("/cases?from=2025-03-10&to=2025-03-11", "BMT-2025-000006 BMT-2025-000005 BMT-2025-000004")]
    [InlineData("/cases?to=2024-12-31", "BMT-2024-000900")]
    [InlineData("/cases?state=all", "BMT-2025-000007 BMT-2025-000006 BMT-2025-000005 BMT-2025-000004 BMT-2025-000002 BMT-2025-000001 BMT-2024-000900")]
    public async Task Filters_pick_the_cases_the_dashboard_counted(string url, string codes)
    {
        var page = await _query.GetPageAsync(new CaseListRequest(Filter(url), PageSize: 50), TestContext.Current.CancellationToken);

        Assert.Equal(codes, string.Join(' ', page.Rows.Select(r => r.Code)));
        Assert.Equal(page.Rows.Count, page.Total);
    }

    [Fact]
    public async Task Pages_are_cut_in_the_database_with_the_total_of_all_pages()
    {
        var request = new CaseListRequest(new CaseListFilter(), CaseListSort.Code, Descending: false, Page: 1, PageSize: 3);

        var page = await _query.GetPageAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(7, page.Total);
        Assert.Equal(["BMT-2025-000004", "BMT-2025-000005", "BMT-2025-000006"], page.Rows.Select(r => r.Code));
    }

    [Fact]
    public async Task Sorting_by_due_date_puts_the_most_urgent_first()
    {
        var request = new CaseListRequest(new CaseListFilter { State = CaseListStates.Open }, CaseListSort.Due, Descending: false);

        var page = await _query.GetPageAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(["BMT-2025-000002", "BMT-2025-000004", "BMT-2025-000007", "BMT-2025-000006"], page.Rows.Select(r => r.Code));
    }

    [Fact]
    public async Task Each_row_tells_its_working_days_left_or_overdue()
    {
        var page = await _query.GetPageAsync(new CaseListRequest(new CaseListFilter(), PageSize: 50), TestContext.Current.CancellationToken);
        var rows = page.Rows.ToDictionary(r => r.Code);

        Assert.Equal((DeadlineStanding.Open, 3), Stand(rows["BMT-2025-000007"]));
        Assert.Equal((DeadlineStanding.Overdue, 4), Stand(rows["BMT-2025-000002"]));
        Assert.Equal((DeadlineStanding.Open, 1), Stand(rows["BMT-2025-000004"]));
        Assert.Equal((DeadlineStanding.ResolvedOnTime, 0), Stand(rows["BMT-2025-000001"]));
        Assert.Equal((DeadlineStanding.ResolvedLate, 2), Stand(rows["BMT-2024-000900"]));
        Assert.Equal(DeadlineStanding.NotCounted, rows["BMT-2025-000005"].Standing);
        Assert.Equal(new DateTime(2025, 3, 6, 16, 59, 59, DateTimeKind.Utc), rows["BMT-2025-000002"].DueAt);
    }

    [Fact]
    public void The_list_never_carries_reporter_data()
    {
        var columns = typeof(CaseListRow).GetProperties().Select(p => p.Name).ToList();

        Assert.DoesNotContain(columns, c => c.Contains("Reporter", StringComparison.Ordinal) || c.Contains("Phone", StringComparison.Ordinal) || c.Contains("Name", StringComparison.Ordinal));
        Assert.DoesNotContain(columns, c => c.Contains("Address", StringComparison.Ordinal) || c.Contains("Description", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/cases?state=bogus&received=someday&from=12/03/2025", "/cases")]
    [InlineData("/cases?state=ALL", "/cases")]
    [InlineData("/cases?unit=%20tan-lap%20&state=Overdue", "/cases?unit=tan-lap&state=overdue")]
    public void Unknown_filter_values_are_dropped_rather_than_guessed(string url, string normalized)
    {
        Assert.Equal(normalized, Filter(url).ToUrl());
    }

    private static (DeadlineStanding, int) Stand(CaseListRow row) => (row.Standing, row.WorkingDays);

    private static CaseListFilter Filter(string url)
    {
        var query = System.Web.HttpUtility.ParseQueryString(new Uri("http://x" + url).Query);
        return CaseListFilter.Parse(query["unit"], query["field"], query["channel"], query["agency"], query["state"], query["received"], query["from"], query["to"]);
    }
}
