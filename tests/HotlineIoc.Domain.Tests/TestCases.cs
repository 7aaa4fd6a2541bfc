using HotlineIoc.Domain.Calendar;
using HotlineIoc.Domain.Cases;
using HotlineIoc.Domain.Reference;
using static HotlineIoc.Domain.Tests.Instants;

namespace HotlineIoc.Domain.Tests;

/// <summary>Cases for tests, built only through the case's own methods.</summary>
public static class TestCases
{
    public const string Code = "BMT-2024-000001";
    public const string Operator = "operator.lan";
    public const string Agency = "ubnd-tan-loi";
    public const string Field = "urban-order";

    /// <summary>Tue 4 Jun 2024, 10:00 local; hotline, so due Fri 7 Jun 23:59:59 local.</summary>
    public static readonly DateTime ReceivedAt = Utc("2024-06-04T10:00:00+07:00");

    public static readonly DateTime DueAt = Utc("2024-06-07T16:59:59Z");

    public static Channel Hotline() => new() { Code = "hotline", WorkingDayLimit = 3 };

    public static NewCase New(string code = Code, DateTime? receivedAt = null) => new()
    {
        Code = code,
        ChannelCode = "hotline",
        ReceivedAt = receivedAt ?? ReceivedAt,
        FieldCode = Field,
        UnitCode = "tan-loi",
        Address = "  12 Lê Duẩn  ",
        Latitude = 12.68,
        Longitude = 108.04,
        Description = "  Đèn đường hỏng trước số 12 Lê Duẩn.  ",
        Reporter = new Reporter("Nguyễn Văn A", "0912345678", null),
    };

    public static Case Received() => Case.Receive(New(), Hotline(), WorkingCalendar.WeekdaysOnly, Operator);

    /// <summary>An instant one hour after the case's last event, so steps come in order.</summary>
    public static DateTime Next(Case item) => item.UpdatedAt.AddHours(1);

    /// <summary>A case brought to <paramref name="status"/> along the usual path.</summary>
    public static Case In(CaseStatus status)
    {
        var item = Received();
        foreach (var step in PathTo(status))
        {
            MoveTo(item, step);
        }

        return item;
    }

    private static CaseStatus[] PathTo(CaseStatus status) => status switch
    {
        CaseStatus.Received => [],
        CaseStatus.Forwarded => [CaseStatus.Forwarded],
        CaseStatus.InProgress => [CaseStatus.Forwarded, CaseStatus.InProgress],
        CaseStatus.Resolved => [CaseStatus.Forwarded, CaseStatus.InProgress, CaseStatus.Resolved],
        CaseStatus.Closed => [CaseStatus.Forwarded, CaseStatus.InProgress, CaseStatus.Resolved, CaseStatus.Closed],
        CaseStatus.Returned => [CaseStatus.Forwarded, CaseStatus.Returned],
        CaseStatus.Rejected => [CaseStatus.Rejected],
        CaseStatus.Duplicate => [CaseStatus.Duplicate],
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    /// <summary>Calls the method of <see cref="Case"/> that leads to <paramref name="to"/>.</summary>
    public static void MoveTo(Case item, CaseStatus to)
    {
        var at = Next(item);
        switch (to)
        {
            case CaseStatus.Forwarded:
                item.Forward(Agency, Field, at, Operator);
                break;
            case CaseStatus.InProgress when item.Status == CaseStatus.Closed:
                item.Reopen("Công dân chưa hài lòng", at, Operator);
                break;
            case CaseStatus.InProgress:
                item.StartWork(at, "can-bo.tan-loi");
                break;
            case CaseStatus.Resolved:
                item.ReportResult("Đã thay bóng đèn.", null, at, "can-bo.tan-loi");
                break;
            case CaseStatus.Closed:
                item.Close("Đã gọi lại công dân.", at, Operator);
                break;
            case CaseStatus.Returned:
                item.Return("Không thuộc thẩm quyền", at, "can-bo.tan-loi");
                break;
            case CaseStatus.Rejected:
                item.Reject("Tin nhắn rác", at, Operator);
                break;
            case CaseStatus.Duplicate:
                item.MarkDuplicateOf("BMT-2024-000002", at, Operator);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(to), "No method of a case leads back to received.");
        }
    }
}
