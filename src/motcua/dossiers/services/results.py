"""Returning the result to the applicant."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from motcua.dossiers.choices import Action, DossierStatus, ReturnChannel
from motcua.dossiers.errors import DossierError
from motcua.dossiers.models import Dossier
from motcua.dossiers.policies import can_return_result, check
from motcua.dossiers.services.base import check_allowed, lock, now_or, record


def return_result(
    dossier: Dossier,
    *,
    actor,
    channel: str,
    collected_by_name: str = "",
    collected_by_id_number: str = "",
    now=None,
    expected_version=None,
) -> Dossier:
    """Hand the result over: at the counter to a person whose identity document was checked,
    online, or by post."""
    now = now_or(now)
    if channel not in ReturnChannel.values:
        raise DossierError(_("Hình thức trả kết quả không hợp lệ."), field="channel")
    errors = {}
    if len(collected_by_name) > 300:
        errors["collected_by_name"] = [_("Họ tên người nhận tối đa 300 ký tự.")]
    if len(collected_by_id_number) > 50:
        errors["collected_by_id_number"] = [_("Số giấy tờ tùy thân tối đa 50 ký tự.")]
    if channel == ReturnChannel.COUNTER:
        if not collected_by_name.strip():
            errors["collected_by_name"] = [_("Hãy nhập họ tên người nhận kết quả.")]
        if not collected_by_id_number.strip():
            errors["collected_by_id_number"] = [
                _("Hãy nhập số giấy tờ tùy thân đã kiểm tra của người nhận.")
            ]
        if errors:
            raise DossierError(_("Thiếu thông tin người nhận kết quả."), errors=errors)
    if errors:
        raise DossierError(_("Thông tin người nhận kết quả chưa hợp lệ."), errors=errors)
    with transaction.atomic():
        dossier = lock(dossier, expected_version)
        check(can_return_result(actor, dossier))
        check_allowed(dossier, Action.RETURN_RESULT)
        dossier.status = DossierStatus.RETURNED
        dossier.returned_at = now
        dossier.closed_at = now
        dossier.return_channel = channel
        dossier.collected_by_name = collected_by_name.strip()
        dossier.collected_by_id_number = collected_by_id_number.strip()
        record(
            dossier,
            actor=actor,
            action=Action.RETURN_RESULT,
            from_status=DossierStatus.DECIDED,
            now=now,
            data={
                "channel": channel,
                "collected_by": dossier.collected_by_name,
                "id_number": dossier.collected_by_id_number,
            },
        )
    return dossier
