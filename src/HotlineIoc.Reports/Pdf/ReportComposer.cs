using HotlineIoc.Reports.Model;
using static HotlineIoc.Reports.Model.VietnameseFormat;

namespace HotlineIoc.Reports.Pdf;

/// <summary>Turns the report model into the document of an official report (Decree 30/2020/NĐ-CP layout).</summary>
public static class ReportComposer
{
    public const string Motto = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
    public const string Slogan = "Độc lập – Tự do – Hạnh phúc";
    private const uint Blue = 0xFF1F5FA8;
    private const uint Green = 0xFF2E8B57;
    private const uint Red = 0xFFC0392B;
    private const uint Grey = 0xFF9AA5B1;

    public static string Title(ReportModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return $"Kết quả tiếp nhận, xử lý phản ánh, kiến nghị qua Đường dây nóng {model.Period.TitleVi}";
    }

    public static string PlaceAndDate(DateOnly date) => $"Buôn Ma Thuột, ngày {date.Day:00} tháng {date.Month:00} năm {date.Year}";

    public static ReportDocument Compose(ReportModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var issued = DateOnly.FromDateTime(model.GeneratedAtUtc + Domain.Calendar.VietnamTime.Offset);
        var blocks = new List<Block>
        {
            // The body in force on the last day the report covers (Reports:IssuingBodies).
            new OfficialHeader(model.IssuingBody.Parent, model.IssuingBody.Body, "Số: …/BC-ĐDN", Motto, Slogan, PlaceAndDate(issued)),
            new Paragraph("BÁO CÁO", TextWeight.Bold, TextAlign.Center, 14, 2),
            new Paragraph(Title(model), TextWeight.Bold, TextAlign.Center, 12.5f, 2),
            new Paragraph($"Phạm vi: {model.ScopeName}. Số liệu tính đến hết ngày {Date(model.AsOfDate)}.", TextWeight.Italic, TextAlign.Center, 11, 12),
            new TableOfContents("MỤC LỤC"),
        };
        Summary(model, blocks);
        Breakdown(blocks, "II. Theo kênh tiếp nhận", "Kênh tiếp nhận", model.ByChannel, chart: true);
        Breakdown(blocks, "III. Theo lĩnh vực", "Lĩnh vực", model.ByField, chart: true);
        Units(model, blocks);
        Breakdown(blocks, "V. Theo cơ quan xử lý", "Cơ quan, đơn vị", model.ByAgency, chart: true);
        Enforcement(model, blocks);
        Overdue(model, blocks);
        Trend(model, blocks);
        blocks.Add(new SignatureBlock(
            [.. (model.IssuingBody.Recipients ?? []).Select(r => $"- {r};"), "- Lưu: VT, ĐDN."],
            "TỔ TRƯỞNG",
            "(Ký, ghi rõ họ tên)",
            ""));
        return new ReportDocument("Báo cáo " + Title(model), blocks);
    }

