"""Changing the procedure catalog: publishing, withdrawing, importing, and recording the admin's
edits. Each function checks who asks (a catalog administrator of the whole province, see
agencies/policies.py), makes the change and writes the reference-data audit event and the
outbox event (`catalog.*`, which the national portal's catalog sync will listen to) in the same
transaction. A refusal raises PermissionDenied; a rule broken raises ValidationError with the
field it concerns.

The life of a procedure: a draft is published (công bố) once it meets the publication rule
(catalog/publication.py); a published procedure is withdrawn (bãi bỏ) when it no longer
applies, and a withdrawn one may be published again. A published procedure is never put back
to draft: citizens have seen it, and the national database keeps it.
"""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from motcua.agencies import policies
from motcua.catalog.choices import PublicationStatus
from motcua.catalog.models import Procedure
from motcua.catalog.publication import publication_errors
from motcua.catalog.records_import import CREATED, ImportReport, import_catalog
from motcua.events.reference import moment, record_change

SUBJECT = "procedure"
P = PublicationStatus

# Which statuses each status may become, besides staying as it is.
NEXT_STATUSES: dict[str, set[str]] = {
    P.DRAFT: {P.PUBLISHED},
    P.PUBLISHED: {P.WITHDRAWN},
    P.WITHDRAWN: {P.PUBLISHED},
}


def status_change_error(old: str, new: str) -> str | None:
    """Why a procedure in status `old` may not be given status `new` (None when it may)."""
    if old == new or new in NEXT_STATUSES.get(old, set()):
        return None
    return _("Không thể chuyển thủ tục từ “%(old)s” sang “%(new)s”.") % {
        "old": P(old).label,
        "new": P(new).label,
    }


def _check(actor) -> None:
    refusal = policies.refuse_catalog_change(actor)
    if refusal:
        raise PermissionDenied(refusal)


def _facts(procedure: Procedure) -> dict:
    return {
        "code": procedure.code,
        "name": procedure.name,
        "status": procedure.status,
        "updated_at": procedure.updated_at.isoformat() if procedure.updated_at else None,
    }


def _lock(procedure: Procedure) -> Procedure:
    return Procedure.objects.select_for_update().get(pk=procedure.pk)


def _set_status(
    procedure: Procedure, new: str, *, actor, action: str, note: str, now: datetime
) -> Procedure:
    with transaction.atomic():
        locked = _lock(procedure)
        old = locked.status
        problem = status_change_error(old, new) if old != new else None
        if old == new or problem:
            raise ValidationError(
                {"status": problem or _("Thủ tục đã ở trạng thái “%(s)s”.") % {"s": P(new).label}}
            )
        if new == P.PUBLISHED:
            problems = publication_errors(
                status=new,
                channels=(locked.via_counter, locked.via_online, locked.via_post),
                cases=[(case.name, case.documents.count()) for case in locked.cases.all()],
            )
            if problems:
                raise ValidationError({"status": problems})
        locked.status = new
        locked.save(update_fields=["status", "updated_at"])
        facts = {**_facts(locked), "from_status": old}
        record_change(
            actor=actor,
            action=action,
            subject_type=SUBJECT,
            subject_key=locked.code,
            data={"from_status": old, "to_status": new, "note": note},
            event_type=f"catalog.{action}",
            payload=facts,
            now=now,
        )
    procedure.status, procedure.updated_at = locked.status, locked.updated_at
    return locked


def publish_procedure(procedure: Procedure, *, actor, now: datetime | None = None) -> Procedure:
    """Publish a draft or withdrawn procedure that meets the publication rule."""
    now = moment(now)
    _check(actor)
    return _set_status(
        procedure, P.PUBLISHED, actor=actor, action="procedure_published", note="", now=now
    )


def withdraw_procedure(
    procedure: Procedure, *, actor, reason: str = "", now: datetime | None = None
) -> Procedure:
    """Withdraw a published procedure: citizens can no longer apply for it; dossiers already
    received keep their snapshot and go on."""
    now = moment(now)
    _check(actor)
    return _set_status(
        procedure, P.WITHDRAWN, actor=actor, action="procedure_withdrawn", note=reason, now=now
    )


def record_procedure_saved(
    procedure: Procedure,
    *,
    actor,
    created: bool,
    changed: list[str],
    now: datetime | None = None,
) -> None:
    """Record a procedure created or edited in the admin (its fields and inlines, saved by the
    admin in this transaction), so the catalog sync hears of every change, not only of a new
    status."""
    now = moment(now)
    _check(actor)
    action = "procedure_created" if created else "procedure_edited"
    record_change(
        actor=actor,
        action=action,
        subject_type=SUBJECT,
        subject_key=procedure.code,
        data={"changed": sorted(changed)},
        event_type="catalog.procedure_changed",
        payload={**_facts(procedure), "created": created, "changed": sorted(changed)},
        now=now,
    )


def delete_procedure(procedure: Procedure, *, actor, now: datetime | None = None) -> None:
    """Delete a procedure no dossier refers to (the database refuses otherwise). A published
    procedure is withdrawn, not deleted: the national database keeps it."""
    now = moment(now)
    _check(actor)
    with transaction.atomic():
        locked = _lock(procedure)
        if locked.status == P.PUBLISHED:
            raise ValidationError(
                {"status": _("Thủ tục đã công bố không xóa được; hãy bãi bỏ thủ tục.")}
            )
        facts = _facts(locked)
        locked.delete()
        record_change(
            actor=actor,
            action="procedure_deleted",
            subject_type=SUBJECT,
            subject_key=facts["code"],
            data={"status": facts["status"], "name": facts["name"]},
            event_type="catalog.procedure_deleted",
            payload=facts,
            now=now,
        )


def import_procedures(
    content: bytes | str,
    *,
    actor,
    partial: bool = False,
    dry_run: bool = False,
    now: datetime | None = None,
) -> ImportReport:
    """Import a file of national-database records (catalog/records_import.py) and record one
    audit event and one outbox event per procedure created or updated, in the import's
    transaction. A dry run or an import that wrote nothing records nothing."""
    now = moment(now)
    _check(actor)
    with transaction.atomic():
        previous = {} if dry_run else dict(Procedure.objects.values_list("code", "status"))
        report = import_catalog(content, partial=partial, dry_run=dry_run)
        if dry_run:
            return report
        outcomes = {record.code: record.outcome for record in report.imported}
        for procedure in Procedure.objects.filter(code__in=outcomes).order_by("code"):
            outcome = outcomes[procedure.code]
            record_change(
                actor=actor,
                action="procedure_imported",
                subject_type=SUBJECT,
                subject_key=procedure.code,
                data={
                    "outcome": outcome,
                    "from_status": previous.get(procedure.code, ""),
                    "status": procedure.status,
                    "partial": partial,
                },
                event_type="catalog.procedure_imported",
                payload={**_facts(procedure), "created": outcome == CREATED},
                now=now,
            )
    return report
