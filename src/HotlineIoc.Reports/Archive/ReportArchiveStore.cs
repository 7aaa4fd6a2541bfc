using System.Security.Cryptography;
using HotlineIoc.Infrastructure.Persistence;
using HotlineIoc.Infrastructure.Reports;
using HotlineIoc.Reports.Model;
using Microsoft.EntityFrameworkCore;

namespace HotlineIoc.Reports.Archive;

/// <summary>An archived report without its bytes, for lists.</summary>
public sealed record ArchivedReport(
    int Id,
    string PeriodKey,
    string PeriodKind,
    string ScopeKey,
    DateOnly From,
    DateOnly To,
    DateTime CreatedAtUtc,
    string CreatedBy,
    string FileName,
    int SizeBytes,
    string Sha256);

/// <summary>The outcome of archiving: the entry, and whether this call added it or found it already there.</summary>
public sealed record ArchiveResult(ArchivedReport Entry, bool Added);

/// <summary>Keeps generated PDFs exactly as they were made; one per period and scope.</summary>
public sealed class ReportArchiveStore(IDbContextFactory<HotlineDbContext> contexts, TimeProvider clock)
{
    public async Task<IReadOnlyList<ArchivedReport>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.ReportArchives.AsNoTracking()
            .Select(a => new { a.Id, a.PeriodKey, a.PeriodKind, a.ScopeKind, a.ScopeCode, a.From, a.To, a.CreatedAtUtc, a.CreatedBy, a.FileName, a.SizeBytes, a.Sha256 })
            .ToListAsync(cancellationToken);
        // Sorted here: SQLite cannot order by the converted date-time text any differently, but this keeps both providers alike.
        return rows.OrderByDescending(a => a.CreatedAtUtc).ThenByDescending(a => a.Id)
            .Select(a => new ArchivedReport(a.Id, a.PeriodKey, a.PeriodKind, ScopeKey(a.ScopeKind, a.ScopeCode), a.From, a.To, a.CreatedAtUtc, a.CreatedBy, a.FileName, a.SizeBytes, a.Sha256))
            .ToList();
    }

    /// <summary>The stored file, byte for byte, or null.</summary>
    public async Task<(string FileName, byte[] Pdf)?> GetPdfAsync(int id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.ReportArchives.AsNoTracking().Where(a => a.Id == id).Select(a => new { a.FileName, a.Pdf }).SingleOrDefaultAsync(cancellationToken);
        return row is null ? null : (row.FileName, row.Pdf);
    }

    public async Task<ArchivedReport?> FindAsync(ReportPeriod period, ReportScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(scope);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var (kind, code) = (scope.Kind.ToString(), scope.Code ?? "");
        var row = await db.ReportArchives.AsNoTracking()
            .Where(a => a.PeriodKey == period.Key && a.ScopeKind == kind && a.ScopeCode == code)
            .SingleOrDefaultAsync(cancellationToken);
        return row is null ? null : Entry(row);
    }

    /// <summary>Archives <paramref name="report"/> unless its period and scope are archived already; never replaces an entry.</summary>
    public async Task<ArchiveResult> SaveAsync(GeneratedReport report, string createdBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentException.ThrowIfNullOrWhiteSpace(createdBy);
        if (await FindAsync(report.Model.Period, report.Model.Scope, cancellationToken) is { } existing)
        {
            return new ArchiveResult(existing, false);
        }

        var row = new ReportArchive
        {
            PeriodKey = report.Model.Period.Key,
            PeriodKind = report.Model.Period.Kind.ToString(),
            ScopeKind = report.Model.Scope.Kind.ToString(),
            ScopeCode = report.Model.Scope.Code ?? "",
            From = report.Model.Period.From,
            To = report.Model.Period.To,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
            CreatedBy = createdBy,
            FileName = report.FileName,
            Pdf = report.Pdf,
            Sha256 = Convert.ToHexString(SHA256.HashData(report.Pdf)),
            SizeBytes = report.Pdf.Length,
        };
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.ReportArchives.Add(row);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another instance archived the same period and scope a moment earlier; the unique index kept one.
            if (await FindAsync(report.Model.Period, report.Model.Scope, cancellationToken) is { } raced)
            {
                return new ArchiveResult(raced, false);
            }

            throw;
        }

        return new ArchiveResult(Entry(row), true);
    }

    public static string ScopeKey(string kind, string code) =>
        Enum.TryParse<ScopeKind>(kind, out var k) ? new ReportScope(k, k == ScopeKind.City ? null : code).Key : kind;

    private static ArchivedReport Entry(ReportArchive a) =>
        new(a.Id, a.PeriodKey, a.PeriodKind, ScopeKey(a.ScopeKind, a.ScopeCode), a.From, a.To, a.CreatedAtUtc, a.CreatedBy, a.FileName, a.SizeBytes, a.Sha256);
}
