namespace HotlineIoc.Infrastructure.Demo;

/// <summary>Word lists for believable demo reports. Invented people and places only.</summary>
internal static class DemoText
{
    public static readonly string[] FamilyNames = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "H'", "Y"];

    public static readonly string[] MiddleNames = ["Văn", "Thị", "Minh", "Hữu", "Đức", "Ngọc", "Thanh", "Quốc", "Xuân", "Kim", "Thu", "Anh"];

    public static readonly string[] GivenNames = ["An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hoa", "Hùng", "Hương", "Khánh", "Lan", "Linh", "Long", "Mai", "Nam", "Nga", "Phúc", "Quang", "Sơn", "Tâm", "Thảo", "Thắng", "Trang", "Tuấn", "Vân", "Việt", "Yến", "Blang", "Niê"];

    public static readonly string[] Streets = ["Lê Duẩn", "Nguyễn Tất Thành", "Phan Bội Châu", "Y Jút", "Hùng Vương", "Lý Thường Kiệt", "Ngô Quyền", "Phan Chu Trinh", "Trần Phú", "Hai Bà Trưng", "Mai Hắc Đế", "Nguyễn Văn Cừ", "Lê Thánh Tông", "Giải Phóng", "Y Moan Ênuôl", "Hà Huy Tập", "Nguyễn Chí Thanh", "Phạm Văn Đồng", "Võ Văn Kiệt", "Trường Chinh", "Đinh Tiên Hoàng", "Quang Trung", "Lê Hồng Phong", "Điện Biên Phủ"];

    public static readonly Dictionary<string, string[]> Reports = new(StringComparer.Ordinal)
    {
        ["ATGT"] = ["Xe tải chở quá tải lưu thông giờ cao điểm, gây nguy hiểm cho người đi đường.", "Đèn tín hiệu giao thông tại ngã tư bị hỏng nhiều ngày.", "Nhóm thanh niên tụ tập đua xe, lạng lách vào ban đêm.", "Ô tô đỗ dưới lòng đường che khuất tầm nhìn tại khúc cua."],
        ["ANTT"] = ["Tụ tập gây ồn ào, đánh nhau vào ban đêm.", "Nghi có đối tượng trộm cắp xe máy hoạt động trong khu dân cư.", "Quán karaoke mở nhạc lớn quá 22 giờ, ảnh hưởng người dân.", "Có đối tượng cho vay nặng lãi, dán quảng cáo khắp khu phố."],
        ["HTDT"] = ["Mặt đường bị sụt lún, ổ gà lớn gây nguy hiểm.", "Đèn chiếu sáng công cộng không hoạt động cả tuyến đường.", "Nắp hố ga bị vỡ, không có biển cảnh báo.", "Cống thoát nước bị tắc, nước tràn lên mặt đường khi mưa."],
        ["TTDT"] = ["Hàng quán lấn chiếm vỉa hè, người đi bộ phải xuống lòng đường.", "Biển quảng cáo dựng trái phép trên vỉa hè.", "Xây dựng mái che lấn ra lòng đường.", "Vật liệu xây dựng tập kết trên vỉa hè nhiều ngày."],
        ["MT"] = ["Rác thải tồn đọng nhiều ngày chưa được thu gom, bốc mùi hôi.", "Cơ sở chăn nuôi xả nước thải ra mương thoát nước chung.", "Đốt rác gây khói bụi ảnh hưởng khu dân cư.", "Xưởng cà phê gây tiếng ồn và bụi vượt mức cho phép."],
        ["HC"] = ["Hồ sơ cấp giấy chứng nhận quá hạn trả kết quả.", "Người dân phản ánh thủ tục chứng thực còn phiền hà.", "Đề nghị hướng dẫn thủ tục đăng ký thường trú.", "Bộ phận một cửa hẹn trả kết quả nhiều lần."],
        ["CVCC"] = ["Cán bộ tiếp dân có thái độ thiếu tôn trọng.", "Cán bộ đi làm muộn, không có mặt trong giờ tiếp công dân.", "Phản ánh cán bộ gây khó khăn khi giải quyết hồ sơ."],
        ["DN"] = ["Doanh nghiệp vướng mắc thủ tục thuê đất mở rộng nhà xưởng.", "Doanh nghiệp đề nghị hỗ trợ kết nối điện ba pha.", "Vướng mắc trong thủ tục cấp phép kinh doanh."],
        ["ATTP"] = ["Cơ sở kinh doanh thực phẩm không đảm bảo vệ sinh.", "Nghi ngờ ngộ độc thực phẩm sau khi ăn tại quán ăn.", "Bán thực phẩm không rõ nguồn gốc tại chợ."],
        ["DDXD"] = ["Xây dựng nhà ở không phép trên đất nông nghiệp.", "Tranh chấp ranh giới đất giữa các hộ liền kề.", "Công trình xây dựng không che chắn, gây bụi cho khu dân cư.", "San lấp mặt bằng trái phép."],
        ["HHDV"] = ["Cửa hàng bán hàng hóa không niêm yết giá.", "Nghi bán hàng giả, hàng nhái thương hiệu.", "Cây xăng bán thiếu định lượng."],
        ["BAO"] = ["Đề nghị làm rõ nội dung báo nêu về dự án chậm tiến độ.", "Phản hồi bài báo phản ánh tình trạng ô nhiễm."],
        ["HKTM"] = ["Đề xuất lắp camera giám sát tại các nút giao thông.", "Hiến kế ứng dụng bản đồ số cho điểm thu gom rác.", "Đề xuất mở rộng Wi-Fi miễn phí tại công viên."],
        ["TE"] = ["Nghi có trẻ em bị bạo hành trong gia đình.", "Trẻ em lang thang xin ăn tại ngã tư.", "Cơ sở giữ trẻ tự phát không đảm bảo an toàn."],
        ["KHAC"] = ["Chó thả rông không rọ mõm trong khu dân cư.", "Đề nghị cắt tỉa cây xanh có nguy cơ gãy đổ.", "Phản ánh tiếng ồn từ cơ sở kinh doanh."],
    };

    public static readonly string[] Results =
    [
        "Đơn vị đã kiểm tra thực tế, xử lý dứt điểm và thông tin cho người phản ánh.",
        "Đã phối hợp với UBND phường, xã kiểm tra và khắc phục.",
        "Đã lập đoàn kiểm tra, yêu cầu chủ cơ sở khắc phục trong thời hạn.",
        "Đã sửa chữa, khôi phục hiện trạng.",
        "Đã làm việc với các hộ liên quan, hướng dẫn thực hiện đúng quy định.",
    ];
}
