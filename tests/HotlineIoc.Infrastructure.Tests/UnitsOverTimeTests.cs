using System.Globalization;
using System.Security.Claims;
using HotlineIoc.Domain;
using HotlineIoc.Domain.Cases;
using HotlineIoc.Infrastructure.CaseCsv;
using HotlineIoc.Infrastructure.Cases;
using HotlineIoc.Infrastructure.Identity;
using HotlineIoc.Infrastructure.Live;
using HotlineIoc.Infrastructure.Seeding;
using HotlineIoc.Infrastructure.Statistics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace HotlineIoc.Infrastructure.Tests;

/// <summary>Units as data with a life span, on a real SQLite file: every way in, a reorganisation added as data, and totals that add up.</summary>
public sealed class UnitsOverTimeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");

    /// <summary>Thursday 4 December 2026, 10:00 in Buôn Ma Thuột.</summary>
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 12, 4, 3, 0, 0, TimeSpan.Zero));

    private static CaseIntake Intake(TestDatabase database) => new(database.Contexts, Clock, new CaseEventBus(NullLogger<CaseEventBus>.Instance));

    private static CaseSubmission Call(string unit, DateTimeOffset? receivedAt) =>
        new("hotline", "MT", unit, "Hẻm 12", "Rác tồn đọng", "Lê Thị Mai", "0912 345 678", receivedAt);

    [Fact]
    public async Task Intake_and_the_api_accept_a_unit_on_its_last_day_and_refuse_it_the_next_naming_its_successor()
    {
        await using var database = await TestDatabase.CreateAsync();
        var intake = Intake(database);
        using var culture = new UiCulture(Vi);

        var lastDay = await intake.ReceiveAsync(Call("thang-loi", new DateTimeOffset(2024, 10, 31, 23, 59, 59, TimeSpan.FromHours(7))), "op01", Ct);
        var refused = await Assert.ThrowsAsync<CaseValidationException>(() => intake.ReceiveAsync(Call("thang-loi", new DateTimeOffset(2024, 11, 1, 0, 0, 0, TimeSpan.FromHours(7))), "op01", Ct));

        Assert.Equal("thang-loi", lastDay.UnitCode);
        Assert.Equal(["Phường Thắng Lợi đã sáp nhập vào Phường Thành Công từ 01/11/2024."], refused.Errors["unitCode"]);
        await using var db = database.Open();
        Assert.Equal(1, await db.Cases.CountAsync(Ct));
    }

    [Fact]
    public async Task A_call_taken_now_goes_only_to_a_unit_of_today()
    {
        await using var database = await TestDatabase.CreateAsync();
        var intake = Intake(database);
        using var culture = new UiCulture(CultureInfo.GetCultureInfo("en"));

        var refused = await Assert.ThrowsAsync<CaseValidationException>(() => intake.ReceiveAsync(Call("tan-an", null), "op01", Ct));
        var taken = await intake.ReceiveAsync(Call("p-tan-an", null), "op01", Ct);

        Assert.Equal(["Tân An Ward was merged into the new Tân An Ward on 01/07/2025."], refused.Errors["unitCode"]);
        Assert.Equal("p-tan-an", taken.UnitCode);
    }

    [Fact]
    public async Task Import_reports_a_unit_outside_its_life_by_line_and_column_and_takes_the_good_rows()
    {
        await using var database = await TestDatabase.CreateAsync();
        var path = new CaseCsvBuilder()
            .Row("BMT-2024-000001,hotline,2024-10-31T23:59:59+07:00,MT,thang-loi,,,,a,,,received,,,,,")
            .Row("BMT-2024-000002,hotline,2024-11-01T00:00:00+07:00,MT,thang-loi,,,,b,,,received,,,,,")
            .Row("BMT-2025-000001,hotline,2025-06-30T10:00:00+07:00,MT,p-tan-an,,,,c,,,received,,,,,")
            .Row("BMT-2025-000002,hotline,2025-07-01T10:00:00+07:00,MT,p-tan-an,,,,d,,,received,,,,,")
            .WriteTo(database.PathOf("units.csv"));

        var report = await new CaseImporter(database.Contexts).ImportAsync(path, "test", null, null, Ct);

        Assert.Equal((2, 2), (report.Imported, report.RejectedCount));
        Assert.Equal([(3, "unit_code"), (4, "unit_code")], report.FirstRejected.Select(r => (r.Line, r.Column)));
        Assert.Equal(
            "Phường Thắng Lợi đã sáp nhập vào Phường Thành Công từ 01/11/2024 (Thắng Lợi Ward was merged into Thành Công Ward on 01/11/2024)",
            report.FirstRejected[0].Reason);
        Assert.StartsWith("Phường Tân An chỉ có từ 01/07/2025", report.FirstRejected[1].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_corrected_unit_at_triage_must_exist_on_the_day_the_case_came_in()
    {
        await using var database = await TestDatabase.CreateAsync();
        var bus = new CaseEventBus(NullLogger<CaseEventBus>.Instance);
        var desk = new CaseDesk(database.Contexts, new CaseHandling(database.Contexts, Clock, bus), bus, Clock);
        var item = await Intake(database).ReceiveAsync(Call("p-tan-an", null), "op01", Ct);
        var operatorUser = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "dieuhanh"), new Claim(ClaimTypes.Role, HotlineRoles.Operator)], "test"));
        using var culture = new UiCulture(Vi);

        var refused = await Assert.ThrowsAsync<DomainException>(() => desk.ForwardAsync(operatorUser, item.Code, "TNMT", "MT", "ea-tu", Ct));
        var forwarded = await desk.ForwardAsync(operatorUser, item.Code, "TNMT", "MT", "p-tan-lap", Ct);

        Assert.Equal("Xã Ea Tu đã sáp nhập vào Phường Tân An từ 01/07/2025.", refused.Message);
        Assert.Equal("p-tan-lap", forwarded.UnitCode);
    }

    [Fact]
    public async Task An_older_database_of_21_open_ended_units_gets_the_end_dates_and_successors_and_keeps_its_cases()
    {
        await using var database = await TestDatabase.CreateAsync(seed: false);
        var seed = SeedData.Load(SeedData.DefaultFolder);
        await using (var db = database.Open())
        {
            // As the seed of earlier versions had it: the 21 units, no end date, no successor.
            var old = new SeedData
            {
                Channels = seed.Channels,
                Fields = seed.Fields,
                CalendarDays = seed.CalendarDays,
                Agencies = [.. seed.Agencies.Where(a => a.UnitCode is null || !a.UnitCode.StartsWith("p-", StringComparison.Ordinal) && !a.UnitCode.StartsWith("x-", StringComparison.Ordinal))],
                Units = [.. seed.Units.Where(u => u.ValidFrom is null).Select(u => new Domain.Reference.AdministrativeUnit { Code = u.Code, Name = u.Name, Kind = u.Kind, TileColumn = u.TileColumn, TileRow = u.TileRow })],
            };
            await ReferenceDataSeeder.SeedAsync(db, old, Ct);
        }

        var import = new CaseCsvBuilder().Row("BMT-2024-000001,hotline,2024-06-03T09:00:00+07:00,MT,thang-loi,,,,a,,,received,,,,,").WriteTo(database.PathOf("old.csv"));
        Assert.Equal(1, (await new CaseImporter(database.Contexts).ImportAsync(import, "test", null, null, Ct)).Imported);

        await using (var db = database.Open())
        {
            var result = await ReferenceDataSeeder.SeedAsync(db, seed, Ct);
            Assert.Equal((6, 21), (result.Units, result.UnitsUpdated));
        }

        await using var read = database.Open();
        var thangLoi = await read.Units.SingleAsync(u => u.Code == "thang-loi", Ct);
        Assert.Equal((new DateOnly(2024, 10, 31), "thanh-cong", "24133"), (thangLoi.ValidTo!.Value, thangLoi.SuccessorCode!, thangLoi.StatisticsCode!));
        Assert.Equal("thang-loi", (await read.Cases.SingleAsync(Ct)).UnitCode);
    }

    [Fact]
    public async Task A_future_reorganisation_is_added_as_data_without_a_code_change_or_a_migration()
    {
        await using var database = await TestDatabase.CreateAsync();
        var intake = Intake(database);
        var before = await intake.ReceiveAsync(Call("p-tan-an", null), "op01", Ct);

        // The administrator writes the reorganisation into units.csv: a new unit, and an end date and successor for two.
        var folder = Directory.CreateTempSubdirectory("hotline-seed-");
        foreach (var file in Directory.GetFiles(SeedData.DefaultFolder, "*.csv"))
        {
            File.Copy(file, Path.Combine(folder.FullName, Path.GetFileName(file)));
        }

        var units = Path.Combine(folder.FullName, "units.csv");
        var lines = File.ReadAllLines(units).Select(l =>
            l.StartsWith("p-tan-an,", StringComparison.Ordinal) || l.StartsWith("p-tan-lap,", StringComparison.Ordinal)
                ? Replace(l, 5, "2027-12-31", 6, "p-dong-bac")
                : l).ToList();
        lines.Add("p-dong-bac,Đông Bắc,ward,24999,2028-01-01,,,2,0,made up for the test");
        File.WriteAllLines(units, lines);

        await using (var db = database.Open())
        {
            var seeded = await ReferenceDataSeeder.SeedAsync(db, SeedData.Load(folder.FullName), Ct);
            Assert.Equal((1, 2), (seeded.Units, seeded.UnitsUpdated));
        }

        await using var read = database.Open();
        var reference = await ReferenceData.LoadAsync(read, Ct);
        Assert.Equal(5, reference.Timeline.InForceOn(new DateOnly(2028, 1, 1)).Count);
        Assert.Equal("p-dong-bac", reference.Timeline.RollUp("ea-tu", new DateOnly(2028, 1, 1)));
        Assert.Equal("p-tan-an", (await read.Cases.SingleAsync(c => c.Code == before.Code, Ct)).UnitCode);
        using var culture = new UiCulture(Vi);
        var refused = await Assert.ThrowsAsync<CaseValidationException>(() => intake.ReceiveAsync(Call("p-tan-an", new DateTimeOffset(2028, 1, 2, 9, 0, 0, TimeSpan.FromHours(7))), "op01", Ct));
        Assert.Equal(["Phường Tân An đã sáp nhập vào Phường Đông Bắc từ 01/01/2028."], refused.Errors["unitCode"]);
    }

    [Fact]
    public async Task A_reorganisation_that_does_not_hold_together_is_refused_whole_and_names_the_line()
    {
        var folder = Directory.CreateTempSubdirectory("hotline-seed-");
        foreach (var file in Directory.GetFiles(SeedData.DefaultFolder, "*.csv"))
        {
            File.Copy(file, Path.Combine(folder.FullName, Path.GetFileName(file)));
        }

        var units = Path.Combine(folder.FullName, "units.csv");
        var lines = File.ReadAllLines(units).ToList();
        var line = lines.FindIndex(l => l.StartsWith("p-tan-an,", StringComparison.Ordinal));
        lines[line] = Replace(lines[line], 5, "2027-12-31", 6, "p-nowhere");
        File.WriteAllLines(units, lines);

        var error = Assert.Throws<SeedDataException>(() => SeedData.Load(folder.FullName));

        Assert.Equal($"units.csv line {line + 1}: 'p-tan-an' names the successor 'p-nowhere', which is not a unit.", error.Message);
    }

    [Fact]
    public async Task An_administrators_own_end_date_is_kept_when_the_seed_runs_again()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var db = database.Open())
        {
            var unit = await db.Units.SingleAsync(u => u.Code == "tan-an", Ct);
            unit.Name = "Tân An (cũ)";
            var today = await db.Units.SingleAsync(u => u.Code == "p-tan-an", Ct);
            today.ValidTo = new DateOnly(2030, 12, 31);
            await db.SaveChangesAsync(Ct);
            await ReferenceDataSeeder.SeedAsync(db, SeedData.Load(SeedData.DefaultFolder), Ct);
        }

        await using var read = database.Open();
        Assert.Equal("Tân An (cũ)", (await read.Units.SingleAsync(u => u.Code == "tan-an", Ct)).Name);
        Assert.Equal(new DateOnly(2030, 12, 31), (await read.Units.SingleAsync(u => u.Code == "p-tan-an", Ct)).ValidTo);
    }

    [Fact]
    public async Task Stats_by_recorded_and_by_current_units_have_the_same_totals()
    {
        await using var database = await TestDatabase.CreateAsync();
        var path = new CaseCsvBuilder()
            .Row("BMT-2024-000001,hotline,2024-06-03T09:00:00+07:00,MT,thang-loi,,,,a,,,closed,TNMT,2024-06-04T09:00:00+07:00,2024-06-04T10:00:00+07:00,,")
            .Row("BMT-2024-000002,hotline,2024-12-03T09:00:00+07:00,MT,thanh-cong,,,,b,,,resolved,TNMT,2024-12-04T09:00:00+07:00,,,")
            .Row("BMT-2025-000001,zalo,2025-03-03T09:00:00+07:00,ATGT,tu-an,,,,c,,,rejected,,,,,")
            .Row("BMT-2025-000002,ioc,2025-08-04T09:00:00+07:00,ATGT,p-buon-ma-thuot,,,,d,,,forwarded,CA,,,,")
            .Row("BMT-2025-000003,hotline,2025-03-04T09:00:00+07:00,MT,ea-tu,,,,e,,,closed,TNMT,2025-03-05T09:00:00+07:00,2025-03-05T10:00:00+07:00,,")
            .Row("BMT-2025-000004,hotline,2025-09-04T09:00:00+07:00,MT,p-tan-an,,,,f,,,received,,,,,")
            .WriteTo(database.PathOf("stats.csv"));
        Assert.Equal(6, (await new CaseImporter(database.Contexts).ImportAsync(path, "test", null, null, Ct)).Imported);
        var statistics = new CaseStatistics(database.Contexts, Clock);

        var recorded = await statistics.GetAsync(new DateOnly(2024, 1, 1), new DateOnly(2025, 12, 31), UnitGrouping.Recorded, Ct);
        var current = await statistics.GetAsync(new DateOnly(2024, 1, 1), new DateOnly(2025, 12, 31), UnitGrouping.Current, Ct);

        Assert.Equal(
            ["ea-tu 1", "p-buon-ma-thuot 1", "p-tan-an 1", "thang-loi 1", "thanh-cong 1", "tu-an 1"],
            recorded.ByUnit.Select(r => $"{r.Code} {r.Received}").Order(StringComparer.Ordinal));
        // thang-loi → thanh-cong → p-buon-ma-thuot (two hops), thanh-cong and tu-an → p-buon-ma-thuot, ea-tu → p-tan-an.
        Assert.Equal(["p-buon-ma-thuot 4 2", "p-tan-an 2 1"], current.ByUnit.Select(r => $"{r.Code} {r.Received} {r.Resolved}"));
        Assert.Equal(recorded.Received, current.Received);
        Assert.Equal(recorded.ByUnit.Sum(r => r.Received), current.ByUnit.Sum(r => r.Received));
        Assert.Equal(recorded.ByUnit.Sum(r => r.Resolved), current.ByUnit.Sum(r => r.Resolved));
        Assert.Equal(recorded.ByUnit.Sum(r => r.Open), current.ByUnit.Sum(r => r.Open));
        Assert.Equal((recorded.Resolved, recorded.Open, recorded.ResolutionRate), (current.Resolved, current.Open, current.ResolutionRate));
    }

    private static string Replace(string line, int first, string firstValue, int second, string secondValue)
    {
        var cells = line.Split(',');
        cells[first] = firstValue;
        cells[second] = secondValue;
        return string.Join(',', cells);
    }

    /// <summary>Sets the UI culture for the messages worded in it, and puts the old one back.</summary>
    private sealed class UiCulture : IDisposable
    {
        private readonly CultureInfo _before = CultureInfo.CurrentUICulture;

        public UiCulture(CultureInfo culture) => CultureInfo.CurrentUICulture = culture;

        public void Dispose() => CultureInfo.CurrentUICulture = _before;
    }
}
