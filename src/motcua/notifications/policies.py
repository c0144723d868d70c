"""Who may do what with notifications."""

from __future__ import annotations

from django.utils.translation import gettext as _

from motcua.agencies.choices import Role
from motcua.agencies.policies import province_wide
from motcua.dossiers.errors import NotAllowed


def can_edit_templates(actor) -> None:
    if not province_wide(actor, Role.SYSTEM_ADMIN):
        raise NotAllowed(_("Chỉ quản trị hệ thống cấp tỉnh mới được sửa mẫu thông báo."))


def can_manage_own(actor, user) -> None:
    if actor is None or not actor.is_authenticated or actor.pk != user.pk:
        raise NotAllowed(_("Chỉ chính người dùng mới được đổi cách nhận thông báo của mình."))
