using System.Security.Claims;
using HotlineIoc.Domain;
using HotlineIoc.Domain.Calendar;
using HotlineIoc.Domain.Cases;
using HotlineIoc.Infrastructure.Live;
using HotlineIoc.Infrastructure.Persistence;
using HotlineIoc.Infrastructure.Seeding;
using Microsoft.EntityFrameworkCore;

namespace HotlineIoc.Infrastructure.Cases;

/// <summary>The result an agency reports: text, enforcement and links to evidence.</summary>
public sealed record ResultReport(string Result, Enforcement? Enforcement, IReadOnlyList<string> AttachmentLinks);

/// <summary>
/// Every step people take on a case, checked against <see cref="CaseActionPolicy"/> and then applied by the case's own
/// methods through <see cref="CaseHandling"/>, which stores it and tells the live picture. A refused step writes nothing.
/// </summary>
public sealed class CaseDesk(IDbContextFactory<HotlineDbContext> contexts, CaseHandling handling, CaseEventBus events, TimeProvider clock)
{
    /// <summary>A case with its history, links and reporters, if the person may see it.</summary>
    public async Task<Case?> FindAsync(ClaimsPrincipal user, string code, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var item = await db.Cases.AsNoTracking().AsSplitQuery()
            .Include(c => c.History).Include(c => c.Attachments).Include(c => c.LinkedReporters)
            .SingleOrDefaultAsync(c => c.Code == code, cancellationToken);
        return item is not null && CaseActionPolicy.MayView(user, item) ? item : null;
    }

    public async Task<Case> ForwardAsync(ClaimsPrincipal user, string code, string agencyCode, string fieldCode, string? unitCode, CancellationToken cancellationToken)
    {
        var reference = await LoadReferenceAsync(cancellationToken);
        if (!reference.Agencies.ContainsKey(agencyCode ?? ""))
        {
            throw new DomainException($"'{agencyCode}' is not an agency.");
        }

        if (!reference.Fields.ContainsKey(fieldCode ?? ""))
        {
            throw new DomainException($"'{fieldCode}' is not one of the 15 fields.");
        }

        return await ApplyAsync(user, code, CaseAction.Forward, (c, now, actor) =>
        {
            // A corrected unit must exist on the day the case was received, as at intake.
            if (!string.IsNullOrWhiteSpace(unitCode) && unitCode != c.UnitCode
                && reference.Timeline.Check(unitCode, VietnamTime.LocalDate(c.ReceivedAt)) is { IsValid: false } refused)
            {
                throw new DomainException(refused.Message(System.Globalization.CultureInfo.CurrentUICulture));
            }

            c.Forward(agencyCode!, fieldCode!, now, actor, unitCode);
        }, cancellationToken);
    }

    public Task<Case> RejectAsync(ClaimsPrincipal user, string code, string reason, CancellationToken cancellationToken) =>
        ApplyAsync(user, code, CaseAction.Reject, (c, now, actor) => c.Reject(reason, now, actor), cancellationToken);

    public Task<Case> AddNoteAsync(ClaimsPrincipal user, string code, string note, CancellationToken cancellationToken) =>
        ApplyAsync(user, code, CaseAction.AddNote, (c, now, actor) => c.AddNote(note, now, actor), cancellationToken);

    public Task<Case> StartWorkAsync(ClaimsPrincipal user, string code, CancellationToken cancellationToken) =>
        ApplyAsync(user, code, CaseAction.StartWork, (c, now, actor) => c.StartWork(now, actor), cancellationToken);

    public Task<Case> AddProgressNoteAsync(ClaimsPrincipal user, string code, string note, CancellationToken cancellationToken) =>
        ApplyAsync(user, code, CaseAction.AddProgressNote, (c, now, actor) => c.AddProgressNote(note, now, actor), cancellationToken);

    public Task<Case> ReturnAsync(ClaimsPrincipal user, string code, string reason, CancellationToken cancellationToken) =>
        ApplyAsync(user, code, CaseAction.Return, (c, now, actor) => c.Return(reason, now, actor), cancellationToken);

    public Task<Case> ReportResultAsync(ClaimsPrincipal user, string code, ResultReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        return ApplyAsync(user, code, CaseAction.ReportResult, (c, now, actor) =>
        {
            c.ReportResult(report.Result, report.Enforcement, now, actor);
            foreach (var link in report.AttachmentLinks.Where(l => !string.IsNullOrWhiteSpace(l)))
            {
                c.AddAttachment(link.Trim());
            }
        }, cancellationToken);
    }

