using HotlineIoc.Domain.Calendar;
using HotlineIoc.Domain.Cases;
using HotlineIoc.Infrastructure.Persistence;
using HotlineIoc.Infrastructure.Seeding;
using Microsoft.EntityFrameworkCore;

namespace HotlineIoc.Web.Tests;

/// <summary>Cases stored as an import would store them, in any test database (a component database or the app's own).</summary>
public static class TestCases
{
    /// <summary>The reporter every test case carries unless told otherwise: personal data that must never leak.</summary>
    public static readonly Reporter SecretReporter = new("Nguyễn Văn Bí Mật", "0905999888", null);

    /// <summary>Stores a case with the status, agency and instants it already has; <paramref name="receivedLocal"/> is Vietnam's wall clock.</summary>
    public static async Task<Case> ImportAsync(
        IDbContextFactory<HotlineDbContext> contexts,
        string code,
        string channel,
        string field,
        string unit,
        DateTime receivedLocal,
        CaseStatus status = CaseStatus.Received,
        string? agency = null,
        DateTime? resolvedLocal = null,
        Reporter? reporter = null)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        await using var db = await contexts.CreateDbContextAsync(TestContext.Current.CancellationToken);
        var reference = await ReferenceData.LoadAsync(db, TestContext.Current.CancellationToken);
        var resolved = resolvedLocal is { } r ? Utc(r) : (DateTime?)null;
        var item = Case.Import(
            new NewCase
            {
                Code = code,
                ChannelCode = channel,
                ReceivedAt = Utc(receivedLocal),
                FieldCode = field,
                UnitCode = unit,
                Description = "Phản ánh thử nghiệm.",
                Address = "12 Lê Duẩn",
                Reporter = reporter ?? SecretReporter,
            },
            reference.Channels[channel],
            reference.Calendar,
            new ImportedState(status, agency, resolved, status == CaseStatus.Closed ? resolved : null, null, status.HasResult() ? "Đã xử lý." : null),
            "test",
            Utc(receivedLocal));
        db.Cases.Add(item);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return item;
    }

    private static DateTime Utc(DateTime local) => VietnamTime.FromLocal(DateOnly.FromDateTime(local), TimeOnly.FromDateTime(local));
}
