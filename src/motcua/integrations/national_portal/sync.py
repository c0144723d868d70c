"""The outbound sync to the national portal: an outbox consumer (docs/integration.md,
"Outbound").

Every dossier event that changes what the portal shows is delivered by the delivery worker
(`manage.py run_deliveries`), at least once and, because the consumer is ordered, one at a
time per dossier in the order of the events. A delivery sends the dossier sync (DongBoHoSoMC,
isUpdating false the first time, then true) and the event's progress line
(CapNhatTienDoHoSoMC) whose MaTienDo is the outbox event's id, so a repeat is the same update
on the portal's side. With NATIONAL_PORTAL_VERIFY it then reads the dossier back and fails
(to be retried) when the portal answered success but kept nothing.

A status that would go backwards on the portal (leave 3, 7, 8 or 10, or 9 for anything but
10) is never sent. A dossier of a procedure without a mapping is held (events' consumers.Hold)
with the reason shown on the sync page, and released when the mapping is saved. Failures back
off exponentially with jitter; after NATIONAL_PORTAL_DEAD_AFTER the delivery is dead-lettered,
logged, and an outbox event `national_portal.dead_letter` is written.
"""

from __future__ import annotations

import logging
import random
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.dossiers.choices import Action, DossierStatus
from motcua.dossiers.models import Dossier
from motcua.events import consumers
from motcua.events.models import AuditEvent, Delivery, OutboxEvent
from motcua.events.services import emit
from motcua.feedback.models import Complaint, Rating
from motcua.integrations.national_portal import mapping, payloads
from motcua.integrations.national_portal.client import TransientError, get_client
from motcua.integrations.national_portal.outbound_models import PortalDossier

log = logging.getLogger(__name__)

CONSUMER_NAME = mapping.CONSUMER_NAME

# The dossier actions whose events change what the portal shows (mapping.py).
SYNCED_ACTIONS = mapping.SYNCED_ACTIONS
# Acts within the processing that change nothing of the dossier's header (its status stays,
# its unit and documents too): their delivery sends only the progress line once the header is
# on the portal with the same status. Reconciliation catches a header changed meanwhile by an
# act that is not synced (a file attached).
STEP_ACTIONS = {Action.ASSIGN, Action.FORWARD, Action.RETURN_TO_STEP}
RESYNC = "national_portal.resync"
DEAD_LETTER = "national_portal.dead_letter"
# A confirmed payment changes the header's DuocThanhToanTrucTuyen and DanhSachLePhi: its
# delivery re-sends the header with the status the portal holds, and no progress line.
PAYMENT_CONFIRMED = "payment.confirmed"
EVENT_TYPES = (
    [f"dossier.{action}" for action in SYNCED_ACTIONS]
    + [RESYNC, PAYMENT_CONFIRMED]
    + list(mapping.RATING_EVENTS)
    + list(mapping.COMPLAINT_EVENTS)
)

# Codes a dossier never leaves on the portal; 9 may only go to 10.
FINAL_CODES = {3, 7, 8, 10}


def may_follow(previous: int | None, new: int) -> bool:
    """Whether the portal may be told `new` after `previous` (never a step backwards)."""
    if previous is None or previous == new:
        return True
    if previous in FINAL_CODES:
        return False
    if previous == 9:
        return new == 10
    return True


def backoff(attempts: int) -> timedelta:
    """Exponential from NATIONAL_PORTAL_RETRY_BASE, capped at NATIONAL_PORTAL_RETRY_MAX, with
    jitter: a random wait between half and the whole of it, so that retries after an outage
    do not all arrive at once."""
    base = float(settings.NATIONAL_PORTAL_RETRY_BASE)
    ceiling = float(settings.NATIONAL_PORTAL_RETRY_MAX)
    wait = min(base * 2 ** max(attempts - 1, 0), ceiling)
    return timedelta(seconds=wait * random.uniform(0.5, 1.0))  # noqa: S311 - not a secret


