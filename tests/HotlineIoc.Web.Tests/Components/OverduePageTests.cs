using System.Security.Claims;
using Bunit;
using HotlineIoc.Domain.Cases;
using HotlineIoc.Infrastructure.Cases;
using HotlineIoc.Infrastructure.Identity;
using HotlineIoc.Infrastructure.Live;
using HotlineIoc.Infrastructure.Overdue;
using HotlineIoc.Web.Components.Pages.Overdue;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;
using static HotlineIoc.Web.Tests.Components.DashboardTestKit;

namespace HotlineIoc.Web.Tests.Components;

/// <summary>
/// The overdue board page on Wednesday 12 March 2025 at 10:00: the matrix, the rows, the department head's banner and
/// the leader's reminder, rendered from a real SQLite file.
/// </summary>
public sealed class OverduePageTests : IAsyncLifetime
{
    private ComponentDatabase _db = default!;
    private FakeTimeProvider _clock = default!;
    private OverdueBoard _board = default!;
    private CaseEventBus _bus = default!;
    private CaseHandling _handling = default!;

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _db = await ComponentDatabase.CreateAsync();
        _clock = new FakeTimeProvider(Now);
        _bus = new CaseEventBus(NullLogger<CaseEventBus>.Instance);
        _handling = new CaseHandling(_db.Contexts, _clock, _bus);
        _board = new OverdueBoard(_db.Contexts, _clock, _handling);
        // Due Thu 27/02: 28/02, 03–07/03, 10–12/03 = nine working days late.
        await _db.AddAsync("BMT-2025-000010", "hotline", "MT", "tan-lap", new(2025, 2, 24, 9, 0, 0), CaseStatus.Forwarded, "TNMT");
        // Due Thu 06/03: four working days late (07, 10, 11, 12).
        await _db.AddAsync("BMT-2025-000002", "zalo", "ANTT", "tan-lap", new(2025, 3, 3, 9, 0, 0), CaseStatus.Forwarded, "CA");
        // Due Thu 13/03, the end of the next working day: due soon.
        await _db.AddAsync("BMT-2025-000004", "hotline", "ATGT", "ea-kao", new(2025, 3, 10, 9, 0, 0), CaseStatus.InProgress, "CA");
        // Due Mon 17/03: not on the board yet.
        await _db.AddAsync("BMT-2025-000007", "hotline", "MT", "tan-lap", new(2025, 3, 12, 8, 0, 0));
    }

    public async ValueTask DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task The_leader_sees_every_agency_by_bucket_and_the_rows_most_late_first()
    {
        using var culture = Vietnamese();
        await using var ctx = Context("/overdue", "lanhdao", HotlineRoles.Leader);

        var cut = RenderPage(ctx);

        Assert.Equal(["TNMT", "CA"], cut.FindAll(".hd-overdue-matrix tbody tr").Select(r => r.GetAttribute("data-agency")));
        Assert.Equal("/overdue?agency=CA&bucket=late-3-5", cut.Find("tr[data-agency=CA] td[data-bucket=late-3-5] a").GetAttribute("href"));
        Assert.Equal("1", cut.Find("tr[data-agency=TNMT] td[data-bucket=late-over-5]").Text().Trim());
        Assert.Equal(("> 5 ngày", "Quá hạn trên 5 ngày"), (cut.Find("thead th[data-bucket=late-over-5]").Text().Trim(), cut.Find("thead th[data-bucket=late-over-5]").GetAttribute("title")));
        Assert.Single(cut.FindAll("[data-filter=agency]"));
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("tbody tr.mud-table-row").Count));
        Assert.Equal(["BMT-2025-000010", "BMT-2025-000002", "BMT-2025-000004"], cut.FindAll("tbody tr.mud-table-row .hd-code").Select(c => c.Text()));
        Assert.Equal("/cases/BMT-2025-000002", cut.Find("tbody tr.mud-table-row .hd-code a[href='/cases/BMT-2025-000002']").GetAttribute("href"));
        Assert.Equal(["9 ngày", "4 ngày", "Chưa quá hạn"], cut.FindAll("tbody tr.mud-table-row td[data-bucket]").Select(c => c.Text().Trim()));
        Assert.DoesNotContain("Nguyễn Văn Bí Mật", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("/overdue/export.xlsx", cut.Find("[data-export=xlsx]").GetAttribute("href"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_matrix_cell_filters_the_rows()
    {
        using var culture = Vietnamese();
        await using var ctx = Context("/overdue?agency=CA&bucket=late-3-5", "lanhdao", HotlineRoles.Leader);

        var cut = RenderPage(ctx);

        cut.WaitForAssertion(() => Assert.Equal(["BMT-2025-000002"], cut.FindAll("tbody tr.mud-table-row .hd-code").Select(c => c.Text())));
        Assert.Contains("mud-theme-primary", cut.Find("tr[data-agency=CA] td[data-bucket=late-3-5]").ClassList);
        Assert.Equal("/overdue/export.csv?agency=CA&bucket=late-3-5", cut.Find("[data-export=csv]").GetAttribute("href"));
    }

    [Fact]
    public async Task The_leader_reminds_an_agency_of_one_case_and_the_row_shows_it_pending()
    {
        using var culture = Vietnamese();
        await using var ctx = Context("/overdue", "lanhdao", HotlineRoles.Leader);
        var cut = RenderPage(ctx);
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("tbody tr.mud-table-row").Count));

        await cut.Find("[data-remind-case='BMT-2025-000002'] button, button[data-remind-case='BMT-2025-000002']").ClickAsync(new());
        cut.Find(".hd-reminder-panel textarea").Input("Đề nghị báo cáo trước 17 giờ");
        await cut.Find("[data-remind=send]").ClickAsync(new());

        await using (var db = _db.Contexts.CreateDbContext())
        {
            var item = await db.Cases.Include(c => c.History).SingleAsync(c => c.Code == "BMT-2025-000002", Ct);
            Assert.Equal(Now, item.ReminderPendingSince);
            var reminder = Assert.Single(item.History, e => e.Kind == CaseEventKind.ReminderSent);
            Assert.Equal(("lanhdao", "CA: Đề nghị báo cáo trước 17 giờ"), (reminder.Actor, reminder.Note));
        }

        cut.WaitForAssertion(() => Assert.Equal("Đã nhắc 12/03", cut.Find("tr.mud-table-row [data-reminder=pending]").Text().Trim()));
        Assert.Equal("Đã nhắc 12/03/2025 10:00, đang chờ cơ quan xử lý", cut.Find("tr.mud-table-row [data-reminder=pending]").GetAttribute("title"));
        Assert.Empty(cut.FindAll(".hd-reminder-panel"));
    }

    [Fact]
    public async Task A_department_head_sees_their_agency_and_the_reminders_waiting_for_them_but_cannot_remind()
    {
        await _board.SendReminderAsync(Person("lanhdao", HotlineRoles.Leader), "BMT-2025-000002", null, Ct);
        using var culture = Vietnamese();
        await using var ctx = Context("/overdue?agency=TNMT", "truong.ca", HotlineRoles.DepartmentHead, new Claim(HotlineRoles.AgencyClaim, "CA"));

        var cut = RenderPage(ctx);

        Assert.Equal(["CA"], cut.FindAll(".hd-overdue-matrix tbody tr").Select(r => r.GetAttribute("data-agency")));
        Assert.Contains("1 phản ánh đã được lãnh đạo nhắc nhở, đang chờ đơn vị xử lý", cut.Find(".hd-reminder-banner").Text(), StringComparison.Ordinal);
        Assert.Equal("/overdue?reminder=pending", cut.Find(".hd-reminder-banner a").GetAttribute("href"));
        Assert.Empty(cut.FindAll("[data-filter=agency]"));
        cut.WaitForAssertion(() => Assert.Equal(["BMT-2025-000002", "BMT-2025-000004"], cut.FindAll("tbody tr.mud-table-row .hd-code").Select(c => c.Text())));
        Assert.Empty(cut.FindAll("[data-remind-case], [data-remind-agency]"));
    }

    [Fact]
    public async Task The_matrix_follows_changes_live_and_the_table_offers_to_refresh_without_moving_rows()
    {
        using var culture = Vietnamese();
        await using var ctx = Context("/overdue", "lanhdao", HotlineRoles.Leader);
        var cut = RenderPage(ctx);
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("tbody tr.mud-table-row").Count));
        Assert.Equal("1", cut.Find("tr[data-agency=CA] td[data-bucket=due-soon]").Text().Trim());

        // The police report a result for the case due soon: it leaves the board.
        await _handling.ApplyAsync("BMT-2025-000004", (c, now) => c.ReportResult("Đã xử lý", null, now, "truong.ca"), Ct);

        cut.WaitForAssertion(() => Assert.Equal("0", cut.Find("tr[data-agency=CA] td[data-bucket=due-soon]").Text().Trim()), TimeSpan.FromSeconds(5));
        Assert.Equal(3, cut.FindAll("tbody tr.mud-table-row").Count);
        Assert.Contains("1 thay đổi mới", cut.Find("[data-testid=overdue-refresh]").Text(), StringComparison.Ordinal);

        await cut.Find("[data-testid=overdue-refresh]").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Equal(["BMT-2025-000010", "BMT-2025-000002"], cut.FindAll("tbody tr.mud-table-row .hd-code").Select(c => c.Text())));
        Assert.Empty(cut.FindAll("[data-testid=overdue-refresh]"));
    }

    [Fact]
    public async Task In_english_the_buckets_and_lateness_read_in_english()
    {
        using var culture = English();
        await using var ctx = Context("/overdue", "thuky", HotlineRoles.Secretary);

        var cut = RenderPage(ctx);

        Assert.Equal(
            ["Due within 1 working day", "1–2 days late", "3–5 days late", "Over 5 days late"],
            cut.FindAll(".hd-overdue-matrix thead th[data-bucket]").Select(h => h.GetAttribute("title")));
        cut.WaitForAssertion(() => Assert.Equal(["9 days", "4 days", "Not late yet"], cut.FindAll("tbody tr.mud-table-row td[data-bucket]").Select(c => c.Text().Trim())));
    }

    private static ClaimsPrincipal Person(string name, string role) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, role)], "test"));

    private BunitContext Context(string url, string user, string role, params Claim[] claims)
    {
        var ctx = NewContext();
        ctx.Services.AddSingleton(_board);
        ctx.Services.AddSingleton(_bus);
        ctx.Services.AddSingleton<TimeProvider>(_clock);
        var authorization = ctx.AddAuthorization();
        authorization.SetAuthorized(user);
        authorization.SetRoles(role);
        authorization.SetClaims(claims);
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo(url);
        ctx.Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        return ctx;
    }

    private static IRenderedComponent<OverdueBoardPage> RenderPage(BunitContext ctx)
    {
        ctx.Render<MudPopoverProvider>();
        ctx.Render<MudSnackbarProvider>();
        return ctx.Render<OverdueBoardPage>();
    }
}
