"""Who may change reference data. Each guard returns a refusal (a sentence for the person) or
None; the services call them, and the admin asks the same guards before it offers a change.

- Roles and the agency tree: a system administrator whose grant covers the agency concerned.
  Granting a role "with its subtree", or moving an agency (which moves its whole subtree),
  needs a grant that covers that whole subtree: the administrator's own grant with its subtree,
  on the agency or above it.
- Procedures and the working calendar: a catalog administrator of the whole province, that is
  one holding the role with its subtree on a top agency (the People's Committee). Both are
  province-wide: a procedure is published once for every agency that carries it out, and a day
  added to or removed from the calendar moves the deadlines of every agency. The calendar goes
  with the catalog rather than with the system administrator because it is the other half of
  every time limit the catalog administrator keeps, and is announced by the same office.

A superuser passes every guard, as `selectors.agencies_for` lets them act for every agency.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from motcua.agencies.choices import Role
from motcua.agencies.models import Agency, RoleGrant


def _is_active(actor) -> bool:
    return bool(getattr(actor, "is_authenticated", False) and actor.is_active)


def covers(actor, role: str, agency: Agency, *, whole_subtree: bool) -> bool:
    """Whether `actor` holds `role` on `agency` (`whole_subtree`: on all of its subtree)."""
    if not _is_active(actor):
        return False
    if actor.is_superuser:
        return True
    above = [agency.path[: end + 1] for end, ch in enumerate(agency.path) if ch == "/"]
    grants = RoleGrant.objects.filter(user=actor, role=role)
    if grants.filter(includes_subtree=True, agency__path__in=above).exists():
        return True
    return not whole_subtree and grants.filter(agency_id=agency.pk).exists()


def province_wide(actor, role: str) -> bool:
    """Whether `actor` holds `role` with its subtree on a top agency (or is a superuser)."""
    if not _is_active(actor):
        return False
    if actor.is_superuser:
        return True
    return RoleGrant.objects.filter(
        user=actor, role=role, includes_subtree=True, agency__parent__isnull=True
    ).exists()


def refuse_role_change(actor, agency: Agency, *, includes_subtree: bool) -> str | None:
    """Granting or revoking a role on `agency`."""
    if covers(actor, Role.SYSTEM_ADMIN, agency, whole_subtree=includes_subtree):
        return None
    return _(
        "Chỉ quản trị hệ thống của “%(agency)s” (kể cả các đơn vị trực thuộc khi vai trò áp dụng "
        "cho cả cấp dưới) mới được cấp hoặc thu hồi vai trò tại đây."
    ) % {"agency": agency.name}


def refuse_move(actor, agency: Agency, new_parent: Agency | None) -> str | None:
    """Moving `agency` (with its subtree) under `new_parent` (None: to the top)."""
    if not covers(actor, Role.SYSTEM_ADMIN, agency, whole_subtree=True):
        return _(
            "Chỉ quản trị hệ thống của “%(agency)s” và mọi đơn vị trực thuộc mới được chuyển "
            "cơ quan này."
        ) % {"agency": agency.name}
    if new_parent is None:
        if not _is_active(actor) or not actor.is_superuser:
            return _("Chỉ quản trị viên cao nhất mới được đưa một cơ quan lên cấp trên cùng.")
        return None
    if not covers(actor, Role.SYSTEM_ADMIN, new_parent, whole_subtree=False):
        return _("Bạn không quản trị cơ quan cấp trên mới “%(agency)s”.") % {
            "agency": new_parent.name
        }
    return None


def refuse_catalog_change(actor) -> str | None:
    """Publishing, withdrawing, importing or editing a procedure."""
    if province_wide(actor, Role.CATALOG_ADMIN):
        return None
    return _("Chỉ quản trị danh mục thủ tục của toàn tỉnh, thành phố mới được thay đổi thủ tục.")


def refuse_calendar_change(actor) -> str | None:
    """Adding, changing or removing a day of the working calendar."""
    if province_wide(actor, Role.CATALOG_ADMIN):
        return None
    return _(
        "Chỉ quản trị danh mục thủ tục của toàn tỉnh, thành phố mới được điều chỉnh lịch làm việc."
    )
