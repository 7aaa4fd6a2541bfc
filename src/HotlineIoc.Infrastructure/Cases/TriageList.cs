using HotlineIoc.Domain.Cases;
using HotlineIoc.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace HotlineIoc.Infrastructure.Cases;

/// <summary>A report waiting for the hotline team: new from any channel, or returned by an agency.</summary>
public sealed record TriageItem(string Code, string ChannelCode, DateTime ReceivedAt, string UnitCode, string FieldCode, CaseStatus Status, DateTime DueAt, string Description);

public sealed record TriagePage(IReadOnlyList<TriageItem> Items, int Total);

/// <summary>The triage queue: received and returned cases, the most urgent deadline first. The (Status, DueAt) index serves it.</summary>
public sealed class TriageList(IDbContextFactory<HotlineDbContext> contexts)
{
    public const int MaxPageSize = 200;

    private static readonly List<CaseStatus> Waiting = [CaseStatus.Received, CaseStatus.Returned];

    public async Task<TriagePage> GetPageAsync(string? channel, int page, int pageSize, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var cases = db.Cases.AsNoTracking().Where(c => Waiting.Contains(c.Status));
        if (!string.IsNullOrWhiteSpace(channel))
        {
            cases = cases.Where(c => c.ChannelCode == channel);
        }

        var size = Math.Clamp(pageSize, 1, MaxPageSize);
        var total = await cases.CountAsync(cancellationToken);
        var items = await cases.OrderBy(c => c.DueAt).ThenBy(c => c.Id)
            .Skip(Math.Max(0, page) * size).Take(size)
            .Select(c => new TriageItem(c.Code, c.ChannelCode, c.ReceivedAt, c.UnitCode, c.FieldCode, c.Status, c.DueAt, c.Description))
            .ToListAsync(cancellationToken);
        return new TriagePage(items, total);
    }

    /// <summary>Extension requests waiting for the Secretary, the earliest current deadline first.</summary>
    public async Task<IReadOnlyList<ExtensionRequest>> GetExtensionRequestsAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Cases.AsNoTracking()
            .Where(c => c.ExtensionRequestedDueAt != null)
            .OrderBy(c => c.DueAt).ThenBy(c => c.Id)
            .Take(MaxPageSize)
            .Select(c => new ExtensionRequest(c.Code, c.AgencyCode, c.DueAt, c.ExtensionRequestedDueAt!.Value, c.ExtensionRequestReason ?? ""))
            .ToListAsync(cancellationToken);
    }
}

/// <summary>An agency's request for more time, as the Secretary decides it.</summary>
public sealed record ExtensionRequest(string Code, string? AgencyCode, DateTime DueAt, DateTime RequestedDueAt, string Reason);
