using HotlineIoc.Infrastructure.CaseCsv;
using HotlineIoc.Infrastructure.Tests;

namespace HotlineIoc.Reports.Tests;

/// <summary>
/// Twenty-four cases from 2023 to 2026, each in a unit in force on its day of receipt: Thắng Lợi and Thống Nhất until
/// 31/10/2024, the other old units until 30/06/2025, the six new ones from 01/07/2025. Counted by hand in
/// <see cref="UnitReportTests"/>. Outcomes are kept plain: "ok" is closed two hours after receipt (on time), "late"
/// three weeks after (all hotline, 3 working days), "open" never gets a result (overdue at the end of its year),
/// "rejected" leaves the rates.
/// </summary>
public static class ReorganisedData
{
    /// <summary>2 March 2026, 10:00 local: today's units are the six of 1 July 2025.</summary>
    public static readonly DateTimeOffset Now = new(2026, 3, 2, 3, 0, 0, TimeSpan.Zero);

    public static async Task LoadAsync(TestDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        var csv = new CaseCsvBuilder();
        var n = 0;
        void Case(string day, string unit, string outcome)
        {
            var received = $"{day}T09:00:00+07:00";
            var code = $"BMT-{day[..4]}-{++n:000000}";
            var at = DateTime.Parse(day, System.Globalization.CultureInfo.InvariantCulture);
            var row = outcome switch
            {
                "ok" => $"closed,TNMT,{day}T11:00:00+07:00,{day}T15:00:00+07:00",
                "late" => $"resolved,TNMT,{at.AddDays(21):yyyy-MM-dd}T10:00:00+07:00,",
                "open" => "forwarded,TNMT,,",
                "rejected" => "rejected,,,",
                _ => throw new ArgumentOutOfRangeException(nameof(outcome)),
            };
            csv.Row($"{code},hotline,{received},MT,{unit},,,,x,,,{row},,");
        }

        // 2023, the period before 2024.
        Case("2023-05-10", "thang-loi", "ok");
        Case("2023-06-12", "tan-lap", "rejected");
        Case("2023-08-14", "ea-kao", "open");

        // 2024: Thắng Lợi and Thống Nhất up to their last day, then Thành Công and Tân Tiến, which took them over.
        Case("2024-03-04", "thang-loi", "ok");
        Case("2024-04-08", "thang-loi", "late");
        Case("2024-10-31", "thong-nhat", "ok");
        Case("2024-11-04", "thanh-cong", "ok");
        Case("2024-11-05", "tan-tien", "open");
        Case("2024-06-03", "tan-lap", "rejected");
        Case("2024-07-01", "tan-lap", "ok");
        Case("2024-09-09", "hoa-phu", "late");
        Case("2024-12-02", "ea-kao", "ok");

        // 2025: the 19 up to 30 June, the six from 1 July.
        Case("2025-01-06", "thanh-cong", "ok");
        Case("2025-03-03", "tan-tien", "late");
        Case("2025-06-30", "tan-lap", "ok");
        Case("2025-02-10", "hoa-xuan", "rejected");
        Case("2025-05-05", "ea-kao", "ok");
        Case("2025-07-01", "p-buon-ma-thuot", "ok");
        Case("2025-07-07", "p-tan-lap", "open");
        Case("2025-08-04", "p-tan-lap", "ok");
        Case("2025-09-08", "x-hoa-phu", "late");
        Case("2025-10-06", "p-ea-kao", "rejected");

        // 2026, up to today.
        Case("2026-01-05", "p-buon-ma-thuot", "ok");
        Case("2026-02-02", "x-hoa-phu", "ok");

        var path = csv.WriteTo(database.PathOf("reorganised.csv"));
        var result = await new CaseImporter(database.Contexts).ImportAsync(path, "test", null, null, TestContext.Current.CancellationToken);
        Assert.True(result.Imported == 24, $"imported {result.Imported}, rejected {result.RejectedCount}: {string.Join("; ", result.FirstRejected)}");
    }
}
