"""Hanoi's agencies as organised since the 2025 reform (two-level local government).

The tree: the city People's Committee at the root; under it the city's Public Administration
Service Centre with its branches (they receive the dossiers of city-level procedures), the
departments (Sở) established on 1 March 2025 with the units the demo procedures need, the
City Police, and the 126 wards and communes of 1 July 2025, each with the commune-level
structure of Decree 150/2025/NĐ-CP (office, economic unit, culture-society unit, and the
commune's own public administration service centre).

The electronic identifier codes are ILLUSTRATIVE (code_is_official=False): they follow the
national shape and grouping (level-4 unit . level-3 unit . level-2 agency . province) but are
not taken from the official list, which must be loaded in a real deployment:

    000.00.00.H26   the city People's Committee
    000.00.DD.H26   a department or the service centre (DD = 01..39)
    000.UU.DD.H26   unit UU of department DD, or branch UU of the service centre
    000.KK.CC.H26   commune KK (01..50) of block CC (40, 41, 42), in the order of the
                    Statistics Office list
    00U.KK.CC.H26   unit U of that commune

Street addresses are given where they are well known; otherwise only the ward.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from motcua.agencies.choices import AgencyKind
from motcua.agencies.models import Agency, Commune
from motcua.agencies.places import read_communes

HANOI = "01"
PROVINCE_PART = "H26"
CITY = "Thành phố Hà Nội"
CENTRE_HOURS = "Thứ Hai – Thứ Sáu 8:00–17:00; sáng Thứ Bảy 8:00–12:00"
OFFICE_HOURS = "Thứ Hai – Thứ Sáu 8:00–12:00, 13:00–17:00"
COMMUNE_BLOCKS = (40, 41, 42)
COMMUNES_PER_BLOCK = 50


def agency_code(unit: int, sub: int, agency: int) -> str:
    return f"{unit:03d}.{sub:02d}.{agency:02d}.{PROVINCE_PART}"


@dataclass(frozen=True)
class Dept:
    key: str
    number: int
    name: str
    short_name: str
    address: str = ""
    commune: str = ""  # commune name for the address, when known
    units: tuple[tuple[str, str, str], ...] = ()  # (key, name, unit_type)
    receives_dossiers: bool = False
    kind: str = AgencyKind.DEPARTMENT


# Departments receive no dossiers themselves: since 2025 the city's procedures are received
# at the service centre and its branches. The City Police keeps its own counters (driving
# licences), so it receives.
DEPARTMENTS: tuple[Dept, ...] = (
    Dept("vp-ubnd", 1, "Văn phòng Ủy ban nhân dân Thành phố Hà Nội", "VP UBND TP",
         "79 Đinh Tiên Hoàng", "Phường Hoàn Kiếm", kind=AgencyKind.OTHER),
    Dept("so-noi-vu", 3, "Sở Nội vụ Thành phố Hà Nội", "Sở Nội vụ",
         "18B Lê Thánh Tông", "Phường Hoàn Kiếm",
         (("p-viec-lam", "Phòng Việc làm - An toàn lao động", "viec-lam"),
          ("tt-dvvl", "Trung tâm Dịch vụ việc làm Hà Nội", "dich-vu-viec-lam"))),
    Dept("so-tu-phap", 4, "Sở Tư pháp Thành phố Hà Nội", "Sở Tư pháp",
         "221 Trần Phú", "Phường Hà Đông",
         (("p-lltp", "Phòng Lý lịch tư pháp", "ly-lich-tu-phap"),
          ("p-hanh-chinh-tp", "Phòng Hành chính tư pháp", "hanh-chinh-tu-phap"))),
    Dept("so-tai-chinh", 5, "Sở Tài chính Thành phố Hà Nội", "Sở Tài chính",
         "16 Cát Linh", "Phường Ô Chợ Dừa",
         (("p-dkkd", "Phòng Đăng ký kinh doanh", "dang-ky-kinh-doanh"),)),
    Dept("so-cong-thuong", 6, "Sở Công Thương Thành phố Hà Nội", "Sở Công Thương",
         "331 Cầu Giấy", "Phường Cầu Giấy",
         (("p-qltm", "Phòng Quản lý thương mại", "thuong-mai"),)),
    Dept("so-nn-mt", 7, "Sở Nông nghiệp và Môi trường Thành phố Hà Nội", "Sở NN&MT",
         "18 Huỳnh Thúc Kháng", "Phường Láng",
         (("vp-dkdd", "Văn phòng đăng ký đất đai Hà Nội", "dang-ky-dat-dai"),
          ("p-tai-nguyen-nuoc", "Phòng Tài nguyên nước, khoáng sản và khí tượng thủy văn",
           "tai-nguyen-nuoc"))),
    Dept("so-xay-dung", 8, "Sở Xây dựng Thành phố Hà Nội", "Sở Xây dựng",
         "52 Lê Đại Hành", "Phường Hai Bà Trưng",
         (("p-qlhdxd", "Phòng Quản lý hoạt động xây dựng", "cap-phep-xay-dung"),
          ("p-qlvt", "Phòng Quản lý vận tải, phương tiện và người lái", "van-tai"))),
    Dept("so-khcn", 9, "Sở Khoa học và Công nghệ Thành phố Hà Nội", "Sở KH&CN",
         units=(("p-bcxb", "Phòng Báo chí, Xuất bản", "thong-tin-dien-tu"),)),
    Dept("so-vhtt", 10, "Sở Văn hóa và Thể thao Thành phố Hà Nội", "Sở VH&TT",
         "47 Hàng Dầu", "Phường Hoàn Kiếm",
         (("p-qlvh", "Phòng Quản lý văn hóa", "van-hoa"),)),
    Dept("so-gddt", 11, "Sở Giáo dục và Đào tạo Thành phố Hà Nội", "Sở GD&ĐT",
         "23 Quang Trung", "Phường Cửa Nam",
         (("p-qlt", "Phòng Quản lý thi và Kiểm định chất lượng giáo dục", "van-bang"),
          ("p-gdtx", "Phòng Giáo dục thường xuyên", "giao-duc-thuong-xuyen"))),
    Dept("so-y-te", 12, "Sở Y tế Thành phố Hà Nội", "Sở Y tế", "4 Sơn Tây", "",
         (("p-nv-y", "Phòng Nghiệp vụ Y", "hanh-nghe-y"), ("p-nv-duoc", "Phòng Nghiệp vụ Dược", "duoc"))),
    Dept("so-du-lich", 13, "Sở Du lịch Thành phố Hà Nội", "Sở Du lịch",
         "3 Lê Lai", "Phường Hoàn Kiếm",
         (("p-qllh", "Phòng Quản lý lữ hành", "lu-hanh"),)),
    Dept("so-qhkt", 14, "Sở Quy hoạch - Kiến trúc Thành phố Hà Nội", "Sở QH-KT",
         "31B Tràng Thi", "Phường Cửa Nam",
         (("p-qhkt", "Phòng Quản lý quy hoạch kiến trúc", "quy-hoach"),)),
    Dept("so-dttg", 15, "Sở Dân tộc và Tôn giáo Thành phố Hà Nội", "Sở DT&TG"),
    Dept("thanh-tra", 16, "Thanh tra Thành phố Hà Nội", "Thanh tra TP", kind=AgencyKind.OTHER),
    Dept("ban-cnc-kcn", 17, "Ban Quản lý Khu công nghệ cao và Khu công nghiệp Thành phố Hà Nội",
         "Ban QL KCNC và KCN", kind=AgencyKind.OTHER),
    Dept("cong-an", 20, "Công an Thành phố Hà Nội", "CATP", "87 Trần Hưng Đạo", "Phường Cửa Nam",
         (("pc08", "Phòng Cảnh sát giao thông", "giay-phep-lai-xe"),), receives_dossiers=True,
         kind=AgencyKind.OTHER),
)  # fmt: skip

CENTRE_NUMBER = 2
# Branches of the city's service centre, named after the area they serve. The first two
# are the ones opened first, at 258 Võ Chí Công and 85 Dịch Vọng Hậu; the centre ran 30
# branches from 1 July 2025, of which the demo keeps ten.
BRANCHES: tuple[tuple[int, str, str, str], ...] = (
    (1, "khu vực Tây Hồ", "258 Võ Chí Công", ""),
    (2, "khu vực Cầu Giấy", "85 Dịch Vọng Hậu", "Phường Cầu Giấy"),
    (3, "khu vực Hoàn Kiếm", "", "Phường Hoàn Kiếm"),
    (4, "khu vực Đống Đa", "", "Phường Đống Đa"),
    (5, "khu vực Hà Đông", "", "Phường Hà Đông"),
    (6, "khu vực Long Biên", "", "Phường Long Biên"),
    (7, "khu vực Đông Anh", "", "Xã Đông Anh"),
    (8, "khu vực Gia Lâm", "", "Xã Gia Lâm"),
    (9, "khu vực Sơn Tây", "", "Phường Sơn Tây"),
    (10, "khu vực Sóc Sơn", "", "Xã Sóc Sơn"),
)

# The commune-level structure of Decree 150/2025/NĐ-CP: (name, unit_type). The unit type tags
# let the internal process find the right unit (dossiers/routing.py): the office handles
# justice and civil status, the economic unit construction, land and business, the
# culture-society unit education, social protection, culture and religion.
OFFICE = ("Văn phòng Hội đồng nhân dân và Ủy ban nhân dân", "ho-tich")
CULTURE_SOCIETY = ("Phòng Văn hóa - Xã hội", "van-hoa-xa-hoi")
COMMUNE_UNITS_WARD = (OFFICE, ("Phòng Kinh tế, Hạ tầng và Đô thị", "kinh-te"), CULTURE_SOCIETY)
COMMUNE_UNITS_RURAL = (OFFICE, ("Phòng Kinh tế", "kinh-te"), CULTURE_SOCIETY)


@dataclass
class HanoiAgencies:
    """The agencies the rest of the demo refers to, by key."""

    root: Agency
    centre: Agency
    branches: list[Agency] = field(default_factory=list)
    departments: dict[str, Agency] = field(default_factory=dict)
    units: dict[str, Agency] = field(default_factory=dict)  # "so-xay-dung/p-qlhdxd"
    communes: list[Agency] = field(default_factory=list)
    commune_units: dict[str, list[Agency]] = field(default_factory=dict)  # by commune code


def _save(agency: Agency) -> Agency:
    agency.full_clean()
    agency.save()
    return agency


def _address(street: str, commune_name: str) -> str:
    return ", ".join(part for part in (street, commune_name, CITY) if part)


def hanoi_communes() -> list[dict[str, str]]:
    """Hanoi's 126 wards and communes in the order of the Statistics Office list."""
    return [row for row in read_communes() if row["province_code"] == HANOI]


