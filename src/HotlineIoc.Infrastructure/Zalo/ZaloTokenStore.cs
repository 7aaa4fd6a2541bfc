using HotlineIoc.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace HotlineIoc.Infrastructure.Zalo;

/// <summary>
/// The tokens in use: the pair stored in the database (encrypted), or the first pair from the settings while none is
/// stored. A refresh stores the new pair before the new access token is used, since the old refresh token is spent.
/// </summary>
public sealed class ZaloTokenStore(IDbContextFactory<HotlineDbContext> contexts, ZaloSettings settings, ZaloClient client, TimeProvider clock) : IDisposable
{
    private const int Row = 1;
    private readonly SemaphoreSlim _refreshing = new(1, 1);

    public void Dispose() => _refreshing.Dispose();

    public async Task<ZaloTokens?> CurrentAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var stored = await db.ZaloTokens.AsNoTracking().SingleOrDefaultAsync(t => t.Id == Row, cancellationToken);
        return stored is not null
            ? new ZaloTokens(stored.AccessToken, stored.RefreshToken)
            : settings.AccessToken is { } access ? new ZaloTokens(access, settings.RefreshToken ?? "") : null;
    }

    /// <summary>
    /// Refreshes with the refresh token that went with <paramref name="spent"/>; if another caller refreshed meanwhile, its
    /// pair is returned instead of spending the token twice.
    /// </summary>
    public async Task<ZaloTokens> RefreshAsync(ZaloTokens spent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spent);
        await _refreshing.WaitAsync(cancellationToken);
        try
        {
            var current = await CurrentAsync(cancellationToken);
            if (current is not null && current.AccessToken != spent.AccessToken)
            {
                return current;
            }

            if (string.IsNullOrEmpty(spent.RefreshToken))
            {
                throw new ZaloTokenException("The access token has expired and no refresh token is known; set Zalo:RefreshToken.");
            }

            var fresh = await client.RefreshAsync(spent.RefreshToken, cancellationToken);
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var stored = await db.ZaloTokens.SingleOrDefaultAsync(t => t.Id == Row, cancellationToken);
            if (stored is null)
            {
                db.ZaloTokens.Add(stored = new ZaloTokenPair { Id = Row });
            }

            stored.AccessToken = fresh.AccessToken;
            stored.RefreshToken = fresh.RefreshToken;
            stored.ObtainedAt = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(cancellationToken);
            return fresh;
        }
        finally
        {
            _refreshing.Release();
        }
    }
}
