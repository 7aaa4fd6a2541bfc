using HotlineIoc.Infrastructure.CaseCsv;
using HotlineIoc.Infrastructure.Tests;

namespace HotlineIoc.Reports.Tests;

/// <summary>
/// Ten cases whose March 2024 figures are counted by hand in <see cref="ReportModelTests"/>.
/// Hotline and Zalo have 3 working days, IOC 7; Tết 2024 is 8–14 February; March 2024 has no holiday.
/// </summary>
public static class KnownData
{
    /// <summary>2 April 2024, 10:00 local: after the end of March, before case 7's result.</summary>
    public static readonly DateTimeOffset Now = new(2024, 4, 2, 3, 0, 0, TimeSpan.Zero);

    public static async Task LoadAsync(TestDatabase database)
    {
        const string M4 = "2024-03-04T09:00:00+07:00";
        var path = new CaseCsvBuilder()
            // 1: due Thu 7 Mar, resolved Wed 6 Mar (2 working days), a reminder.
            .Row($"BMT-2024-000001,hotline,{M4},MT,tan-loi,,,,a,,,closed,TNMT,2024-03-06T10:00:00+07:00,2024-03-06T15:00:00+07:00,reminder,")
            // 2: due Thu 7 Mar, resolved Mon 11 Mar (5 working days, late), a sanction of 2.000.000 đ.
            .Row($"BMT-2024-000002,hotline,{M4},MT,tan-loi,,,,b,,,resolved,TNMT,2024-03-11T10:00:00+07:00,,sanction,2000000")
            // 3: due Thu 7 Mar, still open: 16 working days late on 31 Mar.
            .Row($"BMT-2024-000003,zalo,{M4},ATGT,ea-kao,,,,c,,,in_progress,CA,,,,")
            .Row($"BMT-2024-000004,zalo,{M4},ATGT,ea-kao,,,,d,,,rejected,,,,,")
            .Row($"BMT-2024-000005,ioc,{M4},ATGT,tan-loi,,,,e,,,duplicate,,,,,")
            // 6: IOC, due Mon 8 Apr: open but not overdue at the end of March.
            .Row("BMT-2024-000006,ioc,2024-03-28T09:00:00+07:00,HTDT,tan-loi,,,,f,,,forwarded,QLDT,,,,")
            // 7: due Wed 20 Mar, result only on 2 Apr: open and 7 working days late on 31 Mar; its minutes fall in April.
            .Row("BMT-2024-000007,hotline,2024-03-15T09:00:00+07:00,TTDT,thang-loi,,,,g,,,closed,DTTDT,2024-04-02T10:00:00+07:00,2024-04-02T11:00:00+07:00,minutes,")
            // 8: February's, due Fri 1 Mar, resolved 1 Mar (3 working days): open at the end of February; its minutes fall in March.
            .Row("BMT-2024-000008,hotline,2024-02-27T09:00:00+07:00,TTDT,thang-loi,,,,h,,,closed,DTTDT,2024-03-01T10:00:00+07:00,2024-03-01T16:00:00+07:00,minutes,")
            // 9: February's, across Tết: due Mon 19 Feb, resolved Thu 15 Feb (1 working day).
            .Row("BMT-2024-000009,hotline,2024-02-07T09:00:00+07:00,MT,tan-loi,,,,i,,,closed,TNMT,2024-02-15T10:00:00+07:00,2024-02-15T11:00:00+07:00,,")
            // 10: January's, due Mon 15 Jan, never resolved: 12 + 16 + 21 = 49 working days late on 31 Mar.
            .Row("BMT-2024-000010,hotline,2024-01-10T09:00:00+07:00,DDXD,tan-an,,,,j,,,forwarded,QLDT,,,,")
            .WriteTo(database.PathOf("known.csv"));
        await new CaseImporter(database.Contexts).ImportAsync(path, "test", null, null, TestContext.Current.CancellationToken);
    }
}
