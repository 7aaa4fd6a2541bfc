using HotlineIoc.Domain.Calendar;
using HotlineIoc.Domain.Cases;
using HotlineIoc.Domain.Open311;
using HotlineIoc.Domain.Reference;

namespace HotlineIoc.Domain.Tests;

/// <summary>The rules behind the Open311 server: statuses, the due-date notice, public free text, and where a request is placed.</summary>
public class Open311RulesTests
{
    private static readonly UnitTimeline Shipped = new(SeedCalendar.Data.Units);
    private static readonly DateOnly Today = new(2026, 12, 2);

    [Theory]
    [InlineData(CaseStatus.Received, "open")]
    [InlineData(CaseStatus.Forwarded, "open")]
    [InlineData(CaseStatus.InProgress, "open")]
    [InlineData(CaseStatus.Returned, "open")]
    [InlineData(CaseStatus.Resolved, "closed")]
    [InlineData(CaseStatus.Closed, "closed")]
    [InlineData(CaseStatus.Rejected, "closed")]
    [InlineData(CaseStatus.Duplicate, "closed")]
    public void Every_status_is_open_or_closed(CaseStatus status, string open311)
    {
        Assert.Equal(open311, Open311Status.Of(status));
        Assert.Contains(status, Open311Status.CaseStatuses(open311)!);
    }

    [Fact]
    public void The_two_words_cover_every_status_once_and_nothing_else_is_a_status()
    {
        Assert.Equal(Enum.GetValues<CaseStatus>().Order(), Open311Status.CaseStatuses("open")!.Concat(Open311Status.CaseStatuses("closed")!).Order());
        Assert.Null(Open311Status.CaseStatuses("pending"));
        Assert.Null(Open311Status.CaseStatuses("OPEN"));
    }

    [Fact]
    public void The_notice_gives_the_due_minute_and_date_in_vietnam()
    {
        var due = VietnamTime.FromLocal(new DateOnly(2026, 12, 15), DeadlineRule.EndOfDay);

        Assert.Equal("Hạn xử lý: 23:59 ngày 15/12/2026", ServiceNotice.For(due));
    }

    [Theory]
    [InlineData("Gọi 0905123456 nhé", "Gọi [đã ẩn] nhé")]
    [InlineData("SĐT: 0905 123 456.", "SĐT: [đã ẩn].")]
    [InlineData("+84 905.123.456 hoặc 84905123456", "[đã ẩn] hoặc [đã ẩn]")]
    [InlineData("Thư: an.nguyen+311@mail.example.vn, cảm ơn", "Thư: [đã ẩn], cảm ơn")]
    [InlineData("Nhà số 123, tổ 5, mã BMT-2026-000123, năm 2026", "Nhà số 123, tổ 5, mã BMT-2026-000123, năm 2026")]
    [InlineData("", "")]
    public void Phone_numbers_and_emails_are_hidden_from_public_text(string text, string shown) =>
        Assert.Equal(shown, PublicText.Redact(text));

    [Fact]
    public void Text_of_the_longest_allowed_size_is_checked_quickly()
    {
        var text = string.Concat(Enumerable.Repeat("a.", Case.DescriptionMaxLength / 2)) + "@";
        var watch = System.Diagnostics.Stopwatch.StartNew();

        Assert.Equal(text, PublicText.Redact(text));
        Assert.InRange(watch.ElapsedMilliseconds, 0, 1000);
    }

    private static RequestLocation Resolve(string? ward, double? lat, double? lon, bool address = false) =>
        RequestLocation.Resolve(ward, lat, lon, address, Today, Shipped, (y, x) => y > 12.7 && x > 108.1 ? "p-tan-an" : null);

    [Fact]
    public void A_point_inside_the_area_gives_its_ward()
    {
        Assert.Equal(new RequestLocation("p-tan-an", null), Resolve(null, 12.72, 108.11));
    }

    [Fact]
    public void An_explicit_ward_wins_over_the_point()
    {
        Assert.Equal(new RequestLocation("x-hoa-phu", null), Resolve("x-hoa-phu", 12.72, 108.11));
        Assert.Equal(new RequestLocation("p-ea-kao", null), Resolve("p-ea-kao", 10.78, 106.70));
    }

    [Fact]
    public void A_former_ward_is_refused_naming_what_it_became()
    {
        var refused = Resolve("tan-an", 12.72, 108.11);

        Assert.Null(refused.UnitCode);
        Assert.StartsWith("attribute[ward] 'tan-an' is not in force on 02/12/2026: Tân An Ward was merged into the new Tân An Ward on 01/07/2025.", refused.Error, StringComparison.Ordinal);
        Assert.Contains("p-buon-ma-thuot, p-ea-kao, p-tan-an, p-tan-lap, p-thanh-nhat, x-hoa-phu", refused.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("p-nowhere", null, null, false, "attribute[ward] 'p-nowhere' is not a ward or commune")]
    [InlineData(null, 10.78, 106.70, false, "lat 10.78, long 106.7 lies outside the area")]
    [InlineData(null, null, null, true, "address_string or address_id alone cannot be placed (this server does not geocode)")]
    [InlineData(null, null, null, false, "one of lat+long, address_string or attribute[ward] is required")]
    public void Without_a_place_the_error_says_what_to_send(string? ward, double? lat, double? lon, bool address, string says)
    {
        var refused = Resolve(ward, lat, lon, address);

        Assert.Null(refused.UnitCode);
        Assert.Contains(says, refused.Error, StringComparison.Ordinal);
    }
}
