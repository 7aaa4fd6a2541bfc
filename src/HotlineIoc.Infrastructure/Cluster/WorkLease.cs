using HotlineIoc.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace HotlineIoc.Infrastructure.Cluster;

/// <summary>
/// Who runs a piece of background work (the report schedule, the Zalo sender…) in a cluster, until when. Kept in the
/// database, which every node has and which outlives Redis: the holder renews it, and another node takes it once it expires.
/// </summary>
public sealed class WorkLease
{
    public const int NameMaxLength = 100;
    public const int HolderMaxLength = 200;

    public string Name { get; set; } = "";

    public string Holder { get; set; } = "";

    public DateTime ExpiresAt { get; set; }

    public DateTime TakenAt { get; set; }
}

/// <summary>Takes, renews and gives back <see cref="WorkLease"/>s; each is one conditional write, so two nodes never both hold one.</summary>
public sealed class WorkLeases(IDbContextFactory<HotlineDbContext> contexts, TimeProvider clock)
{
    /// <summary>
    /// Takes the lease if it is free or expired, renews it if <paramref name="holder"/> holds it; true while it is ours
    /// until now + <paramref name="time"/>.
    /// </summary>
    public async Task<bool> TryHoldAsync(string name, string holder, TimeSpan time, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(holder);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var until = now + time;
        var renewed = await db.WorkLeases
            .Where(l => l.Name == name && l.Holder == holder)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAt, until), cancellationToken);
        if (renewed == 1)
        {
            return true;
        }

        var taken = await db.WorkLeases
            .Where(l => l.Name == name && l.ExpiresAt < now)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, holder).SetProperty(l => l.ExpiresAt, until).SetProperty(l => l.TakenAt, now), cancellationToken);
        if (taken == 1)
        {
            return true;
        }

        if (await db.WorkLeases.AnyAsync(l => l.Name == name, cancellationToken))
        {
            return false;
        }

        db.WorkLeases.Add(new WorkLease { Name = name, Holder = holder, ExpiresAt = until, TakenAt = now });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another node made the row at the same moment; it holds the lease.
            return false;
        }
    }

    /// <summary>Gives the lease back at a clean stop, so another node takes over at once instead of when it expires.</summary>
    public async Task ReleaseAsync(string name, string holder, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var past = clock.GetUtcNow().UtcDateTime.AddSeconds(-1);
        await db.WorkLeases
            .Where(l => l.Name == name && l.Holder == holder)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAt, past), cancellationToken);
    }

    public async Task<WorkLease?> FindAsync(string name, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.WorkLeases.AsNoTracking().SingleOrDefaultAsync(l => l.Name == name, cancellationToken);
    }
}
