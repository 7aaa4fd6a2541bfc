using HotlineIoc.Domain.Calendar;
using HotlineIoc.Domain.Cases;
using HotlineIoc.Infrastructure.Cases;

namespace HotlineIoc.Web.Components.Pages.Cases.Handling;

/// <summary>
/// What a form found wrong: the field's name and the key of the message in <c>CaseText</c>, so the page shows it in the
/// user's language next to the field. Empty when the form may be sent.
/// </summary>
public sealed class FormErrors
{
    private readonly Dictionary<string, string> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public IReadOnlyCollection<string> Fields => _errors.Keys;

    public string? this[string field] => _errors.GetValueOrDefault(field);

    public void Add(string field, string messageKey) => _errors.TryAdd(field, messageKey);
}

/// <summary>The phone intake form: one call, typed by an operator while the citizen is on the line.</summary>
public sealed class IntakeForm
{
    public string Channel { get; set; } = "hotline";

    public string? ReporterName { get; set; }

    public string? ReporterPhone { get; set; }

    public string? UnitCode { get; set; }

    public string? FieldCode { get; set; }

    public string? Address { get; set; }

    public string? Description { get; set; }

    public FormErrors Validate()
    {
        var errors = new FormErrors();
        if (string.IsNullOrWhiteSpace(ReporterPhone))
        {
            errors.Add(nameof(ReporterPhone), "Err_PhoneRequired");
        }
        else if (!Reporters.IsPhoneNumber(ReporterPhone))
        {
            errors.Add(nameof(ReporterPhone), "Err_PhoneInvalid");
        }

        if (ReporterName is { Length: > Reporters.NameMaxLength })
        {
            errors.Add(nameof(ReporterName), "Err_NameTooLong");
        }

        if (string.IsNullOrWhiteSpace(UnitCode))
        {
            errors.Add(nameof(UnitCode), "Err_UnitRequired");
        }

        if (string.IsNullOrWhiteSpace(FieldCode))
        {
            errors.Add(nameof(FieldCode), "Err_FieldRequired");
        }

        if (Address is { Length: > Case.AddressMaxLength })
        {
            errors.Add(nameof(Address), "Err_AddressTooLong");
        }

        if (string.IsNullOrWhiteSpace(Description))
        {
            errors.Add(nameof(Description), "Err_DescriptionRequired");
        }
        else if (Description.Length > Case.DescriptionMaxLength)
        {
            errors.Add(nameof(Description), "Err_DescriptionTooLong");
        }

        return errors;
    }

    public CaseSubmission ToSubmission() =>
        new(Channel, FieldCode, UnitCode, Address, Description, ReporterName, ReporterPhone, null);
}

/// <summary>The agency's result: text, enforcement (a sanction needs its fine and decision number) and evidence links.</summary>
public sealed class ResultForm
{
    public string? Result { get; set; }

    /// <summary>Empty for no enforcement.</summary>
    public EnforcementKind? Enforcement { get; set; }

    public long? FineVnd { get; set; }

    public string? DecisionNumber { get; set; }

    /// <summary>One link per line.</summary>
    public string? Links { get; set; }

    public IReadOnlyList<string> LinkList =>
        [.. (Links ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    public FormErrors Validate()
    {
        var errors = new FormErrors();
        if (string.IsNullOrWhiteSpace(Result))
        {
            errors.Add(nameof(Result), "Err_ResultRequired");
        }

        if (Enforcement == EnforcementKind.Sanction)
        {
            if (FineVnd is not > 0)
            {
                errors.Add(nameof(FineVnd), "Err_FineRequired");
            }

            if (string.IsNullOrWhiteSpace(DecisionNumber))
            {
                errors.Add(nameof(DecisionNumber), "Err_DecisionRequired");
            }
        }
        else if (FineVnd is not null)
        {
            errors.Add(nameof(FineVnd), "Err_FineOnlyWithSanction");
        }

        if (LinkList.Any(l => !Uri.TryCreate(l, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
        {
            errors.Add(nameof(Links), "Err_LinkInvalid");
        }

        return errors;
    }

    public ResultReport ToReport() =>
        new(Result!.Trim(), Enforcement is { } kind ? new Enforcement(kind, kind == EnforcementKind.Sanction ? FineVnd : null, kind == EnforcementKind.Sanction ? DecisionNumber?.Trim() : null) : null, LinkList);
}

/// <summary>A step that needs a reason: return, reject, refuse an extension, re-open.</summary>
public sealed class ReasonForm
{
    public const int MaxLength = 1000;

    public string? Reason { get; set; }

    public FormErrors Validate()
    {
        var errors = new FormErrors();
        if (string.IsNullOrWhiteSpace(Reason))
        {
            errors.Add(nameof(Reason), "Err_ReasonRequired");
        }
        else if (Reason.Length > MaxLength)
        {
            errors.Add(nameof(Reason), "Err_ReasonTooLong");
        }

        return errors;
    }
}

/// <summary>The agency asks for more working days.</summary>
public sealed class ExtensionForm
{
    public int WorkingDays { get; set; } = 2;

    public string? Reason { get; set; }

    public FormErrors Validate()
    {
        var errors = new FormErrors();
        if (WorkingDays is < 1 or > 30)
        {
            errors.Add(nameof(WorkingDays), "Err_ExtensionDays");
        }

        if (string.IsNullOrWhiteSpace(Reason))
        {
            errors.Add(nameof(Reason), "Err_ReasonRequired");
        }

        return errors;
    }
}

/// <summary>How and when the citizen was told, and whether they were satisfied.</summary>
public sealed class CitizenResponseForm
{
    public CitizenContact Contact { get; set; } = CitizenContact.CallBack;

    /// <summary>Local date and time (Asia/Ho_Chi_Minh).</summary>
    public DateTime? InformedAtLocal { get; set; }

    public bool? Satisfied { get; set; }

    public string? Note { get; set; }

    public DateTime? InformedAtUtc => InformedAtLocal is { } local
        ? VietnamTime.FromLocal(DateOnly.FromDateTime(local), TimeOnly.FromDateTime(local))
        : null;

    public FormErrors Validate(DateTime nowUtc, DateTime? resolvedAtUtc)
    {
        var errors = new FormErrors();
        if (InformedAtUtc is not { } informed)
        {
            errors.Add(nameof(InformedAtLocal), "Err_InformedRequired");
        }
        else if (informed > nowUtc)
        {
            errors.Add(nameof(InformedAtLocal), "Err_InformedFuture");
        }
        else if (resolvedAtUtc is { } resolved && informed < resolved)
        {
            errors.Add(nameof(InformedAtLocal), "Err_InformedBeforeResult");
        }

        if (Satisfied is null)
        {
            errors.Add(nameof(Satisfied), "Err_SatisfactionRequired");
        }

        return errors;
    }
}
