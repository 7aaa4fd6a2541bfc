using HotlineIoc.Domain;
using HotlineIoc.Domain.Calendar;
using HotlineIoc.Domain.Cases;
using HotlineIoc.Domain.Reference;
using HotlineIoc.Infrastructure.Live;
using HotlineIoc.Infrastructure.Persistence;
using HotlineIoc.Infrastructure.Seeding;
using Microsoft.EntityFrameworkCore;

namespace HotlineIoc.Infrastructure.Cases;

/// <summary>A report to log, as the API, the intake form and Open311 give it. <paramref name="AttachmentUrls"/> are links (http, https) to photos or videos.</summary>
public sealed record CaseSubmission(
    string? Channel,
    string? FieldCode,
    string? UnitCode,
    string? Address,
    string? Description,
    string? ReporterName,
    string? ReporterPhone,
    DateTimeOffset? ReceivedAt,
    double? Latitude = null,
    double? Longitude = null,
    string? ReporterZaloId = null,
    string? ReporterEmail = null,
    IReadOnlyList<string>? AttachmentUrls = null)
{
    /// <summary>The reporter as the case will hold it.</summary>
    public Reporter Reporter => new(ReporterName, ReporterPhone, ReporterZaloId, ReporterEmail);
}

/// <summary>Validation failures keyed by the submitted field's name, for RFC 7807 problem details.</summary>
public sealed class CaseValidationException(IReadOnlyDictionary<string, string[]> errors)
    : Exception("The case is not valid: " + string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")))
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
}

/// <summary>Logs a new case: checks it against reference data, gives it a code and a due instant, and stores it.</summary>
public sealed class CaseIntake(IDbContextFactory<HotlineDbContext> contexts, TimeProvider clock, CaseEventBus events) : IDisposable
{
    private readonly SemaphoreSlim _codes = new(1, 1);

    public void Dispose() => _codes.Dispose();

    public Task<Case> ReceiveAsync(CaseSubmission submission, string actor, CancellationToken cancellationToken) =>
        ReceiveAsync(submission, actor, null, cancellationToken);

    /// <summary>
    /// Logs the case; <paramref name="alongside"/> adds what belongs to the same step (a conversation marked as handled, a
    /// reply queued) to the same save, so either all of it is stored or none.
    /// </summary>
    public async Task<Case> ReceiveAsync(CaseSubmission submission, string actor, Func<HotlineDbContext, Case, DateTime, Task>? alongside, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(submission);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var reference = await LoadAndValidateAsync(db, submission, now, cancellationToken);

        var receivedAt = submission.ReceivedAt?.UtcDateTime ?? now;
        var channel = reference.Channels[submission.Channel!];
        // One writer at a time hands out codes in this process, so a burst of reports never races for the same code;
        // the retry below covers other processes writing to the same database.
        await _codes.WaitAsync(cancellationToken);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                var code = await CaseCodes.NextAsync(db, VietnamTime.LocalDate(receivedAt).Year, cancellationToken);
                var item = Create(submission, code, receivedAt, channel, reference, actor);
                db.Cases.Add(item);
                if (alongside is not null)
                {
                    await alongside(db, item, now);
                }

                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                }
                catch (DbUpdateException) when (attempt < 10)
                {
                    // Another process took the same code; take the next one.
                    db.ChangeTracker.Clear();
                    continue;
                }

