"""The text `make demo` prints before the server starts: where to go and who to be."""

from __future__ import annotations

from django.utils import timezone

from motcua.accounts.models import User
from motcua.agencies.choices import Role
from motcua.agencies.models import RoleGrant
from motcua.demo.accounts import ACCOUNTS, DEMO_PASSWORD
from motcua.demo.todo import owned, waiting_for


def banner_lines(port: str) -> list[str]:
    base = f"http://127.0.0.1:{port}"
    lines = [
        "=" * 78,
        "Motcua — bản trình diễn với dữ liệu mẫu Thành phố Hà Nội",
        "=" * 78,
        f"  Cổng dịch vụ công (người dân):  {base}/",
        f"  Văn phòng một cửa (cán bộ):     {base}/admin/  (giao diện riêng cho cán bộ sẽ có sau)",
        f"  Trang quản trị:                 {base}/admin/",
        f"  Tài liệu API:                   {base}/api/v1/docs",
        "",
        f"Tài khoản mẫu (mật khẩu chung: {DEMO_PASSWORD}):",
    ]
    grants = {
        grant.user.username: grant
        for grant in RoleGrant.objects.select_related("user", "agency").filter(
            user__username__in=[account.username for account in ACCOUNTS]
        )
    }
    users = {
        user.username: user
        for user in User.objects.filter(username__in=[a.username for a in ACCOUNTS])
    }
    now = timezone.now()
    for account in ACCOUNTS:
        grant = grants.get(account.username)
        try_first = account.try_first
        if grant is not None:
            who = f"{grant.get_role_display()} — {grant.agency.name}"
            waiting = waiting_for(grant, now)
            if waiting:
                try_first = waiting[0].upper() + waiting[1:]
        elif account.role:
            who = str(Role(account.role).label)
        elif account.organisation_name:
            who = f"Tổ chức — {account.organisation_name} (MST {account.tax_code})"
        else:
            who = f"Công dân (số định danh {account.personal_id})"
        if grant is None and account.username in users:
            mine = owned(users[account.username], now)
            if mine:
                try_first = f"{try_first} Ngoài ra, {mine}"
        missing = "" if account.username in users else "  [chưa nạp: chạy manage.py load_demo]"
        lines.append(f"  {account.username:<20} {account.full_name} — {who}{missing}")
        lines.append(f"  {'':<20} Thử trước: {try_first}")
    others = (
        User.objects.filter(is_staff=True, role_grants__isnull=False)
        .exclude(username__in=[account.username for account in ACCOUNTS])
        .distinct()
        .count()
    )
    if others:
        lines.append(
            f"  Cùng mật khẩu: {others} cán bộ khác của các xã, phường, chi nhánh và sở đã xử lý "
            "hồ sơ mẫu (danh sách trong /admin/)."
        )
    lines += [
        "",
        "Mã định danh cơ quan trong dữ liệu mẫu chỉ để minh họa, không phải mã chính thức.",
        "=" * 78,
    ]
    return lines
