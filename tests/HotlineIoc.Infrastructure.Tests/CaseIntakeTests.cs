using HotlineIoc.Infrastructure.CaseCsv;
using HotlineIoc.Infrastructure.Cases;
using HotlineIoc.Infrastructure.Live;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace HotlineIoc.Infrastructure.Tests;

public sealed class CaseIntakeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static CaseSubmission Valid(DateTimeOffset? receivedAt = null) =>
        new("zalo", "MT", "ea-tam", "Hẻm 12 Y Wang", "Rác tồn đọng", "Lê Thị Mai", "0912 345 678", receivedAt);

    [Fact]
    public async Task A_new_case_takes_the_next_code_of_its_year_and_the_rule_s_deadline()
    {
        await using var database = await TestDatabase.CreateAsync();
        var path = new CaseCsvBuilder()
            .Row(CaseCsvBuilder.ValidRow("BMT-2024-000041"))
            .Row(CaseCsvBuilder.ValidRow("BMT-2024-000009"))
            .Row(CaseCsvBuilder.ValidRow("OTHER-2024-999999"))
            .WriteTo(database.PathOf("existing.csv"));
        await new CaseImporter(database.Contexts).ImportAsync(path, "test", null, null, Ct);
        var intake = new CaseIntake(database.Contexts, new FakeTimeProvider(new DateTimeOffset(2025, 2, 1, 0, 0, 0, TimeSpan.Zero)), new CaseEventBus(NullLogger<CaseEventBus>.Instance));

        var in2024 = await intake.ReceiveAsync(Valid(new DateTimeOffset(2024, 12, 31, 23, 0, 0, TimeSpan.FromHours(7))), "op01", Ct);
        var in2025 = await intake.ReceiveAsync(Valid(new DateTimeOffset(2025, 1, 24, 8, 0, 0, TimeSpan.FromHours(7))), "op01", Ct);

        Assert.Equal("BMT-2024-000042", in2024.Code);
        Assert.Equal("BMT-2025-000001", in2025.Code);
        // Friday 24 Jan 2025, Tết from 25 Jan to 2 Feb: the three working days are 3, 4 and 5 February.
        Assert.Equal(new DateTime(2025, 2, 5, 16, 59, 59, DateTimeKind.Utc), in2025.DueAt);
        Assert.Equal("op01", in2025.History.Single().Actor);
    }

    [Fact]
    public async Task Every_wrong_field_is_named()
    {
        await using var database = await TestDatabase.CreateAsync();
        var intake = new CaseIntake(database.Contexts, TimeProvider.System, new CaseEventBus(NullLogger<CaseEventBus>.Instance));

        var error = await Assert.ThrowsAsync<CaseValidationException>(() => intake.ReceiveAsync(
            new CaseSubmission("fax", "XX", null, null, " ", null, "12ab", DateTimeOffset.UtcNow.AddDays(2), 12.6, null), "op01", Ct));

        Assert.Equal(["channel", "description", "fieldCode", "longitude", "receivedAt", "reporterPhone", "unitCode"], error.Errors.Keys.Order());
    }
}
