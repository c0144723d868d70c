"""Who may sign a dossier's results: the system's worker (actor None) or an administrator
re-running it, and only for a dossier whose result is decided. Who may renew (revoke) a
result's public link: the receiving agency's result-return officials, a leader of the
receiving or the responsible agency (who decided it), or an administrator."""

from __future__ import annotations

from django.utils.translation import gettext as _

from motcua.agencies.choices import Role
from motcua.agencies.selectors import may_act_for
from motcua.dossiers.choices import DossierStatus
from motcua.dossiers.errors import DossierError, NotAllowed


def check_may_sign(actor, dossier) -> None:
    if actor is not None and not getattr(actor, "is_superuser", False):
        raise DossierError(_("Chỉ hệ thống mới ký số kết quả."), field="actor")
    if dossier.status not in (DossierStatus.DECIDED, DossierStatus.RETURNED):
        raise DossierError(_("Hồ sơ chưa có kết quả để ký số."), field="status")


def check_may_renew_link(actor, dossier) -> None:
    if getattr(actor, "is_superuser", False):
        return
    receiving, responsible = dossier.receiving_agency, dossier.responsible_agency
    allowed = actor is not None and (
        may_act_for(actor, Role.RESULT_RETURN, receiving)
        or any(
            may_act_for(actor, Role.UNIT_LEADER, agency)
            for agency in (receiving, responsible)
            if agency is not None
        )
    )
    if not allowed:
        raise NotAllowed(
            _(
                "Chỉ cán bộ trả kết quả của cơ quan tiếp nhận hoặc lãnh đạo cơ quan giải quyết "
                "mới đổi được liên kết tải kết quả."
            ),
            field="actor",
        )
