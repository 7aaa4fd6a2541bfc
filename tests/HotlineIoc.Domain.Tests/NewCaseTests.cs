using HotlineIoc.Domain.Calendar;
using HotlineIoc.Domain.Cases;
using static HotlineIoc.Domain.Tests.Instants;

namespace HotlineIoc.Domain.Tests;

public class NewCaseTests
{
    private static string Refusal(NewCase data) => Assert.Throws<DomainException>(data.Validate).Message;

    [Fact]
    public void A_well_formed_case_passes() => TestCases.New().Validate();

    [Theory]
    [InlineData("bmt-2024-000001")]
    [InlineData("BMT 2024 000001")]
    [InlineData("-BMT-2024")]
    [InlineData("")]
    [InlineData("BMT-2024-000000000000000000000001")] // 33 characters
    public void A_malformed_case_code_is_refused(string code) =>
        Assert.Contains("is not a case code", Refusal(TestCases.New() with { Code = code }), StringComparison.Ordinal);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void A_case_without_a_description_is_refused(string description) =>
        Assert.Contains("needs a description", Refusal(TestCases.New() with { Description = description }), StringComparison.Ordinal);

    [Fact]
    public void A_description_longer_than_the_limit_is_refused() =>
        Assert.Contains("longer than 4000", Refusal(TestCases.New() with { Description = new string('x', 4001) }), StringComparison.Ordinal);

    [Fact]
    public void An_address_longer_than_the_limit_is_refused() =>
        Assert.Contains("address", Refusal(TestCases.New() with { Address = new string('x', 301) }), StringComparison.Ordinal);

    [Fact]
    public void Latitude_without_longitude_is_refused() =>
        Assert.Contains("only one of latitude and longitude", Refusal(TestCases.New() with { Longitude = null }), StringComparison.Ordinal);

    [Fact]
    public void Longitude_without_latitude_is_refused() =>
        Assert.Contains("only one of latitude and longitude", Refusal(TestCases.New() with { Latitude = null }), StringComparison.Ordinal);

    [Fact]
    public void A_case_without_coordinates_passes() => (TestCases.New() with { Latitude = null, Longitude = null }).Validate();

    [Theory]
    [InlineData(90.5, 108.0, "latitude")]
    [InlineData(-91.0, 108.0, "latitude")]
    [InlineData(double.NaN, 108.0, "latitude")]
    [InlineData(double.PositiveInfinity, 108.0, "latitude")]
    [InlineData(12.7, 180.01, "longitude")]
    [InlineData(12.7, -181.0, "longitude")]
    [InlineData(12.7, double.NaN, "longitude")]
    public void Coordinates_out_of_range_are_refused(double latitude, double longitude, string which) =>
        Assert.Contains($"The {which} of case", Refusal(TestCases.New() with { Latitude = latitude, Longitude = longitude }), StringComparison.Ordinal);

    [Theory]
    [InlineData(90.0, 180.0)]
    [InlineData(-90.0, -180.0)]
    public void Coordinates_on_the_edge_of_the_range_pass(double latitude, double longitude) =>
        (TestCases.New() with { Latitude = latitude, Longitude = longitude }).Validate();
}

public class ImportedStateTests
{
    private static readonly DateTime Received = TestCases.ReceivedAt;
    private static readonly DateTime Resolved = Utc("2024-06-06T15:00:00+07:00");
    private static readonly DateTime Closed = Utc("2024-06-07T09:00:00+07:00");

    private static string Refusal(ImportedState state) =>
        Assert.Throws<DomainException>(() => state.Validate(Received)).Message;

    [Fact]
    public void A_resolved_case_without_its_resolved_instant_is_refused() =>
        Assert.Contains("needs the instant it was resolved",
            Refusal(new ImportedState(CaseStatus.Resolved, TestCases.Agency, null, null, null)), StringComparison.Ordinal);

    [Fact]
    public void A_closed_case_without_its_closed_instant_is_refused() =>
        Assert.Contains("needs the instant it was closed",
            Refusal(new ImportedState(CaseStatus.Closed, TestCases.Agency, Resolved, null, null)), StringComparison.Ordinal);

    [Fact]
    public void An_open_case_with_a_resolved_instant_is_refused() =>
        Assert.Contains("cannot have a resolved instant",
            Refusal(new ImportedState(CaseStatus.InProgress, TestCases.Agency, Resolved, null, null)), StringComparison.Ordinal);

    [Theory]
    [InlineData(CaseStatus.Received)]
    [InlineData(CaseStatus.Forwarded)]
    [InlineData(CaseStatus.InProgress)]
    [InlineData(CaseStatus.Returned)]
    [InlineData(CaseStatus.Rejected)]
    public void Enforcement_on_a_case_without_a_result_is_refused(CaseStatus status) =>
        Assert.Contains("Enforcement goes with a result",
            Refusal(new ImportedState(status, TestCases.Agency, null, null, new Enforcement(EnforcementKind.Reminder))), StringComparison.Ordinal);

    [Fact]
    public void A_case_resolved_before_it_was_received_is_refused() =>
        Assert.Contains("resolved before it was received",
            Refusal(new ImportedState(CaseStatus.Resolved, TestCases.Agency, Received.AddMinutes(-1), null, null)), StringComparison.Ordinal);

    [Fact]
    public void A_case_closed_before_it_was_resolved_is_refused() =>
        Assert.Contains("closed before it was resolved",
            Refusal(new ImportedState(CaseStatus.Closed, TestCases.Agency, Closed, Resolved, null)), StringComparison.Ordinal);

    [Fact]
    public void A_forwarded_case_without_an_agency_is_refused() =>
        Assert.Contains("needs the agency",
            Refusal(new ImportedState(CaseStatus.Forwarded, null, null, null, null)), StringComparison.Ordinal);

    [Fact]
    public void An_imported_closed_case_keeps_its_instants_and_records_the_import()
    {
        var importedAt = Utc("2025-01-10T08:00:00Z");
        var fine = new Enforcement(EnforcementKind.Sanction, 1_500_000);
        var state = new ImportedState(CaseStatus.Closed, TestCases.Agency, Resolved, Closed, fine, "Đã xử phạt.");

        var item = Case.Import(TestCases.New(), TestCases.Hotline(), WorkingCalendar.WeekdaysOnly, state, "import", importedAt);

        Assert.Equal(CaseStatus.Closed, item.Status);
        Assert.Equal((Resolved, Closed, TestCases.DueAt), (item.ResolvedAt, item.ClosedAt, item.DueAt));
        Assert.Equal(fine, item.Enforcement);
        Assert.False(item.MissedDeadline(importedAt));
        var imported = Assert.Single(item.History);
        Assert.Equal((CaseEventKind.Imported, CaseStatus.Closed, importedAt), (imported.Kind, imported.ToStatus, imported.At));
    }

    [Fact]
    public void An_invalid_imported_state_is_refused_by_the_import()
    {
        var state = new ImportedState(CaseStatus.Resolved, TestCases.Agency, null, null, null);

        Assert.Throws<DomainException>(() =>
            Case.Import(TestCases.New(), TestCases.Hotline(), WorkingCalendar.WeekdaysOnly, state, "import", Utc("2025-01-10T08:00:00Z")));
    }
}
