"""Parts from which the synthetic catalog composes realistic Vietnamese names."""

from __future__ import annotations

PLACE_SYLLABLES = (
    "An", "Bình", "Hòa", "Phú", "Tân", "Thịnh", "Hưng", "Long", "Mỹ", "Đông", "Tây", "Nam",
    "Bắc", "Trung", "Thanh", "Vĩnh", "Phúc", "Lộc", "Thuận", "Hải", "Sơn", "Minh", "Quang",
    "Hồng", "Hương", "Ngọc", "Kim", "Đại", "Cát", "Gia", "Lạc", "Yên", "Thạch", "Văn",
    "Xuân", "Thái", "Định", "Khánh", "Đức", "Phong", "Hiệp", "Tiến", "Thắng", "Lâm", "Trường",
)  # fmt: skip

DEPARTMENTS = (
    "Sở Nội vụ", "Sở Tư pháp", "Sở Tài chính", "Sở Công Thương", "Sở Nông nghiệp và Môi trường",
    "Sở Xây dựng", "Sở Khoa học và Công nghệ", "Sở Văn hóa, Thể thao và Du lịch",
    "Sở Giáo dục và Đào tạo", "Sở Y tế", "Sở Dân tộc và Tôn giáo", "Thanh tra tỉnh",
)  # fmt: skip

DEPARTMENT_UNITS = (
    "Phòng Hành chính - Tổng hợp", "Phòng Quản lý chuyên ngành", "Phòng Pháp chế",
    "Phòng Kế hoạch - Tài chính", "Phòng Cải cách hành chính",
)  # fmt: skip

COMMUNE_UNITS = (
    ("Văn phòng Hội đồng nhân dân và Ủy ban nhân dân", "ho-tich"),
    ("Phòng Kinh tế", "kinh-te"),
    ("Phòng Văn hóa - Xã hội", "van-hoa-xa-hoi"),
)

ACTIONS = (
    "Cấp", "Cấp lại", "Cấp đổi", "Gia hạn", "Điều chỉnh", "Đăng ký", "Xác nhận", "Thẩm định",
    "Công nhận", "Cho phép", "Thu hồi", "Chấp thuận",
)  # fmt: skip

# Objects of procedures by field code (the demo's fields).
OBJECTS: dict[str, tuple[str, ...]] = {
    "HOTICH": ("trích lục hộ tịch", "giấy xác nhận tình trạng hôn nhân", "việc nuôi con nuôi"),
    "CHUNGTHUC": ("bản sao từ sổ gốc", "chữ ký người dịch", "hợp đồng, giao dịch"),
    "LLTP": ("phiếu lý lịch tư pháp",),
    "XAYDUNG": ("giấy phép xây dựng", "chứng chỉ hành nghề hoạt động xây dựng",
                "giấy phép di dời công trình", "chứng chỉ năng lực hoạt động xây dựng"),
    "QHKT": ("chứng chỉ quy hoạch", "thông tin quy hoạch", "quy hoạch tổng mặt bằng"),
    "DUONGBO": ("giấy phép lái xe", "giấy phép lưu hành xe", "giấy phép kinh doanh vận tải",
                "phù hiệu xe kinh doanh vận tải"),
    "DKKD": ("giấy chứng nhận đăng ký doanh nghiệp", "giấy chứng nhận đăng ký chi nhánh",
             "giấy chứng nhận đăng ký địa điểm kinh doanh"),
    "HKD": ("giấy chứng nhận đăng ký hộ kinh doanh",),
    "LUUTHONG": ("giấy phép bán lẻ rượu", "giấy phép bán lẻ sản phẩm thuốc lá",
                 "giấy chứng nhận đủ điều kiện kinh doanh xăng dầu"),
    "ATTP": ("giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm",),
    "DATDAI": ("giấy chứng nhận quyền sử dụng đất", "việc chuyển mục đích sử dụng đất",
               "việc gia hạn sử dụng đất", "thông tin, dữ liệu đất đai"),
    "TNNUOC": ("giấy phép khai thác nước dưới đất", "giấy phép xả nước thải vào nguồn nước"),
    "MOITRUONG": ("giấy phép môi trường", "kế hoạch bảo vệ môi trường"),
    "KCB": ("giấy phép hành nghề khám bệnh, chữa bệnh", "giấy phép hoạt động phòng khám"),
    "DUOC": ("chứng chỉ hành nghề dược", "giấy chứng nhận đủ điều kiện kinh doanh dược"),
    "GDDT": ("hoạt động giáo dục của trung tâm", "việc thành lập trường mầm non tư thục",
             "việc chuyển trường của học sinh"),
    "VANBANG": ("bản sao văn bằng, chứng chỉ", "văn bằng, chứng chỉ bị sai sót"),
    "VIECLAM": ("giấy phép lao động", "giấy phép hoạt động dịch vụ việc làm",
                "trợ cấp thất nghiệp"),
    "BTXH": ("trợ cấp xã hội hằng tháng", "hỗ trợ chi phí mai táng"),
    "VANHOA": ("giấy phép kinh doanh dịch vụ karaoke", "việc tổ chức lễ hội",
               "giấy phép kinh doanh dịch vụ vũ trường"),
    "NTBD": ("văn bản chấp thuận tổ chức biểu diễn nghệ thuật",),
    "LUHANH": ("giấy phép kinh doanh dịch vụ lữ hành", "thẻ hướng dẫn viên du lịch"),
    "TONGIAO": ("đăng ký sinh hoạt tôn giáo tập trung", "việc tổ chức cuộc lễ ngoài cơ sở"),
    "TTDT": ("giấy phép thiết lập trang thông tin điện tử tổng hợp",
             "giấy xác nhận đăng ký cung cấp trò chơi điện tử"),
}  # fmt: skip

QUALIFIERS = (
    "", "", "", "cho tổ chức", "cho cá nhân", "trong trường hợp bị mất, hư hỏng",
    "do thay đổi thông tin", "có yếu tố nước ngoài", "đối với công trình cấp III, cấp IV",
    "theo cơ chế liên thông", "cho đơn vị sự nghiệp công lập",
)  # fmt: skip

DOCUMENTS = (
    "Đơn đề nghị theo mẫu", "Tờ khai theo mẫu", "Bản sao giấy tờ pháp lý của tổ chức",
    "Bản sao giấy tờ tùy thân", "Văn bản ủy quyền", "Bản vẽ, sơ đồ vị trí",
    "Giấy chứng nhận đã được cấp", "Báo cáo thuyết minh", "Danh sách nhân sự kèm văn bằng",
    "Giấy tờ chứng minh quyền sử dụng địa điểm", "Ảnh chân dung cỡ 4x6 cm",
    "Giấy chứng nhận sức khỏe",
)  # fmt: skip

RESULTS = ("Giấy phép", "Giấy chứng nhận", "Quyết định", "Văn bản chấp thuận", "Trích lục")
