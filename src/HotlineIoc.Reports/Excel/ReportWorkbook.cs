using HotlineIoc.Reports.Model;
using MiniExcelLibs;

namespace HotlineIoc.Reports.Excel;

/// <summary>The report's figures as an .xlsx workbook: a summary sheet and one sheet per breakdown, from the same model as the PDF.</summary>
public static class ReportWorkbook
{
    public const string SummarySheet = "Tổng hợp";
    public const string ChannelSheet = "Kênh tiếp nhận";
    public const string FieldSheet = "Lĩnh vực";
    public const string UnitSheet = "Phường, xã";

    /// <summary>Today's units with both periods rolled up into them; only in a workbook whose report crosses a reorganisation.</summary>
    public const string TodayUnitSheet = "Địa bàn hiện nay";
    public const string AgencySheet = "Cơ quan xử lý";
    public const string OverdueSheet = "Quá hạn";
    public const string TrendSheet = "Theo tháng";

    public static byte[] Create(ReportModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var s = model.Summary;
        var p = model.PreviousSummary;
        var e = model.Enforcement;
        // In this order: MiniExcel writes the sheets as the dictionary lists them.
        var sheets = new Dictionary<string, object>
        {
            [SummarySheet] = new List<Dictionary<string, object>>
            {
                Figure("Tiếp nhận", s.Received, p.Received),
                Figure("Đã xử lý", s.Resolved, p.Resolved),
                Figure("Tỷ lệ xử lý", s.ResolutionRate, p.ResolutionRate),
                Figure("Xử lý đúng hạn", s.ResolvedOnTime, p.ResolvedOnTime),
                Figure("Tỷ lệ đúng hạn", s.OnTimeRate, p.OnTimeRate),
                Figure("Đang xử lý", s.Open, p.Open),
                Figure("Quá hạn", s.Overdue, p.Overdue),
                Figure("Thời gian xử lý bình quân (ngày làm việc)", s.AverageHandlingWorkingDays, p.AverageHandlingWorkingDays),
                Figure("Nhắc nhở", e.Reminders, null),
                Figure("Lập biên bản", e.Minutes, null),
                Figure("Ký cam kết", e.Commitments, null),
                Figure("Quyết định xử phạt", e.Sanctions, null),
                Figure("Tiền phạt (VND)", e.FinesVnd, null),
            },
            [ChannelSheet] = Rows(model.ByChannel),
            [FieldSheet] = Rows(model.ByField),
            [UnitSheet] = model.Units.Recorded.Select(RecordedUnit).ToList(),
        };
        if (model.Units.CrossesReorganisation)
        {
            sheets[TodayUnitSheet] = model.Units.ByTodayUnit.Select(TodayUnit).ToList();
        }

        sheets[AgencySheet] = Rows(model.ByAgency);
        sheets[OverdueSheet] = model.OverdueCases.Select(c => new Dictionary<string, object>
        {
            ["Mã phản ánh"] = c.Code,
            ["Lĩnh vực"] = c.FieldName,
            ["Phường, xã"] = c.UnitName,
            ["Cơ quan xử lý"] = c.AgencyName,
            ["Hạn xử lý"] = VietnameseFormat.Date(c.DueOn),
            ["Số ngày làm việc quá hạn"] = c.WorkingDaysLate,
        }).ToList();
        sheets[TrendSheet] = model.MonthlyTrend.Select(t => new Dictionary<string, object>
        {
            ["Tháng"] = $"{t.Month:00}/{t.Year}",
            ["Tiếp nhận"] = t.Received,
            ["Đã xử lý"] = t.Resolved,
            ["Tỷ lệ xử lý"] = t.ResolutionRate,
            ["Xử lý đúng hạn"] = t.ResolvedOnTime,
        }).ToList();

        using var stream = new MemoryStream();
        stream.SaveAs(sheets);
        return stream.ToArray();
    }

    private static Dictionary<string, object> Figure(string name, object current, object? previous) => new()
    {
        ["Chỉ tiêu"] = name,
        ["Kỳ này"] = current,
        ["Kỳ trước"] = previous ?? "",
    };

    /// <summary>A unit as recorded, with its life span and today's unit, then its figures.</summary>
    private static Dictionary<string, object> RecordedUnit(RecordedUnitRow r) => new()
    {
        ["Mã"] = r.Code,
        ["Tên"] = r.Figures.Name,
        ["Hiệu lực từ"] = r.ValidFrom is { } from ? VietnameseFormat.Date(from) : "",
        ["Hiệu lực đến"] = r.ValidTo is { } to ? VietnameseFormat.Date(to) : "",
        ["Mã địa bàn hiện nay"] = r.TodayCode,
        ["Địa bàn hiện nay"] = r.TodayName,
        ["Tiếp nhận"] = r.Figures.Received,
        ["Đã xử lý"] = r.Figures.Resolved,
        ["Xử lý đúng hạn"] = r.Figures.ResolvedOnTime,
        ["Đang xử lý"] = r.Figures.Open,
        ["Quá hạn"] = r.Figures.Overdue,
        ["Tỷ lệ xử lý"] = r.Figures.ResolutionRate,
        ["Tỷ lệ đúng hạn"] = r.Figures.OnTimeRate,
    };

    /// <summary>One of today's units: this period, the previous period rolled up the same way, and the change.</summary>
    private static Dictionary<string, object> TodayUnit(TodayUnitRow r) => new()
    {
        ["Mã"] = r.Code,
        ["Tên"] = r.Name,
        ["Tiếp nhận"] = r.Current.Received,
        ["Đã xử lý"] = r.Current.Resolved,
        ["Xử lý đúng hạn"] = r.Current.ResolvedOnTime,
        ["Đang xử lý"] = r.Current.Open,
        ["Quá hạn"] = r.Current.Overdue,
        ["Tỷ lệ xử lý"] = r.Current.ResolutionRate,
        ["Tỷ lệ đúng hạn"] = r.Current.OnTimeRate,
        ["Tiếp nhận kỳ trước"] = r.Previous.Received,
        ["Đã xử lý kỳ trước"] = r.Previous.Resolved,
        ["Xử lý đúng hạn kỳ trước"] = r.Previous.ResolvedOnTime,
        ["Đang xử lý kỳ trước"] = r.Previous.Open,
        ["Quá hạn kỳ trước"] = r.Previous.Overdue,
        ["Tỷ lệ xử lý kỳ trước"] = r.Previous.ResolutionRate,
        ["Tỷ lệ đúng hạn kỳ trước"] = r.Previous.OnTimeRate,
        ["Tăng, giảm tiếp nhận"] = r.Current.Received - r.Previous.Received,
    };

    private static List<Dictionary<string, object>> Rows(IReadOnlyList<ReportBreakdownRow> rows) => rows.Select(r => new Dictionary<string, object>
    {
        ["Mã"] = r.Code,
        ["Tên"] = r.Name,
        ["Tiếp nhận"] = r.Received,
        ["Đã xử lý"] = r.Resolved,
        ["Xử lý đúng hạn"] = r.ResolvedOnTime,
        ["Đang xử lý"] = r.Open,
        ["Quá hạn"] = r.Overdue,
        ["Tỷ lệ xử lý"] = r.ResolutionRate,
        ["Tỷ lệ đúng hạn"] = r.OnTimeRate,
    }).ToList();
}
