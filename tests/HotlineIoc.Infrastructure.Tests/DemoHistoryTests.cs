using HotlineIoc.Domain.Calendar;
using HotlineIoc.Domain.Cases;
using HotlineIoc.Infrastructure.Demo;
using HotlineIoc.Infrastructure.Geography;
using HotlineIoc.Infrastructure.Seeding;

namespace HotlineIoc.Infrastructure.Tests;

public sealed class DemoHistoryTests : IClassFixture<DemoHistoryTests.Reference>
{
    private static readonly DateTime Today = new(2026, 11, 29, 5, 0, 0, DateTimeKind.Utc);
    private static readonly UnitBoundaries Boundaries = UnitBoundaries.LoadShipped(SeedData.DefaultFolder);

    private readonly ReferenceData _reference;

    public DemoHistoryTests(Reference reference) => _reference = reference.Data;

    [Fact]
    public void The_same_seed_gives_the_same_history()
    {
        var first = new DemoHistoryGenerator(_reference).Generate(Today);
        var second = new DemoHistoryGenerator(_reference).Generate(Today);

        Assert.Equal(first.Select(Fingerprint), second.Select(Fingerprint));
    }

    [Fact]
    public void Extending_the_history_does_not_change_the_past()
    {
        var shorter = new DemoHistoryGenerator(_reference).Generate(new DateTime(2025, 3, 1, 0, 0, 0, DateTimeKind.Utc));
        var longer = new DemoHistoryGenerator(_reference).Generate(Today);
        var cutoff = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        // Enforcement is fitted to each year's published totals, so it is only settled for years that were over at the shorter horizon.
        string Past(Case c) => Fingerprint(c, withEnforcement: c.ResolvedAt < cutoff);
        Assert.Equal(
            shorter.Where(c => c.ReceivedAt < cutoff).Select(Past),
            longer.Where(c => c.ReceivedAt < cutoff).Select(Past));
    }

    [Fact]
    public void The_history_reproduces_the_published_figures()
    {
        var cases = new DemoHistoryGenerator(_reference).Generate(Today);
        var start = VietnamTime.StartOfDayUtc(new DateOnly(2022, 8, 1));
        var end = VietnamTime.StartOfDayUtc(new DateOnly(2025, 2, 1));
        var period = cases.Where(c => c.ReceivedAt >= start && c.ReceivedAt < end).ToList();
        var counted = period.Where(c => !c.Status.IsExcludedFromRates()).ToList();

        Assert.InRange(period.Count, 2300, 2700);
        Assert.True(counted.Count(c => c.Status.HasResult()) > 0.95 * counted.Count);

        var resolved2024 = cases.Where(c => c.ResolvedAt is { } r && VietnamTime.LocalDate(r).Year == 2024).ToList();
        Assert.Equal(194, resolved2024.Count(c => c.EnforcementKind is EnforcementKind.Reminder or EnforcementKind.Minutes or EnforcementKind.Commitment));
        var sanctions = resolved2024.Where(c => c.EnforcementKind == EnforcementKind.Sanction).ToList();
        Assert.Equal(16, sanctions.Count);
        Assert.InRange(sanctions.Sum(c => c.FineVnd ?? 0), 38_000_000, 39_000_000);
        Assert.All(sanctions, c => Assert.NotNull(c.SanctionDecisionNumber));
    }

    [Fact]
    public void The_mix_looks_like_a_real_hotline()
    {
        var cases = new DemoHistoryGenerator(_reference).Generate(Today);

        Assert.Equal(["hotline", "ioc", "zalo"], cases.Select(c => c.ChannelCode).Distinct().Order());
        Assert.Equal(15, cases.Select(c => c.FieldCode).Distinct().Count());
        Assert.Equal(27, cases.Select(c => c.UnitCode).Distinct().Count());
        // Security, traffic, urban order and pollution are what citizens raise most.
        var top = cases.GroupBy(c => c.FieldCode).OrderByDescending(g => g.Count()).Take(4).Select(g => g.Key).Order();
        Assert.Equal(["ANTT", "ATGT", "MT", "TTDT"], top);
        Assert.Contains(cases, c => c.History.Any(e => e.Kind == CaseEventKind.Returned));
        Assert.Contains(cases, c => c.Status == CaseStatus.Duplicate && c.DuplicateOfCode is not null);
    }