    /// <summary>The agency asks for <paramref name="workingDays"/> more working days, counted from the current due day.</summary>
    public async Task<Case> RequestExtensionAsync(ClaimsPrincipal user, string code, int workingDays, string reason, CancellationToken cancellationToken)
    {
        if (workingDays is < 1 or > 30)
        {
            throw new DomainException($"An extension is 1 to 30 working days, not {workingDays}.");
        }

        var reference = await LoadReferenceAsync(cancellationToken);
        return await ApplyAsync(user, code, CaseAction.RequestExtension, (c, now, actor) =>
        {
            var newDueDay = reference.Calendar.AddWorkingDays(VietnamTime.LocalDate(c.DueAt), workingDays);
            c.RequestExtension(VietnamTime.FromLocal(newDueDay, DeadlineRule.EndOfDay), reason, now, actor);
        }, cancellationToken);
    }

    public Task<Case> ApproveExtensionAsync(ClaimsPrincipal user, string code, CancellationToken cancellationToken) =>
        ApplyAsync(user, code, CaseAction.ApproveExtension, (c, now, actor) => c.ApproveExtension(now, actor), cancellationToken);

    public Task<Case> RefuseExtensionAsync(ClaimsPrincipal user, string code, string reason, CancellationToken cancellationToken) =>
        ApplyAsync(user, code, CaseAction.RefuseExtension, (c, now, actor) => c.RefuseExtension(reason, now, actor), cancellationToken);

    public Task<Case> RecordCitizenResponseAsync(ClaimsPrincipal user, string code, CitizenContact contact, DateTime informedAtUtc, bool satisfied, string? note, CancellationToken cancellationToken) =>
        ApplyAsync(user, code, CaseAction.RecordCitizenResponse, (c, now, actor) => c.RecordCitizenResponse(contact, informedAtUtc, satisfied, note, now, actor), cancellationToken);

    public Task<Case> ReopenAsync(ClaimsPrincipal user, string code, string reason, CancellationToken cancellationToken) =>
        ApplyAsync(user, code, CaseAction.Reopen, (c, now, actor) => c.Reopen(reason, now, actor), cancellationToken);

    public Task<Case> SendReminderAsync(ClaimsPrincipal user, string code, string? note, CancellationToken cancellationToken) =>
        ApplyAsync(user, code, CaseAction.SendReminder, (c, now, actor) => c.SendReminder(note, now, actor), cancellationToken);

    /// <summary>Merges <paramref name="copyCode"/> into <paramref name="originalCode"/>: both change in one transaction.</summary>
    public async Task<Case> MergeAsync(ClaimsPrincipal user, string copyCode, string originalCode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var copy = await LoadAsync(db, copyCode, cancellationToken);
        var original = await LoadAsync(db, (originalCode ?? "").Trim().ToUpperInvariant(), cancellationToken);
        Require(user, CaseAction.Merge, copy);
        var before = (CaseFacts.From(copy), CaseFacts.From(original));
        var now = clock.GetUtcNow().UtcDateTime;
        CaseMerge.Merge(copy, original, now, ActorOf(user));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException e)
        {
            throw new CaseChangedMeanwhileException(copy.Code, e);
        }

        await events.PublishAsync(new CaseChanged(before.Item1, CaseFacts.From(copy), now));
        await events.PublishAsync(new CaseChanged(before.Item2, CaseFacts.From(original), now));
        return copy;
    }

    public static string ActorOf(ClaimsPrincipal user) => user?.Identity?.Name is { Length: > 0 } name ? name : "unknown";

    private Task<Case> ApplyAsync(ClaimsPrincipal user, string code, CaseAction action, Action<Case, DateTime, string> step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var actor = ActorOf(user);
        return handling.ApplyAsync(code, (c, now) =>
        {
            Require(user, action, c);
            step(c, now, actor);
        }, cancellationToken);
    }

    private static void Require(ClaimsPrincipal user, CaseAction action, Case item)
    {
        if (!CaseActionPolicy.Allows(user, action, item))
        {
            var agency = CaseActionPolicy.AgencyOf(user);
            throw new CaseActionRefusedException(agency is not null && item.AgencyCode != agency
                ? $"Case {item.Code} is held by {item.AgencyCode ?? "no agency"}, not by {agency}; only its own agency can do this."
                : $"{ActorOf(user)} may not {action} case {item.Code}.");
        }
    }

    private static async Task<Case> LoadAsync(HotlineDbContext db, string code, CancellationToken cancellationToken) =>
        await db.Cases.Include(c => c.History).SingleOrDefaultAsync(c => c.Code == code, cancellationToken)
            ?? throw new KeyNotFoundException($"No case has the code '{code}'.");

    private async Task<ReferenceData> LoadReferenceAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await ReferenceData.LoadAsync(db, cancellationToken);
    }
}