def build_hanoi() -> HanoiAgencies:
    """Create Hanoi's agency tree; the caller runs it inside a transaction."""
    communes = {c.name: c for c in Commune.objects.filter(province_id=HANOI)}
    root = _save(
        Agency(
            code=agency_code(0, 0, 0),
            code_is_official=False,
            name="Ủy ban nhân dân Thành phố Hà Nội",
            short_name="UBND TP Hà Nội",
            kind=AgencyKind.PEOPLES_COMMITTEE,
            address=_address("79 Đinh Tiên Hoàng", "Phường Hoàn Kiếm"),
            commune=communes.get("Phường Hoàn Kiếm"),
            receives_dossiers=False,
        )
    )
    centre = _save(
        Agency(
            code=agency_code(0, 0, CENTRE_NUMBER),
            code_is_official=False,
            name="Trung tâm Phục vụ hành chính công Thành phố Hà Nội",
            short_name="TTPVHCC TP Hà Nội",
            kind=AgencyKind.SERVICE_CENTRE,
            parent=root,
            address=_address("258 Võ Chí Công", ""),
            phone="024.1022",
            receives_dossiers=True,
            counter_hours=CENTRE_HOURS,
        )
    )
    result = HanoiAgencies(root=root, centre=centre)
    for number, area, street, commune_name in BRANCHES:
        result.branches.append(
            _save(
                Agency(
                    code=agency_code(0, number, CENTRE_NUMBER),
                    code_is_official=False,
                    name=f"Chi nhánh số {number} Trung tâm Phục vụ hành chính công "
                    f"Thành phố Hà Nội ({area})",
                    short_name=f"Chi nhánh số {number}",
                    kind=AgencyKind.SERVICE_BRANCH,
                    parent=centre,
                    address=_address(street, commune_name),
                    commune=communes.get(commune_name),
                    receives_dossiers=True,
                    counter_hours=CENTRE_HOURS,
                )
            )
        )
    for dept in DEPARTMENTS:
        agency = _save(
            Agency(
                code=agency_code(0, 0, dept.number),
                code_is_official=False,
                name=dept.name,
                short_name=dept.short_name,
                kind=dept.kind,
                parent=root,
                address=_address(dept.address, dept.commune),
                commune=communes.get(dept.commune),
                receives_dossiers=dept.receives_dossiers,
                counter_hours=OFFICE_HOURS if dept.receives_dossiers else "",
            )
        )
        result.departments[dept.key] = agency
        for index, (unit_key, unit_name, unit_type) in enumerate(dept.units, start=1):
            result.units[f"{dept.key}/{unit_key}"] = _save(
                Agency(
                    code=agency_code(0, index, dept.number),
                    code_is_official=False,
                    name=unit_name,
                    kind=AgencyKind.UNIT,
                    unit_type=unit_type,
                    parent=agency,
                    address=agency.address,
                    commune=agency.commune,
                )
            )
    _build_communes(result, root, communes)
    return result


