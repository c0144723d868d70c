"""Business registration (doanh nghiệp, hộ kinh doanh), trade and food safety."""

from __future__ import annotations

from motcua.demo.procedures import eform as f
from motcua.demo.procedures.spec import (
    BUSINESSES,
    CITIZEN,
    ENTERPRISE,
    FOREIGNER,
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

DN_LAWS = ("luat-doanh-nghiep", "nd-168-2025", "tt-47-2019-btc")
DN_SOURCE = (
    "Quyết định công bố thủ tục hành chính lĩnh vực thành lập và hoạt động của doanh nghiệp "
    "theo Nghị định 168/2025/NĐ-CP; thực hiện tại Phòng Đăng ký kinh doanh, Sở Tài chính Hà "
    "Nội (trước 01/3/2025 là Sở Kế hoạch và Đầu tư)."
)
HKD_SOURCE = (
    "Quyết định công bố thủ tục hành chính về hộ kinh doanh theo Nghị định 168/2025/NĐ-CP; "
    "thực hiện tại UBND cấp xã từ 01/7/2025."
)
DN_FEES = (
    charge("Lệ phí đăng ký doanh nghiệp", 50000,
           "50.000 đồng/lần; miễn khi đăng ký qua mạng thông tin điện tử."),
    fee("Phí công bố nội dung đăng ký doanh nghiệp", 100000, "100.000 đồng/lần."),
)  # fmt: skip
FORM_NOTE = "theo mẫu do Bộ Tài chính ban hành hướng dẫn Nghị định 168/2025/NĐ-CP"
MEMBERS = doc("Danh sách thành viên hoặc cổ đông sáng lập", f"Danh sách ({FORM_NOTE})")
IDS = doc("Bản sao giấy tờ pháp lý của cá nhân, tổ chức là thành viên, cổ đông, người đại "
          "diện theo pháp luật", copy=True)  # fmt: skip
CHARTER = doc("Điều lệ công ty")


def _company_form(title: str, kind_options: dict[str, str]):
    return f.form(
        title,
        f.text("ten_tieng_viet", "Tên doanh nghiệp viết bằng tiếng Việt", max_length=300),
        f.text("ten_nuoc_ngoai", "Tên doanh nghiệp viết bằng tiếng nước ngoài", required=False,
               max_length=300),
        f.choice("loai_hinh", "Loại hình doanh nghiệp", kind_options),
        f.commune("xa_phuong_tru_so", "Xã, phường nơi đặt trụ sở chính"),
        f.text("dia_chi_tru_so", "Địa chỉ trụ sở chính (số nhà, đường phố)"),
        f.integer("von_dieu_le", "Vốn điều lệ (đồng)", minimum=1),
        f.text("nganh_nghe_chinh", "Ngành, nghề kinh doanh chính (mã ngành cấp 4)", max_length=10,
               pattern=r"^\d{4}$"),
        f.text("nguoi_dai_dien", "Họ và tên người đại diện theo pháp luật", max_length=100),
        f.personal_id("so_dinh_danh_nguoi_dai_dien", "Số định danh cá nhân của người đại diện"),
        f.phone(), f.email(required=True),
    )  # fmt: skip


def _household_form(title: str, *extra):
    return f.form(
        title,
        f.applicant(),
        f.text("ten_ho_kinh_doanh", "Tên hộ kinh doanh", max_length=200),
        f.commune("xa_phuong_kinh_doanh", "Xã, phường nơi đặt địa điểm kinh doanh"),
        f.text("dia_diem", "Địa điểm kinh doanh (số nhà, đường phố)"),
        f.text("nganh_nghe", "Ngành, nghề kinh doanh"),
        f.integer("von_kinh_doanh", "Vốn kinh doanh (đồng)", minimum=1),
        f.integer("so_lao_dong", "Số lao động", minimum=0, maximum=10000),
        *extra,
    )


def _company(code: str, name: str, kind: str, docs, kinds: dict[str, str]) -> Spec:
    return Spec(
        code=code, name=name, field="DKKD", level="province", agency="so-tai-chinh",
        process="province", applicants=(CITIZEN, FOREIGNER, OVERSEAS, *BUSINESSES),
        channels="COP", service_level=4, online_class=FULL,
        cases=(Case("TH1", f"Đăng ký thành lập {kind}", 3, WD, docs),),
        fees=DN_FEES, results=("Giấy chứng nhận đăng ký doanh nghiệp",),
        legal=DN_LAWS, source=DN_SOURCE, integrated=True, verified=False,
        eform=_company_form(f"Giấy đề nghị đăng ký {kind}", kinds),
    )  # fmt: skip


SPECS: list[Spec] = [
    _company("2.002038", "Đăng ký thành lập doanh nghiệp tư nhân", "doanh nghiệp tư nhân", (
        doc("Giấy đề nghị đăng ký doanh nghiệp tư nhân", f"Giấy đề nghị ({FORM_NOTE})"),
        doc("Bản sao giấy tờ pháp lý của chủ doanh nghiệp tư nhân", copy=True),
    ), {"dntn": "Doanh nghiệp tư nhân"}),
    _company("2.002039", "Đăng ký thành lập công ty trách nhiệm hữu hạn một thành viên",
             "công ty TNHH một thành viên", (
        doc("Giấy đề nghị đăng ký doanh nghiệp", f"Giấy đề nghị ({FORM_NOTE})"),
        CHARTER, IDS,
    ), {"tnhh1": "Công ty TNHH một thành viên"}),
    _company("2.002040", "Đăng ký thành lập công ty trách nhiệm hữu hạn hai thành viên trở "
             "lên", "công ty TNHH hai thành viên trở lên", (
        doc("Giấy đề nghị đăng ký doanh nghiệp", f"Giấy đề nghị ({FORM_NOTE})"),
        CHARTER, MEMBERS, IDS,
    ), {"tnhh2": "Công ty TNHH hai thành viên trở lên"}),
    _company("2.002041", "Đăng ký thành lập công ty cổ phần", "công ty cổ phần", (
        doc("Giấy đề nghị đăng ký doanh nghiệp", f"Giấy đề nghị ({FORM_NOTE})"),
        CHARTER, MEMBERS, IDS,
        doc("Văn bản chấp thuận của cơ quan đăng ký đầu tư", copy=True, optional=True,
            note="Khi nhà đầu tư nước ngoài góp vốn."),
    ), {"cp": "Công ty cổ phần"}),
    Spec(
        code="2.002042", name="Đăng ký thay đổi địa chỉ trụ sở chính của doanh nghiệp",
        field="DKKD", level="province", agency="so-tai-chinh", process="province",
        applicants=(ENTERPRISE,), channels="COP", service_level=4, online_class=FULL,
        cases=(
            Case("TH1", "Chuyển trụ sở trong cùng tỉnh, thành phố", 3, WD, (
                doc("Thông báo thay đổi nội dung đăng ký doanh nghiệp", f"Thông báo ({FORM_NOTE})"),
                doc("Nghị quyết, quyết định của chủ sở hữu, Hội đồng thành viên hoặc Đại hội "
                    "đồng cổ đông"),
            )),
            Case("TH2", "Chuyển trụ sở đến tỉnh, thành phố khác", 3, WD, (
                doc("Thông báo thay đổi nội dung đăng ký doanh nghiệp", f"Thông báo ({FORM_NOTE})"),
                doc("Nghị quyết, quyết định về việc chuyển trụ sở"),
                doc("Điều lệ đã sửa đổi", copy=True),
            ), "Nộp tại Phòng Đăng ký kinh doanh nơi dự định đặt trụ sở mới."),
        ),
        fees=DN_FEES, results=("Giấy chứng nhận đăng ký doanh nghiệp (thay đổi)",),
        legal=DN_LAWS, source=DN_SOURCE, integrated=True, verified=False,
        eform=f.form("Thông báo thay đổi địa chỉ trụ sở chính", f.organisation(),
                     f.commune("xa_phuong_moi", "Xã, phường nơi đặt trụ sở mới"),
                     f.text("dia_chi_moi", "Địa chỉ trụ sở mới"),
                     f.date("ngay_thay_doi", "Ngày thay đổi")),
    ),
    Spec(
        code="2.000720", name="Đăng ký thành lập hộ kinh doanh", field="HKD",
        level="commune", applicants=(CITIZEN,), channels="COP", service_level=4,
        online_class=FULL,
        cases=(Case("TH1", "Cá nhân hoặc thành viên hộ gia đình đăng ký", 3, WD, (
            doc("Giấy đề nghị đăng ký hộ kinh doanh", f"Giấy đề nghị ({FORM_NOTE})"),
            doc("Biên bản họp thành viên hộ gia đình về việc thành lập hộ kinh doanh",
                optional=True, note="Khi các thành viên hộ gia đình cùng đăng ký."),
            doc("Văn bản ủy quyền của thành viên hộ gia đình cho một thành viên làm chủ hộ",
                copy=True, optional=True),
        )),),
        fees=(charge("Lệ phí đăng ký hộ kinh doanh", 100000,
                     "Theo nghị quyết của HĐND Thành phố; miễn khi đăng ký trực tuyến."),),
        results=("Giấy chứng nhận đăng ký hộ kinh doanh",),
        legal=("nd-168-2025",), source=HKD_SOURCE, integrated=True, verified=False,
        eform=_household_form("Giấy đề nghị đăng ký hộ kinh doanh"),
    ),
    Spec(
        code="2.000575", name="Đăng ký thay đổi nội dung đăng ký hộ kinh doanh", field="HKD",
        level="commune", applicants=(CITIZEN,), channels="COP", service_level=4,
        online_class=FULL,
        cases=(Case("TH1", "Thay đổi ngành nghề, vốn, địa điểm trong cùng xã", 3, WD, (
            doc("Thông báo thay đổi nội dung đăng ký hộ kinh doanh", f"Thông báo ({FORM_NOTE})"),
            doc("Bản chính Giấy chứng nhận đăng ký hộ kinh doanh"),
        )),),
        fees=(charge("Lệ phí đăng ký thay đổi hộ kinh doanh", 50000,
                     "Theo nghị quyết của HĐND Thành phố."),),
        results=("Giấy chứng nhận đăng ký hộ kinh doanh (thay đổi)",),
        legal=("nd-168-2025",), source=HKD_SOURCE, verified=False,
        eform=_household_form("Thông báo thay đổi nội dung đăng ký hộ kinh doanh",
                              f.long_text("noi_dung_thay_doi", "Nội dung thay đổi")),
    ),
    Spec(
        code="2.000633", name="Cấp Giấy phép bán lẻ rượu", field="LUUTHONG",
        level="commune", applicants=(CITIZEN, *BUSINESSES), channels="CO", service_level=3,
        online_class=PARTIAL,
        cases=(Case("TH1", "Cấp mới", 10, WD, (
            doc("Đơn đề nghị cấp Giấy phép bán lẻ rượu", "Mẫu đơn theo Nghị định 105/2017/NĐ-CP"),
            doc("Giấy chứng nhận đăng ký doanh nghiệp hoặc hộ kinh doanh", copy=True),
            doc("Giấy tờ chứng minh quyền sử dụng địa điểm kinh doanh", copy=True),
            doc("Văn bản giới thiệu của nhà cung cấp sản phẩm rượu", copy=True),
        )),),
        fees=(fee("Phí thẩm định cấp Giấy phép bán lẻ rượu", 1200000,
                  "Tại các phường: 1.200.000 đồng/giấy phép; tại các xã: 600.000 đồng/giấy phép."),),
        results=("Giấy phép bán lẻ rượu",),
        legal=("nd-105-2017",), verified=False,
        source="Quyết định công bố thủ tục hành chính lĩnh vực lưu thông hàng hóa trong nước "
        "của Bộ Công Thương; thực hiện tại cấp xã từ 01/7/2025.",
        eform=_household_form("Đơn đề nghị cấp Giấy phép bán lẻ rượu",
                              f.flag("co_kho", "Có kho hàng riêng")),
    ),
    Spec(
        code="2.000591",
        name="Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm đối với cơ sở sản xuất, "
        "kinh doanh thực phẩm thuộc thẩm quyền của Sở Công Thương",
        field="ATTP", level="province", agency="so-cong-thuong", process="province",
        applicants=BUSINESSES, channels="COP", service_level=4, online_class=FULL,
        cases=(Case("TH1", "Cấp mới", 20, WD, (
            doc("Đơn đề nghị cấp Giấy chứng nhận", "Mẫu đơn theo Nghị định 15/2018/NĐ-CP"),
            doc("Bản thuyết minh về cơ sở vật chất, trang thiết bị, dụng cụ"),
            doc("Giấy xác nhận đủ sức khỏe của chủ cơ sở và người trực tiếp sản xuất",
                copy=True),
        ), "Gồm thời gian kiểm tra thực tế tại cơ sở."),),
        fees=(fee("Phí thẩm định cơ sở sản xuất thực phẩm nhỏ lẻ", 500000),
              fee("Phí thẩm định cơ sở sản xuất thực phẩm (trừ nhỏ lẻ)", 2500000),),
        results=("Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm",),
        legal=("luat-attp", "nd-15-2018"), verified=False,
        source="Quyết định công bố thủ tục hành chính lĩnh vực an toàn thực phẩm của Bộ Công "
        "Thương.",
        eform=f.form("Đơn đề nghị cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm",
                     f.organisation(),
                     f.text("dia_chi_co_so", "Địa chỉ cơ sở sản xuất, kinh doanh"),
                     f.text("loai_thuc_pham", "Loại thực phẩm sản xuất, kinh doanh"),
                     f.flag("nho_le", "Cơ sở sản xuất nhỏ lẻ")),
    ),
]  # fmt: skip
