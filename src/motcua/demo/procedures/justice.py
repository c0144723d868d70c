"""Civil status (hộ tịch), certification (chứng thực) and judicial records (lý lịch tư pháp)."""

from __future__ import annotations

from motcua.catalog.choices import FeeKind
from motcua.demo.procedures import eform as f
from motcua.demo.procedures.spec import (
    CITIZEN,
    FOREIGNER,
    FULL,
    NONE,
    OVERSEAS,
    PARTIAL,
    PERSONS,
    WD,
    Case,
    Spec,
    charge,
    doc,
    fee,
)

TT04 = "mẫu ban hành kèm Thông tư 04/2020/TT-BTP, sửa đổi bởi Thông tư 04/2024/TT-BTP"
HT_SOURCE = (
    "Quyết định công bố thủ tục hành chính lĩnh vực hộ tịch của Bộ Tư pháp (chuẩn hóa "
    "năm 2020) và quyết định công bố của Chủ tịch UBND Thành phố Hà Nội áp dụng cho cấp xã "
    "từ 01/7/2025."
)
CT_SOURCE = (
    "Quyết định công bố thủ tục hành chính lĩnh vực chứng thực của Bộ Tư pháp; phí theo "
    "Thông tư 226/2016/TT-BTC."
)
HT_LAWS = ("luat-ho-tich", "nd-123-2015", "tt-04-2020-btp", "tt-04-2024-btp")
AUTH = doc("Văn bản ủy quyền", copy=True, optional=True,
           note="Khi người khác nộp thay. Không cần chứng thực nếu người được ủy quyền là "
           "ông, bà, cha, mẹ, con, vợ, chồng, anh, chị, em ruột.")  # fmt: skip
SAME_DAY_NOTE = "Ngay trong ngày; hồ sơ nhận sau 15 giờ thì trả trong ngày làm việc tiếp theo."
FREE = "Miễn lệ phí theo Điều 11 Luật Hộ tịch."


def _birth_form():
    return f.form(
        "Tờ khai đăng ký khai sinh",
        f.applicant(),
        f.choice("quan_he", "Quan hệ với người được khai sinh",
                 {"cha": "Cha", "me": "Mẹ", "ong_ba": "Ông, bà", "khac": "Người thân khác"}),
        f.text("ho_ten_tre", "Họ, chữ đệm và tên của trẻ", max_length=100),
        f.choice("gioi_tinh", "Giới tính", f.GENDER),
        f.date("ngay_sinh", "Ngày, tháng, năm sinh"),
        f.text("noi_sinh", "Nơi sinh (cơ sở y tế hoặc địa chỉ)"),
        f.text("dan_toc", "Dân tộc", max_length=50, default="Kinh"),
        f.text("quoc_tich", "Quốc tịch", max_length=50, default="Việt Nam"),
        f.text("ho_ten_me", "Họ, chữ đệm và tên người mẹ", max_length=100),
        f.personal_id("so_dinh_danh_me", "Số định danh cá nhân của người mẹ"),
        f.text("ho_ten_cha", "Họ, chữ đệm và tên người cha", max_length=100, required=False),
        f.flag("lien_thong_bhyt", "Đồng thời đăng ký thường trú và cấp thẻ bảo hiểm y tế cho trẻ",
               default=True),
        f.integer("so_ban_sao", "Số bản sao trích lục khai sinh đề nghị cấp", maximum=10),
    )  # fmt: skip


def _marriage_form():
    return f.form(
        "Tờ khai đăng ký kết hôn",
        f.text("ho_ten_nu", "Họ, chữ đệm và tên bên nữ", max_length=100),
        f.personal_id("so_dinh_danh_nu", "Số định danh cá nhân bên nữ"),
        f.date("ngay_sinh_nu", "Ngày sinh bên nữ"),
        f.text("ho_ten_nam", "Họ, chữ đệm và tên bên nam", max_length=100),
        f.personal_id("so_dinh_danh_nam", "Số định danh cá nhân bên nam"),
        f.date("ngay_sinh_nam", "Ngày sinh bên nam"),
        f.phone(), f.email(), f.commune(),
        f.date("ngay_hen", "Ngày hai bên đến nhận Giấy chứng nhận kết hôn", required=False),
    )  # fmt: skip


