using HotlineIoc.Infrastructure.Persistence;

namespace HotlineIoc.Infrastructure.Live;

/// <summary>
/// A note in the database that cases changed in bulk outside the web app (the command line's import or demo),
/// so every web node can reload its live figures. Web nodes tail this table; see <c>LiveSignalWatcher</c>.
/// </summary>
public sealed class LiveSignal
{
    public const string CasesImported = "cases-imported";

    public long Id { get; set; }

    public string Kind { get; set; } = "";

    public int Count { get; set; }

    public DateTime At { get; set; }

    public static async Task AnnounceAsync(HotlineDbContext db, string kind, int count, DateTime atUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        db.LiveSignals.Add(new LiveSignal { Kind = kind, Count = count, At = atUtc });
        await db.SaveChangesAsync(cancellationToken);
    }
}
