"""Land (đất đai), water resources and environment."""

from __future__ import annotations

from motcua.catalog.choices import FeeKind
from motcua.demo.procedures import eform as f
from motcua.demo.procedures.spec import (
    BUSINESSES,
    CITIZEN,
    FULL,
    OVERSEAS,
    PARTIAL,
    WD,
    Case,
    Spec,
    charge,
    doc,
    fee,
)

DD_LAWS = ("luat-dat-dai", "nd-101-2024")
DD_SOURCE = (
    "Quyết định công bố thủ tục hành chính lĩnh vực đất đai theo Luật Đất đai 2024 và "
    "Nghị định 101/2024/NĐ-CP; lệ phí cấp Giấy chứng nhận theo nghị quyết của HĐND Thành phố."
)
GCN_FORM = "Mẫu số 04/ĐK ban hành kèm Nghị định 101/2024/NĐ-CP"
BIENDONG_FORM = "Mẫu số 11/ĐK ban hành kèm Nghị định 101/2024/NĐ-CP"
GCN = doc("Giấy chứng nhận đã cấp (bản gốc)")


def _land_form(title: str, *extra):
    return f.form(
        title,
        f.applicant(),
        f.commune("xa_phuong_thua_dat", "Xã, phường nơi có thửa đất"),
        f.integer("so_to", "Số tờ bản đồ", minimum=1),
        f.integer("so_thua", "Số thửa đất", minimum=1),
        f.number("dien_tich", "Diện tích (m²)"),
        *extra,
    )


# Groundwater permit appraisal fee, tiered by flow (m³ per day and night).
WATER_TIERS = (
    {"up_to": 199, "amount": 500000},
    {"up_to": 499, "amount": 1500000},
    {"up_to": 999, "amount": 3600000},
    {"up_to": 2999, "amount": 6600000},
    {"up_to": None, "amount": 8000000},
)

