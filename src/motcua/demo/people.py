"""Made-up but realistic applicants for the demo dossiers: Vietnamese names composed from
common family, middle and given names, 12-digit personal identification numbers, mobile
numbers, addresses on Hanoi's wards and communes, and organisations with tax codes.

Every value comes from the caller's random.Random, so a seed gives the same people.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from motcua.lib.text import fold

# Family names with rough shares of the population (percent).
FAMILY_NAMES: dict[str, float] = {
    "Nguyễn": 38, "Trần": 11, "Lê": 9.5, "Phạm": 7, "Hoàng": 5, "Phan": 4.5, "Vũ": 4,
    "Đặng": 2, "Bùi": 2, "Đỗ": 1.5, "Hồ": 1.3, "Ngô": 1.3, "Dương": 1, "Đinh": 0.8,
    "Trịnh": 0.7, "Đào": 0.7, "Lương": 0.5, "Mai": 0.5, "Tạ": 0.4, "Cao": 0.4, "Chu": 0.3,
    "Lưu": 0.3, "Kiều": 0.2, "Nghiêm": 0.2,
}  # fmt: skip
MIDDLE_MALE = ("Văn", "Đức", "Minh", "Quang", "Hữu", "Thanh", "Xuân", "Công", "Ngọc", "Trung",
               "Hoàng", "Mạnh", "Quốc", "Duy", "Tuấn", "Đình", "Gia", "Anh", "Thế", "Bá")  # fmt: skip
MIDDLE_FEMALE = ("Thị", "Thu", "Ngọc", "Thanh", "Minh", "Phương", "Hồng", "Thùy", "Khánh",
                 "Hải", "Bảo", "Diệu", "Mai", "Lan", "Kim", "Huyền")  # fmt: skip
GIVEN_MALE = ("An", "Anh", "Bình", "Cường", "Dũng", "Duy", "Đạt", "Đức", "Giang", "Hải",
              "Hiếu", "Hòa", "Hùng", "Huy", "Hưng", "Khánh", "Khoa", "Kiên", "Lâm", "Long",
              "Minh", "Nam", "Nghĩa", "Phong", "Phúc", "Quân", "Quang", "Sơn", "Thắng",
              "Thành", "Trung", "Tùng", "Tuấn", "Việt", "Vinh", "Hoàng", "Tiến", "Toàn")  # fmt: skip
GIVEN_FEMALE = ("Anh", "Châu", "Chi", "Dung", "Giang", "Hà", "Hạnh", "Hằng", "Hiền", "Hoa",
                "Huyền", "Hương", "Lan", "Linh", "Loan", "Mai", "My", "Nga", "Ngân", "Ngọc",
                "Nhung", "Oanh", "Phương", "Quỳnh", "Thảo", "Thủy", "Trang", "Uyên", "Vân",
                "Yến", "Thư", "Hậu")  # fmt: skip
# Where applicants were registered at birth (the first three digits of the personal ID):
# mostly Hanoi (001), then the provinces around it and Ho Chi Minh City.
BIRTH_PROVINCES: dict[str, float] = {
    "001": 70, "034": 4, "036": 4, "030": 3, "033": 3, "035": 2, "037": 2, "038": 3,
    "040": 3, "027": 2, "024": 1, "022": 1, "079": 2,
}  # fmt: skip
RURAL_HAMLETS = ("Đông", "Đoài", "Thượng", "Hạ", "Trung", "Nam", "Bắc", "Tiền", "Hậu", "An")
STREET_WORDS = ("phố", "đường")
# Names of Hanoi streets used only to make a plausible house address; the demo does not claim
# a street lies in the ward written beside it.
STREETS = ("Hàng Bạc", "Hàng Gai", "Lý Thường Kiệt", "Trần Hưng Đạo", "Kim Mã", "Đội Cấn",
           "Giải Phóng", "Láng Hạ", "Nguyễn Trãi", "Trường Chinh", "Cầu Giấy", "Xuân Thủy",
           "Nguyễn Văn Cừ", "Ngọc Lâm", "Lạc Long Quân", "Âu Cơ", "Quang Trung", "Tô Hiệu",
           "Minh Khai", "Bạch Mai", "Tam Trinh", "Kim Ngưu", "Hoàng Quốc Việt", "Phạm Văn Đồng")  # fmt: skip
EMAIL_DOMAINS = ("gmail.com", "gmail.com", "gmail.com", "yahoo.com", "outlook.com")
COMPANY_FORMS = ("Công ty TNHH", "Công ty TNHH", "Công ty Cổ phần", "Công ty TNHH MTV")
COMPANY_TRADES = ("Thương mại và Dịch vụ", "Xây dựng", "Đầu tư và Phát triển", "Công nghệ",
                  "Thực phẩm", "Du lịch", "Vận tải", "Tư vấn Thiết kế", "Giáo dục", "Dược phẩm",
                  "Xuất nhập khẩu", "Kiến trúc và Nội thất")  # fmt: skip
COMPANY_NAMES = ("Hồng Hà", "Sông Đà", "Tràng An", "Thăng Long", "Kim Liên", "Hoàng Gia",
                 "Minh Phát", "An Phú", "Việt Hưng", "Phú Thịnh", "Bình Minh", "Hà Thành",
                 "Đông Đô", "Long Biên", "Trúc Bạch", "Ngọc Khánh", "Tây Hồ", "Gia Lâm",
                 "Hưng Thịnh", "Thành Công")  # fmt: skip


@dataclass(frozen=True)
class Person:
    family: str
    middle: str
    given: str
    male: bool
    birth: date
    personal_id: str
    phone: str
    email: str

    @property
    def name(self) -> str:
        return " ".join(part for part in (self.family, self.middle, self.given) if part)


@dataclass(frozen=True)
class Organisation:
    name: str
    brand: str
    tax_code: str
    representative: Person
    phone: str
    email: str


def _weighted(rng: random.Random, table: dict[str, float]) -> str:
    return rng.choices(list(table), weights=list(table.values()))[0]


def personal_id(rng: random.Random, *, birth: date, male: bool, province: str = "") -> str:
    """A 12-digit personal identification number in the national layout: the province of
    birth registration (3 digits), the gender and century digit (0/1 for men/women born in
    the 1900s, 2/3 in the 2000s), the last two digits of the birth year, six random digits."""
    century = 0 if birth.year < 2000 else 2
    sex = century + (0 if male else 1)
    province = province or _weighted(rng, BIRTH_PROVINCES)
    return f"{province}{sex}{birth.year % 100:02d}{rng.randrange(1_000_000):06d}"


def phone(rng: random.Random) -> str:
    return f"09{rng.randrange(100_000_000):08d}"


def birth_date(rng: random.Random, *, on: date, youngest: int = 18, oldest: int = 75) -> date:
    year = on.year - rng.randint(youngest, oldest)
    return date(year, rng.randint(1, 12), rng.randint(1, 28))


def given_name(rng: random.Random, male: bool) -> tuple[str, str]:
    """(middle, given). Women's names sometimes carry two middle names: "Thị Thu Hà"."""
    if male:
        return rng.choice(MIDDLE_MALE), rng.choice(GIVEN_MALE)
    middle = rng.choice(MIDDLE_FEMALE)
    if middle == "Thị" and rng.random() < 0.3:
        middle = f"Thị {rng.choice(MIDDLE_FEMALE[1:])}"
    return middle, rng.choice(GIVEN_FEMALE)


