using HotlineIoc.Domain;
using HotlineIoc.Domain.Calendar;
using HotlineIoc.Domain.Cases;
using HotlineIoc.Domain.Reference;
using HotlineIoc.Infrastructure.Cases;
using HotlineIoc.Infrastructure.Persistence;
using HotlineIoc.Infrastructure.Seeding;
using HotlineIoc.Web.Components.Dashboard;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace HotlineIoc.Web.Components.Pages.Cases.Handling;

/// <summary>
/// The operator's call form. Keyboard first: the name has focus, Tab walks the fields and picks the highlighted unit or
/// field, Ctrl+Enter saves. The due instant shows before saving; similar open cases show as the description is typed.
/// </summary>
public partial class Intake : IDisposable
{
    private IntakeForm _form = new();
    private FormErrors _errors = new();
    private IReadOnlyList<DuplicateCandidate> _duplicates = [];
    private ReferenceData? _reference;
    private DateTime? _due;
    private Case? _saved;
    private bool _savedLinked;
    private string? _error;
    private bool _busy;
    private MudTextField<string?>? _nameField;
    private CancellationTokenSource? _typing;
    private Dictionary<string, string> _formerNames = new(StringComparer.Ordinal);

    private static readonly TimeSpan TypingPause = TimeSpan.FromMilliseconds(400);

    [Inject] private CaseIntake CaseIntake { get; set; } = default!;

    [Inject] private DuplicateFinder Duplicates { get; set; } = default!;

    [Inject] private ReferenceNames Names { get; set; } = default!;

    [Inject] private IDbContextFactory<HotlineDbContext> Contexts { get; set; } = default!;

    [Inject] private TimeProvider Clock { get; set; } = default!;

    [CascadingParameter] private Task<AuthenticationState>? Authentication { get; set; }

    protected override async Task OnInitializedAsync()
    {
        await Names.EnsureLoadedAsync(CancellationToken.None);
        await using var db = await Contexts.CreateDbContextAsync();
        _reference = await ReferenceData.LoadAsync(db, CancellationToken.None);
        UpdateDue();
    }

    private bool HasError(string field) => _errors[field] is not null;

    private string? ErrorOf(string field) => _errors[field] is { } key ? T[key].Value : null;

    /// <summary>The due instant a call taken now would get, by the channel's working-day limit and the holiday calendar.</summary>
    private void UpdateDue()
    {
        _due = _reference is not null && _reference.Channels.TryGetValue(_form.Channel, out var channel)
            ? DeadlineRule.DueAt(Clock.GetUtcNow().UtcDateTime, channel.WorkingDayLimit, _reference.Calendar)
            : null;
    }

    /// <summary>Today's units only; a former unit's name finds the unit it became, shown as "Thắng Lợi → Phường Buôn Ma Thuột".</summary>
    private Task<IEnumerable<string>> SearchUnitsAsync(string? text, CancellationToken cancellationToken)
    {
        var matches = Names.Catalog.Timeline.Search(text, VietnamTime.LocalDate(Clock.GetUtcNow().UtcDateTime));
        _formerNames = matches.Where(m => m.FormerUnit is not null).ToDictionary(m => m.Unit.Code, m => m.FormerUnit!.Name, StringComparer.Ordinal);
        return Task.FromResult(matches.Select(m => m.Unit.Code));
    }

    /// <summary>How a unit reads in the picker's list: its name, or the former name that found it with an arrow to it.</summary>
    private string UnitChoice(string code) =>
        _formerNames.TryGetValue(code, out var former) && Names.Catalog.UnitsByCode.TryGetValue(code, out var unit)
            ? $"{former} → {unit.FullName}"
            : Names.Unit(code);

    private Task<IEnumerable<string>> SearchFieldsAsync(string? text, CancellationToken cancellationToken) =>
        Task.FromResult(Search(Names.Fields.Select(f => (f.Code, Names.Field(f.Code))), text));

    /// <summary>Type-ahead without diacritics: "ea ta" finds Ea Tam, "moi truong" finds Môi trường.</summary>
    private static IEnumerable<string> Search(IEnumerable<(string Code, string Name)> items, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return items.Select(i => i.Code);
        }

        var wanted = TextSimilarity.Fold(text.Trim());
        return items
            .Where(i => TextSimilarity.Fold(i.Name).Contains(wanted, StringComparison.Ordinal) || i.Code.Contains(wanted, StringComparison.OrdinalIgnoreCase))
            .OrderBy(i => TextSimilarity.Fold(i.Name).StartsWith(wanted, StringComparison.Ordinal) ? 0 : 1)
            .Select(i => i.Code);
    }

    private async Task FindDuplicatesAsync()
    {
        _duplicates = await Duplicates.FindAsync(_form.UnitCode, _form.FieldCode, _form.Description, null, CancellationToken.None);
    }

    /// <summary>
    /// The description binds on every key, so Ctrl+Enter always saves what is on screen; the duplicate search waits for a
    /// pause in typing instead of running on every key.
    /// </summary>
    private void DescriptionTyped()
    {
        _typing?.Cancel();
        _typing?.Dispose();
        _typing = new CancellationTokenSource();
        var token = _typing.Token;
        _ = Task.Delay(TypingPause, token).ContinueWith(
            async _ => await InvokeAsync(async () =>
            {
                await FindDuplicatesAsync();
                StateHasChanged();
            }),
            token,
            TaskContinuationOptions.OnlyOnRanToCompletion,
            TaskScheduler.Default);
    }

    private async Task OnKeyDownAsync(KeyboardEventArgs e)
    {
        if (e.CtrlKey && e.Key == "Enter")
        {
            await SaveAsync();
        }
    }

    private Task SaveAsync() => SubmitAsync(null);

    private Task LinkAsync(string code) => SubmitAsync(code);

    private async Task SubmitAsync(string? linkTo)
    {
        if (_busy)
        {
            return;
        }

        _error = null;
        _errors = _form.Validate();
        if (_errors.Any)
        {
            return;
        }

        _busy = true;
        try
        {
            var user = Authentication is null ? null : (await Authentication).User;
            var actor = CaseDesk.ActorOf(user!);
            _saved = linkTo is null
                ? await CaseIntake.ReceiveAsync(_form.ToSubmission(), actor, CancellationToken.None)
                : await CaseIntake.LinkToExistingAsync(_form.ToSubmission(), linkTo, actor, CancellationToken.None);
            _savedLinked = linkTo is not null;
            // Ready for the next call.
            _form = new IntakeForm { Channel = _form.Channel };
            _duplicates = [];
            UpdateDue();
            if (_nameField is not null)
            {
                await _nameField.FocusAsync();
            }
        }
        catch (CaseValidationException e)
        {
            _error = string.Join(" ", e.Errors.SelectMany(p => p.Value));
        }
        catch (DomainException e)
        {
            // The case to link to changed at the same moment: nothing was saved, the form keeps what was typed.
            _error = e.Message;
        }
        finally
        {
            _busy = false;
        }
    }

    public void Dispose()
    {
        _typing?.Cancel();
        _typing?.Dispose();
        GC.SuppressFinalize(this);
    }

    private static string Excerpt(string text) => text.Length <= 160 ? text : text[..157] + "…";
}
