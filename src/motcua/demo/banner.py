"""The text `make demo` prints before the server starts: where to go and who to be."""

from __future__ import annotations

from motcua.accounts.models import User
from motcua.agencies.models import RoleGrant
from motcua.demo.accounts import ACCOUNTS, DEMO_PASSWORD


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
    present = set(
        User.objects.filter(username__in=[a.username for a in ACCOUNTS]).values_list(
            "username", flat=True
        )
    )
    for account in ACCOUNTS:
        grant = grants.get(account.username)
        if grant is not None:
            who = f"{grant.get_role_display()} — {grant.agency.name}"
        elif account.organisation_name:
            who = f"Tổ chức — {account.organisation_name} (MST {account.tax_code})"
        else:
            who = f"Công dân (số định danh {account.personal_id})"
        missing = "" if account.username in present else "  [chưa nạp: chạy manage.py load_demo]"
        lines.append(f"  {account.username:<20} {account.full_name} — {who}{missing}")
        lines.append(f"  {'':<20} Thử trước: {account.try_first}")
    lines += [
        "",
        "Mã định danh cơ quan trong dữ liệu mẫu chỉ để minh họa, không phải mã chính thức.",
        "=" * 78,
    ]
    return lines
