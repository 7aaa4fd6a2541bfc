namespace HotlineIoc.Infrastructure.Persistence;

/// <summary>
/// A one-time change to the data that needs the app (keys, code), not SQL: recorded when done, like a schema migration,
/// so start-up checks one row instead of redoing the work or scanning the cases for it.
/// </summary>
public sealed class DataUpgrade
{
    public string Name { get; set; } = "";

    public DateTime AppliedAtUtc { get; set; }
}
