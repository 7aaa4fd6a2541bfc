using HotlineIoc.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace HotlineIoc.Infrastructure.Identity;

/// <summary>One attempt to sign in: who (as typed), when, from where, and how it ended. Never the password.</summary>
public sealed class SignInAttempt
{
    public const int UserNameMaxLength = 256;

    public long Id { get; set; }

    public string UserName { get; set; } = "";

    public DateTime AtUtc { get; set; }

    /// <summary>The client address (after a configured reverse proxy's forwarded headers), or empty when unknown.</summary>
    public string RemoteAddress { get; set; } = "";

    public bool Succeeded { get; set; }

    /// <summary><c>succeeded</c>, <c>failed</c> (unknown name or wrong password), <c>locked_out</c> or <c>not_allowed</c>.</summary>
    public string Outcome { get; set; } = "";
}

public sealed record SignInLogPage(IReadOnlyList<SignInAttempt> Rows, int Total);

/// <summary>Every sign-in, kept for the administrator; failed ones are what <c>/admin/access-log</c> shows first.</summary>
public sealed class SignInLog(IDbContextFactory<HotlineDbContext> contexts, TimeProvider clock)
{
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    public const string LockedOut = "locked_out";
    public const string NotAllowed = "not_allowed";

    public async Task RecordAsync(string userName, string? remoteAddress, string outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userName);
        var name = userName.Trim();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.SignInAttempts.Add(new SignInAttempt
        {
            UserName = name.Length <= SignInAttempt.UserNameMaxLength ? name : name[..SignInAttempt.UserNameMaxLength],
            AtUtc = clock.GetUtcNow().UtcDateTime,
            RemoteAddress = remoteAddress ?? "",
            Succeeded = outcome == Succeeded,
            Outcome = outcome,
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<SignInLogPage> GetPageAsync(bool failedOnly, string? userName, int page, int pageSize, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = db.SignInAttempts.AsNoTracking();
        if (failedOnly)
        {
            rows = rows.Where(r => !r.Succeeded);
        }

        if (!string.IsNullOrWhiteSpace(userName))
        {
            var name = userName.Trim();
            rows = rows.Where(r => r.UserName == name);
        }

        var size = Math.Clamp(pageSize, 1, 200);
        var total = await rows.CountAsync(cancellationToken);
        var found = await rows.OrderByDescending(r => r.AtUtc).ThenByDescending(r => r.Id).Skip(Math.Max(0, page) * size).Take(size).ToListAsync(cancellationToken);
        return new SignInLogPage(found, total);
    }
}
