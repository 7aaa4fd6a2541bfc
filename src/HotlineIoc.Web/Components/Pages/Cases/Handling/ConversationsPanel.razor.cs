using System.Security.Claims;
using HotlineIoc.Domain;
using HotlineIoc.Domain.Conversations;
using HotlineIoc.Infrastructure.Cases;
using HotlineIoc.Infrastructure.Zalo;
using HotlineIoc.Web.Components.Dashboard;
using HotlineIoc.Web.Live;
using Microsoft.AspNetCore.Components;

namespace HotlineIoc.Web.Components.Pages.Cases.Handling;

/// <summary>
/// The Zalo conversations of triage. A conversation becomes a zalo case received at its first message, joins an open case
/// as a further reporter, or is closed with a reason; the list follows new messages live.
/// </summary>
public partial class ConversationsPanel : IDisposable
{
    private IReadOnlyList<ConversationSummary> _list = [];
    private Conversation? _selected;
    private ConversationForm _form = new();
    private string? _linkCode;
    private string? _reason;
    private string? _error;
    private string? _done;
    private bool _busy;
    private IDisposable? _subscription;
    private CoalescedRefresh? _refresh;

    [Parameter, EditorRequired] public ClaimsPrincipal User { get; set; } = default!;

    [Parameter, EditorRequired] public ReferenceNames Names { get; set; } = default!;

    /// <summary>A case was made from a conversation or a conversation joined one.</summary>
    [Parameter] public EventCallback<string> OnCase { get; set; }

    [Inject] private ConversationDesk Desk { get; set; } = default!;

    [Inject] private ConversationEvents Events { get; set; } = default!;

    [Inject] private ILogger<ConversationsPanel> Logger { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        await LoadAsync();
        // A burst of messages costs one reload of the list (and of the open conversation), not one per message.
        _refresh = new CoalescedRefresh(
            () => InvokeAsync(async () =>
            {
                await LoadAsync();
                if (_selected is not null)
                {
                    _selected = await Desk.FindAsync(User, _selected.Id, CancellationToken.None);
                }

                StateHasChanged();
            }),
            e => LiveFailure.Log(Logger, e, "conversations"));
        _subscription = Events.Subscribe(change =>
        {
            if (change.ConversationId is not null)
            {
                _refresh.Request();
            }
        });
    }

    private async Task LoadAsync() => _list = await Desk.OpenAsync(User, CancellationToken.None);

    private async Task SelectAsync(long id)
    {
        _selected = id == 0 ? null : await Desk.FindAsync(User, id, CancellationToken.None);
        _error = null;
        _form = _selected is null ? new ConversationForm() : new ConversationForm
        {
            Description = _selected.Transcript(),
            Unit = _selected.LastLocation?.SuggestedUnitCode,
        };
    }

    private Task MakeCaseAsync() => RunAsync(async conversation =>
    {
        if (string.IsNullOrWhiteSpace(_form.Field) || string.IsNullOrWhiteSpace(_form.Unit) || string.IsNullOrWhiteSpace(_form.Description))
        {
            throw new DomainException(T["Conv_Required"]);
        }

        var item = await Desk.MakeCaseAsync(User, conversation.Id, new ConversationCase(_form.Field, _form.Unit, _form.Description, _form.Address), CancellationToken.None);
        return item.Code;
    }, "Conv_Made");

    private Task LinkAsync() => RunAsync(async conversation =>
        (await Desk.LinkToCaseAsync(User, conversation.Id, _linkCode ?? "", CancellationToken.None)).Code, "Conv_Linked");

    private Task CloseAsync() => RunAsync(async conversation =>
    {
        await Desk.CloseAsync(User, conversation.Id, _reason ?? "", CancellationToken.None);
        return null;
    }, "Conv_Closed");

    private async Task RunAsync(Func<Conversation, Task<string?>> step, string doneText)
    {
        if (_selected is not { } conversation)
        {
            return;
        }

        _busy = true;
        _error = null;
        try
        {
            var code = await step(conversation);
            _done = T[doneText, code ?? ""];
            _selected = null;
            (_linkCode, _reason) = (null, null);
            await LoadAsync();
            if (code is not null)
            {
                await OnCase.InvokeAsync(code);
            }
        }
        catch (Exception e) when (e is DomainException or CaseValidationException or CaseActionRefusedException or CaseChangedMeanwhileException or KeyNotFoundException)
        {
            _error = e is CaseValidationException validation ? string.Join(" ", validation.Errors.Values.SelectMany(v => v)) : e.Message;
        }
        finally
        {
            _busy = false;
        }
    }

    private static string Excerpt(string? text) => text is null ? "" : text.Length <= 90 ? text : text[..90] + "…";

    public void Dispose()
    {
        _subscription?.Dispose();
        GC.SuppressFinalize(this);
    }

    private sealed class ConversationForm
    {
        public string? Field { get; set; }

        public string? Unit { get; set; }

        public string? Address { get; set; }

        public string? Description { get; set; }
    }
}