    private static void Summary(ReportModel model, List<Block> blocks)
    {
        var s = model.Summary;
        var p = model.PreviousSummary;
        blocks.Add(new Heading("I. Tình hình tiếp nhận và xử lý", 1));
        blocks.Add(new Paragraph(
            $"Trong kỳ báo cáo, Tổ điều hành đường dây nóng tiếp nhận {Count(s.Received)} phản ánh, kiến nghị; " +
            $"đã xử lý {Count(s.Resolved)} phản ánh, đạt tỷ lệ {Percent(s.ResolutionRate)}%; trong đó xử lý đúng hạn {Count(s.ResolvedOnTime)} phản ánh, " +
            $"đạt tỷ lệ {Percent(s.OnTimeRate)}%. Còn {Count(s.Open)} phản ánh đang xử lý, trong đó {Count(s.Overdue)} phản ánh quá hạn. " +
            $"Thời gian xử lý bình quân {OneDecimal(s.AverageHandlingWorkingDays)} ngày làm việc.",
            SpaceAfter: 8));
        var previousName = $"Kỳ trước ({Date(model.PreviousPeriod.From)} – {Date(model.PreviousPeriod.To)})";
        blocks.Add(new Table(
            [new("Chỉ tiêu", 3.2f), new("Kỳ này", 1.3f, TextAlign.Right), new(previousName, 1.9f, TextAlign.Right), new("Tăng (+), giảm (−)", 1.5f, TextAlign.Right)],
            [
                ["Số phản ánh tiếp nhận", Count(s.Received), Count(p.Received), SignedCount(s.Received - p.Received)],
                ["Số phản ánh đã xử lý", Count(s.Resolved), Count(p.Resolved), SignedCount(s.Resolved - p.Resolved)],
                ["Tỷ lệ xử lý (%)", Percent(s.ResolutionRate), Percent(p.ResolutionRate), SignedPoints(s.ResolutionRate - p.ResolutionRate)],
                ["Số phản ánh xử lý đúng hạn", Count(s.ResolvedOnTime), Count(p.ResolvedOnTime), SignedCount(s.ResolvedOnTime - p.ResolvedOnTime)],
                ["Tỷ lệ đúng hạn (%)", Percent(s.OnTimeRate), Percent(p.OnTimeRate), SignedPoints(s.OnTimeRate - p.OnTimeRate)],
                ["Số phản ánh đang xử lý", Count(s.Open), Count(p.Open), SignedCount(s.Open - p.Open)],
                ["Trong đó quá hạn", Count(s.Overdue), Count(p.Overdue), SignedCount(s.Overdue - p.Overdue)],
                ["Thời gian xử lý bình quân (ngày làm việc)", OneDecimal(s.AverageHandlingWorkingDays), OneDecimal(p.AverageHandlingWorkingDays), SignedOneDecimal(s.AverageHandlingWorkingDays - p.AverageHandlingWorkingDays)],
            ]));
        blocks.Add(new Paragraph("Tỷ lệ xử lý = số đã xử lý ÷ số tiếp nhận (không tính phản ánh bị từ chối, trùng lặp); tỷ lệ đúng hạn = số xử lý đúng hạn ÷ số đã xử lý. Thay đổi của tỷ lệ tính bằng điểm phần trăm.", TextWeight.Italic, Size: 9.5f, SpaceAfter: 6));
    }

    /// <summary>The heading of the table by today's unit, as the PDF prints it.</summary>
    public static string TodayUnitsHeading(ReportUnits units)
    {
        ArgumentNullException.ThrowIfNull(units);
        return $"2. Theo địa bàn hiện nay (phường, xã tại ngày {Date(units.Today)})";
    }

