"""Checking audit chains: every link, every seal, the dossier's sealed head, its status, and the
last checkpoint of all heads."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from motcua.events import chain
from motcua.events.models import AuditEvent
from motcua.events.services import audit_key

# The dossier's status before it is submitted; the only one a dossier may have without events.
DRAFT = "draft"
VERIFIED_FIELDS = ("pk", "status", "audit_head_seq", "audit_head_hmac", "audit_head_seal")


@dataclass(frozen=True)
class Break:
    dossier_id: int
    seq: int | None
    problem: str

    def __str__(self) -> str:
        where = f"#{self.seq}" if self.seq is not None else ""
        return f"dossier {self.dossier_id}{where}: {self.problem}"


def verify_dossier(dossier, checkpointed: tuple[int, str] | None = None) -> list[Break]:
    """Every broken link of one dossier's chain; empty when the chain is whole. `checkpointed`
    is the dossier's head in the last checkpoint (number and HMAC of its last event then)."""
    key = audit_key()
    problems: list[Break] = []
    prev_hmac, expected_seq, last = "", 1, None
    checkpoint_found = False
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
        if checkpointed is not None and event.seq == checkpointed[0]:
            checkpoint_found = event.hmac == checkpointed[1]
        prev_hmac, expected_seq, last = event.hmac, event.seq + 1, event
    if expected_seq - 1 != dossier.audit_head_seq or prev_hmac != dossier.audit_head_hmac:
        problems.append(
            Break(
                dossier.pk,
                dossier.audit_head_seq,
                _("sự kiện cuối cùng không khớp với hồ sơ (có sự kiện bị xóa hoặc thêm)"),
            )
        )
    if dossier.audit_head_seq or dossier.audit_head_seal:
        if not chain.check_head_seal(
            key,
            dossier.pk,
            dossier.audit_head_seq,
            dossier.audit_head_hmac,
            dossier.audit_head_seal,
        ):
            problems.append(
                Break(
                    dossier.pk,
                    dossier.audit_head_seq,
                    _("đầu chuỗi của hồ sơ bị đặt lại (sai mã niêm phong)"),
                )
            )
    if last is None and dossier.status != DRAFT:
        problems.append(Break(dossier.pk, None, _("hồ sơ đã qua bản nháp nhưng không có sự kiện")))
    if last is not None and last.to_status != dossier.status:
        problems.append(
            Break(
                dossier.pk,
                last.seq,
                _("trạng thái của hồ sơ (%(status)s) khác trạng thái của sự kiện cuối (%(to)s)")
                % {"status": dossier.status, "to": last.to_status},
            )
        )
    if checkpointed is not None:
        if dossier.audit_head_seq < checkpointed[0]:
            problems.append(
                Break(
                    dossier.pk,
                    dossier.audit_head_seq,
                    _("chuỗi bị lùi: mốc kiểm tra đã ghi tới sự kiện %(n)d")
                    % {"n": checkpointed[0]},
                )
            )
        elif not checkpoint_found:
            problems.append(
                Break(
                    dossier.pk,
                    checkpointed[0],
                    _("sự kiện đã ghi trong mốc kiểm tra không còn như cũ"),
                )
            )
    return problems


def verify_all(dossiers, checkpointed: dict[int, tuple[int, str]] | None = None) -> list[Break]:
    """Every dossier of `dossiers`, each against its head in `checkpointed` (the last
    checkpoint's heads) if any."""
    checkpointed = checkpointed or {}
    problems: list[Break] = []
    for dossier in dossiers.only(*VERIFIED_FIELDS).iterator():
        problems.extend(verify_dossier(dossier, checkpointed.get(dossier.pk)))
    return problems


def missing_dossiers(dossier_model, checkpointed: dict[int, tuple[int, str]]) -> list[Break]:
    """Dossiers the checkpoint knows and the database no longer has."""
    present = set(dossier_model.objects.values_list("pk", flat=True).iterator())
    return [
        Break(pk, None, _("hồ sơ có trong mốc kiểm tra nhưng không còn trong cơ sở dữ liệu"))
        for pk in sorted(set(checkpointed) - present)
    ]
