using System.Security.Claims;
using HotlineIoc.Domain;
using HotlineIoc.Domain.Calendar;
using HotlineIoc.Domain.Cases;
using HotlineIoc.Infrastructure.Cases;
using HotlineIoc.Web.Components.Dashboard;
using Microsoft.AspNetCore.Components;

namespace HotlineIoc.Web.Components.Pages.Cases.Handling;

/// <summary>The action panel of the case page. Every step goes through <see cref="CaseDesk"/>, which checks role and agency again.</summary>
public partial class CaseActions
{
    private static readonly CaseAction[] ReasonActions = [CaseAction.Return, CaseAction.Reject, CaseAction.Merge, CaseAction.Reopen];

    private readonly Dictionary<CaseAction, ReasonForm> _reasons = ReasonActions.ToDictionary(a => a, _ => new ReasonForm());
    private readonly Dictionary<CaseAction, FormErrors> _reasonErrors = ReasonActions.ToDictionary(a => a, _ => new FormErrors());
    private ResultForm _result = new();
    private FormErrors _resultErrors = new();
    private ExtensionForm _extension = new();
    private FormErrors _extensionErrors = new();
    private ReasonForm _refuse = new();
    private FormErrors _refuseErrors = new();
    private CitizenResponseForm _response = new();
    private FormErrors _responseErrors = new();
    private string? _note;
    private string? _reminder;
    private string? _error;
    private bool _busy;

    [Parameter, EditorRequired] public Case Case { get; set; } = default!;

    [Parameter, EditorRequired] public ClaimsPrincipal User { get; set; } = default!;

    [Parameter, EditorRequired] public ReferenceNames Names { get; set; } = default!;

    /// <summary>Called with the case after a step succeeded.</summary>
    [Parameter] public EventCallback<Case> OnChanged { get; set; }

    private IReadOnlyList<CaseAction> Available => CaseActionPolicy.Available(User, Case);

    protected override void OnParametersSet()
    {
        // The citizen is usually told right after the result: the time starts at now, and again when the result arrives
        // after this page was opened (the form keeps a time the operator typed, unless it is before the result).
        var resolvedLocal = Case.ResolvedAt is { } resolved ? VietnamTime.ToLocal(resolved) : (DateTime?)null;
        if (_response.InformedAtLocal is null || (resolvedLocal is { } r && _response.InformedAtLocal < r))
        {
            _response.InformedAtLocal = VietnamTime.ToLocal(Clock.GetUtcNow().UtcDateTime);
        }
    }

    private bool Has(CaseAction action) => Available.Contains(action);

    private string? Text(string? key) => key is null ? null : T[key].Value;

    private IEnumerable<(CaseAction Action, ReasonForm Form, FormErrors Errors)> ReasonSteps() =>
        ReasonActions.Where(Has).Select(a => (a, _reasons[a], _reasonErrors[a]));

    private Task ForwardAsync((string Agency, string Field, string Unit) choice) =>
        RunAsync(u => Desk.ForwardAsync(u, Case.Code, choice.Agency, choice.Field, choice.Unit, default));

    private Task NoteAsync() => RunAsync(u => Has(CaseAction.AddProgressNote)
        ? Desk.AddProgressNoteAsync(u, Case.Code, _note!, default)
        : Desk.AddNoteAsync(u, Case.Code, _note!, default), () => _note = null);

    private Task ReportResultAsync()
    {
        _resultErrors = _result.Validate();
        return _resultErrors.Any ? Task.CompletedTask : RunAsync(u => Desk.ReportResultAsync(u, Case.Code, _result.ToReport(), default), () => _result = new ResultForm());
    }

    private Task RequestExtensionAsync()
    {
        _extensionErrors = _extension.Validate();
        return _extensionErrors.Any ? Task.CompletedTask : RunAsync(u => Desk.RequestExtensionAsync(u, Case.Code, _extension.WorkingDays, _extension.Reason!, default), () => _extension = new ExtensionForm());
    }

    private Task RefuseExtensionAsync()
    {
        _refuseErrors = _refuse.Validate();
        return _refuseErrors.Any ? Task.CompletedTask : RunAsync(u => Desk.RefuseExtensionAsync(u, Case.Code, _refuse.Reason!, default), () => _refuse = new ReasonForm());
    }

    private Task CitizenResponseAsync()
    {
        _responseErrors = _response.Validate(Clock.GetUtcNow().UtcDateTime, Case.ResolvedAt);
        return _responseErrors.Any
            ? Task.CompletedTask
            : RunAsync(u => Desk.RecordCitizenResponseAsync(u, Case.Code, _response.Contact, _response.InformedAtUtc!.Value, _response.Satisfied!.Value, _response.Note, default), () => _response = new CitizenResponseForm());
    }

    private Task ReasonStepAsync(CaseAction action)
    {
        var form = _reasons[action];
        _reasonErrors[action] = form.Validate();
        if (_reasonErrors[action].Any)
        {
            return Task.CompletedTask;
        }

        var reason = form.Reason!.Trim();
        return RunAsync(u => action switch
        {
            CaseAction.Return => Desk.ReturnAsync(u, Case.Code, reason, default),
            CaseAction.Reject => Desk.RejectAsync(u, Case.Code, reason, default),
            CaseAction.Merge => Desk.MergeAsync(u, Case.Code, reason, default),
            _ => Desk.ReopenAsync(u, Case.Code, reason, default),
        }, () => _reasons[action] = new ReasonForm());
    }

    /// <summary>The refusals people meet in the user's language; any other broken rule in the domain's own words.</summary>
    private string Explain(Exception e) => e switch
    {
        CaseChangedMeanwhileException => T["Err_ChangedMeanwhile"],
        InvalidCaseTransitionException t => T["Err_Transition", DashboardFormat.Status(t.From.ToWire(), D), DashboardFormat.Status(t.To.ToWire(), D)],
        CaseActionRefusedException => T["Err_NotAllowed"],
        KeyNotFoundException => T["Err_NoSuchCase"],
        _ => e.Message,
    };

    /// <summary>Runs a step; a refusal or a broken rule shows its message and leaves the forms as they were.</summary>
    private async Task RunAsync(Func<ClaimsPrincipal, Task<Case>> step, Action? reset = null)
    {
        if (_busy)
        {
            return;
        }

        _busy = true;
        _error = null;
        try
        {
            var changed = await step(User);
            reset?.Invoke();
            await OnChanged.InvokeAsync(changed);
        }
        catch (Exception e) when (e is DomainException or CaseActionRefusedException or KeyNotFoundException)
        {
            _error = Explain(e);
        }
        finally
        {
            _busy = false;
        }
    }
}