def _death_form():
    return f.form(
        "Tờ khai đăng ký khai tử",
        f.applicant(),
        f.text("ho_ten_nguoi_chet", "Họ, chữ đệm và tên người đã chết", max_length=100),
        f.personal_id("so_dinh_danh_nguoi_chet", "Số định danh cá nhân của người đã chết"),
        f.date("ngay_chet", "Ngày chết"),
        f.text("noi_chet", "Nơi chết"),
        f.text("nguyen_nhan", "Nguyên nhân chết", required=False),
        f.choice("quan_he", "Quan hệ với người đã chết",
                 {"vo_chong": "Vợ, chồng", "con": "Con", "cha_me": "Cha, mẹ",
                  "nguoi_than": "Người thân thích khác", "co_quan": "Cơ quan, tổ chức"}),
    )  # fmt: skip


def _extract_form():
    return f.form(
        "Tờ khai cấp bản sao trích lục hộ tịch",
        f.applicant(),
        f.choice("loai_trich_luc", "Loại trích lục đề nghị cấp bản sao",
                 {"khai_sinh": "Trích lục khai sinh", "ket_hon": "Trích lục kết hôn",
                  "khai_tu": "Trích lục khai tử", "khac": "Trích lục hộ tịch khác"}),
        f.text("ho_ten_nguoi_duoc_cap", "Họ và tên người được cấp trích lục", max_length=100),
        f.date("ngay_dang_ky", "Ngày đăng ký hộ tịch (nếu biết)", required=False),
        f.integer("so_ban", "Số bản sao đề nghị cấp", minimum=1, maximum=20),
    )  # fmt: skip


def _marital_status_form():
    return f.form(
        "Tờ khai cấp Giấy xác nhận tình trạng hôn nhân",
        f.applicant(),
        f.date("ngay_sinh", "Ngày sinh"),
        f.choice("tinh_trang", "Tình trạng hôn nhân hiện tại",
                 {"chua_ket_hon": "Chưa đăng ký kết hôn với ai", "da_ly_hon": "Đã ly hôn",
                  "vo_chong_chet": "Vợ hoặc chồng đã chết", "dang_co_vo_chong": "Đang có vợ/chồng"}),
        f.choice("muc_dich", "Mục đích sử dụng",
                 {"ket_hon": "Đăng ký kết hôn", "khac": "Mục đích khác"}),
        f.text("muc_dich_khac", "Mục đích khác (ghi rõ)", required=False),
    )  # fmt: skip


def _simple_civil_form(title: str, *extra):
    return f.form(title, f.applicant(), *extra,
                  f.long_text("noi_dung", "Nội dung đề nghị, lý do"))  # fmt: skip


def _criminal_record_form():
    return f.form(
        "Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp",
        f.applicant(),
        f.date("ngay_sinh", "Ngày sinh"),
        f.choice("gioi_tinh", "Giới tính", f.GENDER),
        f.text("noi_sinh", "Nơi sinh"),
        f.choice("loai_phieu", "Loại Phiếu lý lịch tư pháp",
                 {"so_1": "Phiếu số 1", "so_2": "Phiếu số 2"}),
        f.integer("so_luong", "Số lượng Phiếu đề nghị cấp", minimum=1, maximum=10),
        f.text("muc_dich", "Mục đích sử dụng Phiếu"),
        f.flag("doi_tuong_giam", "Thuộc đối tượng được giảm phí (sinh viên, người có công...)"),
    )  # fmt: skip