SPECS: list[Spec] = [
    Spec(
        code="1.012764",
        name="Đăng ký đất đai, tài sản gắn liền với đất, cấp Giấy chứng nhận quyền sử dụng đất, "
        "quyền sở hữu tài sản gắn liền với đất lần đầu",
        field="DATDAI", level="commune", process="interagency",
        applicants=(CITIZEN, OVERSEAS), channels="COP", service_level=3, online_class=PARTIAL,
        cases=(
            Case("TH1", "Hộ gia đình, cá nhân đang sử dụng đất có giấy tờ về quyền sử dụng đất",
                 20, WD, (
                doc("Đơn đăng ký đất đai, tài sản gắn liền với đất", GCN_FORM),
                doc("Giấy tờ về quyền sử dụng đất", copy=True),
                doc("Sơ đồ nhà ở, công trình xây dựng", optional=True,
                    note="Khi đăng ký cả tài sản gắn liền với đất."),
                doc("Chứng từ thực hiện nghĩa vụ tài chính", copy=True, optional=True),
            ), "Không kể thời gian xác định, thực hiện nghĩa vụ tài chính."),
            Case("TH2", "Sử dụng đất không có giấy tờ về quyền sử dụng đất", 20, WD, (
                doc("Đơn đăng ký đất đai, tài sản gắn liền với đất", GCN_FORM),
                doc("Văn bản xác nhận thời điểm bắt đầu sử dụng đất ổn định"),
            ), "Không kể thời gian niêm yết công khai và thực hiện nghĩa vụ tài chính."),
        ),
        fees=(charge("Lệ phí cấp Giấy chứng nhận lần đầu", 100000,
                     "Hộ gia đình, cá nhân tại các phường; tại các xã áp dụng mức giảm."),),
        results=("Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất",),
        legal=DD_LAWS, source=DD_SOURCE + " Thẩm quyền cấp lần đầu thuộc UBND cấp xã từ "
        "01/7/2025.", integrated=True, verified=False,
        eform=_land_form("Đơn đăng ký đất đai, tài sản gắn liền với đất",
                         f.choice("nguon_goc", "Nguồn gốc sử dụng đất",
                                  {"co_giay_to": "Có giấy tờ về quyền sử dụng đất",
                                   "khong_giay_to": "Không có giấy tờ"})),
    ),
    Spec(
        code="1.012793",
        name="Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất do "
        "chuyển nhượng, tặng cho, thừa kế",
        field="DATDAI", level="province", agency="so-nn-mt", process="interagency",
        applicants=(CITIZEN, OVERSEAS, *BUSINESSES), channels="COP", service_level=4,
        online_class=PARTIAL,
        cases=(
            Case("TH1", "Chuyển nhượng, tặng cho", 8, WD, (
                doc("Đơn đăng ký biến động đất đai, tài sản gắn liền với đất", BIENDONG_FORM),
                doc("Hợp đồng chuyển nhượng, tặng cho đã công chứng hoặc chứng thực"),
                GCN,
                doc("Tờ khai lệ phí trước bạ và tờ khai thuế thu nhập cá nhân"),
            ), "Không kể thời gian thực hiện nghĩa vụ tài chính."),
            Case("TH2", "Thừa kế", 8, WD, (
                doc("Đơn đăng ký biến động đất đai, tài sản gắn liền với đất", BIENDONG_FORM),
                doc("Văn bản khai nhận hoặc thỏa thuận phân chia di sản đã công chứng"),
                GCN,
            )),
        ),
        fees=(charge("Lệ phí chứng nhận đăng ký biến động", 28000,
                     "Hộ gia đình, cá nhân; tổ chức áp dụng mức riêng."),
              fee("Phí thẩm định hồ sơ đăng ký biến động", 500000,
                  "Theo nghị quyết của HĐND Thành phố.")),
        results=("Giấy chứng nhận được xác nhận thay đổi hoặc Giấy chứng nhận mới",),
        legal=DD_LAWS, source=DD_SOURCE + " Giải quyết tại Văn phòng đăng ký đất đai Hà Nội.",
        integrated=True, verified=False,
        eform=_land_form("Đơn đăng ký biến động đất đai, tài sản gắn liền với đất",
                         f.choice("loai_bien_dong", "Loại biến động",
                                  {"chuyen_nhuong": "Chuyển nhượng", "tang_cho": "Tặng cho",
                                   "thua_ke": "Thừa kế"}),
                         f.text("so_gcn", "Số phát hành Giấy chứng nhận", max_length=20)),
    ),
    Spec(
        code="1.012794",
        name="Cấp đổi Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất",
        field="DATDAI", level="province", agency="so-nn-mt", process="province",
        applicants=(CITIZEN, OVERSEAS, *BUSINESSES), channels="COP", service_level=4,
        online_class=FULL,
        cases=(Case("TH1", "Cấp đổi do bị ố, nhòe, rách, hư hỏng hoặc đo đạc lại", 7, WD, (
            doc("Đơn đăng ký biến động đất đai, tài sản gắn liền với đất", BIENDONG_FORM),
            GCN,
        )),),
        fees=(charge("Lệ phí cấp đổi Giấy chứng nhận", 50000),),
        results=("Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất",),
        legal=DD_LAWS, source=DD_SOURCE, verified=False,
        eform=_land_form("Đơn đề nghị cấp đổi Giấy chứng nhận",
                         f.long_text("ly_do", "Lý do cấp đổi")),
    ),
    Spec(
        code="1.012807", name="Cung cấp thông tin, dữ liệu đất đai", field="DATDAI",
        level="province", agency="so-nn-mt", process="province",
        applicants=(CITIZEN, *BUSINESSES), channels="COP", service_level=4, online_class=FULL,
        cases=(Case("TH1", "Cung cấp thông tin thửa đất", 2, WD, (
            doc("Phiếu yêu cầu cung cấp thông tin, dữ liệu đất đai",
                "Mẫu phiếu ban hành kèm Nghị định 101/2024/NĐ-CP"),
        ), "Nhận trước 15 giờ thì cung cấp trong ngày nếu thông tin sẵn có."),),
        fees=(fee("Phí khai thác và sử dụng tài liệu đất đai", 300000, "Theo hồ sơ, tài liệu.",
                  kind=FeeKind.PER_COPY, unit="đồng/hồ sơ thửa đất"),),
        results=("Văn bản cung cấp thông tin, dữ liệu đất đai",),
        legal=DD_LAWS, source=DD_SOURCE, verified=False,
        eform=_land_form("Phiếu yêu cầu cung cấp thông tin, dữ liệu đất đai",
                         f.text("muc_dich", "Mục đích sử dụng thông tin")),
    ),
    Spec(
        code="1.004228", name="Cấp giấy phép khai thác nước dưới đất", field="TNNUOC",
        level="province", agency="so-nn-mt", process="province",
        applicants=(*BUSINESSES, CITIZEN), channels="CO", service_level=3,
        online_class=PARTIAL,
        cases=(Case("TH1", "Công trình có lưu lượng dưới 3.000 m³/ngày đêm", 30, WD, (
            doc("Đơn đề nghị cấp giấy phép khai thác nước dưới đất"),
            doc("Báo cáo kết quả thăm dò hoặc báo cáo hiện trạng khai thác"),
            doc("Kết quả phân tích chất lượng nguồn nước", copy=True),
        ), "Không kể thời gian bổ sung hồ sơ và kiểm tra thực tế."),),
        fees=(fee("Phí thẩm định đề án, báo cáo khai thác nước dưới đất", 0,
                  "Theo lưu lượng khai thác (m³/ngày đêm).", kind=FeeKind.TIERED,
                  tiers=WATER_TIERS, unit="đồng/hồ sơ"),),
        results=("Giấy phép khai thác nước dưới đất",),
        legal=("luat-tai-nguyen-nuoc",), verified=False,
        source="Quyết định công bố thủ tục hành chính lĩnh vực tài nguyên nước; mức phí theo "
        "nghị quyết của HĐND Thành phố.",
        eform=f.form("Đơn đề nghị cấp giấy phép khai thác nước dưới đất", f.organisation(),
                     f.commune("xa_phuong_cong_trinh", "Xã, phường nơi có công trình"),
                     f.integer("luu_luong", "Lưu lượng khai thác (m³/ngày đêm)", minimum=1),
                     f.integer("so_gieng", "Số giếng khai thác", minimum=1),
                     f.text("muc_dich", "Mục đích khai thác")),
    ),
    Spec(
        code="1.010728", name="Đăng ký môi trường", field="MOITRUONG", level="commune",
        applicants=(*BUSINESSES, CITIZEN), channels="COP", service_level=4, online_class=FULL,
        cases=(Case("TH1", "Dự án, cơ sở thuộc đối tượng đăng ký môi trường", 15, WD, (
            doc("Văn bản đăng ký môi trường", "Mẫu ban hành kèm Nghị định 08/2022/NĐ-CP"),
        ), "Tiếp nhận và ghi vào sổ; kiểm tra, hướng dẫn nếu có sai sót."),),
        results=("Văn bản tiếp nhận đăng ký môi trường",),
        legal=("luat-bvmt", "nd-08-2022"), verified=False,
        source="Quyết định công bố thủ tục hành chính lĩnh vực môi trường; thẩm quyền UBND cấp "
        "xã theo Luật Bảo vệ môi trường 2020.",
        eform=f.form("Văn bản đăng ký môi trường", f.organisation(),
                     f.text("ten_du_an", "Tên dự án, cơ sở"),
                     f.long_text("chat_thai", "Loại và khối lượng chất thải phát sinh")),
    ),
]  # fmt: skip