    /// <summary>
    /// Section IV: the units as recorded on the cases, each with today's unit; across a reorganisation also today's units,
    /// with the previous period rolled up the same way, so the two periods compare unit by unit.
    /// </summary>
    private static void Units(ReportModel model, List<Block> blocks)
    {
        var units = model.Units;
        blocks.Add(new Heading("IV. Theo địa bàn", 1));
        if (units.CrossesReorganisation)
        {
            blocks.Add(new Paragraph(
                $"Một số phường, xã của kỳ báo cáo hoặc kỳ so sánh đã được sắp xếp lại và không còn đến ngày {Date(units.Today)}. " +
                "Bảng 1 thống kê theo phường, xã ghi trên phản ánh khi tiếp nhận, kèm địa bàn hiện nay của từng đơn vị; bảng 2 cộng số liệu của kỳ này và kỳ trước " +
                $"({Date(model.PreviousPeriod.From)} – {Date(model.PreviousPeriod.To)}) về phường, xã hiện nay để so sánh.",
                SpaceAfter: 6));
            blocks.Add(new Heading("1. Theo phường, xã ghi trên phản ánh", 2));
        }

        // Widths in points of the 468 across: a name with its life span («Buôn Ma Thuột (từ 01/07/2025)») and today's unit
        // («Buôn Ma Thuột») each on one line, and counts of five digits; the open cases are left to the workbook to make room.
        var rows = units.Recorded;
        var table = rows.Select((r, i) => (IReadOnlyList<string>)
        [
            (i + 1).ToString(Culture), r.Figures.Name, r.TodayName, Count(r.Figures.Received), Count(r.Figures.Resolved),
            Percent(r.Figures.ResolutionRate), Percent(r.Figures.OnTimeRate), Count(r.Figures.Overdue),
        ]).ToList();
        table.Add(["", "Tổng cộng", "", Count(rows.Sum(r => r.Figures.Received)), Count(rows.Sum(r => r.Figures.Resolved)), "", "", Count(rows.Sum(r => r.Figures.Overdue))]);
        blocks.Add(new Table(
            [
                new("STT", 26, TextAlign.Center), new("Phường, xã", 158), new("Địa bàn hiện nay", 78), new("Tiếp nhận", 42, TextAlign.Right),
                new("Đã xử lý", 42, TextAlign.Right), new("Tỷ lệ xử lý (%)", 42, TextAlign.Right), new("Đúng hạn (%)", 40, TextAlign.Right),
                new("Quá hạn", 40, TextAlign.Right),
            ],
            table,
            LastRowIsTotal: true));

        if (units.CrossesReorganisation)
        {
            blocks.Add(new Heading(TodayUnitsHeading(units), 2));
            var today = units.ByTodayUnit;
            var todayTable = today.Select((r, i) => (IReadOnlyList<string>)
            [
                (i + 1).ToString(Culture), r.Name, Count(r.Current.Received), Count(r.Previous.Received), SignedCount(r.Current.Received - r.Previous.Received),
                Percent(r.Current.ResolutionRate), Percent(r.Previous.ResolutionRate), SignedPoints(r.Current.ResolutionRate - r.Previous.ResolutionRate),
                Count(r.Current.Overdue),
            ]).ToList();
            int Sum(Func<TodayUnitRow, int> figure) => today.Sum(figure);
            // Today's units hold every case of both periods, so their totals are the report's: the rates are the summary's.
            var (s, p) = (model.Summary, model.PreviousSummary);
            todayTable.Add(
            [
                "", "Tổng cộng", Count(Sum(r => r.Current.Received)), Count(Sum(r => r.Previous.Received)), SignedCount(Sum(r => r.Current.Received) - Sum(r => r.Previous.Received)),
                Percent(s.ResolutionRate), Percent(p.ResolutionRate), SignedPoints(s.ResolutionRate - p.ResolutionRate), Count(Sum(r => r.Current.Overdue)),
            ]);
            blocks.Add(new Table(
                [
                    new("STT", 26, TextAlign.Center), new("Phường, xã hiện nay", 82), new("Tiếp nhận kỳ này", 52, TextAlign.Right),
                    new("Tiếp nhận kỳ trước", 52, TextAlign.Right), new("Tăng (+), giảm (−)", 52, TextAlign.Right),
                    new("Tỷ lệ xử lý kỳ này (%)", 52, TextAlign.Right), new("Tỷ lệ xử lý kỳ trước (%)", 52, TextAlign.Right),
                    new("Tăng, giảm (điểm %)", 52, TextAlign.Right), new("Quá hạn kỳ này", 48, TextAlign.Right),
                ],
                todayTable,
                LastRowIsTotal: true));
            // Today's few units, both periods side by side: the chart that compares.
            var shown = today.Where(r => r.Current.Received > 0 || r.Previous.Received > 0).ToList();
            blocks.Add(new BarChart(
                "Biểu đồ: số phản ánh tiếp nhận theo phường, xã hiện nay, kỳ này và kỳ trước",
                shown.Select(r => r.Name).ToList(),
                [new("Kỳ này", shown.Select(r => (double)r.Current.Received).ToList(), Blue), new("Kỳ trước", shown.Select(r => (double)r.Previous.Received).ToList(), Grey)]));
        }
        else
        {
            Chart(blocks, "phường, xã", units.RecordedFigures);
        }

        var maxUnit = Math.Max(1, model.Map.Select(t => t.Received).DefaultIfEmpty(0).Max());
        blocks.Add(new TileMap(
            $"Bản đồ số phản ánh tiếp nhận theo phường, xã (đơn vị hành chính tại ngày {Date(model.Period.To)})",
            model.Map.Select(t => new MapTile(t.Name, t.Column, t.Row, Count(t.Received), (double)t.Received / maxUnit)).ToList(),
            units.CrossesReorganisation
                ? "Sơ đồ minh họa: mỗi ô là một phường, xã, đặt theo hướng so với trung tâm; không phải ranh giới hành chính. Số liệu của phường, xã cũ được cộng vào đơn vị kế thừa."
                : "Sơ đồ minh họa: mỗi ô là một phường, xã, đặt theo hướng so với trung tâm; không phải ranh giới hành chính."));
    }

