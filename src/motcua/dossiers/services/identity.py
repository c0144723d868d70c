"""The applicant's identity as the national population database sees it: every check is kept
on the dossier (its answer, its moment, the fields that differ, MaCSDL when it matched), and a
check that did not match is never accepted silently (docs/data-reuse.md)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from motcua.dossiers.choices import Action, ApplicantKind, IdentityResult
from motcua.dossiers.errors import DossierError
from motcua.dossiers.models import Dossier, IdentityCheck
from motcua.dossiers.policies import can_record_identity_check, check
from motcua.dossiers.services.base import now_or, record

NOTE_LIMIT = 2000


@dataclass(frozen=True)
class IdentityCheckData:
    """What was asked and what the database answered (integrations.population.client)."""

    personal_id: str
    name: str
    birth_date: date | None
    result: str
    differing_fields: list[str] = field(default_factory=list)
    ma_csdl: str = ""
    note: str = ""

    @property
    def needs_note(self) -> bool:
        return self.result != IdentityResult.MATCH


def require_acknowledgement(data: IdentityCheckData | None) -> None:
    """At the counter, an answer other than a match is acknowledged with a note."""
    if data is not None and data.needs_note and not data.note.strip():
        raise DossierError(
            _("Thông tin người nộp chưa được CSDL dân cư xác nhận."),
            errors={
                "identity_note": [
                    _(
                        "Kết quả đối chiếu: %(result)s. Hãy kiểm tra giấy tờ tùy thân và ghi chú "
                        "lý do vẫn tiếp nhận."
                    )
                    % {"result": IdentityResult(data.result).label}
                ]
            },
        )


def record_identity_check(
    dossier: Dossier, *, actor, data: IdentityCheckData, client=None, now=None
) -> IdentityCheck:
    """Keep one check on the dossier, with its audit record and outbox event."""
    now = now_or(now)
    if data.result not in IdentityResult.values:
        raise DossierError(_("Kết quả đối chiếu không hợp lệ."), field="result")
    if dossier.applicant_kind != ApplicantKind.CITIZEN and not data.personal_id:
        raise DossierError(_("Không có số định danh để đối chiếu."), field="personal_id")
    with transaction.atomic():
        dossier = Dossier.objects.select_for_update().get(pk=dossier.pk)
        check(can_record_identity_check(actor, dossier, client=client))
        matched = data.result == IdentityResult.MATCH
        identity = IdentityCheck.objects.create(
            dossier=dossier,
            personal_id=data.personal_id[:12],
            name=data.name[:300],
            birth_date=data.birth_date,
            result=data.result,
            differing_fields=[] if matched else list(data.differing_fields),
            ma_csdl=data.ma_csdl[:40] if matched else "",
            note=data.note.strip()[:NOTE_LIMIT],
            checked_at=now,
            checked_by=actor,
        )
        record(
            dossier,
            actor=actor,
            action=Action.IDENTITY_CHECK,
            from_status=dossier.status,
            now=now,
            data={
                "result": identity.result,
                "fields": identity.differing_fields,
                "ma_csdl": identity.ma_csdl,
                "note": identity.note,
            },
            event_payload={"result": identity.result},
            changed=(),
        )
    return identity


def latest_identity_check(dossier: Dossier) -> IdentityCheck | None:
    return dossier.identity_checks.order_by("-checked_at", "-pk").first()
