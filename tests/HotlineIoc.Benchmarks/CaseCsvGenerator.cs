using System.Globalization;
using System.Text;
using HotlineIoc.Domain.Calendar;
using HotlineIoc.Domain.Cases;
using HotlineIoc.Domain.Reference;
using HotlineIoc.Infrastructure.CaseCsv;
using HotlineIoc.Infrastructure.Seeding;

namespace HotlineIoc.Benchmarks;

/// <summary>
/// Writes N valid cases in the case CSV contract, the same bytes for the same N on every machine (fixed seed).
/// The mix follows a real hotline: three channels, 15 fields, 21 wards and communes, every status with consistent
/// agency and instants, enforcement and fines on some results, Vietnamese text, quoted fields with commas and quotes.
/// </summary>
public sealed class CaseCsvGenerator(SeedData seed)
{
    /// <summary>Bump when the output changes, so a cached file from an older generator is not reused.</summary>
    public const int Version = 1;

    private const int Seed = 20_240_305;

    private static readonly DateTime FirstReceivedUtc = VietnamTime.StartOfDayUtc(new DateOnly(2022, 1, 1));
    private static readonly DateTime LastReceivedUtc = VietnamTime.StartOfDayUtc(new DateOnly(2026, 1, 1));

    private static readonly (string Channel, int Weight)[] Channels = [(Channel.Hotline, 55), (Channel.Zalo, 30), (Channel.Ioc, 15)];

    private static readonly (CaseStatus Status, int Weight)[] Statuses =
    [
        (CaseStatus.Closed, 46), (CaseStatus.Resolved, 20), (CaseStatus.InProgress, 9), (CaseStatus.Forwarded, 7),
        (CaseStatus.Received, 6), (CaseStatus.Returned, 3), (CaseStatus.Rejected, 6), (CaseStatus.Duplicate, 3),
    ];

