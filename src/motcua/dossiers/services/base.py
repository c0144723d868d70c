"""What every dossier service shares: the clock, the lock, the transition table, the audit."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from motcua.dossiers.choices import Action, DossierStatus
from motcua.dossiers.errors import NotFound, StaleVersion, TransitionRefused
from motcua.dossiers.models import APPLICANT_EDITABLE, Dossier
from motcua.events.services import AUDIT_HEAD_FIELDS, append_audit, emit

S = DossierStatus

# Which statuses each action may start from. The one table of the dossier's life.
ALLOWED_FROM: dict[str, set[str]] = {
    Action.SUBMIT: set(APPLICANT_EDITABLE),
    Action.RETURN_FOR_COMPLETION: {S.SUBMITTED},
    Action.REFUSE: {S.SUBMITTED},
    Action.RECEIVE: {S.SUBMITTED},
    Action.ASSIGN: {S.PROCESSING, S.PAUSED},
    Action.FORWARD: {S.PROCESSING},
    Action.RETURN_TO_STEP: {S.PROCESSING},
    Action.HAND_OVER: {S.PROCESSING},
    Action.PAUSE: {S.PROCESSING},
    Action.RESUME: {S.PAUSED},
    Action.DECIDE: {S.PROCESSING},
    Action.RETURN_RESULT: {S.DECIDED},
    Action.WITHDRAW: {S.DRAFT, S.SUBMITTED, S.RETURNED_FOR_COMPLETION, S.PROCESSING, S.PAUSED},
    Action.APOLOGISE: {S.PROCESSING, S.PAUSED},
    Action.STOP: {S.PROCESSING, S.PAUSED},
    Action.ATTACH_FILE: {
        S.DRAFT,
        S.SUBMITTED,
        S.RETURNED_FOR_COMPLETION,
        S.PROCESSING,
        S.PAUSED,
        S.DECIDED,
    },
    Action.WARN_DUE: {S.PROCESSING},
    # Every status that has a code (a draft has none): a closed dossier can still be looked up.
    Action.REISSUE_SECRET: {
        S.SUBMITTED,
        S.RETURNED_FOR_COMPLETION,
        S.REFUSED,
        S.PROCESSING,
        S.PAUSED,
        S.DECIDED,
        S.RETURNED,
        S.WITHDRAWN,
        S.STOPPED,
    },
}


def now_or(now: datetime | None) -> datetime:
    moment = now or timezone.now()
    if timezone.is_naive(moment):
        raise ValueError("now must be timezone-aware")
    return moment


def in_system_language():
    """Text a service stores (a step's name, a label copied into the dossier, the audit trail
    or an outbox event) is in the system language, never the language of the request that
    caused it: evaluate it inside this block."""
    return translation.override(settings.LANGUAGE_CODE)


def calendar():
    from motcua.workdays.services import get_calendar

    return get_calendar()


def lock(dossier: Dossier, expected_version: int | None) -> Dossier:
    """Take the dossier's row lock (SQLite: the IMMEDIATE transaction already serialises
    writers) and refuse a stale version: two officials acting at once, one wins."""
    try:
        locked = Dossier.objects.select_for_update().get(pk=dossier.pk)
    except Dossier.DoesNotExist as exc:
        raise NotFound(_("Không tìm thấy hồ sơ.")) from exc
    if expected_version is not None and locked.version != expected_version:
        raise StaleVersion(
            _(
                "Hồ sơ vừa được người khác cập nhật (phiên bản %(current)d, bạn đang xem phiên bản "
                "%(expected)d). Hãy tải lại hồ sơ rồi thực hiện lại."
            )
            % {"current": locked.version, "expected": expected_version},
            field="version",
        )
    return locked


def check_allowed(dossier: Dossier, action: str) -> None:
    if dossier.status not in ALLOWED_FROM[action]:
        raise TransitionRefused(
            _("Không thể thực hiện “%(action)s”: hồ sơ đang ở trạng thái “%(status)s”.")
            % {"action": Action(action).label, "status": DossierStatus(dossier.status).label},
            field="status",
        )


def record(
    dossier: Dossier,
    *,
    actor,
    action: str,
    from_status: str,
    data: dict | None = None,
    now: datetime,
    event_payload: dict | None = None,
    changed: tuple[str, ...] | None = None,
) -> None:
    """Save the dossier with a new version, append its audit event and write the outbox event,
    all in the caller's transaction. `changed`: the only columns the action set, when the
    caller knows them (the version and the audit head are added), to write a narrow UPDATE
    instead of the whole row with its snapshot and form data."""
    dossier.version += 1
    append_audit(
        dossier,
        actor=actor,
        action=action,
        from_status=from_status,
        to_status=dossier.status,
        data=data,
        now=now,
    )
    if changed is None:
        dossier.save()
    else:
        dossier.save(update_fields=[*changed, "version", *AUDIT_HEAD_FIELDS])
    emit(
        f"dossier.{action}",
        subject=dossier.code or f"#{dossier.pk}",
        dossier=dossier,
        payload={
            "code": dossier.code,
            "status": dossier.status,
            "from_status": from_status,
            "version": dossier.version,
            "at": now.isoformat(),
            **(event_payload or {}),
        },
        now=now,
    )
