"""The compact shape in which the demo procedures are written, and the shared tables
(fields, internal process templates) they refer to."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from motcua.agencies.choices import Role
from motcua.catalog.choices import (
    ApplicantType,
    FeeCategory,
    FeeKind,
    OnlineClass,
    StepUnit,
    TimeUnit,
)

WD, WH, CD = TimeUnit.WORKING_DAYS, TimeUnit.WORKING_HOURS, TimeUnit.CALENDAR_DAYS
FULL, PARTIAL, NONE = OnlineClass.FULL, OnlineClass.PARTIAL, OnlineClass.NONE
CITIZEN = ApplicantType.CITIZEN
FOREIGNER = ApplicantType.FOREIGNER
OVERSEAS = ApplicantType.OVERSEAS_VIETNAMESE
ENTERPRISE = ApplicantType.ENTERPRISE
ORGANISATION = ApplicantType.ORGANISATION
COOPERATIVE = ApplicantType.COOPERATIVE
PERSONS = (CITIZEN, FOREIGNER, OVERSEAS)
BUSINESSES = (ENTERPRISE, COOPERATIVE, ORGANISATION)

# Fields (lĩnh vực). The codes are local, readable codes for the demo, not the national
# database's field codes.
FIELDS: dict[str, str] = {
    "HOTICH": "Hộ tịch",
    "CHUNGTHUC": "Chứng thực",
    "LLTP": "Lý lịch tư pháp",
    "XAYDUNG": "Hoạt động xây dựng",
    "QHKT": "Quy hoạch - Kiến trúc",
    "DUONGBO": "Đường bộ",
    "DKKD": "Thành lập và hoạt động của doanh nghiệp",
    "HKD": "Thành lập và hoạt động của hộ kinh doanh",
    "LUUTHONG": "Lưu thông hàng hóa trong nước",
    "ATTP": "An toàn thực phẩm",
    "DATDAI": "Đất đai",
    "TNNUOC": "Tài nguyên nước",
    "MOITRUONG": "Môi trường",
    "KCB": "Khám bệnh, chữa bệnh",
    "DUOC": "Dược phẩm",
    "GDDT": "Giáo dục và Đào tạo",
    "VANBANG": "Văn bằng, chứng chỉ",
    "VIECLAM": "Việc làm",
    "BTXH": "Bảo trợ xã hội",
    "VANHOA": "Văn hóa",
    "NTBD": "Nghệ thuật biểu diễn",
    "LUHANH": "Lữ hành",
    "TONGIAO": "Tôn giáo Chính phủ",
    "TTDT": "Phát thanh, truyền hình và thông tin điện tử",
}

# Internal processes: (step name, unit, role, share of the time limit in percent).
Step = tuple[str, str, str, int]
PROCESSES: dict[str, tuple[Step, ...]] = {
    "commune": (
        ("Tiếp nhận, kiểm tra hồ sơ", StepUnit.RECEIVING, Role.RECEPTION, 10),
        ("Thẩm định hồ sơ, đề xuất kết quả", StepUnit.RESPONSIBLE_UNIT, Role.SPECIALIST, 60),
        ("Xem xét, ký kết quả", StepUnit.RESPONSIBLE_LEADER, Role.UNIT_LEADER, 20),
        ("Trả kết quả", StepUnit.RECEIVING, Role.RESULT_RETURN, 10),
    ),
    "same_day": (
        ("Tiếp nhận, kiểm tra hồ sơ", StepUnit.RECEIVING, Role.RECEPTION, 25),
        ("Thực hiện, ghi sổ", StepUnit.RESPONSIBLE_UNIT, Role.SPECIALIST, 50),
        ("Ký, đóng dấu", StepUnit.RESPONSIBLE_LEADER, Role.UNIT_LEADER, 25),
    ),
    "province": (
        ("Tiếp nhận hồ sơ tại Trung tâm Phục vụ hành chính công", StepUnit.RECEIVING,
         Role.RECEPTION, 5),
        ("Thẩm định hồ sơ", StepUnit.RESPONSIBLE_UNIT, Role.SPECIALIST, 55),
        ("Lãnh đạo phòng kiểm tra, trình ký", StepUnit.RESPONSIBLE_UNIT, Role.UNIT_LEADER, 15),
        ("Lãnh đạo Sở phê duyệt", StepUnit.RESPONSIBLE_LEADER, Role.UNIT_LEADER, 20),
        ("Trả kết quả", StepUnit.RECEIVING, Role.RESULT_RETURN, 5),
    ),
    "interagency": (
        ("Tiếp nhận hồ sơ", StepUnit.RECEIVING, Role.RECEPTION, 5),
        ("Thẩm định hồ sơ", StepUnit.RESPONSIBLE_UNIT, Role.SPECIALIST, 40),
        ("Lấy ý kiến, xác định nghĩa vụ tài chính (liên thông)", StepUnit.COORDINATING,
         Role.SPECIALIST, 30),
        ("Phê duyệt kết quả", StepUnit.RESPONSIBLE_LEADER, Role.UNIT_LEADER, 20),
        ("Trả kết quả", StepUnit.RECEIVING, Role.RESULT_RETURN, 5),
    ),
    "police": (
        ("Tiếp nhận, đối chiếu hồ sơ", StepUnit.RECEIVING, Role.RECEPTION, 20),
        ("Kiểm tra, in giấy phép", StepUnit.RESPONSIBLE_UNIT, Role.SPECIALIST, 60),
        ("Duyệt, ký", StepUnit.RESPONSIBLE_LEADER, Role.UNIT_LEADER, 20),
    ),
}  # fmt: skip


@dataclass(frozen=True)
class Doc:
    name: str
    form: str = ""
    originals: int = 1
    copies: int = 0
    required: bool = True
    note: str = ""


def doc(name: str, form: str = "", *, copy: bool = False, optional: bool = False,
        note: str = "") -> Doc:  # fmt: skip
    """A document: an original by default, a copy (bản sao) with copy=True."""
    return Doc(name, form, 0 if copy else 1, 1 if copy else 0, not optional, note)


@dataclass(frozen=True)
class Case:
    code: str
    name: str
    limit: Decimal | int | str
    unit: str
    docs: tuple[Doc, ...]
    note: str = ""


@dataclass(frozen=True)
class FeeSpec:
    name: str
    amount: int = 0
    kind: str = FeeKind.FIXED
    category: str = FeeCategory.CHARGE
    unit: str = "đồng"
    tiers: tuple[dict[str, Any], ...] = ()
    case: str = ""
    description: str = ""
    code: str = ""


def charge(name: str, amount: int, description: str = "", **kw) -> FeeSpec:
    return FeeSpec(name, amount, description=description, **kw)


def fee(name: str, amount: int, description: str = "", **kw) -> FeeSpec:
    return FeeSpec(name, amount, category=FeeCategory.FEE, description=description, **kw)


@dataclass(frozen=True)
class Spec:
    """One demo procedure. `agency` is a department key for city-level procedures and empty
    for commune-level ones (implemented by every commune). `verified` says whether the code,
    time limit and fees are as published to our knowledge; when False, `source` says so."""

    code: str
    name: str
    field: str
    level: str  # "commune" or "province"
    applicants: tuple[str, ...]
    channels: str  # letters: C counter, O online, P post
    service_level: int
    online_class: str
    cases: tuple[Case, ...]
    results: tuple[str, ...]
    legal: tuple[str, ...]
    source: str
    agency: str = ""
    process: str = "commune"
    fees: tuple[FeeSpec, ...] = ()
    conditions: str = ""
    description: str = ""
    result_delivery: str = ""
    effective_from: date = date(2025, 7, 1)
    integrated: bool = False
    verified: bool = True
    eform: dict[str, Any] | None = None  # replaces each case's first document (its declaration)
    unit_type: str = ""  # overrides the unit the field's table names


# Which unit inside the implementing agency does the work (Agency.unit_type, see hanoi.py).
COMMUNE_UNIT_TYPES = {
    "HOTICH": "ho-tich", "CHUNGTHUC": "ho-tich",
    "XAYDUNG": "kinh-te", "HKD": "kinh-te", "LUUTHONG": "kinh-te", "DATDAI": "kinh-te",
    "MOITRUONG": "kinh-te",
    "GDDT": "van-hoa-xa-hoi", "BTXH": "van-hoa-xa-hoi", "VANHOA": "van-hoa-xa-hoi",
    "TONGIAO": "van-hoa-xa-hoi",
}  # fmt: skip
PROVINCE_UNIT_TYPES = {
    "LLTP": "ly-lich-tu-phap", "XAYDUNG": "cap-phep-xay-dung", "QHKT": "quy-hoach",
    "DUONGBO": "van-tai", "DKKD": "dang-ky-kinh-doanh", "ATTP": "thuong-mai",
    "DATDAI": "dang-ky-dat-dai", "TNNUOC": "tai-nguyen-nuoc", "KCB": "hanh-nghe-y",
    "DUOC": "duoc", "VANBANG": "van-bang", "GDDT": "giao-duc-thuong-xuyen",
    "VIECLAM": "viec-lam", "NTBD": "van-hoa", "LUHANH": "lu-hanh",
    "TTDT": "thong-tin-dien-tu",
}  # fmt: skip


def unit_type_for(spec: Spec) -> str:
    if spec.unit_type:
        return spec.unit_type
    if spec.level == "commune":
        return COMMUNE_UNIT_TYPES[spec.field]
    return PROVINCE_UNIT_TYPES[spec.field]


UNVERIFIED_NOTE = (
    " Dữ liệu mẫu: mã thủ tục, thời hạn hoặc mức phí là giả định hợp lý, cần đối chiếu "
    "Cơ sở dữ liệu quốc gia về TTHC trước khi dùng thật."
)


def source_text(spec: Spec) -> str:
    text = spec.source
    if not spec.verified:
        text += UNVERIFIED_NOTE
    return text