def _build_communes(result: HanoiAgencies, root: Agency, communes: dict[str, Commune]) -> None:
    for index, row in enumerate(hanoi_communes()):
        block = COMMUNE_BLOCKS[index // COMMUNES_PER_BLOCK]
        number = index % COMMUNES_PER_BLOCK + 1
        place = communes[row["commune_name"]]
        is_ward = row["commune_name"].startswith("Phường")
        agency = _save(
            Agency(
                code=agency_code(0, number, block),
                code_is_official=False,
                name=f"Ủy ban nhân dân {row['commune_name']}",
                short_name=f"UBND {row['commune_name']}",
                kind=AgencyKind.COMMUNE,
                parent=root,
                commune=place,
                address=_address("", row["commune_name"]),
                receives_dossiers=True,
                counter_hours=OFFICE_HOURS,
            )
        )
        result.communes.append(agency)
        unit_names = [
            *(COMMUNE_UNITS_WARD if is_ward else COMMUNE_UNITS_RURAL),
            (f"Trung tâm Phục vụ hành chính công {row['commune_name']}", "mot-cua"),
        ]
        units = []
        for unit_number, (unit_name, unit_type) in enumerate(unit_names, start=1):
            units.append(
                _save(
                    Agency(
                        code=agency_code(unit_number, number, block),
                        code_is_official=False,
                        name=unit_name,
                        kind=AgencyKind.UNIT,
                        unit_type=unit_type,
                        parent=agency,
                        commune=place,
                        address=agency.address,
                    )
                )
            )
        result.commune_units[place.code] = units
