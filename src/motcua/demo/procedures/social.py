"""Health, education, labour and social protection, culture, tourism, religion, information."""

from __future__ import annotations

from motcua.catalog.choices import FeeKind
from motcua.demo.procedures import eform as f
from motcua.demo.procedures.spec import (
    BUSINESSES,
    CD,
    CITIZEN,
    ENTERPRISE,
    FOREIGNER,
    FULL,
    NONE,
    ORGANISATION,
    OVERSEAS,
    PARTIAL,
    WD,
    Case,
    Spec,
    charge,
    doc,
    fee,
)

HEALTH_SOURCE = "Quyết định công bố thủ tục hành chính lĩnh vực {} của Bộ Y tế."
DEGREE = doc("Văn bằng chuyên môn phù hợp", copy=True)
HEALTH_CERT = doc("Giấy chứng nhận đủ sức khỏe hành nghề trong 6 tháng")


def _practice_form(title: str, *extra):
    return f.form(title, f.applicant(), f.date("ngay_sinh", "Ngày sinh"),
                  f.text("van_bang", "Văn bằng chuyên môn"), *extra)  # fmt: skip


# Karaoke licence appraisal fee in centrally-run cities: 6 million for 1–3 rooms, 12 million
# for 4–5, then 2 million for each further room, at most 50 million (Circular 01/2021/TT-BTC).
KARAOKE_TIERS = (
    {"up_to": 3, "amount": 6_000_000},
    {"up_to": 5, "amount": 12_000_000},
    *({"up_to": rooms, "amount": 12_000_000 + 2_000_000 * (rooms - 5)} for rooms in range(6, 24)),
    {"up_to": None, "amount": 50_000_000},
)