    [Fact]
    public void Every_case_is_in_a_unit_that_existed_on_the_day_it_was_received()
    {
        var cases = new DemoHistoryGenerator(_reference, Boundaries).Generate(Today);

        Assert.All(cases, c => Assert.True(_reference.Timeline.Check(c.UnitCode, VietnamTime.LocalDate(c.ReceivedAt)).IsValid, $"{c.Code} in {c.UnitCode}"));
        var reorganised = VietnamTime.StartOfDayUtc(new DateOnly(2025, 7, 1));
        Assert.Equal(
            ["p-buon-ma-thuot", "p-ea-kao", "p-tan-an", "p-tan-lap", "p-thanh-nhat", "x-hoa-phu"],
            cases.Where(c => c.ReceivedAt >= reorganised).Select(c => c.UnitCode).Distinct().Order(StringComparer.Ordinal));
        Assert.DoesNotContain(cases, c => c.UnitCode is "thang-loi" or "thong-nhat" && VietnamTime.LocalDate(c.ReceivedAt) > new DateOnly(2024, 10, 31));
        // The merged units go on reporting: Thành Công carries Thắng Lợi's share after 1 Nov 2024.
        var lastMonths = cases.Where(c => VietnamTime.LocalDate(c.ReceivedAt) is { Year: 2025, Month: <= 6 }).ToList();
        Assert.True(lastMonths.Count(c => c.UnitCode == "thanh-cong") > lastMonths.Count(c => c.UnitCode == "hoa-phu"));
    }

    [Fact]
    public void Every_location_lies_in_the_polygon_of_its_units_area_today()
    {
        var cases = new DemoHistoryGenerator(_reference, Boundaries).Generate(Today);

        var located = cases.Where(c => c.Latitude is not null).ToList();
        Assert.InRange(located.Count, cases.Count / 5, cases.Count / 2);
        Assert.All(located, c => Assert.Equal(_reference.Timeline.RollUp(c.UnitCode, DateOnly.MaxValue), Boundaries.Locate(c.Latitude!.Value, c.Longitude!.Value)));
    }

    [Fact]
    public void Placing_locations_in_polygons_leaves_the_rest_of_the_history_as_it_was()
    {
        var schematic = new DemoHistoryGenerator(_reference).Generate(Today);
        var polygons = new DemoHistoryGenerator(_reference, Boundaries).Generate(Today);

        Assert.Equal(schematic.Select(Fingerprint), polygons.Select(Fingerprint));
    }

    [Fact]
    public void Near_today_some_cases_are_still_open_and_some_are_overdue()
    {
        var cases = new DemoHistoryGenerator(_reference).Generate(Today);
        var recent = cases.Where(c => c.ReceivedAt > Today.AddDays(-30)).ToList();

        Assert.InRange(recent.Count(c => c.Status.IsOpen()), 5, recent.Count / 2);
        Assert.InRange(cases.Count(c => c.IsOverdueAt(Today)), 3, cases.Count / 20);
        Assert.DoesNotContain(cases, c => c.ReceivedAt > Today || c.History.Any(e => e.At > Today));
    }

    [Fact]
    public void Every_case_is_consistent_with_the_workflow()
    {
        var cases = new DemoHistoryGenerator(_reference).Generate(Today);

        Assert.All(cases, c =>
        {
            Assert.Equal(c.Status.HasResult(), c.ResolvedAt is not null);
            Assert.Equal(c.Status == CaseStatus.Closed, c.ClosedAt is not null);
            Assert.Equal(c.Status, c.History[^1].ToStatus);
            Assert.Equal(c.History.OrderBy(e => e.At).Select(e => e.At), c.History.Select(e => e.At));
            Assert.True(CaseCode.TryParse(c.Code, out var year, out _) && year == VietnamTime.LocalDate(c.ReceivedAt).Year);
        });
        Assert.Equal(cases.Count, cases.Select(c => c.Code).Distinct().Count());
    }

    private static string Fingerprint(Case c) => Fingerprint(c, withEnforcement: true);

    private static string Fingerprint(Case c, bool withEnforcement) =>
        $"{c.Code}|{c.ReceivedAt:O}|{c.ChannelCode}|{c.FieldCode}|{c.UnitCode}|{c.Status}|{c.ResolvedAt:O}" + (withEnforcement ? $"|{c.EnforcementKind}|{c.FineVnd}" : "");

    public sealed class Reference : IAsyncLifetime
    {
        private TestDatabase? _database;

        public ReferenceData Data { get; private set; } = null!;

        public async ValueTask InitializeAsync()
        {
            _database = await TestDatabase.CreateAsync();
            await using var db = _database.Open();
            Data = await ReferenceData.LoadAsync(db, TestContext.Current.CancellationToken);
        }

        public async ValueTask DisposeAsync()
        {
            if (_database is not null)
            {
                await _database.DisposeAsync();
            }
        }
    }
}
