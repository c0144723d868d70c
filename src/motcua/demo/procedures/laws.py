"""Legal documents the demo procedures rest on: (number, title), by a short key.

Only documents whose number and subject we are confident of are listed; a procedure whose
basis is less certain says so in its `source`.
"""

LAWS: dict[str, tuple[str, str]] = {
    # Civil status, certification, judicial records
    "luat-ho-tich": ("60/2014/QH13", "Luật Hộ tịch"),
    "nd-123-2015": (
        "123/2015/NĐ-CP",
        "Nghị định quy định chi tiết một số điều và biện pháp thi hành Luật Hộ tịch",
    ),
    "nd-87-2020": (
        "87/2020/NĐ-CP",
        "Nghị định quy định về Cơ sở dữ liệu hộ tịch điện tử, đăng ký hộ tịch trực tuyến",
    ),
    "tt-04-2020-btp": (
        "04/2020/TT-BTP",
        "Thông tư quy định chi tiết thi hành một số điều của Luật Hộ tịch và Nghị định số "
        "123/2015/NĐ-CP",
    ),
    "tt-04-2024-btp": (
        "04/2024/TT-BTP",
        "Thông tư sửa đổi, bổ sung một số điều của các thông tư trong lĩnh vực hộ tịch "
        "(mẫu giấy tờ hộ tịch)",
    ),
    "tt-281-2016-btc": (
        "281/2016/TT-BTC",
        "Thông tư quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí khai thác, sử dụng "
        "thông tin trong cơ sở dữ liệu hộ tịch và lệ phí quốc tịch",
    ),
    "nd-23-2015": (
        "23/2015/NĐ-CP",
        "Nghị định về cấp bản sao từ sổ gốc, chứng thực bản sao từ bản chính, chứng thực chữ "
        "ký và chứng thực hợp đồng, giao dịch",
    ),
    "tt-01-2020-btp": (
        "01/2020/TT-BTP",
        "Thông tư quy định chi tiết và hướng dẫn thi hành một số điều của Nghị định số "
        "23/2015/NĐ-CP",
    ),
    "tt-226-2016-btc": (
        "226/2016/TT-BTC",
        "Thông tư quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí chứng thực",
    ),
    "luat-lltp": ("28/2009/QH12", "Luật Lý lịch tư pháp"),
    "nd-111-2010": (
        "111/2010/NĐ-CP",
        "Nghị định quy định chi tiết một số điều và biện pháp thi hành Luật Lý lịch tư pháp",
    ),
    "tt-244-2016-btc": (
        "244/2016/TT-BTC",
        "Thông tư quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí cung cấp thông tin "
        "lý lịch tư pháp",
    ),
    # Construction, planning, transport
    "luat-xay-dung": ("50/2014/QH13", "Luật Xây dựng"),
    "luat-xd-sua-doi": ("62/2020/QH14", "Luật sửa đổi, bổ sung một số điều của Luật Xây dựng"),
    "nd-15-2021": (
        "15/2021/NĐ-CP",
        "Nghị định quy định chi tiết một số nội dung về quản lý dự án đầu tư xây dựng",
    ),
    "tt-38-2022-btc": (
        "38/2022/TT-BTC",
        "Thông tư quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí thẩm định cấp "
        "giấy phép, chứng chỉ hành nghề hoạt động xây dựng",
    ),
    "luat-quy-hoach-dt": ("30/2009/QH12", "Luật Quy hoạch đô thị"),
    "luat-ttatgt": ("36/2024/QH15", "Luật Trật tự, an toàn giao thông đường bộ"),
    "luat-duong-bo": ("35/2024/QH15", "Luật Đường bộ"),
    "tt-12-2025-bca": (
        "12/2025/TT-BCA",
        "Thông tư quy định về sát hạch, cấp giấy phép lái xe; cấp, sử dụng giấy phép lái xe "
        "quốc tế",
    ),
    "tt-37-2023-btc": (
        "37/2023/TT-BTC",
        "Thông tư quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí sát hạch lái xe; "
        "lệ phí cấp bằng, chứng chỉ hoạt động trên các loại phương tiện",
    ),
    # Business, trade
    "luat-doanh-nghiep": ("59/2020/QH14", "Luật Doanh nghiệp"),
    "nd-168-2025": ("168/2025/NĐ-CP", "Nghị định về đăng ký doanh nghiệp"),
    "tt-47-2019-btc": (
        "47/2019/TT-BTC",
        "Thông tư quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí cung cấp thông tin "
        "doanh nghiệp, lệ phí đăng ký doanh nghiệp",
    ),
    "nd-105-2017": ("105/2017/NĐ-CP", "Nghị định về kinh doanh rượu"),
    "luat-attp": ("55/2010/QH12", "Luật An toàn thực phẩm"),
    "nd-15-2018": (
        "15/2018/NĐ-CP",
        "Nghị định quy định chi tiết thi hành một số điều của Luật An toàn thực phẩm",
    ),
    # Land, water, environment
    "luat-dat-dai": ("31/2024/QH15", "Luật Đất đai"),
    "nd-101-2024": (
        "101/2024/NĐ-CP",
        "Nghị định quy định về điều tra cơ bản đất đai; đăng ký, cấp Giấy chứng nhận quyền sử "
        "dụng đất, quyền sở hữu tài sản gắn liền với đất và hệ thống thông tin đất đai",
    ),
    "luat-tai-nguyen-nuoc": ("28/2023/QH15", "Luật Tài nguyên nước"),
    "luat-bvmt": ("72/2020/QH14", "Luật Bảo vệ môi trường"),
    "nd-08-2022": (
        "08/2022/NĐ-CP",
        "Nghị định quy định chi tiết một số điều của Luật Bảo vệ môi trường",
    ),
    # Health
    "luat-kbcb": ("15/2023/QH15", "Luật Khám bệnh, chữa bệnh"),
    "nd-96-2023": (
        "96/2023/NĐ-CP",
        "Nghị định quy định chi tiết một số điều của Luật Khám bệnh, chữa bệnh",
    ),
    "luat-duoc": ("105/2016/QH13", "Luật Dược"),
    "luat-duoc-sua-doi": ("44/2024/QH15", "Luật sửa đổi, bổ sung một số điều của Luật Dược"),
    "nd-54-2017": (
        "54/2017/NĐ-CP",
        "Nghị định quy định chi tiết một số điều và biện pháp thi hành Luật Dược",
    ),
    # Education, labour, social protection
    "luat-giao-duc": ("43/2019/QH14", "Luật Giáo dục"),
    "bo-luat-lao-dong": ("45/2019/QH14", "Bộ luật Lao động"),
    "nd-152-2020": (
        "152/2020/NĐ-CP",
        "Nghị định quy định về người lao động nước ngoài làm việc tại Việt Nam và tuyển dụng, "
        "quản lý người lao động Việt Nam làm việc cho tổ chức, cá nhân nước ngoài tại Việt Nam",
    ),
    "luat-viec-lam": ("38/2013/QH13", "Luật Việc làm"),
    "nd-28-2015": (
        "28/2015/NĐ-CP",
        "Nghị định quy định chi tiết thi hành một số điều của Luật Việc làm về bảo hiểm thất "
        "nghiệp",
    ),
    "nd-20-2021": (
        "20/2021/NĐ-CP",
        "Nghị định quy định chính sách trợ giúp xã hội đối với đối tượng bảo trợ xã hội",
    ),
    # Culture, tourism, religion, information
    "luat-du-lich": ("09/2017/QH14", "Luật Du lịch"),
    "nd-168-2017": (
        "168/2017/NĐ-CP",
        "Nghị định quy định chi tiết một số điều của Luật Du lịch",
    ),
    "tt-33-2018-btc": (
        "33/2018/TT-BTC",
        "Thông tư quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí thẩm định cấp giấy "
        "phép kinh doanh dịch vụ lữ hành, cấp thẻ hướng dẫn viên du lịch",
    ),
    "nd-54-2019": (
        "54/2019/NĐ-CP",
        "Nghị định quy định về kinh doanh dịch vụ karaoke, dịch vụ vũ trường",
    ),
    "tt-01-2021-btc": (
        "01/2021/TT-BTC",
        "Thông tư quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí thẩm định cấp giấy "
        "phép kinh doanh karaoke, vũ trường",
    ),
    "nd-144-2020": ("144/2020/NĐ-CP", "Nghị định quy định về hoạt động nghệ thuật biểu diễn"),
    "luat-tin-nguong": ("02/2016/QH14", "Luật Tín ngưỡng, tôn giáo"),
    "nd-95-2023": (
        "95/2023/NĐ-CP",
        "Nghị định quy định chi tiết một số điều và biện pháp thi hành Luật Tín ngưỡng, tôn giáo",
    ),
    "nd-147-2024": (
        "147/2024/NĐ-CP",
        "Nghị định về quản lý, cung cấp, sử dụng dịch vụ Internet và thông tin trên mạng",
    ),
}
