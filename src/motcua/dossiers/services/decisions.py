"""The decision on a dossier: its outcome and result documents, and the clock stopped for good."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from motcua.dossiers import deadlines
from motcua.dossiers.choices import Action, DossierStatus, FilePurpose, Outcome
from motcua.dossiers.errors import DossierError
from motcua.dossiers.files import describe, store_file
from motcua.dossiers.models import Dossier, ResultDocument
from motcua.dossiers.policies import can_decide, check
from motcua.dossiers.services.base import check_allowed, lock, now_or, record
from motcua.dossiers.services.steps import finish_step, require_current_step
from motcua.workdays.zone import VIETNAM

S = DossierStatus


@dataclass
class ResultDocumentData:
    title: str
    number: str
    signed_on: date
    signer: str
    file: object = None


def decide_dossier(
    dossier: Dossier,
    *,
    actor,
    outcome: str,
    reason: str = "",
    documents: list[ResultDocumentData] = (),
    now=None,
    expected_version=None,
) -> Dossier:
    """The result is ready at the one-stop shop: the clock stops for good."""
    now = now_or(now)
    if outcome not in Outcome.values:
        raise DossierError(_("Kết quả phải là giải quyết hoặc không giải quyết."), field="outcome")
    if outcome == Outcome.REJECTED and not reason.strip():
        raise DossierError(_("Không giải quyết thì phải nêu rõ lý do."), field="reason")
    if outcome == Outcome.APPROVED and not documents:
        raise DossierError(
            _("Hãy nhập văn bản kết quả (số, ngày ký, người ký)."), field="documents"
        )
    with transaction.atomic():
        dossier = lock(dossier, expected_version)
        check_allowed(dossier, Action.DECIDE)
        step = require_current_step(dossier)
        check(can_decide(actor, dossier, step))
        stored = []
        for index, document in enumerate(documents):
            if not (
                document.title.strip()
                and document.number.strip()
                and document.signer.strip()
                and document.signed_on
            ):
                raise DossierError(
                    _("Văn bản kết quả phải có tên, số, ngày ký và người ký."),
                    field=f"documents.{index}",
                )
            if (
                len(document.title) > 500
                or len(document.number) > 100
                or len(document.signer) > 300
            ):
                raise DossierError(
                    _("Tên văn bản tối đa 500 ký tự, số hiệu 100 ký tự, người ký 300 ký tự."),
                    field=f"documents.{index}",
                )
            file = (
                store_file(
                    dossier,
                    document.file,
                    purpose=FilePurpose.RESULT,
                    actor=actor,
                    now=now,
                    field=f"documents.{index}.file",
                )
                if document.file
                else None
            )
            if file:
                stored.append(file)
            ResultDocument.objects.create(
                dossier=dossier,
                title=document.title.strip(),
                number=document.number.strip(),
                signed_on=document.signed_on,
                signer=document.signer.strip(),
                file=file,
            )
        finish_step(step, now=now)
        dossier.status = S.DECIDED
        dossier.outcome = outcome
        dossier.decided_at = now
        dossier.decided_due_at = dossier.due_at
        timeliness = deadlines.timeliness(now, dossier.due_at, VIETNAM)
        record(
            dossier,
            actor=actor,
            action=Action.DECIDE,
            from_status=S.PROCESSING,
            now=now,
            data={
                "outcome": outcome,
                "reason": reason,
                "timeliness": timeliness,
                "files": describe(stored),
                "documents": [
                    {"number": d.number, "signed_on": d.signed_on.isoformat(), "signer": d.signer}
                    for d in documents
                ],
            },
            event_payload={"outcome": outcome, "timeliness": timeliness},
        )
    return dossier
