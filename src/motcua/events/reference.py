"""The audit trail of reference data: roles, the agency tree, the procedure catalog and the
working calendar (docs/audit.md, "Reference data").

Services of the reference-data apps call `record_change` inside their transaction: it appends
one `ReferenceAuditEvent` to the installation's single chain and writes one outbox event, so
the catalog sync and notifications can listen. `verify_reference_chain` checks the chain for
`manage.py verify_audit`.

The chain is sealed with the dossier chain's machinery (events/chain.py: canonical JSON, HMAC
over the previous link and the content) under the same key; the content names the chain
("reference"), so an event cannot be passed off as a dossier's, nor the reverse.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.events import chain
from motcua.events.models import ReferenceAuditEvent, ReferenceAuditHead
from motcua.events.services import audit_key, emit

CHAIN_NAME = "reference"


def moment(now: datetime | None) -> datetime:
    """The service's clock: `now` when given (it must be aware), else the present."""
    value = now or timezone.now()
    if timezone.is_naive(value):
        raise ValueError("now must be timezone-aware")
    return value


def event_content(
    *,
    seq: int,
    at: datetime,
    actor_id: int | None,
    actor_name: str,
    action: str,
    subject_type: str,
    subject_key: str,
    data: dict,
) -> dict:
    return {
        "chain": CHAIN_NAME,
        "seq": seq,
        "at": chain.moment_text(at),
        "actor": actor_id,
        "actor_name": actor_name,
        "action": action,
        "subject_type": subject_type,
        "subject_key": subject_key,
        "data": data,
    }


def head_seal(key: bytes, seq: int, last_hmac: str) -> str:
    """The head's own seal: without the key nobody can point the head somewhere else."""
    message = f"{CHAIN_NAME}-head\n{seq}\n{last_hmac}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def head_is_sealed(key: bytes, head) -> bool:
    """Whether the head's seal is the one the key gives its number and HMAC."""
    return hmac.compare_digest(head.seal, head_seal(key, head.seq, head.hmac))


def actor_name_of(actor) -> str:
    if actor is None:
        return ""
    return actor.get_full_name() or actor.get_username()


def append_reference_audit(
    *,
    actor,
    action: str,
    subject_type: str,
    subject_key: str,
    data: dict | None = None,
    now: datetime,
) -> ReferenceAuditEvent:
    """Append one event to the reference-data chain, in the caller's transaction. The head row
    is locked first (SQLite serialises writers anyway), so two writers never share a number."""
    key = audit_key()
    head, _created = ReferenceAuditHead.objects.select_for_update().get_or_create(pk=1)
    seq = head.seq + 1
    name = actor_name_of(actor)
    # Store exactly what is sealed: a JSON round trip, so the stored data re-seals identically.
    stored = json.loads(chain.canonical_json(data or {}))
    content = event_content(
        seq=seq,
        at=now,
        actor_id=actor.pk if actor is not None else None,
        actor_name=name,
        action=action,
        subject_type=subject_type,
        subject_key=subject_key,
        data=stored,
    )
    seal = chain.seal(key, content, head.hmac)
    event = ReferenceAuditEvent.objects.create(
        seq=seq,
        at=now,
        actor=actor,
        actor_name=name,
        action=action,
        subject_type=subject_type,
        subject_key=subject_key,
        data=stored,
        prev_hmac=head.hmac,
        hmac=seal,
    )
    head.seq, head.hmac, head.seal = seq, seal, head_seal(key, seq, seal)
    head.save(update_fields=["seq", "hmac", "seal"])
    return event


def record_change(
    *,
    actor,
    action: str,
    subject_type: str,
    subject_key: str,
    data: dict | None = None,
    event_type: str,
    payload: dict | None = None,
    now: datetime,
) -> ReferenceAuditEvent:
    """The audit event and the outbox event of one reference-data change, in the caller's
    transaction. The outbox payload carries the subject, the moment and the audit number."""
    event = append_reference_audit(
        actor=actor,
        action=action,
        subject_type=subject_type,
        subject_key=subject_key,
        data=data,
        now=now,
    )
    emit(
        event_type,
        subject=subject_key[:100],
        payload={
            "subject_type": subject_type,
            "subject": subject_key,
            "at": now.isoformat(),
            "audit_seq": event.seq,
            **(payload or {}),
        },
        now=now,
    )
    return event


@dataclass(frozen=True)
class ReferenceBreak:
    seq: int | None
    problem: str

    def __str__(self) -> str:
        where = f" #{self.seq}" if self.seq is not None else ""
        return f"reference data{where}: {self.problem}"


def verify_reference_chain(checkpointed: tuple[int, str] | None = None) -> list[ReferenceBreak]:
    """Every broken link of the reference-data chain, and a head that does not match its last
    event or its seal, or that stands below the last checkpoint's (`checkpointed`, as
    events.checkpoints reads it: an earlier genuine head put back with its old seal); empty when
    the chain is whole."""
    key = audit_key()
    problems: list[ReferenceBreak] = []
    prev_hmac, expected_seq = "", 1
    for event in ReferenceAuditEvent.objects.order_by("seq").iterator():
        if event.seq != expected_seq:
            problems.append(
                ReferenceBreak(event.seq, _("thiếu sự kiện số %(n)d") % {"n": expected_seq})
            )
        if event.prev_hmac != prev_hmac:
            problems.append(ReferenceBreak(event.seq, _("liên kết tới sự kiện trước bị đứt")))
        content = event_content(
            seq=event.seq,
            at=event.at,
            actor_id=event.actor_id,
            actor_name=event.actor_name,
            action=event.action,
            subject_type=event.subject_type,
            subject_key=event.subject_key,
            data=event.data,
        )
        if not chain.check_seal(key, content, event.prev_hmac, event.hmac):
            problems.append(ReferenceBreak(event.seq, _("nội dung đã bị sửa (sai mã HMAC)")))
        prev_hmac, expected_seq = event.hmac, event.seq + 1
    last_seq = expected_seq - 1
    head = ReferenceAuditHead.objects.filter(pk=1).first()
    head_seq, head_hmac = (head.seq, head.hmac) if head is not None else (0, "")
    if head_seq != last_seq or head_hmac != prev_hmac:
        problems.append(
            ReferenceBreak(
                head_seq,
                _("sự kiện cuối cùng không khớp với đầu chuỗi (có sự kiện bị xóa hoặc thêm)"),
            )
        )
    elif head is not None and head.seq and not head_is_sealed(key, head):
        problems.append(ReferenceBreak(head.seq, _("đầu chuỗi đã bị sửa (sai mã HMAC)")))
    if checkpointed is not None and (
        head_seq < checkpointed[0]
        or (head_seq == checkpointed[0] and not hmac.compare_digest(head_hmac, checkpointed[1]))
    ):
        problems.append(
            ReferenceBreak(
                head_seq,
                _("đầu chuỗi thấp hơn mốc kiểm tra (sự kiện %(seq)d): nhật ký đã bị quay lui")
                % {"seq": checkpointed[0]},
            )
        )
    return problems