def dead_after() -> timedelta:
    return timedelta(seconds=settings.NATIONAL_PORTAL_DEAD_AFTER)


def on_dead(delivery: Delivery, *, now) -> None:
    """Alert administrators: an error in the log and an outbox event; the sync page shows the
    dead letter at its top until it is retried or skipped."""
    log.error(
        "national portal: delivery %s of event %s dead-lettered after %s attempts: %s",
        delivery.pk,
        delivery.event_id,
        delivery.attempts,
        delivery.last_error,
    )
    emit(
        DEAD_LETTER,
        subject=f"delivery:{delivery.pk}",
        payload={
            "delivery": delivery.pk,
            "event": delivery.event_id,
            "attempts": delivery.attempts,
            "error": delivery.last_error[:500],
        },
        dossier=delivery.dossier,
        now=now,
    )


# --- delivering ---------------------------------------------------------------------------


def _dossier(pk: int) -> Dossier:
    return (
        Dossier.objects.select_related("receiving_agency", "responsible_agency", "procedure")
        .prefetch_related(
            "pauses",
            "steps__unit",
            "documents__file",
            "result_documents__file",
            "result_documents__signed",
        )
        .get(pk=pk)
    )


def _act(dossier: Dossier, event: OutboxEvent, action: str) -> payloads.Act:
    audit = (
        AuditEvent.objects.filter(dossier=dossier, action=action, at=event.created_at)
        .select_related("actor")
        .order_by("-seq")
        .first()
    )
    if audit is None:
        return payloads.Act(action, event.created_at, None, "", {})
    return payloads.Act(action, audit.at, audit.actor, audit.actor_name, audit.data)


def _event_status(dossier: Dossier, event: OutboxEvent, action: str) -> int | None:
    status = event.payload.get("status", dossier.status)
    reason = None
    if status == DossierStatus.PAUSED:
        reason = event.payload.get("reason")
        if not reason:
            pause = payloads._open_pause(dossier, event.created_at)
            reason = pause.reason if pause else None
    return mapping.event_status_code(action, status, reason)


def held_reason(dossier: Dossier) -> str | None:
    if mapping.procedure_codes(dossier.procedure_id) is None:
        return _(
            "Thủ tục %(code)s chưa được ánh xạ sang mã thủ tục quốc gia: hồ sơ được giữ lại và "
            "sẽ tự gửi khi có ánh xạ."
        ) % {"code": dossier.procedure.code}
    return None


def _differences(sent: dict, held: dict | None) -> list[str]:
    if held is None:
        return ["*"]
    return [key for key, value in sent.items() if held.get(key) != value]


def handle(event: OutboxEvent) -> None:
    """Deliver one event of a dossier to the portal (the consumer's handler)."""
    if event.type in mapping.RATING_EVENTS:
        send_rating(event)
        return
    if event.type in mapping.COMPLAINT_EVENTS:
        send_complaint(event)
        return
    if event.dossier_id is None:
        return
    dossier = _dossier(event.dossier_id)
    if not dossier.code:
        return
    reason = held_reason(dossier)
    if reason:
        raise consumers.Hold(reason)
    if event.type == RESYNC:
        resend(dossier, event)
        return
    if event.type == PAYMENT_CONFIRMED:
        resend_header(dossier, event)
        return
    action = event.type.split(".", 1)[1]
    status = _event_status(dossier, event, action)
    if status is None:
        return
    state, _created = PortalDossier.objects.get_or_create(dossier=dossier)
    if not may_follow(state.last_status, status):
        log.warning(
            "national portal: %s not sent for %s: %s would follow %s",
            event.type,
            dossier.code,
            status,
            state.last_status,
        )
        return
    codes = mapping.procedure_codes(dossier.procedure_id)
    header = payloads.dossier_sync(dossier, status=status, at=event.created_at, codes=codes)
    line = payloads.progress_line(dossier, _act(dossier, event, action), status=status)
    same_header = action in STEP_ACTIONS and state.synced and state.last_status == status
    send(dossier, state, header, [(str(event.pk), line)], header_changed=not same_header)