    private static void Breakdown(List<Block> blocks, string heading, string nameHeader, IReadOnlyList<ReportBreakdownRow> rows, bool chart)
    {
        blocks.Add(new Heading(heading, 1));
        var table = rows.Select((r, i) => (IReadOnlyList<string>)
        [
            (i + 1).ToString(Culture), r.Name, Count(r.Received), Count(r.Resolved), Percent(r.ResolutionRate), Percent(r.OnTimeRate), Count(r.Open), Count(r.Overdue),
        ]).ToList();
        var received = rows.Sum(r => r.Received);
        var resolved = rows.Sum(r => r.Resolved);
        table.Add(["", "Tổng cộng", Count(received), Count(resolved), "", "", Count(rows.Sum(r => r.Open)), Count(rows.Sum(r => r.Overdue))]);
        blocks.Add(new Table(
            [new("STT", 0.5f, TextAlign.Center), new(nameHeader, 3.2f), new("Tiếp nhận", 1.1f, TextAlign.Right), new("Đã xử lý", 1.1f, TextAlign.Right), new("Tỷ lệ xử lý (%)", 1.1f, TextAlign.Right), new("Đúng hạn (%)", 1.1f, TextAlign.Right), new("Đang xử lý", 1.1f, TextAlign.Right), new("Quá hạn", 1f, TextAlign.Right)],
            table,
            LastRowIsTotal: true));
        if (chart)
        {
            Chart(blocks, nameHeader.ToLowerInvariant(), rows);
        }
    }

    private static void Chart(List<Block> blocks, string what, IReadOnlyList<ReportBreakdownRow> rows)
    {
        if (rows.Count == 0)
        {
            return;
        }

        var shown = rows.Where(r => r.Received > 0).OrderByDescending(r => r.Received).Take(21).ToList();
        blocks.Add(new BarChart(
            $"Biểu đồ: số phản ánh theo {what}",
            shown.Select(r => r.Name).ToList(),
            [new("Tiếp nhận", shown.Select(r => (double)r.Received).ToList(), Blue), new("Đã xử lý", shown.Select(r => (double)r.Resolved).ToList(), Green)]));
    }

    private static void Enforcement(ReportModel model, List<Block> blocks)
    {
        var e = model.Enforcement;
        blocks.Add(new Heading("VI. Kết quả xử lý vi phạm", 1));
        blocks.Add(new Paragraph(
            $"Qua phản ánh của người dân, các cơ quan đã nhắc nhở, lập biên bản, yêu cầu ký cam kết không tái phạm {Count(e.NonMonetary)} trường hợp; " +
            $"ban hành {Count(e.Sanctions)} quyết định xử phạt vi phạm hành chính với tổng số tiền phạt {Money(e.FinesVnd)}.",
            SpaceAfter: 8));
        blocks.Add(new Table(
            [new("Hình thức xử lý", 4f), new("Số trường hợp", 1.5f, TextAlign.Right), new("Số tiền phạt", 2f, TextAlign.Right)],
            [
                ["Nhắc nhở", Count(e.Reminders), ""],
                ["Lập biên bản", Count(e.Minutes), ""],
                ["Ký cam kết không tái phạm", Count(e.Commitments), ""],
                ["Quyết định xử phạt vi phạm hành chính", Count(e.Sanctions), Money(e.FinesVnd)],
                ["Tổng cộng", Count(e.NonMonetary + e.Sanctions), Money(e.FinesVnd)],
            ],
            LastRowIsTotal: true));
    }

