"""Construction (xây dựng), planning (quy hoạch - kiến trúc) and road transport (đường bộ)."""

from __future__ import annotations

from motcua.demo.procedures import eform as f
from motcua.demo.procedures.spec import (
    BUSINESSES,
    CD,
    CITIZEN,
    ENTERPRISE,
    FOREIGNER,
    FULL,
    ORGANISATION,
    PARTIAL,
    PERSONS,
    WD,
    Case,
    Spec,
    charge,
    doc,
    fee,
)

XD_LAWS = ("luat-xay-dung", "luat-xd-sua-doi", "nd-15-2021")
XD_SOURCE = (
    "Quyết định công bố thủ tục hành chính lĩnh vực hoạt động xây dựng của Bộ Xây dựng và "
    "quyết định công bố của Chủ tịch UBND Thành phố Hà Nội; lệ phí theo nghị quyết của "
    "HĐND Thành phố."
)
PERMIT_FORM = "Mẫu số 01 Phụ lục II Nghị định 15/2021/NĐ-CP"
GPLX_SOURCE = (
    "Thủ tục do ngành Công an thực hiện từ 01/3/2025 (chuyển từ ngành Giao thông vận tải); "
    "lệ phí theo Thông tư 37/2023/TT-BTC."
)


def _permit_form(title: str, *, organisation: bool = False):
    who = f.organisation() if organisation else f.applicant()
    return f.form(
        title,
        who,
        f.commune("xa_phuong_cong_trinh", "Xã, phường nơi xây dựng"),
        f.text("dia_diem", "Địa điểm xây dựng (số nhà, đường phố, thửa đất)"),
        f.text("so_gcn", "Số Giấy chứng nhận quyền sử dụng đất", max_length=50),
        f.number("dien_tich_dat", "Diện tích lô đất (m²)"),
        f.number("dien_tich_xay_dung", "Diện tích xây dựng tầng 1 (m²)"),
        f.integer("so_tang", "Số tầng (kể cả tầng hầm, tum)", minimum=1, maximum=100),
        f.number("chieu_cao", "Chiều cao công trình (m)"),
        f.text("don_vi_thiet_ke", "Tổ chức, cá nhân thiết kế", required=False),
    )


def _licence_form(title: str):
    return f.form(
        title,
        f.applicant(),
        f.date("ngay_sinh", "Ngày sinh"),
        f.text("so_gplx", "Số giấy phép lái xe", max_length=20, pattern=r"^\d{12}$"),
        f.choice("hang", "Hạng giấy phép lái xe",
                 {"A1": "A1", "A": "A", "B": "B", "C1": "C1", "C": "C", "D": "D"}),
        f.choice("nhan_ket_qua", "Hình thức nhận kết quả",
                 {"buu_chinh": "Qua bưu chính", "truc_tiep": "Nhận trực tiếp"}),
    )  # fmt: skip


