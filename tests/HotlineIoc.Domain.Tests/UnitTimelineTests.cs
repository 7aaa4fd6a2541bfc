using System.Globalization;
using HotlineIoc.Domain.Calendar;
using HotlineIoc.Domain.Reference;

namespace HotlineIoc.Domain.Tests;

/// <summary>Units with life spans: which exist on a day, what each became, and how a refusal names it.</summary>
public class UnitTimelineTests
{
    private static readonly UnitTimeline Shipped = new(SeedCalendar.Data.Units);

    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");
    private static readonly CultureInfo En = CultureInfo.GetCultureInfo("en");

    private static DateOnly Day(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The local day of an instant given in Vietnam time, as every way in computes it.</summary>
    private static DateOnly LocalDayOf(string vietnamTime) =>
        VietnamTime.LocalDate(DateTimeOffset.ParseExact(vietnamTime, "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture).UtcDateTime);

    [Fact]
    public void The_shipped_history_has_every_unit_since_2022()
    {
        Assert.Equal(27, Shipped.Units.Count);
        Assert.Equal(21, Shipped.InForceOn(Day("2024-10-31")).Count);
        Assert.Equal(19, Shipped.InForceOn(Day("2024-11-01")).Count);
        Assert.Equal(19, Shipped.InForceOn(Day("2025-06-30")).Count);
        Assert.Equal(["p-buon-ma-thuot", "p-ea-kao", "p-tan-an", "p-tan-lap", "p-thanh-nhat", "x-hoa-phu"], Shipped.InForceOn(Day("2025-07-01")).Select(u => u.Code));
        Assert.Equal(6, Shipped.InForceOn(Day("2026-12-04")).Count);
    }

    [Theory]
    // Thắng Lợi's last day and the first day without it, at local midnight: 23:59:59 is still the 31st in Vietnam,
    // although it is 16:59:59 UTC; 00:00 on the 1st is 17:00 UTC on the 31st.
    [InlineData("thang-loi", "2024-10-31T23:59:59.9999999+07:00", true)]
    [InlineData("thang-loi", "2024-11-01T00:00:00+07:00", false)]
    [InlineData("thong-nhat", "2024-10-31T23:59:59+07:00", true)]
    [InlineData("thong-nhat", "2024-11-01T00:00:00+07:00", false)]
    [InlineData("thanh-cong", "2024-11-01T00:00:00+07:00", true)]
    [InlineData("tan-an", "2025-06-30T23:59:59+07:00", true)]
    [InlineData("tan-an", "2025-07-01T00:00:00+07:00", false)]
    [InlineData("p-tan-an", "2025-06-30T23:59:59+07:00", false)]
    [InlineData("p-tan-an", "2025-07-01T00:00:00+07:00", true)]
    [InlineData("x-hoa-phu", "2025-07-01T00:00:00+07:00", true)]
    [InlineData("hoa-phu", "2022-08-01T08:00:00+07:00", true)]
    public void A_unit_is_valid_on_its_first_and_last_day_in_Vietnam_time_and_not_a_moment_beyond(string code, string receivedAt, bool valid)
    {
        var check = Shipped.Check(code, LocalDayOf(receivedAt));

        Assert.Equal(valid, check.IsValid);
        Assert.Equal(valid ? UnitCheckOutcome.Valid : Shipped.Find(code)!.ValidTo is null ? UnitCheckOutcome.NotYetInForce : UnitCheckOutcome.Ended, check.Outcome);
    }

    [Fact]
    public void A_refusal_names_the_successor_in_plain_words_in_both_languages()
    {
        var check = Shipped.Check("thang-loi", Day("2024-11-01"));

        Assert.Equal("Phường Thắng Lợi đã sáp nhập vào Phường Thành Công từ 01/11/2024.", check.Message(Vi));
        Assert.Equal("Thắng Lợi Ward was merged into Thành Công Ward on 01/11/2024.", check.Message(En));
    }

    [Fact]
    public void A_unit_merged_into_a_new_one_of_the_same_name_says_which_is_which()
    {
        var check = Shipped.Check("tan-an", Day("2025-07-01"));

        Assert.Equal("Phường Tân An đã sáp nhập vào Phường Tân An (mới) từ 01/07/2025.", check.Message(Vi));
        Assert.Equal("Tân An Ward was merged into the new Tân An Ward on 01/07/2025.", check.Message(En));
    }

    [Fact]
    public void A_refusal_after_a_second_merger_also_names_the_unit_in_force_that_day()
    {
        var check = Shipped.Check("thang-loi", Day("2026-12-04"));

        Assert.Equal("Phường Thắng Lợi đã sáp nhập vào Phường Thành Công từ 01/11/2024; ngày 04/12/2026 địa bàn này thuộc Phường Buôn Ma Thuột.", check.Message(Vi));
        Assert.Equal("Thắng Lợi Ward was merged into Thành Công Ward on 01/11/2024; on 04/12/2026 its area belongs to Buôn Ma Thuột Ward.", check.Message(En));
        Assert.Equal("p-buon-ma-thuot", check.InForce!.Code);
    }

    [Fact]
    public void A_unit_used_before_it_began_and_an_unknown_code_are_refused_with_what_was_wrong()
    {
        Assert.Equal("Phường Tân An chỉ có từ 01/07/2025; phản ánh được tiếp nhận ngày 15/03/2025.", Shipped.Check("p-tan-an", Day("2025-03-15")).Message(Vi));
        Assert.Equal("Hòa Phú Commune exists only from 01/07/2025; the case was received on 15/03/2025.", Shipped.Check("x-hoa-phu", Day("2025-03-15")).Message(En));
        Assert.Equal("'tan-phu' không phải mã phường, xã.", Shipped.Check("tan-phu", Day("2025-03-15")).Message(Vi));
        Assert.Equal("'tan-phu' is not a ward or commune.", Shipped.Check("tan-phu", Day("2025-03-15")).Message(En));
        Assert.Equal(UnitCheckOutcome.Unknown, Shipped.Check(null, Day("2025-03-15")).Outcome);
    }

    [Theory]
    [InlineData("thang-loi", "2024-10-31", "thang-loi")]
    [InlineData("thang-loi", "2024-11-01", "thanh-cong")]
    [InlineData("thang-loi", "2025-06-30", "thanh-cong")]
    [InlineData("thang-loi", "2025-07-01", "p-buon-ma-thuot")] // two hops
    [InlineData("thong-nhat", "2026-01-01", "p-buon-ma-thuot")] // two hops, through Tân Tiến
    [InlineData("hoa-khanh", "2026-01-01", "x-hoa-phu")]
    [InlineData("p-tan-an", "2026-01-01", "p-tan-an")]
    public void The_successor_chain_gives_the_unit_an_area_belongs_to_on_a_day(string code, string day, string expected) =>
        Assert.Equal(expected, Shipped.RollUp(code, Day(day)));

    [Fact]
    public void A_unit_that_had_not_begun_rolls_up_to_nothing_and_counts_as_itself()
    {
        Assert.Null(Shipped.SuccessorOn("p-tan-an", Day("2025-01-01")));
        Assert.Equal("p-tan-an", Shipped.RollUp("p-tan-an", Day("2025-01-01")));
        Assert.Equal("nowhere", Shipped.RollUp("nowhere", Day("2025-01-01")));
    }

    [Fact]
    public void A_unit_of_today_covers_the_areas_of_every_unit_merged_into_it()
    {
        Assert.Equal(["cu-ebur", "p-buon-ma-thuot", "tan-loi", "tan-thanh", "tan-tien", "thang-loi", "thanh-cong", "thong-nhat", "tu-an"], Shipped.AreaOf("p-buon-ma-thuot").Order(StringComparer.Ordinal));
        Assert.Equal(["ea-tu", "hoa-thuan", "p-tan-an", "tan-an"], Shipped.AreaOf("p-tan-an").Order(StringComparer.Ordinal));
        Assert.Equal(["tan-tien", "thong-nhat"], Shipped.AreaOf("tan-tien").Order(StringComparer.Ordinal));
        // The 21 old units all end in one of the 6.
        Assert.Equal(27, Shipped.InForceOn(Day("2026-01-01")).Sum(u => Shipped.AreaOf(u.Code).Count));
    }

    [Fact]
    public void Typing_an_old_name_finds_the_unit_it_became()
    {
        var today = Day("2026-12-04");

        var match = Assert.Single(Shipped.Search("Thắng Lợi", today));
        Assert.Equal("p-buon-ma-thuot", match.Unit.Code);
        Assert.Equal("thang-loi", match.FormerUnit!.Code);
        Assert.Equal("p-buon-ma-thuot", Assert.Single(Shipped.Search("thang loi", today)).Unit.Code);
        Assert.Equal("x-hoa-phu", Assert.Single(Shipped.Search("hoa khanh", today)).Unit.Code);
    }

    [Fact]
    public void The_search_offers_only_the_units_in_force_and_a_name_of_today_before_a_former_one()
    {
        var today = Day("2026-12-04");

        Assert.Equal(6, Shipped.Search(null, today).Count);
        var tanLap = Shipped.Search("tân lập", today);
        Assert.Equal("p-tan-lap", tanLap[0].Unit.Code);
        Assert.Null(tanLap[0].FormerUnit);
        Assert.Single(tanLap);
        // "tan" finds today's Tân Lập and Tân An by their names, then Buôn Ma Thuột through Tân Lợi, Tân Thành and Tân Tiến, once.
        Assert.Equal(["p-tan-an", "p-tan-lap", "p-buon-ma-thuot"], Shipped.Search("tan", today).Select(m => m.Unit.Code));
        Assert.All(Shipped.Search("ea", Day("2024-06-01")), m => Assert.Null(m.FormerUnit));
    }

    [Fact]
    public void A_future_reorganisation_is_data_only_and_the_chain_follows_it()
    {
        var units = SeedCalendar.Data.Units.Select(Copy).ToList();
        foreach (var old in units.Where(u => u.Code is "p-tan-an" or "p-tan-lap"))
        {
            old.ValidTo = Day("2027-12-31");
            old.SuccessorCode = "p-dong-bac";
        }

        units.Add(new AdministrativeUnit { Code = "p-dong-bac", Name = "Đông Bắc", Kind = UnitKind.Ward, StatisticsCode = "24999", ValidFrom = Day("2028-01-01") });
        var timeline = new UnitTimeline(units);

        Assert.Equal(6, timeline.InForceOn(Day("2027-12-31")).Count);
        Assert.Equal(5, timeline.InForceOn(Day("2028-01-01")).Count);
        Assert.Equal("p-dong-bac", timeline.RollUp("ea-tu", Day("2028-01-01")));
        Assert.Equal("p-tan-an", timeline.RollUp("ea-tu", Day("2027-12-31")));
        Assert.Equal("Phường Tân An đã sáp nhập vào Phường Đông Bắc từ 01/01/2028.", timeline.Check("p-tan-an", Day("2028-01-01")).Message(Vi));
    }

    [Fact]
    public void A_history_that_does_not_hold_together_is_refused_naming_the_unit()
    {
        AdministrativeUnit Unit(string code, string? from, string? to, string? successor) => new()
        {
            Code = code, Name = code, ValidFrom = from is null ? null : Day(from), ValidTo = to is null ? null : Day(to), SuccessorCode = successor,
        };

        Assert.Contains("'a' names the successor 'b' but has no end date",
            Assert.Throws<UnitTimelineException>(() => new UnitTimeline([Unit("a", null, null, "b"), Unit("b", null, null, null)])).Message);
        Assert.Contains("'a' names the successor 'x', which is not a unit",
            Assert.Throws<UnitTimelineException>(() => new UnitTimeline([Unit("a", null, "2024-10-31", "x")])).Message);
        Assert.Contains("its successor 'b' is not in force on the next day, 2024-11-01",
            Assert.Throws<UnitTimelineException>(() => new UnitTimeline([Unit("a", null, "2024-10-31", "b"), Unit("b", "2025-01-01", null, null)])).Message);
        Assert.Contains("ends (2024-01-01) before it begins (2025-01-01)",
            Assert.Throws<UnitTimelineException>(() => new UnitTimeline([Unit("a", "2025-01-01", "2024-01-01", null)])).Message);
        Assert.Equal("a", Assert.Throws<UnitTimelineException>(() => new UnitTimeline([Unit("a", null, null, null), Unit("a", null, null, null)])).Code);
    }

    private static AdministrativeUnit Copy(AdministrativeUnit u) => new()
    {
        Code = u.Code, Name = u.Name, Kind = u.Kind, StatisticsCode = u.StatisticsCode, ValidFrom = u.ValidFrom, ValidTo = u.ValidTo,
        SuccessorCode = u.SuccessorCode, TileColumn = u.TileColumn, TileRow = u.TileRow,
    };
}
