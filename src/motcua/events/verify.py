"""Checking audit chains: every link, every seal, and the dossier's head."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from motcua.events import chain
from motcua.events.models import AuditEvent
from motcua.events.services import audit_key


@dataclass(frozen=True)
class Break:
    dossier_id: int
    seq: int | None
    problem: str

    def __str__(self) -> str:
        where = f"#{self.seq}" if self.seq is not None else ""
        return f"dossier {self.dossier_id}{where}: {self.problem}"


def verify_dossier(dossier) -> list[Break]:
    """Every broken link of one dossier's chain; empty when the chain is whole."""
    key = audit_key()
    problems: list[Break] = []
    prev_hmac, expected_seq = "", 1
    for event in AuditEvent.objects.filter(dossier_id=dossier.pk).order_by("seq").iterator():
        if event.seq != expected_seq:
            problems.append(
                Break(dossier.pk, event.seq, _("thiếu sự kiện số %(n)d") % {"n": expected_seq})
            )
        if event.prev_hmac != prev_hmac:
            problems.append(Break(dossier.pk, event.seq, _("liên kết tới sự kiện trước bị đứt")))
        content = chain.event_content(
            dossier_id=event.dossier_id,
            seq=event.seq,
            at=event.at,
            actor_id=event.actor_id,
            actor_name=event.actor_name,
            action=event.action,
            from_status=event.from_status,
            to_status=event.to_status,
            data=event.data,
        )
        if not chain.check_seal(key, content, event.prev_hmac, event.hmac):
            problems.append(Break(dossier.pk, event.seq, _("nội dung đã bị sửa (sai mã HMAC)")))
        prev_hmac, expected_seq = event.hmac, event.seq + 1
    if expected_seq - 1 != dossier.audit_head_seq or prev_hmac != dossier.audit_head_hmac:
        problems.append(
            Break(
                dossier.pk,
                dossier.audit_head_seq,
                _("sự kiện cuối cùng không khớp với hồ sơ (có sự kiện bị xóa hoặc thêm)"),
            )
        )
    return problems


def verify_all(dossiers) -> list[Break]:
    problems: list[Break] = []
    for dossier in dossiers.only("pk", "audit_head_seq", "audit_head_hmac").iterator():
        problems.extend(verify_dossier(dossier))
    return problems
