using System.Security.Claims;
using HotlineIoc.Domain;
using HotlineIoc.Infrastructure.Live;
using HotlineIoc.Infrastructure.Overdue;
using HotlineIoc.Web.Components.Dashboard;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace HotlineIoc.Web.Components.Pages.Overdue;

/// <summary>
/// The overdue board (bảng theo dõi quá hạn). The filters come from the address, so a drill-down from the dashboard or
/// the wall, a bookmark and the back button all give the same view; what a person sees is decided by the query service.
/// </summary>
public partial class OverdueBoardPage
{
    private OverdueFilter _filter = new();
    private OverdueSummary? _summary;
    private ClaimsPrincipal _user = new();
    private bool _canRemind;
    private bool _denied;
    private int _version;
    private ReminderTarget? _reminder;
    private int _changesSinceTable;
    private IDisposable? _subscription;
    private Timer? _refresh;

    /// <summary>Changes are gathered for this long, so a burst of them costs one summary query.</summary>
    private static readonly TimeSpan LivePause = TimeSpan.FromMilliseconds(700);

    /// <summary>Field code (<c>?field=MT</c>).</summary>
    [SupplyParameterFromQuery(Name = "field")] public string? Field { get; set; }

    /// <summary>Unit code (<c>?unit=tan-lap</c>).</summary>
    [SupplyParameterFromQuery(Name = "unit")] public string? Unit { get; set; }

    /// <summary>Channel code (<c>?channel=zalo</c>).</summary>
    [SupplyParameterFromQuery(Name = "channel")] public string? Channel { get; set; }

    /// <summary>Agency code, or <c>none</c> for cases not yet forwarded; ignored for a department head.</summary>
    [SupplyParameterFromQuery(Name = "agency")] public string? Agency { get; set; }

    /// <summary>First local day of receipt, <c>yyyy-MM-dd</c>.</summary>
    [SupplyParameterFromQuery(Name = "from")] public string? From { get; set; }

    /// <summary>Last local day of receipt, <c>yyyy-MM-dd</c>.</summary>
    [SupplyParameterFromQuery(Name = "to")] public string? To { get; set; }

    /// <summary><c>due-soon</c>, <c>late-1-2</c>, <c>late-3-5</c> or <c>late-over-5</c>.</summary>
    [SupplyParameterFromQuery(Name = "bucket")] public string? Bucket { get; set; }

    /// <summary><c>pending</c>: only cases whose reminder waits for the agency.</summary>
    [SupplyParameterFromQuery(Name = "reminder")] public string? Reminder { get; set; }

    [CascadingParameter] private Task<AuthenticationState> Authentication { get; set; } = default!;

    [Inject] private OverdueBoard Board { get; set; } = default!;

    [Inject] private ReferenceNames Names { get; set; } = default!;

    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [Inject] private CaseEventBus Events { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        await Names.EnsureLoadedAsync(CancellationToken.None);
        if (RendererInfo.IsInteractive)
        {
            _refresh = new Timer(_ => _ = InvokeAsync(RefreshSummaryAsync));
            _subscription = Events.Subscribe(_ => ChangeSeen(), _ => ChangeSeen());
        }
    }

    /// <summary>
    /// Live: the matrix and banner follow every change at once; the table keeps the page the person is reading and offers
    /// to refresh, so rows never move under their cursor.
    /// </summary>
    private ValueTask ChangeSeen()
    {
        Interlocked.Increment(ref _changesSinceTable);
        _refresh?.Change(LivePause, Timeout.InfiniteTimeSpan);
        return ValueTask.CompletedTask;
    }

    private async Task RefreshSummaryAsync()
    {
        await LoadSummaryAsync();
        StateHasChanged();
    }

    private void RefreshTable()
    {
        _changesSinceTable = 0;
        _version++;
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        _refresh?.Dispose();
        GC.SuppressFinalize(this);
    }

    protected override async Task OnParametersSetAsync()
    {
        _user = (await Authentication).User;
        _canRemind = OverdueScope.MayRemind(_user);
        _filter = OverdueFilter.Parse(Field, Unit, Channel, Agency, From, To, Bucket, Reminder);
        _reminder = null;
        _changesSinceTable = 0;
        await LoadSummaryAsync();
    }

    private async Task LoadSummaryAsync()
    {
        try
        {
            _summary = await Board.GetSummaryAsync(_user, _filter, CancellationToken.None);
            // A department head's agency is the scope's, not the address's: the address cannot show another one.
            if (_summary.ScopeAgency is not null)
            {
                _filter = _filter with { Agency = null };
            }
        }
        catch (OverdueAccessException)
        {
            _denied = true;
        }
    }

    private void RemindCase(OverdueRow row) =>
        _reminder = new ReminderTarget(row.Code, row.AgencyCode!, T["Remind_TitleCase", row.Code, OverdueFormat.Agency(row.AgencyCode, Names, T)]);

    private void RemindAgency(string agency) =>
        _reminder = new ReminderTarget(null, agency, T["Remind_TitleAgency", OverdueFormat.Agency(agency, Names, T)]);

    private async Task SendReminderAsync(string? note)
    {
        if (_reminder is not { } target)
        {
            return;
        }

        try
        {
            if (target.Code is { } code)
            {
                await Board.SendReminderAsync(_user, code, note, CancellationToken.None);
                Snackbar.Add(T["Remind_SentCase", code], Severity.Success);
            }
            else
            {
                var count = await Board.RemindAgencyAsync(_user, _filter, target.Agency, note, CancellationToken.None);
                Snackbar.Add(T["Remind_SentAgency", DashboardFormat.Number(count), OverdueFormat.Agency(target.Agency, Names, T)], Severity.Success);
            }
        }
        catch (Exception e) when (e is DomainException or OverdueAccessException or KeyNotFoundException)
        {
            Snackbar.Add(T["Remind_Failed", e.Message], Severity.Error);
        }

        _reminder = null;
        _version++;
        _changesSinceTable = 0;
        await LoadSummaryAsync();
    }

    /// <summary>One case (with its code) or every late case of one agency in the current filters.</summary>
    private sealed record ReminderTarget(string? Code, string Agency, string Title);
}
