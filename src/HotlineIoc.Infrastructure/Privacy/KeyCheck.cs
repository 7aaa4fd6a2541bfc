using HotlineIoc.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace HotlineIoc.Infrastructure.Privacy;

/// <summary>
/// A sample the first node wrote with the deployment's keys: a protected text and the phone index of a fixed number. A
/// node started with other keys (a second node given its own key folder, a restore without the keys) cannot read it back,
/// and so is stopped before it writes reporter data nobody else can read or indexes phones that no search will find.
/// </summary>
public sealed class KeyCheck
{
    public const string ReporterKeys = "reporter-keys";
    private const string Sample = "HotlineIoc key check";
    private const string SamplePhone = "0900000000";

    public string Name { get; set; } = "";

    public string Protected { get; set; } = "";

    public string PhoneIndexProbe { get; set; } = "";

    /// <summary>Null when this node's keys are the deployment's (or it is the first node); otherwise what is wrong and what to do.</summary>
    public static async Task<string?> VerifyAsync(HotlineDbContext db, ReporterProtection protection, ReporterKeyFolder folder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(protection);
        ArgumentNullException.ThrowIfNull(folder);
        var check = await db.KeyChecks.AsNoTracking().SingleOrDefaultAsync(k => k.Name == ReporterKeys, cancellationToken);
        if (check is null)
        {
            db.KeyChecks.Add(new KeyCheck { Name = ReporterKeys, Protected = protection.Protect(Sample), PhoneIndexProbe = protection.PhoneKey(SamplePhone) });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return null;
            }
            catch (DbUpdateException)
            {
                // Another node wrote its sample at the same moment: check against that one.
                db.ChangeTracker.Clear();
                return await VerifyAsync(db, protection, folder, cancellationToken);
            }
        }

        bool readable;
        try
        {
            readable = protection.Unprotect(check.Protected) == Sample;
        }
        catch (ReporterKeyException)
        {
            readable = false;
        }

        if (!readable)
        {
            return $"The reporter-data keys in '{folder.Path}' are not the ones this database was written with, so this node could not read reporter data. "
                + "Every node of a deployment must use the same key folder (Privacy:KeysFolder, on storage shared by the nodes and backed up with the database).";
        }

        return protection.PhoneKey(SamplePhone) == check.PhoneIndexProbe
            ? null
            : $"The phone index key in '{folder.Path}' is not the one this database was written with, so phone searches on this node would find nothing. "
                + "Copy reporter-phone-index.key from the deployment's key folder, or point Privacy:KeysFolder at that folder.";
    }
}