SPECS: list[Spec] = [
    Spec(
        code="1.012252",
        name="Cấp mới giấy phép hành nghề khám bệnh, chữa bệnh (trước đây là chứng chỉ hành "
        "nghề) đối với chức danh bác sĩ, y sĩ, điều dưỡng, hộ sinh, kỹ thuật y",
        field="KCB", level="province", agency="so-y-te", process="province",
        applicants=(CITIZEN, FOREIGNER, OVERSEAS), channels="COP", service_level=4,
        online_class=FULL,
        cases=(Case("TH1", "Người đã đạt kiểm tra đánh giá năng lực hành nghề", 30, CD, (
            doc("Đơn đề nghị cấp mới giấy phép hành nghề",
                "Mẫu 01 Phụ lục I Nghị định 96/2023/NĐ-CP"),
            DEGREE, HEALTH_CERT,
            doc("Giấy xác nhận kết quả kiểm tra đánh giá năng lực hành nghề", copy=True),
            doc("Phiếu lý lịch tư pháp", note="Người nước ngoài nộp văn bản tương đương."),
        )),),
        fees=(fee("Phí thẩm định cấp giấy phép hành nghề", 360000, unit="đồng/hồ sơ"),),
        results=("Giấy phép hành nghề khám bệnh, chữa bệnh",),
        legal=("luat-kbcb", "nd-96-2023"), integrated=True, verified=False,
        source=HEALTH_SOURCE.format("khám bệnh, chữa bệnh") + " Luật Khám bệnh, chữa bệnh 2023 "
        "thay chứng chỉ hành nghề bằng giấy phép hành nghề.",
        eform=_practice_form("Đơn đề nghị cấp mới giấy phép hành nghề khám bệnh, chữa bệnh",
                             f.choice("chuc_danh", "Chức danh chuyên môn",
                                      {"bac_si": "Bác sĩ", "y_si": "Y sĩ",
                                       "dieu_duong": "Điều dưỡng", "ho_sinh": "Hộ sinh",
                                       "ky_thuat_y": "Kỹ thuật y"}),
                             f.text("pham_vi", "Phạm vi hành nghề đề nghị")),
    ),
    Spec(
        code="1.004616", name="Cấp Chứng chỉ hành nghề dược", field="DUOC", level="province",
        agency="so-y-te", process="province", applicants=(CITIZEN, FOREIGNER),
        channels="COP", service_level=4, online_class=FULL,
        cases=(
            Case("TH1", "Cấp theo hình thức xét hồ sơ", 20, WD, (
                doc("Đơn đề nghị cấp Chứng chỉ hành nghề dược",
                    "Mẫu số 02 Phụ lục I Nghị định 54/2017/NĐ-CP"),
                DEGREE,
                doc("Giấy xác nhận thời gian thực hành chuyên môn"),
                doc("Ảnh chân dung cỡ 4x6 cm chụp trong 6 tháng"),
            )),
        ),
        fees=(fee("Phí thẩm định cấp Chứng chỉ hành nghề dược", 500000),),
        results=("Chứng chỉ hành nghề dược",),
        legal=("luat-duoc", "luat-duoc-sua-doi", "nd-54-2017"), verified=False,
        source=HEALTH_SOURCE.format("dược phẩm"),
        eform=_practice_form("Đơn đề nghị cấp Chứng chỉ hành nghề dược",
                             f.text("vi_tri", "Vị trí hành nghề đề nghị")),
    ),
    Spec(
        code="1.004599",
        name="Cấp Giấy chứng nhận đủ điều kiện kinh doanh dược đối với cơ sở bán lẻ thuốc "
        "(nhà thuốc)",
        field="DUOC", level="province", agency="so-y-te", process="province",
        applicants=(CITIZEN, ENTERPRISE), channels="CO", service_level=3, online_class=PARTIAL,
        cases=(Case("TH1", "Nhà thuốc đạt Thực hành tốt cơ sở bán lẻ thuốc (GPP)", 20, WD, (
            doc("Đơn đề nghị cấp Giấy chứng nhận đủ điều kiện kinh doanh dược",
                "Mẫu số 19 Phụ lục I Nghị định 54/2017/NĐ-CP"),
            doc("Tài liệu kỹ thuật về địa điểm, trang thiết bị, nhân sự"),
            doc("Chứng chỉ hành nghề dược của người chịu trách nhiệm chuyên môn", copy=True),
        ), "Gồm thời gian đánh giá thực tế tại cơ sở."),),
        fees=(fee("Phí thẩm định điều kiện kinh doanh thuốc", 1000000),),
        results=("Giấy chứng nhận đủ điều kiện kinh doanh dược",),
        legal=("luat-duoc", "luat-duoc-sua-doi", "nd-54-2017"), verified=False,
        source=HEALTH_SOURCE.format("dược phẩm"),
        eform=f.form("Đơn đề nghị cấp Giấy chứng nhận đủ điều kiện kinh doanh dược",
                     f.applicant(), f.text("ten_nha_thuoc", "Tên nhà thuốc"),
                     f.commune("xa_phuong_nha_thuoc", "Xã, phường nơi đặt nhà thuốc"),
                     f.text("dia_chi_nha_thuoc", "Địa chỉ nhà thuốc")),
    ),
    Spec(
        code="2.001914", name="Cấp bản sao văn bằng, chứng chỉ từ sổ gốc", field="VANBANG",
        level="province", agency="so-gddt", process="same_day",
        applicants=(CITIZEN, OVERSEAS), channels="COP", service_level=4, online_class=FULL,
        cases=(Case("TH1", "Bằng tốt nghiệp trung học phổ thông do Sở cấp", 1, WD, (
            doc("Đơn đề nghị cấp bản sao văn bằng, chứng chỉ từ sổ gốc"),
            doc("Văn bản ủy quyền", copy=True, optional=True, note="Khi người khác nộp thay."),
        ), "Ngay trong ngày; cần tìm kiếm hồ sơ lưu trữ thì không quá 02 ngày làm việc."),),
        results=("Bản sao văn bằng, chứng chỉ từ sổ gốc",),
        legal=("luat-giao-duc", "nd-23-2015"), verified=False,
        source="Quyết định công bố thủ tục hành chính lĩnh vực văn bằng, chứng chỉ của Bộ Giáo "
        "dục và Đào tạo.",
        eform=f.form("Đơn đề nghị cấp bản sao văn bằng, chứng chỉ từ sổ gốc", f.applicant(),
                     f.date("ngay_sinh", "Ngày sinh"),
                     f.text("truong", "Trường đã học"),
                     f.integer("nam_tot_nghiep", "Năm tốt nghiệp", minimum=1960, maximum=2100),
                     f.integer("so_ban", "Số bản sao", minimum=1, maximum=10)),
    ),
    Spec(
        code="1.005053", name="Cho phép trung tâm ngoại ngữ, tin học hoạt động giáo dục",
        field="GDDT", level="province", agency="so-gddt", process="province",
        applicants=(ENTERPRISE, ORGANISATION), channels="CO", service_level=3,
        online_class=PARTIAL,
        cases=(Case("TH1", "Trung tâm do tổ chức, cá nhân thành lập", 20, WD, (
            doc("Tờ trình đề nghị cho phép hoạt động giáo dục"),
            doc("Quyết định thành lập hoặc cho phép thành lập trung tâm", copy=True),
            doc("Danh sách giáo viên, chương trình, tài liệu giảng dạy"),
        ), "Gồm thời gian thẩm định thực tế."),),
        results=("Quyết định cho phép hoạt động giáo dục",),
        legal=("luat-giao-duc",), verified=False,
        source="Quyết định công bố thủ tục hành chính lĩnh vực giáo dục và đào tạo thuộc thẩm "
        "quyền của Sở Giáo dục và Đào tạo.",
        eform=f.form("Tờ trình đề nghị cho phép hoạt động giáo dục", f.organisation(),
                     f.text("ten_trung_tam", "Tên trung tâm"),
                     f.integer("so_phong_hoc", "Số phòng học", minimum=1)),
    ),
    Spec(
        code="1.004438", name="Chuyển trường đối với học sinh trung học cơ sở", field="GDDT",
        level="commune", applicants=(CITIZEN,), channels="CO", service_level=3,
        online_class=PARTIAL,
        cases=(Case("TH1", "Chuyển trường trong thành phố", 3, WD, (
            doc("Đơn xin chuyển trường do cha mẹ hoặc người giám hộ ký"),
            doc("Học bạ", note="Bản chính."),
        )),),
        results=("Giấy giới thiệu chuyển trường",),
        legal=("luat-giao-duc",), verified=False,
        source="Quyết định công bố thủ tục hành chính lĩnh vực giáo dục; thực hiện tại cấp xã "
        "từ 01/7/2025.",
        eform=f.form("Đơn xin chuyển trường", f.applicant(),
                     f.text("ho_ten_hoc_sinh", "Họ và tên học sinh", max_length=100),
                     f.integer("lop", "Lớp", minimum=6, maximum=9),
                     f.text("truong_di", "Trường đang học"),
                     f.text("truong_den", "Trường xin chuyển đến")),
    ),
    Spec(
        code="1.000105",
        name="Cấp giấy phép lao động cho người lao động nước ngoài làm việc tại Việt Nam",
        field="VIECLAM", level="province", agency="so-noi-vu", process="province",
        applicants=BUSINESSES, channels="COP", service_level=4, online_class=FULL,
        cases=(Case("TH1", "Cấp mới", 5, WD, (
            doc("Văn bản đề nghị cấp giấy phép lao động của người sử dụng lao động",
                "Mẫu số 11/PLI Phụ lục I Nghị định 152/2020/NĐ-CP"),
            doc("Giấy chứng nhận sức khỏe"),
            doc("Phiếu lý lịch tư pháp hoặc văn bản xác nhận không phải người phạm tội"),
            doc("Văn bản chứng minh là nhà quản lý, chuyên gia hoặc lao động kỹ thuật",
                copy=True),
            doc("Văn bản chấp thuận nhu cầu sử dụng người lao động nước ngoài", copy=True),
            doc("Hai ảnh màu cỡ 4x6 cm", note="Phông nền trắng, chụp không quá 6 tháng."),
        )),),
        fees=(charge("Lệ phí cấp giấy phép lao động", 600000,
                     "Cấp mới; cấp lại và gia hạn áp dụng mức thấp hơn theo nghị quyết của HĐND "
                     "Thành phố.", unit="đồng/giấy phép"),),
        results=("Giấy phép lao động",),
        legal=("bo-luat-lao-dong", "nd-152-2020"), integrated=True, verified=False,
        source="Quyết định công bố thủ tục hành chính lĩnh vực việc làm; thực hiện tại Sở Nội vụ "
        "Hà Nội (tiếp nhận nhiệm vụ của Sở Lao động - Thương binh và Xã hội từ 01/3/2025). "
        "Nghị định 152/2020/NĐ-CP đã được thay thế trong năm 2025, cần cập nhật căn cứ.",
        eform=f.form("Đề nghị cấp giấy phép lao động", f.organisation(),
                     f.text("ho_ten_nld", "Họ và tên người lao động nước ngoài", max_length=100),
                     f.text("so_ho_chieu", "Số hộ chiếu", max_length=20),
                     f.text("quoc_tich", "Quốc tịch", max_length=60),
                     f.choice("vi_tri", "Vị trí công việc",
                              {"quan_ly": "Nhà quản lý", "giam_doc": "Giám đốc điều hành",
                               "chuyen_gia": "Chuyên gia", "ky_thuat": "Lao động kỹ thuật"}),
                     f.date("tu_ngay", "Làm việc từ ngày"),
                     f.date("den_ngay", "Đến ngày")),
    ),
    Spec(
        code="1.000401", name="Giải quyết hưởng trợ cấp thất nghiệp", field="VIECLAM",
        unit_type="dich-vu-viec-lam",
        level="province", agency="so-noi-vu", process="province", applicants=(CITIZEN,),
        channels="COP", service_level=4, online_class=FULL,
        cases=(Case("TH1", "Người lao động đã đóng bảo hiểm thất nghiệp đủ 12 tháng", 20, CD, (
            doc("Đề nghị hưởng trợ cấp thất nghiệp", "Mẫu số 03 ban hành kèm Thông tư hướng dẫn"),
            doc("Quyết định thôi việc hoặc giấy tờ chứng minh chấm dứt hợp đồng lao động",
                copy=True),
            doc("Sổ bảo hiểm xã hội"),
        ), "Tính từ ngày nộp đủ hồ sơ; Trung tâm Dịch vụ việc làm thực hiện."),),
        results=("Quyết định hưởng trợ cấp thất nghiệp",),
        legal=("luat-viec-lam", "nd-28-2015"), integrated=True, verified=False,
        source="Quyết định công bố thủ tục hành chính lĩnh vực việc làm; Luật Việc làm 2025 có "
        "hiệu lực từ 2026 sẽ thay thế căn cứ hiện tại.",
        eform=f.form("Đề nghị hưởng trợ cấp thất nghiệp", f.applicant(),
                     f.text("so_bhxh", "Mã số bảo hiểm xã hội", max_length=10,
                            pattern=r"^\d{10}$"),
                     f.date("ngay_nghi_viec", "Ngày chấm dứt hợp đồng lao động"),
                     f.integer("so_thang_dong", "Số tháng đóng bảo hiểm thất nghiệp", minimum=1),
                     f.text("so_tai_khoan", "Số tài khoản nhận trợ cấp", required=False)),
    ),
    Spec(
        code="1.001776",
        name="Thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hằng tháng, hỗ trợ kinh phí "
        "chăm sóc, nuôi dưỡng hằng tháng",
        field="BTXH", level="commune", applicants=(CITIZEN,), channels="COP",
        service_level=4, online_class=FULL,
        cases=(Case("TH1", "Đề nghị hưởng trợ cấp xã hội hằng tháng", 10, WD, (
            doc("Tờ khai đề nghị trợ giúp xã hội", "Mẫu số 1a Phụ lục Nghị định 20/2021/NĐ-CP"),
            doc("Giấy xác nhận khuyết tật", copy=True, optional=True,
                note="Đối với người khuyết tật."),
        ), "Không kể thời gian niêm yết công khai."),),
        results=("Quyết định trợ cấp xã hội hằng tháng",),
        legal=("nd-20-2021",), verified=False,
        source="Quyết định công bố thủ tục hành chính lĩnh vực bảo trợ xã hội; Chủ tịch UBND "
        "cấp xã quyết định từ 01/7/2025.",
        eform=f.form("Tờ khai đề nghị trợ giúp xã hội", f.applicant(),
                     f.date("ngay_sinh", "Ngày sinh"),
                     f.choice("doi_tuong", "Nhóm đối tượng",
                              {"nguoi_cao_tuoi": "Người cao tuổi",
                               "khuyet_tat": "Người khuyết tật",
                               "tre_em": "Trẻ em không có nguồn nuôi dưỡng",
                               "don_than": "Người đơn thân nghèo nuôi con"}),
                     f.long_text("hoan_canh", "Hoàn cảnh gia đình")),
    ),
    Spec(
        code="1.001029", name="Cấp Giấy phép đủ điều kiện kinh doanh dịch vụ karaoke",
        field="VANHOA", level="commune", applicants=(CITIZEN, ENTERPRISE),
        channels="COP", service_level=4, online_class=FULL,
        cases=(Case("TH1", "Cấp mới", 5, WD, (
            doc("Đơn đề nghị cấp giấy phép", "Mẫu số 01 Phụ lục Nghị định 54/2019/NĐ-CP"),
            doc("Bản sao giấy chứng nhận đủ điều kiện an ninh, trật tự", copy=True),
        ), "Kể từ ngày nhận đủ hồ sơ hợp lệ; gồm thời gian kiểm tra thực tế."),),
        fees=(fee("Phí thẩm định cấp giấy phép kinh doanh dịch vụ karaoke", 0,
                  "Tại thành phố trực thuộc trung ương, theo số phòng hát.",
                  kind=FeeKind.TIERED, tiers=KARAOKE_TIERS, unit="đồng/giấy phép"),),
        results=("Giấy phép đủ điều kiện kinh doanh dịch vụ karaoke",),
        legal=("nd-54-2019", "tt-01-2021-btc"), verified=False,
        source="Quyết định công bố thủ tục hành chính lĩnh vực văn hóa của Bộ Văn hóa, Thể thao "
        "và Du lịch; thực hiện tại cấp xã từ 01/7/2025.",
        eform=f.form("Đơn đề nghị cấp Giấy phép kinh doanh dịch vụ karaoke", f.applicant(),
                     f.text("ten_co_so", "Tên cơ sở kinh doanh"),
                     f.text("dia_diem", "Địa điểm kinh doanh"),
                     f.integer("so_phong", "Số phòng hát", minimum=1, maximum=200),
                     f.number("dien_tich_phong_nho_nhat", "Diện tích phòng nhỏ nhất (m²)",
                              minimum=20)),
    ),
    Spec(
        code="1.009397", name="Tổ chức biểu diễn nghệ thuật (thông báo tổ chức biểu diễn)",
        field="NTBD", level="province", agency="so-vhtt", process="province",
        applicants=(ENTERPRISE, ORGANISATION), channels="COP", service_level=4,
        online_class=FULL,
        cases=(Case("TH1", "Chương trình biểu diễn trên địa bàn Thành phố", 5, WD, (
            doc("Văn bản thông báo tổ chức biểu diễn nghệ thuật",
                "Mẫu số 02 Phụ lục Nghị định 144/2020/NĐ-CP"),
            doc("Danh mục tác phẩm, kịch bản, người biểu diễn"),
        )),),
        results=("Văn bản xác nhận tiếp nhận thông báo",),
        legal=("nd-144-2020",), verified=False,
        source="Quyết định công bố thủ tục hành chính lĩnh vực nghệ thuật biểu diễn.",
        eform=f.form("Thông báo tổ chức biểu diễn nghệ thuật", f.organisation(),
                     f.text("ten_chuong_trinh", "Tên chương trình"),
                     f.date("ngay_bieu_dien", "Ngày biểu diễn"),
                     f.text("dia_diem", "Địa điểm biểu diễn")),
    ),
    Spec(
        code="1.004628", name="Cấp Giấy phép kinh doanh dịch vụ lữ hành nội địa",
        field="LUHANH", level="province", agency="so-du-lich", process="province",
        applicants=(ENTERPRISE,), channels="COP", service_level=4, online_class=FULL,
        cases=(Case("TH1", "Cấp mới", 10, WD, (
            doc("Đơn đề nghị cấp giấy phép kinh doanh dịch vụ lữ hành nội địa",
                "Mẫu số 03 Phụ lục II Thông tư hướng dẫn Luật Du lịch"),
            doc("Giấy chứng nhận ký quỹ kinh doanh dịch vụ lữ hành nội địa"),
            doc("Quyết định bổ nhiệm và văn bằng của người phụ trách kinh doanh lữ hành",
                copy=True),
        )),),
        fees=(fee("Phí thẩm định cấp giấy phép kinh doanh dịch vụ lữ hành nội địa", 3000000),),
        results=("Giấy phép kinh doanh dịch vụ lữ hành nội địa",),
        legal=("luat-du-lich", "nd-168-2017", "tt-33-2018-btc"), integrated=True,
        source="Quyết định công bố thủ tục hành chính lĩnh vực lữ hành của Bộ Văn hóa, Thể "
        "thao và Du lịch.", verified=False,
        eform=f.form("Đơn đề nghị cấp giấy phép kinh doanh dịch vụ lữ hành nội địa",
                     f.organisation(),
                     f.text("nguoi_phu_trach", "Người phụ trách kinh doanh dịch vụ lữ hành"),
                     f.integer("tien_ky_quy", "Số tiền ký quỹ (đồng)", minimum=100000000)),
    ),
    Spec(
        code="1.001432", name="Cấp thẻ hướng dẫn viên du lịch nội địa", field="LUHANH",
        level="province", agency="so-du-lich", process="province", applicants=(CITIZEN,),
        channels="COP", service_level=4, online_class=FULL,
        cases=(Case("TH1", "Cấp mới", 10, WD, (
            doc("Đơn đề nghị cấp thẻ hướng dẫn viên du lịch"),
            doc("Giấy chứng nhận sức khỏe"),
            doc("Văn bằng hoặc chứng chỉ nghiệp vụ hướng dẫn du lịch nội địa", copy=True),
            doc("Hai ảnh chân dung cỡ 3x4 cm"),
        )),),
        fees=(fee("Phí thẩm định cấp thẻ hướng dẫn viên du lịch", 650000),),
        results=("Thẻ hướng dẫn viên du lịch nội địa",),
        legal=("luat-du-lich", "tt-33-2018-btc"), verified=False,
        source="Quyết định công bố thủ tục hành chính lĩnh vực lữ hành của Bộ Văn hóa, Thể "
        "thao và Du lịch.",
        eform=f.form("Đơn đề nghị cấp thẻ hướng dẫn viên du lịch nội địa", f.applicant(),
                     f.date("ngay_sinh", "Ngày sinh"),
                     f.text("chung_chi", "Chứng chỉ nghiệp vụ hướng dẫn")),
    ),
    Spec(
        code="1.001228", name="Đăng ký sinh hoạt tôn giáo tập trung", field="TONGIAO",
        level="commune", applicants=(CITIZEN,), channels="C", service_level=2,
        online_class=NONE,
        cases=(Case("TH1", "Nhóm người theo tôn giáo đã được công nhận", 20, CD, (
            doc("Văn bản đề nghị đăng ký sinh hoạt tôn giáo tập trung"),
            doc("Văn bản tóm tắt giáo lý, giáo luật, lễ nghi", optional=True,
                note="Đối với tôn giáo chưa được công nhận."),
            doc("Giấy tờ chứng minh địa điểm hợp pháp", copy=True),
        )),),
        results=("Văn bản chấp thuận đăng ký sinh hoạt tôn giáo tập trung",),
        legal=("luat-tin-nguong", "nd-95-2023"), verified=False,
        source="Quyết định công bố thủ tục hành chính lĩnh vực tôn giáo của Bộ Dân tộc và Tôn "
        "giáo (trước đây Bộ Nội vụ).",
    ),
    Spec(
        code="1.003617", name="Cấp giấy phép thiết lập trang thông tin điện tử tổng hợp",
        field="TTDT", level="province", agency="so-khcn", process="province",
        applicants=(ENTERPRISE, ORGANISATION), channels="COP", service_level=4,
        online_class=FULL,
        cases=(Case("TH1", "Cấp mới", 10, WD, (
            doc("Đơn đề nghị cấp giấy phép thiết lập trang thông tin điện tử tổng hợp",
                "Mẫu theo Nghị định 147/2024/NĐ-CP"),
            doc("Đề án hoạt động có chữ ký, dấu của người đứng đầu"),
            doc("Văn bản chấp thuận của nguồn tin", copy=True),
        )),),
        results=("Giấy phép thiết lập trang thông tin điện tử tổng hợp",),
        legal=("nd-147-2024",), verified=False,
        source="Quyết định công bố thủ tục hành chính lĩnh vực thông tin điện tử; thực hiện tại "
        "Sở Khoa học và Công nghệ (tiếp nhận nhiệm vụ của Sở Thông tin và Truyền thông).",
        eform=f.form("Đơn đề nghị cấp giấy phép thiết lập trang thông tin điện tử tổng hợp",
                     f.organisation(),
                     f.text("ten_mien", "Tên miền", max_length=253,
                            pattern=r"^[a-z0-9.-]+\.[a-z]{2,}$"),
                     f.long_text("nguon_tin", "Nguồn tin dẫn lại")),
    ),
]  # fmt: skip
