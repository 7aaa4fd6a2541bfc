using HotlineIoc.Web.Components.Dashboard;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace HotlineIoc.Web.Components.Pages.Cases;

/// <summary>
/// The drill-down target of every dashboard panel. The filters come from the address, so a link from the wall,
/// a bookmark and the back button all give the same list; paging and sorting run in the database.
/// </summary>
public partial class CaseList
{
    private static readonly int[] PageSizes = [25, 50, 100];

    private CaseListFilter _filter = new();
    private int _total;

    /// <summary>Unit code (<c>?unit=tan-lap</c>).</summary>
    [SupplyParameterFromQuery(Name = "unit")] public string? Unit { get; set; }

    /// <summary>Field code (<c>?field=MT</c>).</summary>
    [SupplyParameterFromQuery(Name = "field")] public string? Field { get; set; }

    /// <summary>Channel code (<c>?channel=zalo</c>).</summary>
    [SupplyParameterFromQuery(Name = "channel")] public string? Channel { get; set; }

    /// <summary>Agency code, or <c>none</c> for cases not yet given to an agency.</summary>
    [SupplyParameterFromQuery(Name = "agency")] public string? Agency { get; set; }

    /// <summary><c>open</c>, <c>overdue</c>, <c>due-soon</c> or <c>all</c>.</summary>
    [SupplyParameterFromQuery(Name = "state")] public string? State { get; set; }

    /// <summary><c>today</c>, <c>week</c> or <c>year</c>.</summary>
    [SupplyParameterFromQuery(Name = "received")] public string? Received { get; set; }

    /// <summary>First local day of receipt, <c>yyyy-MM-dd</c>.</summary>
    [SupplyParameterFromQuery(Name = "from")] public string? From { get; set; }

    /// <summary>Last local day of receipt, <c>yyyy-MM-dd</c>.</summary>
    [SupplyParameterFromQuery(Name = "to")] public string? To { get; set; }

    [Inject] private CaseListQuery Query { get; set; } = default!;

    [Inject] private ReferenceNames Names { get; set; } = default!;

    protected override async Task OnInitializedAsync() => await Names.EnsureLoadedAsync(CancellationToken.None);

    protected override void OnParametersSet() =>
        _filter = CaseListFilter.Parse(Unit, Field, Channel, Agency, State, Received, From, To);

    private async Task<TableData<CaseListRow>> LoadAsync(TableState state, CancellationToken cancellationToken)
    {
        var sort = Enum.TryParse<CaseListSort>(state.SortLabel, out var label) ? label : CaseListSort.Received;
        var descending = state.SortDirection == SortDirection.Descending || (state.SortDirection == SortDirection.None && sort == CaseListSort.Received);
        var page = await Query.GetPageAsync(new CaseListRequest(_filter, sort, descending, state.Page, state.PageSize), cancellationToken);
        _total = page.Total;
        return new TableData<CaseListRow> { Items = page.Rows, TotalItems = page.Total };
    }

    private string Deadline(CaseListRow row) => DeadlineText.Describe(row.Standing, row.WorkingDays, T);
}