def send(
    dossier: Dossier,
    state: PortalDossier,
    header: dict,
    lines: list[tuple[str, dict]],
    *,
    header_changed: bool = True,
):
    """Sync the header (unless it did not change), then each line; verify; record what the
    portal now holds."""
    client = get_client()
    madonvi = dossier.receiving_agency.code
    answer = {}
    if header_changed:
        answer = client.sync_dossier(header, updating=state.synced, madonvi=madonvi)
    for update_id, line in lines:
        client.update_progress(line, update_id=update_id, madonvi=madonvi)
    if settings.NATIONAL_PORTAL_VERIFY:
        held = client.look_up_dossier(dossier.code, madonvi=madonvi)
        different = _differences(header, held) if header_changed else []
        kept = {str(item.get("MaTienDo")) for item in (held or {}).get("TienDo", [])}
        missing = [update_id for update_id, _line in lines if update_id not in kept]
        if different or missing:
            raise TransientError(
                f"the portal answered success but does not hold the update "
                f"(fields {different[:5]}, lines {missing})",
                service="TraCuuHoSo",
            )
    state.synced = True
    state.last_status = header["TrangThaiHoSo"]
    state.portal_code = str(answer.get("MaHoSoQG") or state.portal_code or "")
    state.last_sent_at = timezone.now()
    state.save()


def _verify_feedback(service: str, key: str, sent: dict, madonvi: str) -> None:
    if not settings.NATIONAL_PORTAL_VERIFY:
        return
    held = get_client().look_up_feedback(service, key, sent[key], madonvi=madonvi)
    different = _differences(sent, held)
    if different:
        raise TransientError(
            f"the portal answered success but does not hold the update (fields {different[:5]})",
            service=service,
        )


def send_rating(event: OutboxEvent) -> None:
    """A dossier's rating (mapping.SYNC_RATING): sent after the dossier's earlier updates (the
    consumer is ordered by dossier), held like them while its procedure is not mapped."""
    rating = (
        Rating.objects.select_related("dossier__receiving_agency", "dossier__procedure", "agency")
        .filter(pk=event.payload.get("rating"))
        .first()
    )
    if rating is None:
        return
    reason = held_reason(rating.dossier)
    if reason:
        raise consumers.Hold(reason)
    data = payloads.rating_sync(rating)
    madonvi = rating.dossier.receiving_agency.code
    get_client().sync_feedback(mapping.SYNC_RATING, data, madonvi=madonvi)
    _verify_feedback(mapping.LOOK_UP_RATING, mapping.RATING_FIELDS["id"], data, madonvi)


def send_complaint(event: OutboxEvent) -> None:
    """A complaint or petition as it stands now (mapping.SYNC_COMPLAINT): every event of it
    sends the whole record, so a late or repeated delivery never takes it back a step."""
    complaint = (
        Complaint.objects.select_related("agency", "procedure", "dossier__procedure")
        .filter(code=event.payload.get("complaint"))
        .first()
    )
    if complaint is None:
        return
    if complaint.procedure_id and mapping.procedure_codes(complaint.procedure_id) is None:
        raise consumers.Hold(
            _(
                "Thủ tục %(code)s chưa được ánh xạ sang mã thủ tục quốc gia: phản ánh được giữ "
                "lại và sẽ tự gửi khi có ánh xạ."
            )
            % {"code": complaint.procedure.code}
        )
    data = payloads.complaint_sync(complaint)
    madonvi = complaint.agency.code
    get_client().sync_feedback(mapping.SYNC_COMPLAINT, data, madonvi=madonvi)
    _verify_feedback(mapping.LOOK_UP_COMPLAINT, mapping.COMPLAINT_FIELDS["code"], data, madonvi)


