using System.Security.Claims;
using HotlineIoc.Domain.Cases;
using HotlineIoc.Infrastructure.Cases;
using HotlineIoc.Infrastructure.Identity;
using HotlineIoc.Infrastructure.Live;
using HotlineIoc.Infrastructure.Privacy;
using HotlineIoc.Web.Components.Dashboard;
using HotlineIoc.Web.Live;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace HotlineIoc.Web.Components.Pages.Cases.Handling;

/// <summary>
/// The triage queue: every new report from every channel and every returned case, most urgent first. Picking one shows
/// it with possible duplicates and the forward/reject/merge steps. The queue follows new reports as they arrive.
/// </summary>
public partial class Triage
{
    private const int PageSize = 50;

    private TriagePage _page = new([], 0);
    private int _pageIndex;
    private string? _channel;
    private Case? _selected;
    private Reporter? _reporter;
    private IReadOnlyList<DuplicateCandidate> _duplicates = [];
    private IReadOnlyList<ExtensionRequest> _extensions = [];
    private ClaimsPrincipal _user = new();
    private IDisposable? _subscription;
    private CoalescedRefresh? _refresh;

    [Inject] private TriageList Queue { get; set; } = default!;

    [Inject] private CaseDesk Desk { get; set; } = default!;

    [Inject] private DuplicateFinder Duplicates { get; set; } = default!;

    [Inject] private ReporterDisclosure Disclosure { get; set; } = default!;

    [Inject] private ReferenceNames Names { get; set; } = default!;

    [Inject] private CaseEventBus Events { get; set; } = default!;

    [Inject] private ILogger<Triage> Logger { get; set; } = default!;

    [CascadingParameter] private Task<AuthenticationState>? Authentication { get; set; }

    protected override async Task OnInitializedAsync()
    {
        await Names.EnsureLoadedAsync(CancellationToken.None);
        _user = Authentication is null ? new ClaimsPrincipal() : (await Authentication).User;
        await LoadAsync();
        _refresh = new CoalescedRefresh(
            () => InvokeAsync(async () =>
            {
                await LoadAsync();
                StateHasChanged();
            }),
            e => LiveFailure.Log(Logger, e, "triage"));
        _subscription = Events.Subscribe(OnChangedAsync);
    }

    private async Task LoadAsync()
    {
        _page = await Queue.GetPageAsync(_channel, _pageIndex, PageSize, CancellationToken.None);
        // Extension requests wait for the Secretary, who decides them on the case page.
        _extensions = _user.IsInRole(HotlineRoles.Secretary) ? await Queue.GetExtensionRequestsAsync(CancellationToken.None) : [];
    }

    private async Task ChannelChangedAsync(string? channel)
    {
        _channel = channel;
        _pageIndex = 0;
        await LoadAsync();
    }

    private async Task PageChangedAsync(int page)
    {
        _pageIndex = page - 1;
        await LoadAsync();
    }

    private async Task SelectAsync(string code)
    {
        _selected = await Desk.FindAsync(_user, code, CancellationToken.None);
        _reporter = _selected is null ? null : await Disclosure.DiscloseAsync(_user, _selected.Code, _selected.Reporter, "triage", CancellationToken.None);
        _duplicates = _selected is null ? [] : await Duplicates.FindAsync(_selected.UnitCode, _selected.FieldCode, _selected.Description, _selected.Code, CancellationToken.None);
    }

    /// <summary>A conversation became a case: it is in the queue now, shown selected.</summary>
    private async Task ConversationCaseAsync(string code)
    {
        await LoadAsync();
        await SelectAsync(code);
    }

    private async Task ChangedAsync(Case changed)
    {
        await LoadAsync();
        // Forwarded, rejected or merged: it leaves the queue, so the panel moves on to the next one.
        _selected = changed.Status is CaseStatus.Received or CaseStatus.Returned ? await Desk.FindAsync(_user, changed.Code, CancellationToken.None) : null;
        if (_selected is null && _page.Items.Count > 0)
        {
            await SelectAsync(_page.Items[0].Code);
        }
    }

    private ValueTask OnChangedAsync(CaseChanged change)
    {
        var entersOrLeaves = change.Before?.Status != change.After.Status
            && (change.After.Status is CaseStatus.Received or CaseStatus.Returned || change.Before?.Status is CaseStatus.Received or CaseStatus.Returned);
        // Extension requests come and go without a change of status.
        if (entersOrLeaves || (_user.IsInRole(HotlineRoles.Secretary) && change.Before?.Status == change.After.Status))
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
