using System.Security.Claims;
using HotlineIoc.Domain.Cases;
using HotlineIoc.Infrastructure.CaseCsv;
using HotlineIoc.Infrastructure.Cases;
using HotlineIoc.Infrastructure.Identity;
using HotlineIoc.Infrastructure.Live;
using HotlineIoc.Infrastructure.Overdue;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace HotlineIoc.Infrastructure.Tests;

/// <summary>
/// The overdue board on a real SQLite file on Tuesday 6 May 2025 at 10:00 in Buôn Ma Thuột, just after the 30/4–4/5
/// holidays (Saturday 26 April was a make-up working day). Every due day and bucket below was counted by hand.
/// </summary>
public sealed class OverdueBoardTests : IAsyncLifetime
{
    public static readonly DateTimeOffset Now = new(2025, 5, 6, 10, 0, 0, TimeSpan.FromHours(7));

    private TestDatabase _database = default!;
    private FakeTimeProvider _clock = default!;
    private CaseHandling _handling = default!;
    private OverdueBoard _board = default!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _clock = new FakeTimeProvider(Now);
        _handling = new CaseHandling(_database.Contexts, _clock, new CaseEventBus(NullLogger<CaseEventBus>.Instance));
        _board = new OverdueBoard(_database.Contexts, _clock, _handling);
        await OverdueCases.ImportAsync(_database);
    }

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task The_matrix_counts_open_cases_by_agency_and_working_day_bucket()
    {
        var summary = await _board.GetSummaryAsync(OverdueCases.Leader, new OverdueFilter(), Ct);

        Assert.Equal(
            [
                "|DueSoon=1", "|Late3To5=1",
                "CA|Late1To2=1", "CA|Late3To5=1", "CA|LateOver5=1",
                "TNMT|DueSoon=1", "TNMT|Late1To2=1",
            ],
            summary.Cells.Select(c => $"{c.AgencyCode}|{c.Bucket}={c.Count}"));
        Assert.Equal(7, summary.Total);
        Assert.Null(summary.ScopeAgency);
    }

    [Fact]
    public async Task Rows_come_most_late_first_with_their_working_days_late()
    {
        var page = await _board.GetPageAsync(OverdueCases.Leader, new OverdueRequest(new OverdueFilter()), Ct);

        Assert.Equal(7, page.Total);
        Assert.Equal(
            [
                "000101 LateOver5 6", "000106 Late3To5 5", "000102 Late3To5 3", "000103 Late1To2 2", "000109 Late1To2 2",
                "000105 DueSoon 0", "000104 DueSoon 0",
            ],
            page.Rows.Select(r => $"{r.Code[^6..]} {r.Bucket} {r.WorkingDaysLate}"));
    }

    [Theory]
    [InlineData("bucket=late-3-5", "000106 000102")]
    [InlineData("bucket=due-soon", "000105 000104")]
    [InlineData("field=MT", "000103 000104")]
    [InlineData("unit=tan-lap&field=ANTT", "000101")]
    // Today's unit stands for its area: Phường Tân Lập holds old Tân Lập's cases, Phường Buôn Ma Thuột Tân Lợi's and Thành Công's.
    [InlineData("unit=p-tan-lap&field=ANTT", "000101")]
    [InlineData("unit=p-tan-lap", "000101 000103 000105")]
    [InlineData("unit=p-buon-ma-thuot", "000109 000104")]
    [InlineData("channel=zalo", "000104")]
    [InlineData("channel=ioc&bucket=late-1-2", "000109")]
    [InlineData("from=2025-04-24&to=2025-04-25", "000102 000103")]
    [InlineData("agency=none", "000106 000105")]
    [InlineData("agency=CA&bucket=late-over-5", "000101")]
    [InlineData("agency=CA&from=2025-04-22", "000102")]
    public async Task Filters_narrow_the_rows_in_the_database(string query, string codes)
    {
        var page = await _board.GetPageAsync(OverdueCases.Leader, new OverdueRequest(OverdueCases.Filter(query)), Ct);

        Assert.Equal(codes, string.Join(' ', page.Rows.Select(r => r.Code[^6..])));
        Assert.Equal(page.Rows.Count, page.Total);
    }

    [Theory]
    [InlineData(OverdueSort.Code, false, "000101 000102 000103 000104 000105 000106 000109")]
    [InlineData(OverdueSort.Received, true, "000104 000105 000103 000102 000106 000109 000101")]
    [InlineData(OverdueSort.Lateness, false, "000104 000105 000103 000109 000102 000106 000101")]
    [InlineData(OverdueSort.Agency, true, "000103 000104 000101 000102 000109 000106 000105")]
    [InlineData(OverdueSort.Unit, false, "000102 000106 000101 000103 000105 000109 000104")]
    public async Task Rows_sort_in_the_database(OverdueSort sort, bool descending, string codes)
    {
        var page = await _board.GetPageAsync(OverdueCases.Leader, new OverdueRequest(new OverdueFilter(), sort, descending), Ct);

        Assert.Equal(codes, string.Join(' ', page.Rows.Select(r => r.Code[^6..])));
    }

    [Fact]
    public async Task Pages_are_cut_in_the_database_with_the_total_of_all_pages()
    {
        var page = await _board.GetPageAsync(OverdueCases.Leader, new OverdueRequest(new OverdueFilter(), Page: 1, PageSize: 3), Ct);

        Assert.Equal(7, page.Total);
        Assert.Equal(["000103", "000109", "000105"], page.Rows.Select(r => r.Code[^6..]));
    }

    [Fact]
    public async Task A_department_head_sees_only_their_own_agency()
    {
        var head = OverdueCases.DepartmentHead("CA");

        var summary = await _board.GetSummaryAsync(head, new OverdueFilter(), Ct);
        var page = await _board.GetPageAsync(head, new OverdueRequest(new OverdueFilter()), Ct);

        Assert.Equal("CA", summary.ScopeAgency);
        Assert.All(summary.Cells, c => Assert.Equal("CA", c.AgencyCode));
        Assert.Equal(3, summary.Total);
        Assert.Equal(["000101", "000102", "000109"], page.Rows.Select(r => r.Code[^6..]));
    }

    [Theory]
    [InlineData("agency=TNMT")]
    [InlineData("agency=none")]
    [InlineData("agency=tnmt&field=MT")]
    public async Task A_crafted_agency_filter_does_not_widen_a_department_heads_view(string query)
    {
        var head = OverdueCases.DepartmentHead("CA");

        var page = await _board.GetPageAsync(head, new OverdueRequest(OverdueCases.Filter(query)), Ct);
        var count = await _board.CountAsync(head, OverdueCases.Filter(query), Ct);
        var exported = await _board.StreamAsync(head, OverdueCases.Filter(query), OverdueSort.Lateness, true, 1000, Ct).ToListAsync(Ct);

        Assert.All(page.Rows, r => Assert.Equal("CA", r.AgencyCode));
        Assert.All(exported, r => Assert.Equal("CA", r.Row.AgencyCode));
        Assert.Equal(page.Total, count);
    }

    [Fact]
    public async Task The_leader_the_secretary_and_operators_see_every_agency()
    {
        foreach (var user in new[] { OverdueCases.Leader, OverdueCases.Secretary, OverdueCases.Operator })
        {
            var summary = await _board.GetSummaryAsync(user, new OverdueFilter(), Ct);

            Assert.Equal(["", "CA", "TNMT"], summary.Cells.Select(c => c.AgencyCode).Distinct());
        }
    }

    [Fact]
    public async Task Admins_displays_strangers_and_heads_without_an_agency_are_refused()
    {
        ClaimsPrincipal[] refused =
        [
            OverdueCases.Person("quantri", HotlineRoles.Admin),
            OverdueCases.Person("wall-1", HotlineRoles.Display),
            OverdueCases.Person("truong.x", HotlineRoles.DepartmentHead),
            new ClaimsPrincipal(new ClaimsIdentity()),
        ];

        foreach (var user in refused)
        {
            await Assert.ThrowsAsync<OverdueAccessException>(() => _board.GetSummaryAsync(user, new OverdueFilter(), Ct));
            await Assert.ThrowsAsync<OverdueAccessException>(() => _board.GetPageAsync(user, new OverdueRequest(new OverdueFilter()), Ct));
            await Assert.ThrowsAsync<OverdueAccessException>(() => _board.CountAsync(user, new OverdueFilter(), Ct));
        }
    }

    [Fact]
    public async Task A_reminder_from_the_leader_is_recorded_and_shown_to_the_agency_until_it_acts()
    {
        await _board.SendReminderAsync(OverdueCases.Leader, "BMT-2025-000102", "Đề nghị xử lý ngay", Ct);

        await using (var db = _database.Open())
        {
            var item = await db.Cases.Include(c => c.History).SingleAsync(c => c.Code == "BMT-2025-000102", Ct);
            Assert.Equal(Now.UtcDateTime, item.ReminderPendingSince);
            Assert.Equal(1, item.RemindersSent);
            var reminder = Assert.Single(item.History, e => e.Kind == CaseEventKind.ReminderSent);
            Assert.Equal("lanhdao", reminder.Actor);
            Assert.Equal("CA: Đề nghị xử lý ngay", reminder.Note);
        }

        var head = OverdueCases.DepartmentHead("CA");
        Assert.Equal(1, (await _board.GetSummaryAsync(head, new OverdueFilter(), Ct)).PendingReminders);
        Assert.Equal(0, (await _board.GetSummaryAsync(OverdueCases.DepartmentHead("TNMT"), new OverdueFilter(), Ct)).PendingReminders);
        var pending = await _board.GetPageAsync(head, new OverdueRequest(OverdueCases.Filter("reminder=pending")), Ct);
        var row = Assert.Single(pending.Rows);
        Assert.Equal((1, Now.UtcDateTime), (row.RemindersSent, row.ReminderPendingSince));

        _clock.Advance(TimeSpan.FromHours(1));
        await _handling.ApplyAsync("BMT-2025-000102", (c, now) => c.AddProgressNote("Đã cử cán bộ xuống kiểm tra", now, "truong.ca"), Ct);

        Assert.Equal(0, (await _board.GetSummaryAsync(head, new OverdueFilter(), Ct)).PendingReminders);
        Assert.Null((await _board.GetPageAsync(head, new OverdueRequest(OverdueCases.Filter("agency=CA&bucket=late-3-5")), Ct)).Rows.Single().ReminderPendingSince);
    }

    [Fact]
    public async Task A_department_head_or_an_operator_cannot_send_a_reminder()
    {
        await Assert.ThrowsAsync<OverdueAccessException>(() => _board.SendReminderAsync(OverdueCases.DepartmentHead("CA"), "BMT-2025-000102", null, Ct));
        await Assert.ThrowsAsync<OverdueAccessException>(() => _board.SendReminderAsync(OverdueCases.Operator, "BMT-2025-000102", null, Ct));
        await Assert.ThrowsAsync<OverdueAccessException>(() => _board.RemindAgencyAsync(OverdueCases.DepartmentHead("CA"), new OverdueFilter(), "CA", null, Ct));

        await using var db = _database.Open();
        var item = await db.Cases.Include(c => c.History).SingleAsync(c => c.Code == "BMT-2025-000102", Ct);
        Assert.Null(item.ReminderPendingSince);
        Assert.DoesNotContain(item.History, e => e.Kind == CaseEventKind.ReminderSent);
    }

    [Theory]
    [InlineData("", "CA", 3)]
    [InlineData("field=ATGT", "CA", 2)]
    [InlineData("bucket=late-over-5", "CA", 1)]
    // Due soon is not late: nothing to remind.
    [InlineData("bucket=due-soon", "TNMT", 0)]
    // A case nobody holds cannot be reminded.
    [InlineData("", "none", 0)]
    public async Task The_secretary_reminds_an_agency_of_its_late_cases_in_the_current_filter(string query, string agency, int reminded)
    {
        var count = await _board.RemindAgencyAsync(OverdueCases.Secretary, OverdueCases.Filter(query), agency, "Nhắc lần 1", Ct);

        Assert.Equal(reminded, count);
        await using var db = _database.Open();
        Assert.Equal(reminded, await db.Cases.CountAsync(c => c.ReminderPendingSince != null, Ct));
        Assert.Equal(reminded, await db.CaseEvents.CountAsync(e => e.Kind == CaseEventKind.ReminderSent && e.Actor == "thuky", Ct));
    }

    [Fact]
    public async Task A_reminder_to_a_case_without_an_agency_is_refused_by_the_domain()
    {
        await Assert.ThrowsAsync<HotlineIoc.Domain.DomainException>(() => _board.SendReminderAsync(OverdueCases.Leader, "BMT-2025-000106", null, Ct));
    }
}