def resend_header(dossier: Dossier, event: OutboxEvent) -> None:
    """The header again, as the dossier stood at the event, with the status the portal holds.
    A dossier not yet on the portal is left alone: its own first sync, made from a later
    moment or carried by a later event, tells the payment."""
    state = PortalDossier.objects.filter(dossier=dossier).first()
    if state is None or not state.synced or state.last_status is None:
        return
    codes = mapping.procedure_codes(dossier.procedure_id)
    header = payloads.dossier_sync(
        dossier, status=state.last_status, at=event.created_at, codes=codes
    )
    send(dossier, state, header, [])


def resend(dossier: Dossier, event: OutboxEvent) -> None:
    """A reconciliation's re-send: the header as the dossier is now, and the progress lines
    the portal lacks that come after the last one it holds (appending keeps their order)."""
    client = get_client()
    state, _created = PortalDossier.objects.get_or_create(dossier=dossier)
    held = client.look_up_dossier(dossier.code, madonvi=dossier.receiving_agency.code)
    now = timezone.now()
    status = payloads.status_at(dossier, now)
    held_status = (held or {}).get("TrangThaiHoSo")
    state.synced = held is not None
    state.last_status = held_status if isinstance(held_status, int) else None
    lines = [
        (update, payloads.progress_line(dossier, _act(dossier, original, action), status=code))
        for update, original, action, code in missing_lines(dossier, held, before=event.pk)
    ]
    codes = mapping.procedure_codes(dossier.procedure_id)
    if lines:
        # The header first says the status of the first line re-sent, so that each line
        # follows the one before it on the portal; then the header as the dossier is now.
        first = lines[0][1]["TrangThai"]
        header = payloads.dossier_sync(dossier, status=first, at=now, codes=codes)
        send(dossier, state, header, lines)
        state.last_status = lines[-1][1]["TrangThai"]
        state.save(update_fields=["last_status"])
    if not may_follow(state.last_status, status):
        log.warning("national portal: resync of %s would go backwards", dossier.code)
        return
    header = payloads.dossier_sync(dossier, status=status, at=now, codes=codes)
    send(dossier, state, header, [])


def missing_lines(dossier: Dossier, held: dict | None, *, before: int | None = None):
    """Our delivered updates the portal lacks after the last one it holds, that may follow its
    status one after the other: (MaTienDo, outbox event, action, code) in order. Lines missing
    before the last one it holds are not re-sent: appended, they would break its order."""
    kept = [str(item.get("MaTienDo")) for item in (held or {}).get("TienDo", [])]
    held_status = (held or {}).get("TrangThaiHoSo")
    running = held_status if isinstance(held_status, int) else None
    ours = delivered_updates(dossier, before=before)
    last_kept = max((ours.index(update) for update in kept if update in ours), default=-1)
    missing = []
    for update in ours[last_kept + 1 :]:
        original = OutboxEvent.objects.get(pk=int(update))
        action = original.type.split(".", 1)[1]
        code = _event_status(dossier, original, action)
        if code is None or not may_follow(running, code):
            continue
        running = code
        missing.append((update, original, action, code))
    return missing


def delivered_updates(dossier: Dossier, *, before: int | None = None) -> list[str]:
    """The ids (MaTienDo) of the dossier's events delivered to the portal, in order."""
    deliveries = Delivery.objects.filter(
        consumer=CONSUMER_NAME, dossier=dossier, status="done"
    ).exclude(event__type__in=[RESYNC, PAYMENT_CONFIRMED])
    if before is not None:
        deliveries = deliveries.filter(event_id__lt=before)
    return [str(pk) for pk in deliveries.order_by("event_id").values_list("event_id", flat=True)]


def register_consumer() -> consumers.Consumer:
    return consumers.register(
        CONSUMER_NAME,
        EVENT_TYPES,
        handle,
        ordered=True,
        backoff=backoff,
        dead_after=dead_after,
        on_dead=on_dead,
    )


# Listed in OUTBOX_CONSUMER_MODULES when NATIONAL_PORTAL_URL is set (settings.py); importing it
# elsewhere (tests, the sync page) registers nothing while the integration is off.
if settings.NATIONAL_PORTAL_URL:
    register_consumer()
