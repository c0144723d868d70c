"""The text `make demo` prints before the server starts: where to go and who to be.

Officials work in the office (/can-bo/); what each demo official should try first there is
counted live from the office's own queues (todo.py). The catalog administrator and the system
administrator work in the Django admin (/admin/); citizens and organisations on the portal.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from motcua.accounts.models import User
from motcua.accounts.second_factor import DEMO_TOTP_KEY_BASE32
from motcua.agencies.choices import Role
from motcua.agencies.models import RoleGrant
from motcua.demo.accounts import ACCOUNTS, DEMO_PASSWORD, DemoAccount
from motcua.demo.todo import city_figures, owned, waiting_for
from motcua.workdays.services import get_calendar

INDENT = " " * 23


@dataclass(frozen=True)
class Links:
    """The demo's addresses, from the URL configuration."""

    base: str

    def __call__(self, name: str) -> str:
        return f"{self.base}{reverse(name)}"

    def optional(self, name: str) -> str:
        """The address of `name`, or "" while no such page exists."""
        try:
            return self(name)
        except NoReverseMatch:
            return ""


def _payment_simulator() -> str:
    """The control page of the payment gateway simulator the demo runs (Procfile)."""
    from urllib.parse import urlsplit

    from django.conf import settings

    parts = urlsplit(settings.PAYMENT_NATIONAL_URL)
    return f"{parts.scheme}://{parts.netloc}/control/"


def _notification_places() -> list[tuple[str, str]]:
    """Where the demo's notifications arrive: the SMS simulator's page and the mail folder."""
    from django.conf import settings

    places = []
    if settings.SMS_URL:
        places.append((_("Giả lập SMS (tin đã nhận)"), settings.SMS_URL.rstrip("/") + "/"))
    if settings.EMAIL_BACKEND.endswith("filebased.EmailBackend"):
        places.append((_("Thư điện tử đã gửi (thư mục)"), str(settings.EMAIL_FILE_PATH)))
    return places


def banner_lines(port: str) -> list[str]:
    link = Links(f"http://127.0.0.1:{port}")
    office_sign_in = _("đăng nhập: %(url)s") % {"url": link("office:login")}
    places = (
        (_("Cổng dịch vụ công (người dân)"), link("portal:home")),
        (_("Văn phòng một cửa (cán bộ)"), f"{link('office:home')}  ({office_sign_in})"),
        (_("Trang quản trị"), link("admin:index")),
        (_("Tài liệu API"), f"{link.base}/api/v1/docs"),
        (_("Giả lập cổng thanh toán"), _payment_simulator()),
        *_notification_places(),
    )
    lines = [
        "=" * 78,
        _("Motcua — bản trình diễn với dữ liệu mẫu Thành phố Hà Nội"),
        "=" * 78,
        *(f"  {label + ':':<31} {address}" for label, address in places),
        "",
        _("Tài khoản mẫu (mật khẩu chung: %(password)s):") % {"password": DEMO_PASSWORD},
        _(
            "Cán bộ đăng nhập hai bước: sau mật khẩu, trang “Mã xác thực” của bản trình diễn "
            "hiện mã hiện tại của tài khoản mẫu. Hoặc thêm khóa bí mật chung %(secret)s vào một "
            "ứng dụng xác thực (TOTP, 6 chữ số, 30 giây)."
        )
        % {"secret": DEMO_TOTP_KEY_BASE32},
    ]
    usernames = [account.username for account in ACCOUNTS]
    grants = {
        grant.user.username: grant
        for grant in RoleGrant.objects.select_related("user", "agency").filter(
            user__username__in=usernames
        )
    }
    users = {user.username: user for user in User.objects.filter(username__in=usernames)}
    for account in ACCOUNTS:
        grant = grants.get(account.username)
        user = users.get(account.username)
        missing = "" if user else "  " + _("[chưa nạp: chạy manage.py load_demo]")
        lines.append(
            f"  {account.username:<20} {account.full_name} — {_who(account, grant)}{missing}"
        )
        lines += [f"{INDENT}{line}" for line in _try_first(account, user, grant, link)]
    lines += _result_returners(grants)
    others = (
        User.objects.filter(is_staff=True, role_grants__isnull=False)
        .exclude(username__in=usernames)
        .distinct()
        .count()
    )
    if others:
        lines.append(
            "  "
            + ngettext(
                "Cùng mật khẩu: %(count)d cán bộ khác của các xã, phường, chi nhánh và sở đã "
                "xử lý hồ sơ mẫu (danh sách trong %(url)s).",
                "Cùng mật khẩu: %(count)d cán bộ khác của các xã, phường, chi nhánh và sở đã "
                "xử lý hồ sơ mẫu (danh sách trong %(url)s).",
                others,
            )
            % {"count": others, "url": link("admin:index")}
        )
    lines += [
        "",
        _("Mã định danh cơ quan trong dữ liệu mẫu chỉ để minh họa, không phải mã chính thức."),
        "=" * 78,
    ]
    return lines