SPECS: list[Spec] = [
    Spec(
        code="1.009972",
        name="Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ",
        field="XAYDUNG", level="commune", applicants=PERSONS, channels="COP",
        service_level=4, online_class=FULL,
        cases=(Case("TH1", "Nhà ở riêng lẻ tại đô thị, trong khu vực có quy hoạch", 15, WD, (
            doc("Đơn đề nghị cấp giấy phép xây dựng", PERMIT_FORM),
            doc("Giấy tờ hợp pháp về quyền sử dụng đất", copy=True),
            doc("Hai bộ bản vẽ thiết kế xây dựng (mặt bằng, mặt cắt, mặt đứng, móng, đấu nối)"),
            doc("Bản kê khai kinh nghiệm của tổ chức, cá nhân thiết kế", optional=True,
                note="Khi nhà ở có tầng hầm hoặc công trình liền kề có nguy cơ ảnh hưởng."),
        ), "Kể từ ngày nhận đủ hồ sơ hợp lệ."),),
        fees=(charge("Lệ phí cấp giấy phép xây dựng nhà ở riêng lẻ", 75000,
                     "75.000 đồng/giấy phép.", unit="đồng/giấy phép"),),
        results=("Giấy phép xây dựng kèm hồ sơ thiết kế có đóng dấu",),
        conditions="Phù hợp quy hoạch chi tiết xây dựng; bảo đảm an toàn cho công trình và "
        "công trình lân cận; thiết kế đáp ứng yêu cầu tại Điều 93 Luật Xây dựng.",
        legal=XD_LAWS, source=XD_SOURCE, integrated=True, verified=False,
        eform=_permit_form("Đơn đề nghị cấp giấy phép xây dựng nhà ở riêng lẻ"),
    ),
    Spec(
        code="1.009973",
        name="Cấp giấy phép sửa chữa, cải tạo đối với nhà ở riêng lẻ",
        field="XAYDUNG", level="commune", applicants=PERSONS, channels="CO",
        service_level=3, online_class=PARTIAL,
        cases=(Case("TH1", "Sửa chữa, cải tạo làm thay đổi kết cấu chịu lực hoặc mặt ngoài",
                    15, WD, (
            doc("Đơn đề nghị cấp giấy phép sửa chữa, cải tạo", PERMIT_FORM),
            doc("Giấy tờ hợp pháp về quyền sở hữu nhà ở", copy=True),
            doc("Bản vẽ, ảnh chụp hiện trạng bộ phận, hạng mục đề nghị sửa chữa, cải tạo"),
        )),),
        fees=(charge("Lệ phí cấp giấy phép xây dựng nhà ở riêng lẻ", 75000),),
        results=("Giấy phép sửa chữa, cải tạo",),
        legal=XD_LAWS, source=XD_SOURCE, verified=False,
        eform=_permit_form("Đơn đề nghị cấp giấy phép sửa chữa, cải tạo nhà ở riêng lẻ"),
    ),
    Spec(
        code="1.009974", name="Gia hạn giấy phép xây dựng", field="XAYDUNG",
        level="commune", applicants=(*PERSONS, *BUSINESSES), channels="CO",
        service_level=3, online_class=PARTIAL,
        cases=(Case("TH1", "Gia hạn khi chưa khởi công trong 12 tháng", 5, WD, (
            doc("Đơn đề nghị gia hạn giấy phép xây dựng",
                "Mẫu số 02 Phụ lục II Nghị định 15/2021/NĐ-CP"),
            doc("Bản chính giấy phép xây dựng đã được cấp"),
        )),),
        fees=(charge("Lệ phí gia hạn giấy phép xây dựng", 15000),),
        results=("Giấy phép xây dựng được gia hạn",),
        legal=XD_LAWS, source=XD_SOURCE, verified=False,
        eform=f.form("Đơn đề nghị gia hạn giấy phép xây dựng", f.applicant(),
                     f.text("so_giay_phep", "Số giấy phép xây dựng", max_length=50),
                     f.date("ngay_cap", "Ngày cấp"),
                     f.long_text("ly_do", "Lý do đề nghị gia hạn")),
    ),
    Spec(
        code="1.009994",
        name="Cấp giấy phép xây dựng mới đối với công trình cấp đặc biệt, cấp I, cấp II "
        "(công trình không theo tuyến)",
        field="XAYDUNG", level="province", agency="so-xay-dung", process="province",
        applicants=(ENTERPRISE, ORGANISATION), channels="COP", service_level=4,
        online_class=FULL,
        cases=(Case("TH1", "Công trình không theo tuyến", 20, WD, (
            doc("Đơn đề nghị cấp giấy phép xây dựng", PERMIT_FORM),
            doc("Giấy tờ hợp pháp về quyền sử dụng đất", copy=True),
            doc("Quyết định phê duyệt dự án, văn bản thông báo kết quả thẩm định của cơ quan "
                "chuyên môn về xây dựng", copy=True),
            doc("Văn bản thẩm duyệt thiết kế phòng cháy, chữa cháy", copy=True),
            doc("Hai bộ bản vẽ thiết kế xây dựng triển khai sau thiết kế cơ sở"),
        )),),
        fees=(charge("Lệ phí cấp giấy phép xây dựng công trình", 150000,
                     "150.000 đồng/giấy phép.", unit="đồng/giấy phép"),),
        results=("Giấy phép xây dựng",),
        legal=XD_LAWS, source=XD_SOURCE, integrated=True, verified=False,
        eform=_permit_form("Đơn đề nghị cấp giấy phép xây dựng công trình", organisation=True),
    ),
    Spec(
        code="1.009995",
        name="Cấp giấy phép sửa chữa, cải tạo đối với công trình cấp đặc biệt, cấp I, cấp II",
        field="XAYDUNG", level="province", agency="so-xay-dung", process="province",
        applicants=(ENTERPRISE, ORGANISATION), channels="CO", service_level=3,
        online_class=PARTIAL,
        cases=(Case("TH1", "Sửa chữa, cải tạo công trình", 20, WD, (
            doc("Đơn đề nghị cấp giấy phép sửa chữa, cải tạo", PERMIT_FORM),
            doc("Giấy tờ hợp pháp về quyền sở hữu, quản lý, sử dụng công trình", copy=True),
            doc("Bản vẽ, ảnh chụp hiện trạng và thiết kế sửa chữa, cải tạo"),
        )),),
        fees=(charge("Lệ phí cấp giấy phép xây dựng công trình", 150000),),
        results=("Giấy phép sửa chữa, cải tạo công trình",),
        legal=XD_LAWS, source=XD_SOURCE, verified=False,
        eform=_permit_form("Đơn đề nghị cấp giấy phép sửa chữa, cải tạo công trình",
                           organisation=True),
    ),
    Spec(
        code="1.009956",
        name="Cấp chứng chỉ hành nghề hoạt động xây dựng hạng II, hạng III",
        field="XAYDUNG", level="province", agency="so-xay-dung", process="province",
        applicants=(CITIZEN, FOREIGNER), channels="COP", service_level=4, online_class=FULL,
        cases=(Case("TH1", "Cấp lần đầu", 20, WD, (
            doc("Đơn đề nghị cấp chứng chỉ hành nghề",
                "Mẫu đơn đề nghị tại Phụ lục IV Nghị định 15/2021/NĐ-CP"),
            doc("Ảnh màu cỡ 4x6 cm chụp trong 6 tháng", note="Tệp ảnh khi nộp trực tuyến."),
            doc("Văn bằng đào tạo chuyên môn", copy=True),
            doc("Bản khai kinh nghiệm hoạt động xây dựng"),
        )),),
        fees=(fee("Phí thẩm định cấp chứng chỉ hành nghề hoạt động xây dựng", 300000,
                  "300.000 đồng/chứng chỉ.", unit="đồng/chứng chỉ"),),
        results=("Chứng chỉ hành nghề hoạt động xây dựng (bản điện tử)",),
        legal=(*XD_LAWS, "tt-38-2022-btc"), source=XD_SOURCE, verified=False,
        eform=f.form("Đơn đề nghị cấp chứng chỉ hành nghề hoạt động xây dựng", f.applicant(),
                     f.date("ngay_sinh", "Ngày sinh"),
                     f.choice("hang", "Hạng đề nghị", {"II": "Hạng II", "III": "Hạng III"}),
                     f.text("linh_vuc", "Lĩnh vực hành nghề (thiết kế, giám sát...)"),
                     f.integer("so_nam_kinh_nghiem", "Số năm kinh nghiệm", maximum=60)),
    ),
    Spec(
        code="1.008432",
        name="Cung cấp thông tin về quy hoạch xây dựng, quy hoạch đô thị",
        field="QHKT", level="province", agency="so-qhkt", process="province",
        applicants=(*PERSONS, *BUSINESSES), channels="COP", service_level=4,
        online_class=FULL,
        cases=(Case("TH1", "Cung cấp thông tin quy hoạch cho lô đất", 15, CD, (
            doc("Đơn đề nghị cung cấp thông tin quy hoạch"),
            doc("Sơ đồ vị trí, trích lục bản đồ khu đất", copy=True),
        ), "Tính theo ngày; ngày hết hạn rơi vào ngày nghỉ thì chuyển sang ngày làm việc kế tiếp."),),
        results=("Văn bản cung cấp thông tin quy hoạch",),
        legal=("luat-quy-hoach-dt",), verified=False,
        source="Quyết định công bố thủ tục hành chính lĩnh vực quy hoạch - kiến trúc thuộc thẩm "
        "quyền giải quyết của Sở Quy hoạch - Kiến trúc Hà Nội.",
        eform=f.form("Đơn đề nghị cung cấp thông tin quy hoạch", f.applicant(),
                     f.commune("xa_phuong_lo_dat", "Xã, phường nơi có lô đất"),
                     f.text("vi_tri", "Vị trí lô đất (số thửa, tờ bản đồ, địa chỉ)"),
                     f.number("dien_tich", "Diện tích (m²)"),
                     f.text("muc_dich", "Mục đích sử dụng thông tin")),
    ),
    Spec(
        code="2.002270", name="Đổi giấy phép lái xe do ngành Công an cấp", field="DUONGBO",
        level="province", agency="cong-an", process="police", unit_type="giay-phep-lai-xe",
        applicants=(CITIZEN, FOREIGNER), channels="COP", service_level=4,
        online_class=FULL,
        cases=(
            Case("TH1", "Đổi giấy phép lái xe hết hạn, hư hỏng hoặc thay đổi thông tin", 5, WD, (
                doc("Đơn đề nghị đổi giấy phép lái xe", "Mẫu đơn theo Thông tư 12/2025/TT-BCA"),
                doc("Giấy khám sức khỏe của người lái xe", note="Với hạng A1, A, B1 không bắt "
                    "buộc khi đổi do thay đổi thông tin."),
            )),
            Case("TH2", "Đổi giấy phép lái xe do nước ngoài cấp", 5, WD, (
                doc("Đơn đề nghị đổi giấy phép lái xe", "Mẫu đơn theo Thông tư 12/2025/TT-BCA"),
                doc("Bản dịch giấy phép lái xe nước ngoài sang tiếng Việt có chứng thực"),
                doc("Hộ chiếu còn thời hạn và thị thực hoặc thẻ tạm trú", copy=True),
            )),
        ),
        fees=(charge("Lệ phí cấp đổi giấy phép lái xe", 135000, "Nộp trực tuyến có thể được "
                     "giảm theo quy định từng thời kỳ.", unit="đồng/lần"),),
        results=("Giấy phép lái xe (thẻ PET và bản điện tử trên VNeID)",),
        legal=("luat-ttatgt", "tt-12-2025-bca", "tt-37-2023-btc"), source=GPLX_SOURCE,
        integrated=True, verified=False,
        eform=_licence_form("Đơn đề nghị đổi giấy phép lái xe"),
    ),
    Spec(
        code="2.002271", name="Cấp lại giấy phép lái xe", field="DUONGBO",
        level="province", agency="cong-an", process="police", unit_type="giay-phep-lai-xe",
        applicants=(CITIZEN,), channels="COP", service_level=4, online_class=FULL,
        cases=(Case("TH1", "Cấp lại giấy phép lái xe bị mất", 5, WD, (
            doc("Đơn đề nghị cấp lại giấy phép lái xe", "Mẫu đơn theo Thông tư 12/2025/TT-BCA"),
            doc("Giấy khám sức khỏe của người lái xe"),
        ), "Sau khi xác minh giấy phép không bị thu giữ, xử lý."),),
        fees=(charge("Lệ phí cấp lại giấy phép lái xe", 135000, unit="đồng/lần"),),
        results=("Giấy phép lái xe",),
        legal=("luat-ttatgt", "tt-12-2025-bca", "tt-37-2023-btc"), source=GPLX_SOURCE,
        integrated=True, verified=False,
        eform=_licence_form("Đơn đề nghị cấp lại giấy phép lái xe"),
    ),
    Spec(
        code="1.001577",
        name="Cấp giấy phép lưu hành xe quá tải trọng, xe quá khổ giới hạn, xe bánh xích, "
        "xe vận chuyển hàng siêu trường, siêu trọng trên đường bộ",
        field="DUONGBO", level="province", agency="so-xay-dung", process="province",
        applicants=(*BUSINESSES, CITIZEN), channels="CO", service_level=4, online_class=FULL,
        cases=(Case("TH1", "Không phải khảo sát, gia cố đường bộ", 2, WD, (
            doc("Đơn đề nghị cấp giấy phép lưu hành xe"),
            doc("Giấy chứng nhận đăng ký xe", copy=True),
            doc("Phương án vận chuyển", optional=True,
                note="Khi vận chuyển hàng siêu trường, siêu trọng."),
        )),),
        results=("Giấy phép lưu hành xe",),
        legal=("luat-duong-bo", "luat-ttatgt"), verified=False,
        source="Quyết định công bố thủ tục hành chính lĩnh vực đường bộ; thực hiện tại Sở Xây "
        "dựng Hà Nội sau khi hợp nhất Sở Giao thông vận tải (01/3/2025).",
        eform=f.form("Đơn đề nghị cấp giấy phép lưu hành xe", f.organisation(),
                     f.text("bien_so", "Biển số xe", max_length=20),
                     f.number("tong_trong_luong", "Tổng trọng lượng xe và hàng (tấn)"),
                     f.long_text("tuyen_duong", "Tuyến đường, thời gian lưu hành")),
    ),
]  # fmt: skip
