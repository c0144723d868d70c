"""Demo accounts: one official per role, a citizen and an organisation, all with one known
password that the banner prints. Never load these into a real deployment."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, Permission
from django.utils.translation import gettext_lazy as _

from motcua.accounts.choices import AccountKind
from motcua.accounts.models import User
from motcua.agencies.choices import Role
from motcua.agencies.models import Agency, RoleGrant
from motcua.demo.hanoi import HanoiAgencies

DEMO_PASSWORD = "motcua-demo-2025"  # noqa: S105 - printed by the banner on purpose
CATALOG_GROUP = "Quản trị danh mục thủ tục"
DEMO_WARD = "Phường Hoàn Kiếm"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    full_name: str
    kind: str
    role: str = ""
    agency: str = ""  # "root", "centre", "ward", "so-xay-dung/p-qlhdxd"...
    subtree: bool = False
    title: str = ""
    try_first: str = ""  # what to try when nothing waits in the account's queues
    personal_id: str = ""
    tax_code: str = ""
    organisation_name: str = ""


OFFICIALS = AccountKind.OFFICIAL
ACCOUNTS: tuple[DemoAccount, ...] = (
    DemoAccount("tiepnhan", "Nguyễn Thị Thu Hà", OFFICIALS, Role.RECEPTION, "centre", True,
                "Chuyên viên Trung tâm Phục vụ hành chính công",
                _("tiếp nhận hồ sơ nộp trực tuyến tại Trung tâm và các chi nhánh")),
    DemoAccount("tiepnhan.hoankiem", "Đỗ Thị Lan Anh", OFFICIALS, Role.RECEPTION, "ward", True,
                "Công chức bộ phận một cửa",
                _("tiếp nhận hồ sơ khai sinh, kết hôn của Phường Hoàn Kiếm")),
    DemoAccount("chuyenvien.xd", "Trần Minh Đức", OFFICIALS, Role.SPECIALIST,
                "so-xay-dung/p-qlhdxd", False, "Chuyên viên",
                _("thẩm định hồ sơ cấp giấy phép xây dựng của Sở Xây dựng")),
    DemoAccount("lanhdao.xd", "Phạm Quốc Hưng", OFFICIALS, Role.UNIT_LEADER,
                "so-xay-dung/p-qlhdxd", False, "Trưởng phòng",
                _("duyệt kết quả hồ sơ giấy phép xây dựng do chuyên viên trình")),
    DemoAccount("chuyenvien.hoankiem", "Lê Thị Mai Phương", OFFICIALS, Role.SPECIALIST, "ward",
                True, "Công chức Văn phòng HĐND và UBND (tư pháp - hộ tịch)",
                _("xử lý hồ sơ hộ tịch, chứng thực của Phường Hoàn Kiếm")),
    DemoAccount("lanhdao.hoankiem", "Vũ Văn Thắng", OFFICIALS, Role.UNIT_LEADER, "ward", True,
                "Phó Chủ tịch UBND phường", _("ký duyệt kết quả hồ sơ của Phường Hoàn Kiếm")),
    DemoAccount("trakq", "Hoàng Thị Ngọc Ánh", OFFICIALS, Role.RESULT_RETURN, "centre", True,
                "Chuyên viên Trung tâm Phục vụ hành chính công",
                _("trả kết quả tại quầy hoặc qua bưu chính")),
    DemoAccount("quantri.danhmuc", "Bùi Thanh Tùng", OFFICIALS, Role.CATALOG_ADMIN, "root", True,
                "Chuyên viên Văn phòng UBND Thành phố",
                _("sửa một thủ tục trong mục “Danh mục thủ tục hành chính” (/admin/catalog/) rồi "
                  "xem nhật ký thay đổi của nó.")),
    DemoAccount("baocao", "Ngô Thị Hồng Nhung", OFFICIALS, Role.REPORT_READER, "root", True,
                "Lãnh đạo Văn phòng UBND Thành phố",
                _("xem mọi hồ sơ của Thành phố trong “Tất cả hồ sơ”, lọc hồ sơ quá hạn")),
    DemoAccount("admin", "Đặng Văn Khoa", OFFICIALS, Role.SYSTEM_ADMIN, "root", True,
                "Quản trị hệ thống", _("xem cây cơ quan, vai trò cán bộ và mọi dữ liệu; ở /can-bo/ "
                                  "tài khoản này thấy mọi hàng đợi.")),
    DemoAccount("congdan", "Nguyễn Văn An", AccountKind.CITIZEN,
                try_first=_("tìm thủ tục “đăng ký khai sinh” và xem hồ sơ cần nộp."),
                personal_id="001090012345"),
    DemoAccount("doanhnghiep", "Trần Thị Bích Ngọc", AccountKind.ORGANISATION,
                try_first=_("tìm thủ tục “đăng ký thành lập công ty” và nộp thử trực tuyến."),
                tax_code="0109876543", organisation_name="Công ty TNHH Thương mại Sông Hồng"),
)  # fmt: skip


def resolve_agency(key: str, agencies: HanoiAgencies) -> Agency:
    if key == "root":
        return agencies.root
    if key == "centre":
        return agencies.centre
    if key == "ward":
        return next(a for a in agencies.communes if a.commune.name == DEMO_WARD)
    return agencies.units[key]


def catalog_admin_group() -> Group:
    """A group holding every model permission of the catalog app."""
    group, _ = Group.objects.get_or_create(name=CATALOG_GROUP)
    group.permissions.set(Permission.objects.filter(content_type__app_label="catalog"))
    return group


def create_accounts(agencies: HanoiAgencies) -> int:
    group = catalog_admin_group()
    # One hash for every demo account: hashing is deliberately slow, and these accounts
    # share one published password anyway.
    password_hash = make_password(DEMO_PASSWORD)
    for spec in ACCOUNTS:
        is_official = spec.kind == AccountKind.OFFICIAL
        user = User(
            username=spec.username,
            full_name=spec.full_name,
            email=f"{spec.username}@demo.motcua.vn",
            kind=spec.kind,
            personal_id=spec.personal_id or None,
            tax_code=spec.tax_code,
            organisation_name=spec.organisation_name,
            is_staff=is_official,
            is_superuser=spec.role == Role.SYSTEM_ADMIN,
        )
        user.password = password_hash
        user.full_clean()
        user.save()
        if spec.role == Role.CATALOG_ADMIN:
            user.groups.add(group)
        if spec.role:
            grant = RoleGrant(
                user=user,
                agency=resolve_agency(spec.agency, agencies),
                role=spec.role,
                includes_subtree=spec.subtree,
                title=spec.title,
            )
            grant.full_clean()
            grant.save()
    return len(ACCOUNTS)


def create_authenticators() -> int:
    """Every official of the demo (a role, staff or superuser) gets an authenticator with the
    demo's published secret (accounts.second_factor.DEMO_TOTP_KEY), so that anyone trying the
    demo passes the second sign-in step: with DEMO_MODE on, the code page shows the current
    code, and the banner prints the secret for an authenticator app. API clients' service
    accounts never sign in with a password and get none."""
    from django.db.models import Q
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from motcua.accounts.second_factor import DEMO_TOTP_KEY, TOTP_NAME

    officials = (
        User.objects.filter(Q(role_grants__isnull=False) | Q(is_staff=True) | Q(is_superuser=True))
        .filter(api_client__isnull=True, totpdevice__isnull=True)
        .distinct()
        .values_list("pk", flat=True)
    )
    devices = [
        TOTPDevice(user_id=pk, name=TOTP_NAME, key=DEMO_TOTP_KEY, confirmed=True)
        for pk in officials
    ]
    TOTPDevice.objects.bulk_create(devices)
    return len(devices)
