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

    [Theory]
    [InlineData("12345678", "a Vietnamese number starts with 0")] // the API's old rule took 8 to 15 digits
    [InlineData("0912 345 6789", "a mobile number (09…) has 10 digits with its 0, not 11")]
    [InlineData("+1 202 555 0143", "only Vietnamese numbers are taken")]
    public async Task A_refused_phone_says_which_numbers_are_taken_and_why_this_one_is_not(string phone, string reason)
    {
        await using var database = await TestDatabase.CreateAsync();
        var intake = new CaseIntake(database.Contexts, TimeProvider.System, new CaseEventBus(NullLogger<CaseEventBus>.Instance));

        var error = await Assert.ThrowsAsync<CaseValidationException>(() => intake.ReceiveAsync(Valid(new DateTimeOffset(2024, 6, 4, 10, 0, 0, TimeSpan.FromHours(7))) with { ReporterPhone = phone }, "op01", Ct));

        Assert.Equal(["reporterPhone"], error.Errors.Keys);
        var message = Assert.Single(error.Errors["reporterPhone"]);
        Assert.StartsWith("The phone number must be a Vietnamese mobile (10 digits from 03, 05, 07, 08 or 09) or landline (11 digits from 02)", message, StringComparison.Ordinal);
        Assert.Contains(reason, message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0912-345-678")] // the desk took it, the API used to refuse it
    [InlineData("+84 262 3812 345")]
    public async Task A_phone_the_desk_takes_is_taken(string phone)
    {
        await using var database = await TestDatabase.CreateAsync();
        var intake = new CaseIntake(database.Contexts, TimeProvider.System, new CaseEventBus(NullLogger<CaseEventBus>.Instance));

        var item = await intake.ReceiveAsync(Valid(new DateTimeOffset(2024, 6, 4, 10, 0, 0, TimeSpan.FromHours(7))) with { ReporterPhone = phone }, "op01", Ct);

        Assert.Equal(phone, item.ReporterPhone);
    }
}