                await events.PublishAsync(new CaseChanged(null, CaseFacts.From(item), now));
                return item;
            }
        }
        finally
        {
            _codes.Release();
        }
    }

    /// <summary>
    /// The caller reports a problem that is already open as <paramref name="existingCode"/>: no new case is made, the caller
    /// is linked to that case as a further reporter, and the case's history records it (without naming them).
    /// </summary>
    public async Task<Case> LinkToExistingAsync(CaseSubmission submission, string existingCode, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(submission);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        _ = await LoadAndValidateAsync(db, submission, now, cancellationToken);

        var existing = await db.Cases.Include(c => c.History).SingleOrDefaultAsync(c => c.Code == existingCode, cancellationToken)
            ?? throw new CaseValidationException(new Dictionary<string, string[]> { ["duplicateOf"] = [$"No case has the code '{existingCode}'."] });
        var before = CaseFacts.From(existing);
        try
        {
            existing.LinkReporter(submission.Reporter, now, actor);
        }
        catch (DomainException e)
        {
            throw new CaseValidationException(new Dictionary<string, string[]> { ["duplicateOf"] = [e.Message] });
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException e)
        {
            throw new CaseChangedMeanwhileException(existingCode, e);
        }

        await events.PublishAsync(new CaseChanged(before, CaseFacts.From(existing), now));
        return existing;
    }

    /// <summary>The reference data the submission is checked against; every wrong field is named at once.</summary>
    private static async Task<ReferenceData> LoadAndValidateAsync(HotlineDbContext db, CaseSubmission submission, DateTime now, CancellationToken cancellationToken)
    {
        var reference = await ReferenceData.LoadAsync(db, cancellationToken);
        var errors = Validate(submission, reference, now);
        return errors.Count > 0 ? throw new CaseValidationException(errors) : reference;
    }

    private static Case Create(CaseSubmission submission, string code, DateTime receivedAt, Channel channel, ReferenceData reference, string actor)
    {
        try
        {
            var item = Case.Receive(new NewCase
            {
                Code = code,
                ChannelCode = channel.Code,
                ReceivedAt = receivedAt,
                FieldCode = submission.FieldCode!,
                UnitCode = submission.UnitCode!,
                Address = submission.Address,
                Latitude = submission.Latitude,
                Longitude = submission.Longitude,
                Description = submission.Description!,
                Reporter = submission.Reporter,
            }, channel, reference.Calendar, actor);
            foreach (var url in submission.AttachmentUrls ?? [])
            {
                item.AddAttachment(url);
            }

            return item;
        }
        catch (DomainException e)
        {
            throw new CaseValidationException(new Dictionary<string, string[]> { ["case"] = [e.Message] });
        }
    }

    private static Dictionary<string, string[]> Validate(CaseSubmission s, ReferenceData reference, DateTime now)
    {
        var errors = new Dictionary<string, string[]>();
        void Add(string field, string message) => errors[field] = [message];

        if (string.IsNullOrWhiteSpace(s.Channel))
        {
            Add("channel", "The channel is required: " + string.Join(", ", reference.Channels.Keys) + ".");
        }
        else if (!reference.Channels.ContainsKey(s.Channel))
        {
            Add("channel", $"'{s.Channel}' is not a channel; use " + string.Join(", ", reference.Channels.Keys) + ".");
        }

        if (string.IsNullOrWhiteSpace(s.FieldCode))
        {
            Add("fieldCode", "The field is required.");
        }
        else if (!reference.Fields.ContainsKey(s.FieldCode))
        {
            Add("fieldCode", $"'{s.FieldCode}' is not one of the 15 fields.");
        }

        if (string.IsNullOrWhiteSpace(s.UnitCode))
        {
            Add("unitCode", "The ward or commune is required.");
        }
        else if (reference.Timeline.Check(s.UnitCode, VietnamTime.LocalDate(s.ReceivedAt?.UtcDateTime ?? now)) is { IsValid: false } refused)
        {
            // Only units in force on the local day of receipt; a former unit's refusal names what it became.
            Add("unitCode", refused.Message(System.Globalization.CultureInfo.CurrentUICulture));
        }

        if (string.IsNullOrWhiteSpace(s.Description))
        {
            Add("description", "The description is required.");
        }
        else if (s.Description.Length > Case.DescriptionMaxLength)
        {
            Add("description", $"The description is longer than {Case.DescriptionMaxLength} characters.");
        }

        if (s.Address is { Length: > Case.AddressMaxLength })
        {
            Add("address", $"The address is longer than {Case.AddressMaxLength} characters.");
        }

        if (s.ReporterPhone is { } phone && !string.IsNullOrWhiteSpace(phone) && PhoneNumbers.Check(phone) is { IsValid: false } refusedPhone)
        {
            Add("reporterPhone", $"The phone number must be a Vietnamese mobile (10 digits from 03, 05, 07, 08 or 09) or landline (11 digits from 02), grouped with spaces, dots, hyphens or parentheses if you like, with +84 in place of the 0 if you like; this one is not: {refusedPhone.Problem}.");
        }

        if (s.ReporterName is { Length: > Reporters.NameMaxLength })
        {
            Add("reporterName", $"The reporter name is longer than {Reporters.NameMaxLength} characters.");
        }

        if (s.ReporterEmail is { } email && !string.IsNullOrWhiteSpace(email) && !Reporters.IsEmail(email))
        {
            Add("reporterEmail", $"The e-mail address is not valid (one address, at most {Reporters.EmailMaxLength} characters).");
        }

        if (s.AttachmentUrls?.FirstOrDefault(u => !IsLink(u)) is { } link)
        {
            Add("attachments", $"'{Shorten(link)}' is not an http or https link of at most {CaseAttachment.UrlMaxLength} characters.");
        }

        if (s.ReceivedAt is { } received && received.UtcDateTime > now.AddMinutes(5))
        {
            Add("receivedAt", "The received instant is in the future.");
        }

        if ((s.Latitude is null) != (s.Longitude is null))
        {
            Add(s.Latitude is null ? "latitude" : "longitude", "Give both latitude and longitude, or neither.");
        }

        return errors;
    }

    private static bool IsLink(string url) =>
        url.Length <= CaseAttachment.UrlMaxLength && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