    private static readonly string[] FamilyNames = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "H'", "Y"];

    private static readonly string[] MiddleNames = ["Văn", "Thị", "Minh", "Hữu", "Đức", "Ngọc", "Thanh", "Quốc", "Xuân", "Kim", "Thu", "Anh"];

    private static readonly string[] GivenNames = ["An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hoa", "Hùng", "Hương", "Khánh", "Lan", "Linh", "Long", "Mai", "Nam", "Nga", "Phúc", "Quang", "Sơn", "Tâm", "Thảo", "Thắng", "Trang", "Tuấn", "Vân", "Việt", "Yến", "Blang", "Niê"];

    private static readonly string[] Streets = ["Lê Duẩn", "Nguyễn Tất Thành", "Phan Bội Châu", "Y Jút", "Hùng Vương", "Lý Thường Kiệt", "Ngô Quyền", "Phan Chu Trinh", "Trần Phú", "Hai Bà Trưng", "Mai Hắc Đế", "Nguyễn Văn Cừ", "Lê Thánh Tông", "Giải Phóng", "Y Moan Ênuôl", "Hà Huy Tập", "Nguyễn Chí Thanh", "Phạm Văn Đồng", "Võ Văn Kiệt", "Trường Chinh", "Đinh Tiên Hoàng", "Quang Trung", "Lê Hồng Phong", "Điện Biên Phủ"];

    private static readonly Dictionary<string, string[]> Problems = new(StringComparer.Ordinal)
    {
        ["ATGT"] = ["Xe tải chở quá tải lưu thông giờ cao điểm, gây nguy hiểm cho người đi đường.", "Đèn tín hiệu giao thông tại ngã tư bị hỏng nhiều ngày.", "Nhóm thanh niên tụ tập đua xe, lạng lách vào ban đêm."],
        ["ANTT"] = ["Tụ tập gây ồn ào, đánh nhau vào ban đêm.", "Nghi có đối tượng trộm cắp xe máy hoạt động trong khu dân cư.", "Quán karaoke mở nhạc lớn quá 22 giờ, ảnh hưởng người dân."],
        ["HTDT"] = ["Mặt đường bị sụt lún, ổ gà lớn gây nguy hiểm.", "Đèn chiếu sáng công cộng không hoạt động cả tuyến đường.", "Nắp hố ga bị vỡ, không có biển cảnh báo."],
        ["TTDT"] = ["Hàng quán lấn chiếm vỉa hè, người đi bộ phải xuống lòng đường.", "Biển quảng cáo dựng trái phép trên vỉa hè.", "Vật liệu xây dựng tập kết trên vỉa hè nhiều ngày."],
        ["MT"] = ["Rác thải tồn đọng nhiều ngày chưa được thu gom, bốc mùi hôi.", "Cơ sở chăn nuôi xả nước thải ra mương thoát nước chung.", "Đốt rác gây khói bụi ảnh hưởng khu dân cư."],
        ["HC"] = ["Hồ sơ cấp giấy chứng nhận quá hạn trả kết quả.", "Người dân phản ánh thủ tục chứng thực còn phiền hà.", "Bộ phận một cửa hẹn trả kết quả nhiều lần."],
        ["CVCC"] = ["Cán bộ tiếp dân có thái độ thiếu tôn trọng.", "Cán bộ đi làm muộn, không có mặt trong giờ tiếp công dân."],
        ["DN"] = ["Doanh nghiệp vướng mắc thủ tục thuê đất mở rộng nhà xưởng.", "Doanh nghiệp đề nghị hỗ trợ kết nối điện ba pha."],
        ["ATTP"] = ["Cơ sở kinh doanh thực phẩm không đảm bảo vệ sinh.", "Bán thực phẩm không rõ nguồn gốc tại chợ."],
        ["DDXD"] = ["Xây dựng nhà ở không phép trên đất nông nghiệp.", "Công trình xây dựng không che chắn, gây bụi cho khu dân cư."],
        ["HHDV"] = ["Cửa hàng bán hàng hóa không niêm yết giá.", "Cây xăng bán thiếu định lượng."],
        ["BAO"] = ["Đề nghị làm rõ nội dung báo nêu về dự án chậm tiến độ.", "Phản hồi bài báo phản ánh tình trạng ô nhiễm."],
        ["HKTM"] = ["Đề xuất lắp camera giám sát tại các nút giao thông.", "Đề xuất mở rộng Wi-Fi miễn phí tại công viên."],
        ["TE"] = ["Nghi có trẻ em bị bạo hành trong gia đình.", "Trẻ em lang thang xin ăn tại ngã tư."],
        ["KHAC"] = ["Chó thả rông không rọ mõm trong khu dân cư.", "Đề nghị cắt tỉa cây xanh có nguy cơ gãy đổ."],
    };

    private static readonly string[] OtherProblems = ["Phản ánh tiếng ồn từ cơ sở kinh doanh.", "Đề nghị cơ quan chức năng kiểm tra, làm rõ."];

    private static readonly string[] Details =
    [
        "Tình trạng kéo dài khoảng {0} ngày, đề nghị cơ quan chức năng kiểm tra, xử lý.",
        "Người dân cho biết \"đã phản ánh nhiều lần nhưng chưa được giải quyết\".",
        "Sự việc xảy ra vào buổi sáng, khoảng {0} giờ, nhiều hộ dân bị ảnh hưởng.",
        "Đề nghị xử lý dứt điểm, tránh tái diễn.",
        "Có hình ảnh, video kèm theo; người phản ánh đề nghị giữ bí mật thông tin.",
        "",
    ];

    private static readonly EnforcementKind[] EnforcementKinds = [EnforcementKind.Reminder, EnforcementKind.Minutes, EnforcementKind.Commitment, EnforcementKind.Sanction];

    private readonly Random _random = new(Seed);

    private readonly StringBuilder _line = new(1024);

    /// <summary>Writes the header and <paramref name="rows"/> cases, received in order across 2022–2025.</summary>
    public void Write(string path, int rows)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        var fields = seed.Fields.ToArray();
        // Only the units in force on the day of receipt, as the import and the app demand.
        var timeline = new UnitTimeline(seed.Units);
        var unitsOn = new Dictionary<DateOnly, IReadOnlyList<AdministrativeUnit>>();
        var unitAgencies = seed.Agencies.Where(a => a.UnitCode is not null).ToDictionary(a => a.UnitCode!, a => a.Code, StringComparer.Ordinal);
        var otherAgencies = seed.Agencies.Where(a => a.UnitCode is null).Select(a => a.Code).ToArray();

        using var file = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        file.NewLine = "\n";
        file.WriteLine(CaseCsvFormat.Header);

        var step = (LastReceivedUtc - FirstReceivedUtc).Ticks / Math.Max(1, rows);
        var year = 0;
        var sequence = 0;
        for (var i = 0; i < rows; i++)
        {
            // Whole seconds, increasing: a file exported by the app is ordered by received instant.
            var ticks = FirstReceivedUtc.Ticks + (i * step) + (long)(_random.NextDouble() * step);
            var receivedAt = new DateTime(ticks - (ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
            var localYear = VietnamTime.ToLocal(receivedAt).Year;
            if (localYear != year)
            {
                year = localYear;
                sequence = 0;
            }

            var field = fields[_random.Next(fields.Length)];
            var day = VietnamTime.LocalDate(receivedAt);
            if (!unitsOn.TryGetValue(day, out var units))
            {
                units = unitsOn[day] = timeline.InForceOn(day);
            }

            var unit = units[_random.Next(units.Count)];
            var status = Pick(Statuses);
            var agency = status switch
            {
                CaseStatus.Forwarded or CaseStatus.InProgress or CaseStatus.Resolved or CaseStatus.Closed => _random.Next(4) switch
                {
                    0 => unitAgencies.GetValueOrDefault(unit.Code, field.DefaultAgencyCode),
                    1 => otherAgencies[_random.Next(otherAgencies.Length)],
                    _ => field.DefaultAgencyCode,
                },
                _ => null,
            };

            DateTime? resolvedAt = status.HasResult() ? receivedAt.AddSeconds(_random.Next(2 * 3600, 12 * 24 * 3600)) : null;
            DateTime? closedAt = status == CaseStatus.Closed ? resolvedAt!.Value.AddSeconds(_random.Next(3600, 3 * 24 * 3600)) : null;
            EnforcementKind? enforcement = status.HasResult() && _random.Next(100) < 18 ? EnforcementKinds[_random.Next(EnforcementKinds.Length)] : null;
            long? fine = enforcement == EnforcementKind.Sanction && _random.Next(100) < 85 ? _random.Next(5, 500) * 100_000L : null;
            var located = _random.Next(100) < 80;

            _line.Clear();
            Append(CaseCode.Format(year, ++sequence));
            Append(Pick(Channels));
            Append(CaseCsvFormat.FormatInstant(receivedAt));
            Append(field.Code);
            Append(unit.Code);
            Append(_random.Next(100) < 95 ? string.Create(CultureInfo.InvariantCulture, $"{_random.Next(1, 400)} {Streets[_random.Next(Streets.Length)]}, {unit.Name}") : "");
            Append(located ? (12.62 + (_random.NextDouble() * 0.12)).ToString("F6", CultureInfo.InvariantCulture) : "");
            Append(located ? (107.98 + (_random.NextDouble() * 0.12)).ToString("F6", CultureInfo.InvariantCulture) : "");
            Append(Description(field.Code, unit));
            Append(_random.Next(100) < 90 ? $"{FamilyNames[_random.Next(FamilyNames.Length)]} {MiddleNames[_random.Next(MiddleNames.Length)]} {GivenNames[_random.Next(GivenNames.Length)]}" : "");
            Append(_random.Next(100) < 88 ? string.Create(CultureInfo.InvariantCulture, $"09{_random.Next(10_000_000, 100_000_000)}") : "");
            Append(status.ToWire());
            Append(agency ?? "");
            Append(resolvedAt is { } r ? CaseCsvFormat.FormatInstant(r) : "");
            Append(closedAt is { } c ? CaseCsvFormat.FormatInstant(c) : "");
            Append(enforcement?.ToWire() ?? "");
            Append(fine?.ToString(CultureInfo.InvariantCulture) ?? "");
            _line.Length--; // the last comma
            file.WriteLine(_line);
        }
    }

    private string Description(string fieldCode, AdministrativeUnit unit)
    {
        var problems = Problems.GetValueOrDefault(fieldCode, OtherProblems);
        var problem = problems[_random.Next(problems.Length)];
        var detail = string.Format(CultureInfo.InvariantCulture, Details[_random.Next(Details.Length)], _random.Next(2, 30));
        var place = $"Địa điểm: gần số {_random.Next(1, 400)} đường {Streets[_random.Next(Streets.Length)]}, {unit.Name}.";
        return detail.Length == 0 ? $"{problem} {place}" : $"{problem} {place} {detail}";
    }

    private T Pick<T>((T Value, int Weight)[] choices) => Weighted.Pick(_random, choices);

    /// <summary>One field and its comma, quoted per RFC 4180 when it holds a comma, quote or line break.</summary>
    private void Append(string value)
    {
        if (value.AsSpan().IndexOfAny(",\"\r\n") >= 0)
        {
            _line.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
        }
        else
        {
            _line.Append(value);
        }

        _line.Append(',');
    }
}