def person(
    rng: random.Random,
    *,
    on: date,
    male: bool | None = None,
    family: str = "",
    youngest: int = 18,
    oldest: int = 75,
) -> Person:
    male = rng.random() < 0.5 if male is None else male
    family = family or _weighted(rng, FAMILY_NAMES)
    middle, given = given_name(rng, male)
    birth = birth_date(rng, on=on, youngest=youngest, oldest=oldest)
    handle = fold(f"{given}{family}{middle}").replace(" ", "")
    return Person(
        family=family,
        middle=middle,
        given=given,
        male=male,
        birth=birth,
        personal_id=personal_id(rng, birth=birth, male=male),
        phone=phone(rng),
        email=f"{handle}{birth.year % 100:02d}@{rng.choice(EMAIL_DOMAINS)}",
    )


def street_address(rng: random.Random, *, rural: bool) -> str:
    """The part of an address before the ward or commune."""
    if rural:
        return f"Thôn {rng.choice(RURAL_HAMLETS)}, xóm {rng.randint(1, 12)}"
    number = rng.randint(1, 220)
    if rng.random() < 0.5:
        return f"Số {number} {rng.choice(STREET_WORDS)} {rng.choice(STREETS)}"
    return f"Số {number}, ngõ {rng.randint(2, 180)}, tổ dân phố {rng.randint(1, 30)}"


def tax_code(rng: random.Random) -> str:
    """An enterprise code as Hanoi issues them (01 then eight digits)."""
    return f"01{rng.randrange(100_000_000):08d}"


def organisation(rng: random.Random, *, on: date) -> Organisation:
    trade, brand = rng.choice(COMPANY_TRADES), rng.choice(COMPANY_NAMES)
    name = f"{rng.choice(COMPANY_FORMS)} {trade} {brand}"
    representative = person(rng, on=on, youngest=28, oldest=65)
    initials = "".join(word[0] for word in fold(trade).split() if word != "va")
    slug = f"{fold(brand).replace(' ', '')}{initials}"
    return Organisation(
        name=name,
        brand=brand,
        tax_code=tax_code(rng),
        representative=representative,
        phone=phone(rng),
        email=f"lienhe@{slug}.vn",
    )