/// <summary>The board's test cases and the people who look at them.</summary>
public static class OverdueCases
{
    public static ClaimsPrincipal Leader { get; } = Person("lanhdao", HotlineRoles.Leader);

    public static ClaimsPrincipal Secretary { get; } = Person("thuky", HotlineRoles.Secretary);

    public static ClaimsPrincipal Operator { get; } = Person("dieuhanh", HotlineRoles.Operator);

    public static ClaimsPrincipal DepartmentHead(string agency) =>
        Person("truong." + agency.ToLowerInvariant(), HotlineRoles.DepartmentHead, new Claim(HotlineRoles.AgencyClaim, agency));

    public static ClaimsPrincipal Person(string name, string role, params Claim[] more) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, role), .. more], "test"));

    public static OverdueFilter Filter(string query)
    {
        var q = System.Web.HttpUtility.ParseQueryString(query);
        return OverdueFilter.Parse(q["field"], q["unit"], q["channel"], q["agency"], q["from"], q["to"], q["bucket"], q["reminder"]);
    }

    /// <summary>Hotline and Zalo cases are due on the 3rd working day after receipt, IOC reports on the 7th.</summary>
    public static async Task ImportAsync(TestDatabase database)
    {
        var path = new CaseCsvBuilder()
            // Due Thu 24/4: six working days late.
            .Row("BMT-2025-000101,hotline,2025-04-21T09:00:00+07:00,ANTT,tan-lap,,,,a,Nguyễn Văn An,0905111101,forwarded,CA,,,,")
            // Due Mon 28/4 (25/4, Sat 26/4 make-up, 28/4): three late.
            .Row("BMT-2025-000102,hotline,2025-04-24T09:00:00+07:00,ATGT,ea-kao,,,,b,Trần Thị Bình,0905111102,in_progress,CA,,,,")
            // Due Tue 29/4: two late (5/5, 6/5).
            .Row("BMT-2025-000103,hotline,2025-04-25T09:00:00+07:00,MT,tan-lap,,,,c,\"Lê Văn \"\"Cường\"\", Tân Lập\",0905111103,in_progress,TNMT,,,,")
            // Received on the holiday Fri 2/5: due Wed 7/5, due soon.
            .Row("BMT-2025-000104,zalo,2025-05-02T09:00:00+07:00,MT,thanh-cong,,,,d,,,forwarded,TNMT,,,,")
            // Not yet forwarded, due tonight (Tue 6/5).
            .Row("BMT-2025-000105,hotline,2025-04-28T09:00:00+07:00,HTDT,tan-lap,,,,e,Phạm Văn Em,0905111105,received,,,,,")
            // Returned by its agency, due Fri 25/4: five late, waiting to be forwarded again.
            .Row("BMT-2025-000106,hotline,2025-04-22T09:00:00+07:00,HTDT,tan-an,,,,f,,,returned,,,,,")
            // Due Thu 8/5: not on the board yet.
            .Row("BMT-2025-000107,hotline,2025-05-05T09:00:00+07:00,MT,tan-lap,,,,g,,,forwarded,TNMT,,,,")
            // Resolved: off the board whatever its due day.
            .Row("BMT-2025-000108,hotline,2025-04-21T09:00:00+07:00,ANTT,tan-lap,,,,h,,,resolved,CA,2025-04-30T09:00:00+07:00,,,")
            // IOC, seven working days: 22, 23, 24, 25, 26 (make-up), 28, 29/4; two late.
            .Row("BMT-2025-000109,ioc,2025-04-21T10:00:00+07:00,ATGT,tan-loi,,,,i,Võ Thị Giang,0905111109,forwarded,CA,,,,")
            .WriteTo(database.PathOf("overdue.csv"));
        var report = await new CaseImporter(database.Contexts).ImportAsync(path, "test", null, null, TestContext.Current.CancellationToken);
        Assert.Equal(9, report.Imported);
    }
}
