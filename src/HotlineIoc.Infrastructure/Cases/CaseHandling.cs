using HotlineIoc.Domain;
using HotlineIoc.Domain.Cases;
using HotlineIoc.Infrastructure.Live;
using HotlineIoc.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace HotlineIoc.Infrastructure.Cases;

/// <summary>Someone else changed the case between reading it and saving this step; nothing of this step was written.</summary>
public sealed class CaseChangedMeanwhileException(string code, Exception inner)
    : DomainException($"Case {code} was changed by someone else meanwhile; nothing was saved. Look at it again and repeat the step if it still applies.", inner)
{
    public string CaseCode { get; } = code;
}

/// <summary>
/// Applies one step of the workflow to a stored case and tells the live picture. The step itself is a domain method,
/// so every rule of the workflow holds whichever path the change comes from.
/// </summary>
public sealed class CaseHandling(IDbContextFactory<HotlineDbContext> contexts, TimeProvider clock, CaseEventBus events)
{
    public async Task<Case> ApplyAsync(string code, Action<Case, DateTime> step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var item = await db.Cases.Include(c => c.History).SingleOrDefaultAsync(c => c.Code == code, cancellationToken)
            ?? throw new KeyNotFoundException($"No case has the code '{code}'.");
        var before = CaseFacts.From(item);
        var now = clock.GetUtcNow().UtcDateTime;
        step(item, now);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException e)
        {
            throw new CaseChangedMeanwhileException(code, e);
        }

        await events.PublishAsync(new CaseChanged(before, CaseFacts.From(item), now));
        return item;
    }
}