SPECS: list[Spec] = [
    Spec(
        code="1.001193", name="Đăng ký khai sinh", field="HOTICH", level="commune",
        applicants=PERSONS, channels="COP", service_level=4, online_class=FULL,
        cases=(
            Case("TH1", "Đăng ký khai sinh đúng hạn (trong 60 ngày kể từ ngày sinh)", 1, WD, (
                doc("Tờ khai đăng ký khai sinh", f"Tờ khai đăng ký khai sinh ({TT04})"),
                doc("Giấy chứng sinh", note="Không có Giấy chứng sinh thì nộp văn bản của "
                    "người làm chứng hoặc giấy cam đoan về việc sinh."),
                AUTH,
            ), SAME_DAY_NOTE),
            Case("TH2", "Đăng ký khai sinh quá hạn", 1, WD, (
                doc("Tờ khai đăng ký khai sinh", f"Tờ khai đăng ký khai sinh ({TT04})"),
                doc("Giấy chứng sinh hoặc giấy tờ chứng minh việc sinh"),
                doc("Giấy tờ, tài liệu chứng minh nội dung khai sinh", copy=True,
                    optional=True),
                AUTH,
            ), SAME_DAY_NOTE),
            Case("TH3", "Đăng ký khai sinh có yếu tố nước ngoài", 3, WD, (
                doc("Tờ khai đăng ký khai sinh", f"Tờ khai đăng ký khai sinh ({TT04})"),
                doc("Giấy chứng sinh"),
                doc("Văn bản thỏa thuận của cha, mẹ về việc chọn quốc tịch cho con",
                    note="Khi cha hoặc mẹ là người nước ngoài."),
                doc("Hộ chiếu hoặc giấy tờ có giá trị thay hộ chiếu của cha, mẹ là người "
                    "nước ngoài", copy=True),
            )),
        ),
        fees=(charge("Lệ phí đăng ký khai sinh có yếu tố nước ngoài", 75000,
                     "Chỉ thu với trường hợp có yếu tố nước ngoài; khai sinh trong nước miễn "
                     "lệ phí.", case="TH3"),),
        results=("Giấy khai sinh (bản chính)", "Bản sao Giấy khai sinh (nếu có yêu cầu)"),
        legal=(*HT_LAWS, "nd-87-2020"),
        source=HT_SOURCE + " Mức lệ phí có yếu tố nước ngoài theo nghị quyết của HĐND "
        "Thành phố.",
        integrated=True, eform=_birth_form(), verified=False,
    ),
    Spec(
        code="1.000894", name="Đăng ký kết hôn", field="HOTICH", level="commune",
        applicants=(CITIZEN,), channels="CO", service_level=3, online_class=PARTIAL,
        cases=(
            Case("TH1", "Đủ điều kiện, không cần xác minh", 1, WD, (
                doc("Tờ khai đăng ký kết hôn", f"Tờ khai đăng ký kết hôn ({TT04})"),
                doc("Giấy xác nhận tình trạng hôn nhân",
                    note="Khi một bên đăng ký thường trú ở xã khác nơi đăng ký kết hôn."),
            ), SAME_DAY_NOTE),
            Case("TH2", "Cần xác minh điều kiện kết hôn", 5, WD, (
                doc("Tờ khai đăng ký kết hôn", f"Tờ khai đăng ký kết hôn ({TT04})"),
                doc("Giấy xác nhận tình trạng hôn nhân"),
            )),
        ),
        fees=(charge("Lệ phí đăng ký kết hôn", 0, FREE),),
        results=("Giấy chứng nhận kết hôn",),
        conditions="Nam từ đủ 20 tuổi, nữ từ đủ 18 tuổi; tự nguyện; không mất năng lực hành vi "
        "dân sự; không thuộc trường hợp cấm kết hôn theo Luật Hôn nhân và gia đình. Hai bên có "
        "mặt khi nhận Giấy chứng nhận kết hôn.",
        legal=HT_LAWS, source=HT_SOURCE, integrated=True, eform=_marriage_form(),
    ),
    Spec(
        code="1.000656", name="Đăng ký khai tử", field="HOTICH", level="commune",
        applicants=PERSONS, channels="COP", service_level=4, online_class=FULL,
        cases=(
            Case("TH1", "Khai tử thông thường", 1, WD, (
                doc("Tờ khai đăng ký khai tử", f"Tờ khai đăng ký khai tử ({TT04})"),
                doc("Giấy báo tử hoặc giấy tờ thay Giấy báo tử"),
                AUTH,
            ), SAME_DAY_NOTE),
            Case("TH2", "Cần xác minh", 3, WD, (
                doc("Tờ khai đăng ký khai tử", f"Tờ khai đăng ký khai tử ({TT04})"),
                doc("Giấy báo tử hoặc giấy tờ thay Giấy báo tử"),
            )),
        ),
        fees=(charge("Lệ phí đăng ký khai tử", 0, FREE),),
        results=("Trích lục khai tử (bản chính)",),
        legal=HT_LAWS, source=HT_SOURCE, integrated=True, eform=_death_form(),
    ),
    Spec(
        code="2.000635", name="Cấp bản sao Trích lục hộ tịch", field="HOTICH", level="commune",
        applicants=PERSONS, channels="COP", service_level=4, online_class=FULL,
        cases=(Case("TH1", "Cấp bản sao trích lục hộ tịch đã đăng ký", 1, WD, (
            doc("Tờ khai cấp bản sao trích lục hộ tịch",
                f"Tờ khai cấp bản sao trích lục hộ tịch ({TT04})"),
            AUTH,
        ), SAME_DAY_NOTE),),
        fees=(fee("Phí cấp bản sao trích lục hộ tịch", 8000, "8.000 đồng/bản sao.",
                  kind=FeeKind.PER_COPY, unit="đồng/bản"),),
        results=("Bản sao trích lục hộ tịch",),
        legal=(*HT_LAWS, "tt-281-2016-btc"), source=HT_SOURCE,
        integrated=True, eform=_extract_form(),
    ),
    Spec(
        code="1.004873", name="Cấp Giấy xác nhận tình trạng hôn nhân", field="HOTICH",
        level="commune", applicants=(CITIZEN, OVERSEAS), channels="COP", service_level=4,
        online_class=FULL,
        cases=(
            Case("TH1", "Người yêu cầu cư trú tại một nơi", 3, WD, (
                doc("Tờ khai cấp Giấy xác nhận tình trạng hôn nhân",
                    f"Tờ khai cấp Giấy xác nhận tình trạng hôn nhân ({TT04})"),
                doc("Giấy tờ chứng minh đã ly hôn hoặc người kia đã chết", copy=True,
                    optional=True, note="Khi đã từng kết hôn."),
            )),
            Case("TH2", "Cần xác minh tại nơi cư trú trước đây", 20, WD, (
                doc("Tờ khai cấp Giấy xác nhận tình trạng hôn nhân",
                    f"Tờ khai cấp Giấy xác nhận tình trạng hôn nhân ({TT04})"),
            ), "Gồm thời gian xác minh tại nơi cư trú trước đây."),
        ),
        fees=(charge("Lệ phí cấp Giấy xác nhận tình trạng hôn nhân", 3000),),
        results=("Giấy xác nhận tình trạng hôn nhân",),
        legal=HT_LAWS, source=HT_SOURCE, integrated=True, verified=False,
        eform=_marital_status_form(),
    ),
    Spec(
        code="1.004884", name="Đăng ký lại khai sinh", field="HOTICH", level="commune",
        applicants=PERSONS, channels="CO", service_level=3, online_class=PARTIAL,
        cases=(Case("TH1", "Việc khai sinh đã đăng ký nhưng sổ hộ tịch và bản chính bị mất",
                    5, WD, (
            doc("Tờ khai đăng ký lại khai sinh", f"Tờ khai đăng ký lại khai sinh ({TT04})"),
            doc("Bản sao Giấy khai sinh hoặc giấy tờ có nội dung khai sinh", copy=True),
        ), "Cần xác minh thì không quá 25 ngày."),),
        fees=(charge("Lệ phí đăng ký lại khai sinh", 5000, "Theo nghị quyết của HĐND Thành phố."),),
        results=("Giấy khai sinh (bản chính, ghi đăng ký lại)",),
        legal=HT_LAWS, source=HT_SOURCE, verified=False,
        eform=_simple_civil_form("Tờ khai đăng ký lại khai sinh",
                                 f.text("ho_ten_nguoi_duoc_dk", "Người được đăng ký lại"),
                                 f.date("ngay_sinh", "Ngày sinh")),
    ),
    Spec(
        code="1.001022", name="Đăng ký nhận cha, mẹ, con", field="HOTICH", level="commune",
        applicants=(CITIZEN,), channels="CO", service_level=3, online_class=PARTIAL,
        cases=(Case("TH1", "Đăng ký nhận cha, mẹ, con giữa công dân Việt Nam cư trú trong nước",
                    3, WD, (
            doc("Tờ khai đăng ký nhận cha, mẹ, con",
                f"Tờ khai đăng ký nhận cha, mẹ, con ({TT04})"),
            doc("Văn bản của cơ quan y tế, giám định xác nhận quan hệ cha, mẹ, con hoặc chứng "
                "cứ chứng minh quan hệ", copy=True),
        ), "Cần xác minh thì kéo dài thêm không quá 05 ngày làm việc."),),
        fees=(charge("Lệ phí đăng ký nhận cha, mẹ, con", 15000,
                     "Theo nghị quyết của HĐND Thành phố."),),
        results=("Trích lục đăng ký nhận cha, mẹ, con",),
        legal=HT_LAWS, source=HT_SOURCE, verified=False,
        eform=_simple_civil_form("Tờ khai đăng ký nhận cha, mẹ, con",
                                 f.text("ho_ten_nguoi_duoc_nhan", "Người được nhận")),
    ),
    Spec(
        code="1.004859", name="Đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch",
        field="HOTICH", level="commune", applicants=PERSONS, channels="COP", service_level=4,
        online_class=FULL,
        cases=(
            Case("TH1", "Thay đổi, cải chính hộ tịch", 3, WD, (
                doc("Tờ khai đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch",
                    f"Tờ khai thay đổi, cải chính, bổ sung thông tin hộ tịch ({TT04})"),
                doc("Giấy tờ làm căn cứ thay đổi, cải chính", copy=True),
            ), "Cần xác minh thì kéo dài thêm không quá 03 ngày làm việc."),
            Case("TH2", "Bổ sung thông tin hộ tịch", 1, WD, (
                doc("Tờ khai đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch",
                    f"Tờ khai thay đổi, cải chính, bổ sung thông tin hộ tịch ({TT04})"),
                doc("Giấy tờ làm căn cứ bổ sung", copy=True),
            ), SAME_DAY_NOTE),
        ),
        fees=(charge("Lệ phí thay đổi, cải chính hộ tịch", 15000,
                     "Theo nghị quyết của HĐND Thành phố.", case="TH1"),),
        results=("Trích lục thay đổi, cải chính, bổ sung thông tin hộ tịch",),
        legal=HT_LAWS, source=HT_SOURCE, verified=False, integrated=True,
        eform=_simple_civil_form(
            "Tờ khai đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch",
            f.choice("loai_yeu_cau", "Loại yêu cầu",
                     {"thay_doi": "Thay đổi", "cai_chinh": "Cải chính", "bo_sung": "Bổ sung"}),
        ),
    ),
    Spec(
        code="1.004837", name="Đăng ký giám hộ", field="HOTICH", level="commune",
        applicants=(CITIZEN,), channels="CO", service_level=3, online_class=PARTIAL,
        cases=(Case("TH1", "Giám hộ cử", 3, WD, (
            doc("Tờ khai đăng ký giám hộ", f"Tờ khai đăng ký giám hộ ({TT04})"),
            doc("Văn bản cử người giám hộ"),
        )),),
        fees=(charge("Lệ phí đăng ký giám hộ", 0, "Miễn lệ phí."),),
        results=("Trích lục đăng ký giám hộ",),
        legal=HT_LAWS, source=HT_SOURCE, verified=False,
        eform=_simple_civil_form("Tờ khai đăng ký giám hộ",
                                 f.text("nguoi_duoc_giam_ho", "Người được giám hộ")),
    ),
    Spec(
        code="2.000815",
        name="Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan có thẩm quyền "
        "của Việt Nam cấp hoặc chứng nhận",
        field="CHUNGTHUC", level="commune", applicants=PERSONS, channels="C",
        service_level=2, online_class=NONE, process="same_day",
        cases=(Case("TH1", "Chứng thực bản sao giấy", 1, WD, (
            doc("Bản chính giấy tờ, văn bản làm cơ sở chứng thực bản sao"),
            doc("Bản sao cần chứng thực", copy=True),
        ), "Trong ngày; nhận sau 15 giờ thì trả trong ngày làm việc tiếp theo."),),
        fees=(fee("Phí chứng thực bản sao từ bản chính", 2000,
                  "2.000 đồng/trang cho trang thứ nhất và thứ hai; từ trang thứ ba trở lên "
                  "1.000 đồng/trang; tối đa 200.000 đồng/bản.",
                  kind=FeeKind.PER_COPY, unit="đồng/trang"),),
        results=("Bản sao được chứng thực từ bản chính",),
        legal=("nd-23-2015", "tt-01-2020-btp", "tt-226-2016-btc"), source=CT_SOURCE,
        verified=False,
    ),
    Spec(
        code="2.000884",
        name="Chứng thực chữ ký trong các giấy tờ, văn bản (áp dụng cả cho chứng thực điểm chỉ "
        "và trường hợp người yêu cầu không ký, không điểm chỉ được)",
        field="CHUNGTHUC", level="commune", applicants=PERSONS, channels="C",
        service_level=2, online_class=NONE, process="same_day",
        cases=(Case("TH1", "Chứng thực chữ ký", 1, WD, (
            doc("Giấy tờ, văn bản cần chứng thực chữ ký",
                note="Người yêu cầu ký trước mặt người thực hiện chứng thực."),
            doc("Giấy tờ tùy thân còn giá trị sử dụng (xuất trình)", copy=True),
        ), "Trong ngày; nhận sau 15 giờ thì trả trong ngày làm việc tiếp theo."),),
        fees=(fee("Phí chứng thực chữ ký", 10000, "10.000 đồng/trường hợp.",
                  unit="đồng/trường hợp"),),
        results=("Giấy tờ, văn bản đã được chứng thực chữ ký",),
        legal=("nd-23-2015", "tt-01-2020-btp", "tt-226-2016-btc"), source=CT_SOURCE,
        verified=False,
    ),
    Spec(
        code="2.001035",
        name="Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản",
        field="CHUNGTHUC", level="commune", applicants=PERSONS, channels="C",
        service_level=2, online_class=NONE,
        cases=(Case("TH1", "Chứng thực hợp đồng, giao dịch", 2, WD, (
            doc("Dự thảo hợp đồng, giao dịch"),
            doc("Giấy tờ chứng minh quyền sở hữu, quyền sử dụng tài sản", copy=True),
        ), "Trong ngày hoặc ngày làm việc tiếp theo; phức tạp thì không quá 02 ngày làm việc."),),
        fees=(fee("Phí chứng thực hợp đồng, giao dịch", 50000, "50.000 đồng/hợp đồng.",
                  unit="đồng/hợp đồng"),),
        results=("Hợp đồng, giao dịch được chứng thực",),
        legal=("nd-23-2015", "tt-01-2020-btp", "tt-226-2016-btc"), source=CT_SOURCE,
        verified=False,
    ),
    Spec(
        code="2.000488",
        name="Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú "
        "tại Việt Nam",
        field="LLTP", level="province", agency="so-tu-phap", process="province",
        applicants=(CITIZEN, FOREIGNER), channels="COP", service_level=4, online_class=FULL,
        cases=(
            Case("TH1", "Trường hợp thông thường", 10, WD, (
                doc("Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp",
                    "Mẫu Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp (Bộ Tư pháp ban hành)"),
                doc("Bản chụp giấy tờ tùy thân", copy=True),
                doc("Văn bản ủy quyền", copy=True, optional=True,
                    note="Khi ủy quyền làm thủ tục; chỉ áp dụng với Phiếu số 1."),
            )),
            Case("TH2", "Người đã cư trú ở nhiều nơi, người nước ngoài, trường hợp cần xác "
                 "minh", 15, WD, (
                doc("Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp",
                    "Mẫu Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp (Bộ Tư pháp ban hành)"),
                doc("Bản chụp hộ chiếu hoặc giấy tờ tùy thân", copy=True),
                doc("Giấy tờ chứng minh nơi thường trú hoặc tạm trú", copy=True),
            )),
        ),
        fees=(
            fee("Phí cung cấp thông tin lý lịch tư pháp", 200000, "200.000 đồng/lần/người."),
            fee("Phí cung cấp thông tin lý lịch tư pháp (sinh viên, người có công)", 100000,
                "Áp dụng cho sinh viên, người có công với cách mạng, thân nhân liệt sĩ."),
            fee("Phí cấp thêm Phiếu từ Phiếu thứ 3 trở đi", 5000, "5.000 đồng/Phiếu.",
                kind=FeeKind.PER_COPY, unit="đồng/Phiếu"),
        ),
        results=("Phiếu lý lịch tư pháp số 1 hoặc số 2",),
        legal=("luat-lltp", "nd-111-2010", "tt-244-2016-btc"),
        source="Quyết định công bố thủ tục hành chính lĩnh vực lý lịch tư pháp của Bộ Tư pháp.",
        integrated=True, verified=False, eform=_criminal_record_form(),
    ),
]  # fmt: skip
