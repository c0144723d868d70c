"""E-form data for demo dossiers, generated from a procedure's schema (catalog.eforms.form_fields).

Each field gets a plausible value: the applicant's own details where the form asks for them,
a value made for the field's name where the demo knows it (a child's recent birth date on a
birth registration, a plot number on a land form), and otherwise a value generated from the
field's type and limits (a choice of an enum, a number within its minimum and maximum, a
valid personal ID, a Hanoi commune code). The result is checked with clean_data before use.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from motcua.catalog.eforms import FormField, clean_data, form_fields
from motcua.demo import people
from motcua.demo.people import Organisation, Person
from motcua.lib.text import fold

HOSPITALS = ("Bệnh viện Phụ sản Hà Nội", "Bệnh viện Phụ sản Trung ương", "Bệnh viện Bạch Mai",
             "Bệnh viện Đa khoa Hà Đông", "Bệnh viện Đa khoa Xanh Pôn", "Bệnh viện Thanh Nhàn")  # fmt: skip
BIRTH_PLACES = {"001": "Thành phố Hà Nội", "034": "Tỉnh Hưng Yên", "036": "Tỉnh Ninh Bình",
                "030": "Thành phố Hải Phòng", "033": "Tỉnh Hưng Yên", "035": "Tỉnh Ninh Bình",
                "037": "Tỉnh Ninh Bình", "038": "Tỉnh Thanh Hóa", "040": "Tỉnh Nghệ An",
                "027": "Tỉnh Bắc Ninh", "024": "Tỉnh Bắc Ninh", "022": "Tỉnh Quảng Ninh",
                "079": "Thành phố Hồ Chí Minh"}  # fmt: skip
VSIC = ("4711", "4719", "4620", "6201", "4101", "5610", "7020", "4933", "8559", "4659", "7110")
SHOPS = (("Cửa hàng tạp hóa", "Bán lẻ hàng tạp hóa, đồ uống"),
         ("Quán ăn", "Dịch vụ ăn uống"), ("Quán cà phê", "Dịch vụ đồ uống"),
         ("Cửa hàng điện thoại", "Bán lẻ điện thoại, phụ kiện"),
         ("Cửa hàng văn phòng phẩm", "Bán lẻ văn phòng phẩm, sách vở"),
         ("Tiệm bánh", "Sản xuất, bán bánh ngọt"))  # fmt: skip
SCHOOLS = ("Trường THCS Trưng Vương", "Trường THCS Ngô Sĩ Liên", "Trường THCS Cầu Giấy",
           "Trường THCS Thành Công", "Trường THCS Nguyễn Trường Tộ", "Trường THCS Lê Quý Đôn")  # fmt: skip
UNIVERSITIES = ("Trường Đại học Bách khoa Hà Nội", "Trường Đại học Kinh tế Quốc dân",
                "Trường Đại học Sư phạm Hà Nội", "Trường Đại học Y Hà Nội",
                "Trường Đại học Xây dựng Hà Nội", "Trường Đại học Hà Nội")  # fmt: skip
FOREIGN_WORKERS = (("Kim Min-jun", "Hàn Quốc"), ("Tanaka Hiroshi", "Nhật Bản"),
                   ("Li Wei", "Trung Quốc"), ("Tan Wei Ming", "Singapore"),
                   ("David Miller", "Hoa Kỳ"), ("Park Ji-hoon", "Hàn Quốc"))  # fmt: skip
PURPOSES = {
    "2.000488": ("Bổ sung hồ sơ xin việc", "Hoàn thiện hồ sơ du học", "Bổ sung hồ sơ xin cấp "
                 "giấy phép hành nghề", "Hoàn thiện hồ sơ đi làm việc ở nước ngoài"),
    "1.008432": ("Lập dự án đầu tư xây dựng nhà ở", "Phục vụ chuyển nhượng quyền sử dụng đất",
                 "Chuẩn bị hồ sơ xin cấp giấy phép xây dựng"),
    "1.012807": ("Phục vụ giao dịch chuyển nhượng quyền sử dụng đất", "Thế chấp vay vốn ngân "
                 "hàng", "Tìm hiểu thông tin trước khi mua đất"),
    "1.004228": ("Cấp nước sinh hoạt cho khu dân cư", "Phục vụ sản xuất của nhà máy"),
}  # fmt: skip
REQUESTS = {
    "1.004884": "Bản chính Giấy khai sinh bị mất, sổ hộ tịch không còn lưu giữ; đề nghị đăng "
    "ký lại khai sinh để làm căn cước.",
    "1.001022": "Đề nghị đăng ký nhận con; hai bên có văn bản xác nhận quan hệ cha con của cơ "
    "quan giám định.",
    "1.004837": "Cha mẹ của người được giám hộ đã mất; đề nghị đăng ký giám hộ theo văn bản cử "
    "người giám hộ kèm theo.",
    "1.004859": "Đề nghị cải chính ngày sinh trong Giấy khai sinh cho đúng với hồ sơ gốc.",
}
Producer = Callable[["FormContext", FormField], Any]


@dataclass
class FormContext:
    """What the form is about: who fills it, where, when, and what was filled so far."""

    rng: random.Random
    on: date
    applicant: Person
    procedure_code: str
    commune_code: str
    street: str
    site_code: str
    site_street: str
    communes: list[str]
    organisation: Organisation | None = None
    by_post: bool = False
    later_case: bool = False  # not the procedure's first case (e.g. a late birth registration)
    names: set[str] = field(default_factory=set)
    schema: dict = field(default_factory=dict)
    values: dict[str, Any] = field(default_factory=dict)
    _made: dict[str, Person] = field(default_factory=dict)

    def other(self, key: str, **kwargs) -> Person:
        """A person the form mentions besides the applicant, made once per form."""
        if key not in self._made:
            self._made[key] = people.person(self.rng, on=self.on, **kwargs)
        return self._made[key]

    def spouse(self) -> Person:
        birth = self.applicant.birth.year
        return self.other("spouse", male=not self.applicant.male, youngest=self.on.year - birth - 4,
                          oldest=self.on.year - birth + 4)  # fmt: skip

    def child(self) -> Person:
        family = self.applicant.family if self.applicant.male else self.spouse().family
        return self.other("child", family=family, youngest=0, oldest=0)

    def representative(self) -> Person:
        return self.organisation.representative if self.organisation else self.applicant

    def days_ago(self, low: int, high: int) -> str:
        return (self.on - timedelta(days=self.rng.randint(low, high))).isoformat()

    def days_ahead(self, low: int, high: int) -> str:
        return (self.on + timedelta(days=self.rng.randint(low, high))).isoformat()


def _pick(*options):
    return lambda ctx, f: ctx.rng.choice(options)


def _birth(ctx: FormContext, f: FormField) -> str:
    if "ho_ten_tre" in ctx.names:  # the child's birth, on a birth registration
        return ctx.days_ago(70, 400) if ctx.later_case else ctx.days_ago(2, 50)
    return ctx.applicant.birth.isoformat()


def _gender(ctx: FormContext, f: FormField) -> str:
    if "ho_ten_tre" in ctx.names:
        return ctx.rng.choice(("nam", "nu"))
    return "nam" if ctx.applicant.male else "nu"


def _mother(ctx: FormContext) -> Person:
    return ctx.spouse() if ctx.applicant.male else ctx.applicant


def _father(ctx: FormContext) -> Person:
    return ctx.applicant if ctx.applicant.male else ctx.spouse()


def _bride(ctx: FormContext) -> Person:
    return _mother(ctx)


def _groom(ctx: FormContext) -> Person:
    return _father(ctx)


def _child_name(ctx: FormContext, f: FormField) -> str:
    return ctx.child().name


def _deceased(ctx: FormContext) -> Person:
    return ctx.other("deceased", family=ctx.applicant.family, youngest=62, oldest=95)


def _worker(ctx: FormContext) -> tuple[str, str]:
    if "worker" not in ctx.values:
        ctx.values["worker"] = ctx.rng.choice(FOREIGN_WORKERS)
    return ctx.values["worker"]


def _new_company(ctx: FormContext) -> Organisation:
    if "company" not in ctx.values:
        ctx.values["company"] = people.organisation(ctx.rng, on=ctx.on)
    return ctx.values["company"]


COMPANY_FORMS = {"dntn": ("Doanh nghiệp tư nhân", "PRIVATE ENTERPRISE"),
                 "tnhh1": ("Công ty TNHH Một thành viên", "ONE MEMBER COMPANY LIMITED"),
                 "tnhh2": ("Công ty TNHH", "COMPANY LIMITED"),
                 "cp": ("Công ty Cổ phần", "JOINT STOCK COMPANY")}  # fmt: skip


def _company_name(ctx: FormContext, *, english: bool = False) -> str:
    """The name of the enterprise being registered, in the legal form the form fixes."""
    kind = (ctx.schema["properties"].get("loai_hinh", {}).get("enum") or ["tnhh2"])[0]
    vietnamese, foreign = COMPANY_FORMS.get(kind, COMPANY_FORMS["tnhh2"])
    brand = _new_company(ctx).brand
    if english:
        return f"{fold(brand).upper()} {foreign}"
    return f"{vietnamese} {brand}"


def _shop(ctx: FormContext) -> tuple[str, str]:
    if "shop" not in ctx.values:
        kind, trade = ctx.rng.choice(SHOPS)
        ctx.values["shop"] = (f"{kind} {ctx.applicant.given}", trade)
    return ctx.values["shop"]


def _floors(ctx: FormContext, f: FormField) -> int:
    low, high = (5, 18) if ctx.organisation else (3, 6)
    return min(ctx.rng.randint(low, high), int(f.maximum or high))


def _site_area(ctx: FormContext, f: FormField) -> float:
    low, high = (800, 6000) if ctx.organisation else (40, 180)
    return round(ctx.rng.uniform(low, high), 1)


def _experience(ctx: FormContext, f: FormField) -> int:
    return ctx.rng.randint(3, max(3, min(25, ctx.on.year - ctx.applicant.birth.year - 23)))


def _graduation(ctx: FormContext, f: FormField) -> int:
    return min(ctx.on.year - 1, ctx.applicant.birth.year + ctx.rng.randint(18, 23))


def _social_group(ctx: FormContext, f: FormField) -> str:
    if ctx.on.year - ctx.applicant.birth.year >= 60:
        return "nguoi_cao_tuoi"
    return ctx.rng.choice(("khuyet_tat", "don_than"))


def _other_purpose(ctx: FormContext, f: FormField) -> str | None:
    if ctx.values.get("muc_dich") != "khac":
        return None
    return ctx.rng.choice(("Bổ sung hồ sơ vay vốn ngân hàng", "Hoàn thiện hồ sơ mua bán nhà đất"))


def _purpose(ctx: FormContext, f: FormField) -> str:
    if f.choices:
        return ctx.rng.choices([value for value, _label in f.choices],
                               weights=[3] + [1] * (len(f.choices) - 1))[0]  # fmt: skip
    return ctx.rng.choice(PURPOSES.get(ctx.procedure_code, ("Phục vụ công việc cá nhân",)))


def _position(ctx: FormContext, f: FormField) -> str:
    if f.choices:
        return ctx.rng.choice([value for value, _label in f.choices])
    if ctx.procedure_code == "1.004616":
        return ctx.rng.choice(("Người chịu trách nhiệm chuyên môn về dược của nhà thuốc",
                               "Người phụ trách bảo đảm chất lượng"))  # fmt: skip
    return f"Thửa đất số {ctx.rng.randint(1, 400)}, tờ bản đồ số {ctx.rng.randint(1, 60)}"


VALUES: dict[str, Producer] = {
    # The applicant, as every citizen form starts, and the organisation block.
    "ho_ten": lambda ctx, f: ctx.applicant.name,
    "so_dinh_danh": lambda ctx, f: ctx.applicant.personal_id,
    "dien_thoai": lambda ctx, f: (ctx.organisation or ctx.applicant).phone,
    "email": lambda ctx, f: (ctx.organisation or ctx.applicant).email
    if f.required or ctx.rng.random() < 0.7 else None,
    "xa_phuong": lambda ctx, f: ctx.commune_code,
    "dia_chi": lambda ctx, f: ctx.street,
    "ten_to_chuc": lambda ctx, f: ctx.organisation.name,
    "ma_so_thue": lambda ctx, f: ctx.organisation.tax_code,
    "nguoi_dai_dien": lambda ctx, f: ctx.representative().name,
    "so_dinh_danh_nguoi_dai_dien": lambda ctx, f: ctx.representative().personal_id,
    "xa_phuong_tru_so": lambda ctx, f: ctx.commune_code,
    "dia_chi_tru_so": lambda ctx, f: ctx.street,
    # Civil status.
    "quan_he": lambda ctx, f: ("cha" if ctx.applicant.male else "me")
    if "ho_ten_tre" in ctx.names else "con",
    "ho_ten_tre": _child_name,
    "ngay_sinh": _birth,
    "gioi_tinh": _gender,
    "noi_sinh": lambda ctx, f: ctx.rng.choice(HOSPITALS) if "ho_ten_tre" in ctx.names
    else BIRTH_PLACES.get(ctx.applicant.personal_id[:3], "Thành phố Hà Nội"),
    "dan_toc": lambda ctx, f: ctx.rng.choices(("Kinh", "Mường", "Tày"), weights=(95, 3, 2))[0],
    "quoc_tich": lambda ctx, f: _worker(ctx)[1] if "ho_ten_nld" in ctx.names else "Việt Nam",
    "ho_ten_me": lambda ctx, f: _mother(ctx).name,
    "so_dinh_danh_me": lambda ctx, f: _mother(ctx).personal_id,
    "ho_ten_cha": lambda ctx, f: _father(ctx).name,
    "so_ban_sao": lambda ctx, f: ctx.rng.randint(1, 3),
    "ho_ten_nu": lambda ctx, f: _bride(ctx).name,
    "so_dinh_danh_nu": lambda ctx, f: _bride(ctx).personal_id,
    "ngay_sinh_nu": lambda ctx, f: _bride(ctx).birth.isoformat(),
    "ho_ten_nam": lambda ctx, f: _groom(ctx).name,
    "so_dinh_danh_nam": lambda ctx, f: _groom(ctx).personal_id,
    "ngay_sinh_nam": lambda ctx, f: _groom(ctx).birth.isoformat(),
    "ngay_hen": lambda ctx, f: ctx.days_ahead(3, 10) if ctx.rng.random() < 0.5 else None,
    "ho_ten_nguoi_chet": lambda ctx, f: _deceased(ctx).name,
    "so_dinh_danh_nguoi_chet": lambda ctx, f: _deceased(ctx).personal_id,
    "ngay_chet": lambda ctx, f: ctx.days_ago(1, 14),
    "noi_chet": lambda ctx, f: ctx.rng.choice((*HOSPITALS[2:], f"Tại nhà riêng, {ctx.street}")),
    "nguyen_nhan": _pick("Tuổi cao, sức yếu", "Bệnh hiểm nghèo", "Đột quỵ"),
    "ho_ten_nguoi_duoc_cap": lambda ctx, f: ctx.applicant.name,
    "ngay_dang_ky": lambda ctx, f: (ctx.applicant.birth + timedelta(days=20)).isoformat(),
    "tinh_trang": lambda ctx, f: ctx.rng.choices(
        ("chua_ket_hon", "da_ly_hon", "vo_chong_chet", "dang_co_vo_chong"), weights=(80, 12, 3, 5)
    )[0],
    "muc_dich": _purpose,
    "muc_dich_khac": _other_purpose,
    "ho_ten_nguoi_duoc_dk": lambda ctx, f: ctx.applicant.name,
    "ho_ten_nguoi_duoc_nhan": _child_name,
    "nguoi_duoc_giam_ho": _child_name,
    "noi_dung": lambda ctx, f: REQUESTS.get(ctx.procedure_code, "Đề nghị cơ quan xem xét, "
                                            "giải quyết theo quy định."),
    "loai_phieu": lambda ctx, f: ctx.rng.choices(("so_1", "so_2"), weights=(85, 15))[0],
    "so_luong": lambda ctx, f: ctx.rng.randint(1, 2),
    "doi_tuong_giam": lambda ctx, f: ctx.rng.random() < 0.1,
    # Construction, planning, land.
    "dia_diem": lambda ctx, f: ctx.site_street,
    "so_gcn": lambda ctx, f: f"{ctx.rng.choice(('CH', 'CS', 'DA', 'BK', 'CY'))} "
    f"{ctx.rng.randrange(1_000_000):06d}",
    "dien_tich_dat": _site_area,
    "dien_tich_xay_dung": lambda ctx, f: round(ctx.values["dien_tich_dat"]
                                               * ctx.rng.uniform(0.6, 0.85), 1),
    "so_tang": _floors,
    "chieu_cao": lambda ctx, f: round(ctx.values["so_tang"] * 3.4 + ctx.rng.uniform(0.5, 2.5), 1),
    "don_vi_thiet_ke": lambda ctx, f: "Công ty TNHH Tư vấn Thiết kế Xây dựng "
    + ctx.rng.choice(people.COMPANY_NAMES),
    "so_giay_phep": lambda ctx, f: f"{ctx.rng.randint(100, 2999)}/GPXD",
    "ngay_cap": lambda ctx, f: ctx.days_ago(300, 370),
    "ly_do": lambda ctx, f: "Công trình chưa khởi công do chưa thu xếp được kinh phí."
    if ctx.procedure_code == "1.009974" else "Giấy chứng nhận bị rách, nhòe, không còn rõ nội dung.",
    "hang": lambda ctx, f: ctx.rng.choice([value for value, _label in f.choices]),
    "linh_vuc": _pick("Thiết kế kết cấu công trình dân dụng - công nghiệp",
                      "Giám sát thi công xây dựng công trình dân dụng", "Định giá xây dựng"),
    "so_nam_kinh_nghiem": _experience,
    "vi_tri": _position,
    "dien_tich": lambda ctx, f: round(ctx.rng.uniform(45, 300), 1),
    "so_to": lambda ctx, f: ctx.rng.randint(1, 60),
    "so_thua": lambda ctx, f: ctx.rng.randint(1, 400),
    "luu_luong": lambda ctx, f: ctx.rng.randint(20, 500),
    "so_gieng": lambda ctx, f: ctx.rng.randint(1, 3),
    # Transport.
    "so_gplx": lambda ctx, f: f"01{ctx.rng.randrange(10**10):010d}",
    "nhan_ket_qua": lambda ctx, f: "buu_chinh" if ctx.by_post else "truc_tiep",
    "bien_so": lambda ctx, f: f"{ctx.rng.choice(('29C', '29H', '30H', '30L'))}-"
    f"{ctx.rng.randint(100, 999)}.{ctx.rng.randint(10, 99)}",
    "tong_trong_luong": lambda ctx, f: round(ctx.rng.uniform(42, 110), 1),
    "tuyen_duong": lambda ctx, f: "Từ cảng cạn ICD Mỹ Đình theo Đại lộ Thăng Long đến Khu công "
    "nghệ cao Hòa Lạc; lưu hành từ 22 giờ đến 5 giờ sáng hôm sau.",
    # Business.
    "ten_tieng_viet": lambda ctx, f: _company_name(ctx),
    "ten_nuoc_ngoai": lambda ctx, f: _company_name(ctx, english=True)
    if ctx.rng.random() < 0.4 else None,
    "von_dieu_le": lambda ctx, f: ctx.rng.randint(2, 200) * 50_000_000,
    "nganh_nghe_chinh": lambda ctx, f: ctx.rng.choice(VSIC),
    "xa_phuong_moi": lambda ctx, f: ctx.rng.choice(ctx.communes),
    "dia_chi_moi": lambda ctx, f: people.street_address(ctx.rng, rural=False),
    "ngay_thay_doi": lambda ctx, f: ctx.days_ago(3, 20),
    "ten_ho_kinh_doanh": lambda ctx, f: _shop(ctx)[0],
    "nganh_nghe": lambda ctx, f: _shop(ctx)[1],
    "von_kinh_doanh": lambda ctx, f: ctx.rng.randint(3, 80) * 10_000_000,
    "so_lao_dong": lambda ctx, f: ctx.rng.randint(1, 8),
    "noi_dung_thay_doi": lambda ctx, f: "Bổ sung ngành, nghề kinh doanh và tăng vốn kinh doanh.",
    "dia_chi_co_so": lambda ctx, f: ctx.site_street,
    "loai_thuc_pham": _pick("Bánh kẹo", "Đồ uống không cồn", "Thực phẩm chế biến sẵn"),
    "ten_du_an": lambda ctx, f: f"Xưởng sản xuất của {ctx.organisation.name}"
    if ctx.organisation else f"Cơ sở sản xuất {ctx.applicant.given}",
    "chat_thai": lambda ctx, f: "Chất thải rắn sinh hoạt khoảng 50 kg/ngày; nước thải sinh hoạt "
    "khoảng 5 m³/ngày.",
    # Health, education, labour, social, culture, tourism, information.
    "van_bang": _pick("Bằng tốt nghiệp Bác sĩ đa khoa", "Bằng Dược sĩ đại học",
                      "Bằng Cử nhân Điều dưỡng"),
    "pham_vi": _pick("Khám bệnh, chữa bệnh đa khoa", "Khám bệnh, chữa bệnh chuyên khoa Nhi"),
    "ten_nha_thuoc": lambda ctx, f: f"Nhà thuốc {ctx.applicant.given} {ctx.rng.randint(1, 9)}",
    "dia_chi_nha_thuoc": lambda ctx, f: ctx.site_street,
    "truong": lambda ctx, f: ctx.rng.choice(UNIVERSITIES),
    "nam_tot_nghiep": _graduation,
    "so_ban": lambda ctx, f: ctx.rng.randint(1, 3),
    "ten_trung_tam": lambda ctx, f: f"Trung tâm Ngoại ngữ {ctx.rng.choice(people.COMPANY_NAMES)}",
    "so_phong_hoc": lambda ctx, f: ctx.rng.randint(4, 20),
    "ho_ten_hoc_sinh": _child_name,
    "lop": lambda ctx, f: ctx.rng.randint(int(f.minimum or 6), int(f.maximum or 9)),
    "truong_di": lambda ctx, f: ctx.rng.choice(SCHOOLS[:3]),
    "truong_den": lambda ctx, f: ctx.rng.choice(SCHOOLS[3:]),
    "ho_ten_nld": lambda ctx, f: _worker(ctx)[0],
    "so_ho_chieu": lambda ctx, f: f"M{ctx.rng.randrange(10**8):08d}",
    "tu_ngay": lambda ctx, f: ctx.days_ahead(20, 60),
    "den_ngay": lambda ctx, f: (date.fromisoformat(ctx.values["tu_ngay"])
                                + timedelta(days=ctx.rng.choice((365, 730)) - 1)).isoformat(),
    "so_bhxh": lambda ctx, f: f"01{ctx.rng.randrange(10**8):08d}",
    "ngay_nghi_viec": lambda ctx, f: ctx.days_ago(5, 60),
    "so_thang_dong": lambda ctx, f: ctx.rng.randint(12, 180),
    "so_tai_khoan": lambda ctx, f: f"Vietcombank - {ctx.rng.randrange(10**13):013d}",
    "doi_tuong": _social_group,
    "hoan_canh": lambda ctx, f: "Sống một mình, không có thu nhập ổn định, sức khỏe yếu.",
    "ten_co_so": lambda ctx, f: f"Karaoke {ctx.rng.choice(people.COMPANY_NAMES)}",
    "so_phong": lambda ctx, f: ctx.rng.randint(3, 20),
    "dien_tich_phong_nho_nhat": lambda ctx, f: ctx.rng.randint(20, 35),
    "ten_chuong_trinh": lambda ctx, f: f"Đêm nhạc {ctx.rng.choice(('Hà Nội mùa thu', 'Giai điệu quê hương', 'Tình khúc Trịnh'))}",  # noqa: E501
    "ngay_bieu_dien": lambda ctx, f: ctx.days_ahead(10, 40),
    "nguoi_phu_trach": lambda ctx, f: ctx.other("manager").name,
    "tien_ky_quy": lambda ctx, f: int(f.minimum or 100_000_000),
    "chung_chi": lambda ctx, f: f"Chứng chỉ nghiệp vụ hướng dẫn du lịch nội địa số "
    f"{ctx.rng.randint(100, 9999)}/CC",
    "ten_mien": lambda ctx, f: fold(ctx.organisation.brand if ctx.organisation else "tin tuc")
    .replace(" ", "") + "news.vn",
    "nguon_tin": lambda ctx, f: "Báo Hà Nội Mới, Báo Kinh tế và Đô thị (có văn bản chấp thuận).",
}  # fmt: skip
SITE_COMMUNES = {"xa_phuong_cong_trinh", "xa_phuong_lo_dat", "xa_phuong_thua_dat",
                 "xa_phuong_kinh_doanh", "xa_phuong_nha_thuoc"}  # fmt: skip


def _generic(ctx: FormContext, f: FormField) -> Any:
    """A value from the field's type and limits, for a field the demo has no recipe for."""
    rng = ctx.rng
    if f.choices:
        return rng.choice([value for value, _label in f.choices])
    if f.type == "boolean":
        return True if f.required else rng.random() < 0.3
    if f.type in ("integer", "number"):
        low = f.minimum if f.minimum is not None else 0
        high = f.maximum if f.maximum is not None else low + 50
        value = rng.uniform(low, high)
        return int(round(value)) if f.type == "integer" else round(value, 1)
    if f.widget == "date":
        return ctx.days_ago(30, 3 * 365)
    if f.widget == "commune":
        return ctx.site_code if f.name in SITE_COMMUNES else ctx.commune_code
    if f.widget == "personal-id":
        return ctx.other(f.name).personal_id
    if f.widget == "phone":
        return ctx.applicant.phone
    if f.widget == "tax-code":
        return ctx.organisation.tax_code if ctx.organisation else people.tax_code(rng)
    if f.widget == "email":
        return ctx.applicant.email
    return "Theo hồ sơ kèm theo."


def fill(schema: dict, ctx: FormContext) -> dict[str, Any]:
    """Values for every field of `schema` (optional ones now and then), checked by clean_data."""
    if not schema:
        return {}
    fields = form_fields(schema)
    ctx.names = {f.name for f in fields}
    ctx.schema = schema
    data: dict[str, Any] = {}
    for f in fields:
        producer = VALUES.get(f.name)
        if f.name in SITE_COMMUNES:
            value = ctx.site_code
        elif not f.required and producer is None and ctx.rng.random() < 0.4:
            value = None
        else:
            value = (producer or _generic)(ctx, f)
        if value is None:
            continue
        if isinstance(value, str) and f.max_length:
            value = value[: f.max_length]
        data[f.name] = ctx.values[f.name] = value
    cleaned, errors = clean_data(schema, data)
    if errors:
        raise ValueError(f"demo e-form data for {ctx.procedure_code} refused: {errors}")
    return cleaned