    private static void Overdue(ReportModel model, List<Block> blocks)
    {
        blocks.Add(new Heading("VII. Phản ánh quá hạn xử lý", 1));
        if (model.OverdueCases.Count == 0)
        {
            blocks.Add(new Paragraph($"Đến hết ngày {Date(model.AsOfDate)}, không có phản ánh quá hạn xử lý."));
            return;
        }

        blocks.Add(new Paragraph($"Đến hết ngày {Date(model.AsOfDate)}, còn {Count(model.OverdueCases.Count)} phản ánh quá hạn chưa có kết quả xử lý, tại {Count(model.OverdueAgencies.Count)} cơ quan, đơn vị:", SpaceAfter: 6));
        blocks.Add(new Heading("1. Cơ quan, đơn vị có phản ánh quá hạn", 2));
        blocks.Add(new Table(
            [new("STT", 0.5f, TextAlign.Center), new("Cơ quan, đơn vị", 4f), new("Số phản ánh quá hạn", 1.6f, TextAlign.Right), new("Quá hạn lâu nhất (ngày làm việc)", 1.9f, TextAlign.Right)],
            model.OverdueAgencies.Select((a, i) => (IReadOnlyList<string>)[(i + 1).ToString(Culture), a.Name, Count(a.OverdueCases), Count(a.MaxWorkingDaysLate)]).ToList()));
        blocks.Add(new Heading("2. Danh sách phản ánh quá hạn", 2));
        blocks.Add(new Table(
            // A case code and a date do not wrap: their columns are wide enough for "BMT-2024-000912" and "30/12/2024".
            [new("STT", 0.5f, TextAlign.Center), new("Mã phản ánh", 2.2f), new("Lĩnh vực", 1.5f), new("Phường, xã", 1.2f), new("Cơ quan xử lý", 1.9f), new("Hạn xử lý", 1.35f, TextAlign.Center), new("Số ngày quá hạn", 1.1f, TextAlign.Right)],
            model.OverdueCases.Select((c, i) => (IReadOnlyList<string>)[(i + 1).ToString(Culture), c.Code, c.FieldName, c.UnitName, c.AgencyName, Date(c.DueOn), Count(c.WorkingDaysLate)]).ToList()));
        blocks.Add(new Paragraph("Số ngày quá hạn tính bằng ngày làm việc. Danh sách không chứa thông tin cá nhân của người phản ánh.", TextWeight.Italic, Size: 9.5f));
    }

    private static void Trend(ReportModel model, List<Block> blocks)
    {
        blocks.Add(new Heading("VIII. Diễn biến theo tháng", 1));
        var points = model.MonthlyTrend;
        blocks.Add(new Table(
            [new("Tháng", 1.4f), new("Tiếp nhận", 1.2f, TextAlign.Right), new("Đã xử lý", 1.2f, TextAlign.Right), new("Tỷ lệ xử lý (%)", 1.4f, TextAlign.Right), new("Xử lý đúng hạn", 1.3f, TextAlign.Right)],
            points.Select(p => (IReadOnlyList<string>)[$"{p.Month:00}/{p.Year}", Count(p.Received), Count(p.Resolved), Percent(p.ResolutionRate), Count(p.ResolvedOnTime)]).ToList()));
        blocks.Add(new BarChart(
            "Biểu đồ: số phản ánh tiếp nhận và đã xử lý theo tháng",
            points.Select(p => $"T{p.Month}/{p.Year % 100:00}").ToList(),
            [new("Tiếp nhận", points.Select(p => (double)p.Received).ToList(), Blue), new("Đã xử lý", points.Select(p => (double)p.Resolved).ToList(), Green), new("Đúng hạn", points.Select(p => (double)p.ResolvedOnTime).ToList(), Red)],
            Columns: true));
    }
}