def _result_returners(grants: dict[str, RoleGrant]) -> list[str]:
    """For each featured unit (where a demo account receives dossiers at the counter), the
    account that returns its results there: a demo account, or the official the demo made."""
    units = []
    for account in ACCOUNTS:
        grant = grants.get(account.username)
        if account.role == Role.RECEPTION and grant is not None and grant.agency not in units:
            units.append(grant.agency)
    if not units:
        return []
    lines = ["", _("Trả kết quả tại các đơn vị trên (cùng mật khẩu):")]
    for unit in units:
        returner = _returner_of(unit)
        who = (
            f"{returner.username} ({returner.get_full_name()})"
            if returner is not None
            else _("chưa có cán bộ trả kết quả")
        )
        lines.append(f"  {unit.name}: {who}")
    return lines


def _returner_of(unit) -> User | None:
    """The official granted result return on `unit`, or on an agency above it for its whole
    subtree; demo accounts first."""
    ancestors = [int(part) for part in unit.path.strip("/").split("/") if part]
    found = (
        RoleGrant.objects.filter(role=Role.RESULT_RETURN, user__is_active=True)
        .filter(Q(agency=unit) | Q(agency_id__in=ancestors, includes_subtree=True))
        .select_related("user")
    )
    demo_names = [account.username for account in ACCOUNTS]
    grants = sorted(found, key=lambda g: (g.user.username not in demo_names, g.pk))
    return grants[0].user if grants else None


def _who(account: DemoAccount, grant: RoleGrant | None) -> str:
    if grant is not None:
        return f"{grant.get_role_display()} — {grant.agency.name}"
    if account.role:
        return str(Role(account.role).label)
    if account.organisation_name:
        return _("Tổ chức — %(name)s (MST %(tax_code)s)") % {
            "name": account.organisation_name,
            "tax_code": account.tax_code,
        }
    return _("Công dân (số định danh %(id)s)") % {"id": account.personal_id}


def _try_first(account: DemoAccount, user, grant: RoleGrant | None, link: Links) -> list[str]:
    """What to try first, where: the office for officials (one line per queue), the admin for
    the administrators, the portal for citizens and organisations."""
    if account.role in (Role.CATALOG_ADMIN, Role.SYSTEM_ADMIN):
        return [
            _("Thử trước tại %(url)s: %(what)s")
            % {"url": link("admin:index"), "what": account.try_first}
        ]
    if not account.role:
        return [_citizen(account, user, link)]
    now, calendar = timezone.now(), get_calendar()
    parts: list[str] = []
    if user is not None and grant is not None:
        if grant.role == Role.REPORT_READER:
            figures = city_figures(user, calendar=calendar, now=now)
            parts = [figures] if figures else []
        else:
            parts = waiting_for(user, grant.role, calendar=calendar, now=now)
    if not parts:
        parts = [str(account.try_first)]
    if account.role == Role.RECEPTION:
        parts.append(_("nhận hồ sơ tại quầy: %(url)s") % {"url": link("office:reception")})
    if account.role in (Role.UNIT_LEADER, Role.REPORT_READER):
        parts.append(_("bảng theo dõi đơn vị: %(url)s") % {"url": link("office:load")})
    heading = _("Thử trước tại %(url)s:") % {"url": link("office:home")}
    return [heading, *(f"  – {part}" for part in parts)]


def _citizen(account: DemoAccount, user, link: Links) -> str:
    text = _("Thử trước trên cổng %(url)s: %(what)s") % {
        "url": link("portal:home"),
        "what": account.try_first,
    }
    sign_in = link.optional("portal:login")
    if sign_in:
        text += " " + _("Đăng nhập tại %(login)s rồi xem “Hồ sơ của tôi” (%(mine)s).") % {
            "login": sign_in,
            "mine": link("portal:my_dossiers"),
        }
    else:
        text += " " + _("Xem tình trạng một hồ sơ ở “Tra cứu hồ sơ” (%(url)s).") % {
            "url": link("portal:track")
        }
    mine = owned(user) if user is not None else ""
    if mine:
        text += " " + _("Ngoài ra, %(mine)s") % {"mine": mine}
    return text
