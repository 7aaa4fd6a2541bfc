using System.Security.Claims;
using HotlineIoc.Domain.Calendar;
using HotlineIoc.Domain.Cases;
using HotlineIoc.Infrastructure.Cases;
using HotlineIoc.Infrastructure.Live;
using HotlineIoc.Infrastructure.Persistence;
using HotlineIoc.Infrastructure.Privacy;
using HotlineIoc.Web.Components.Dashboard;
using HotlineIoc.Web.Live;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;

namespace HotlineIoc.Web.Components.Pages.Cases.Handling;

/// <summary>
/// One case: facts, deadline in working days, reporter as the person may see it, the whole timeline and the steps the
/// person can take. It follows changes made elsewhere (another operator, the agency) as they happen.
/// </summary>
public partial class CaseDetail
{
    private Case? _case;
    private bool _loaded;
    private ClaimsPrincipal _user = new();
    private IReadOnlyList<Reporter> _reporters = [];
    private int _disclosedFor = -1;
    private bool _clear;
    private DeadlineStanding _standing;
    private int _workingDays;
    private WorkingCalendar? _calendar;
    private IDisposable? _subscription;
    private CoalescedRefresh? _refresh;

    [Parameter] public string Code { get; set; } = "";

    [Inject] private CaseDesk Desk { get; set; } = default!;

    [Inject] private ReporterDisclosure Disclosure { get; set; } = default!;

    [Inject] private ReferenceNames Names { get; set; } = default!;

    [Inject] private CaseEventBus Events { get; set; } = default!;

    [Inject] private TimeProvider Clock { get; set; } = default!;

    [Inject] private IDbContextFactory<HotlineDbContext> Contexts { get; set; } = default!;

    [Inject] private ILogger<CaseDetail> Logger { get; set; } = default!;

    [CascadingParameter] private Task<AuthenticationState>? Authentication { get; set; }

    protected override async Task OnInitializedAsync()
    {
        await Names.EnsureLoadedAsync(CancellationToken.None);
        _user = Authentication is null ? new ClaimsPrincipal() : (await Authentication).User;
        await using (var db = await Contexts.CreateDbContextAsync())
        {
            _calendar = new WorkingCalendar(await db.CalendarDays.AsNoTracking().ToListAsync());
        }

        _refresh = new CoalescedRefresh(
            () => InvokeAsync(async () =>
            {
                await LoadAsync();
                StateHasChanged();
            }),
            e => LiveFailure.Log(Logger, e, "case " + Code));
        _subscription = Events.Subscribe(OnCaseChangedAsync);
    }

    protected override async Task OnParametersSetAsync()
    {
        _disclosedFor = -1;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _case = await Desk.FindAsync(_user, Code, CancellationToken.None);
        _loaded = true;
        if (_case is null)
        {
            return;
        }

        var now = Clock.GetUtcNow().UtcDateTime;
        (_standing, _workingDays) = CaseListQuery.Stand(_case.Status, _case.DueAt, _case.ResolvedAt, now, VietnamTime.LocalDate(now), _calendar ?? WorkingCalendar.WeekdaysOnly);

        // Disclosed (and, for those who see it in clear, logged) once per page view, and again only when a reporter joins.
        // Not while prerendering: the static HTML never carries personal data, and one view is logged once, not twice.
        var count = 1 + _case.LinkedReporters.Count;
        if (count != _disclosedFor && RendererInfo.IsInteractive)
        {
            var items = new List<(string, Reporter)> { (_case.Code, _case.Reporter) };
            items.AddRange(_case.LinkedReporters.Select(r => (_case.Code, r.Reporter)));
            _reporters = await Disclosure.DiscloseManyAsync(_user, items, "case-detail", CancellationToken.None);
            _clear = ReporterDisclosure.MaySeeInClear(_user);
            _disclosedFor = count;
        }
    }

    private async Task ChangedAsync(Case changed) => await LoadAsync();

    /// <summary>Another person changed this case: the page reloads it, coalesced, off the bus's loop.</summary>
    private ValueTask OnCaseChangedAsync(CaseChanged change)
    {
        if (string.Equals(change.After.Code, Code, StringComparison.Ordinal))
        {
            _refresh?.Request();
        }

        return ValueTask.CompletedTask;
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        GC.SuppressFinalize(this);
    }
}
