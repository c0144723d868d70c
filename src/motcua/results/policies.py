"""Who may sign a dossier's results: the system's worker (actor None) or an administrator
re-running it, and only for a dossier whose result is decided."""

from __future__ import annotations

from django.utils.translation import gettext as _

from motcua.dossiers.choices import DossierStatus
from motcua.dossiers.errors import DossierError


def check_may_sign(actor, dossier) -> None:
    if actor is not None and not getattr(actor, "is_superuser", False):
        raise DossierError(_("Chỉ hệ thống mới ký số kết quả."), field="actor")
    if dossier.status not in (DossierStatus.DECIDED, DossierStatus.RETURNED):
        raise DossierError(_("Hồ sơ chưa có kết quả để ký số."), field="status")
