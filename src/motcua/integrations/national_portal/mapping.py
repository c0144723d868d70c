"""The mapping tables between Motcua's codes and the national portal's (docs/integration.md,
"Mapping tables"): status and pause reason -> TrangThaiHoSo (1–10), channel -> KenhThucHien
(1/2/3), local procedure -> MaTTHC and MaDichVuCong.

Reads fall back to the defaults below (dossiers/national_codes.py for statuses) where the table
has no row, except for procedures: a dossier of a procedure without a row is held back
(sync.py), never sent with a guessed code. Writes go through the services here: a policy
check, an audit event on the reference-data chain, an outbox event, and the release of the
deliveries that waited for the mapping.
"""

from __future__ import annotations

import re

from django.db import transaction
from django.utils.translation import gettext as _

from motcua.agencies.choices import Role
from motcua.agencies.policies import province_wide
from motcua.dossiers import national_codes
from motcua.dossiers.choices import Action, Channel, DossierStatus, PauseReason
from motcua.dossiers.errors import DossierError, NotAllowed
from motcua.events.reference import moment, record_change
from motcua.events.services import release_held
from motcua.integrations.national_portal.outbound_models import (
    ChannelMapping,
    ProcedureMapping,
    StatusMapping,
)

CONSUMER_NAME = "national_portal"

# KenhThucHien: 1 in person, 2 online, 3 public post.
DEFAULT_CHANNELS = {
    Channel.COUNTER: 1,
    Channel.ONLINE: 2,
    Channel.NATIONAL_PORTAL: 2,
    Channel.POST: 3,
}

_NATIONAL_PROCEDURE_RE = re.compile(r"^\d\.\d{6}")


def status_key(status: str, pause_reason: str | None = None) -> str:
    """The table's key of a status: the status, or "paused:<reason>" for a paused dossier."""
    if status == DossierStatus.PAUSED:
        return f"paused:{pause_reason or ''}"
    return str(status)


def status_keys() -> list[tuple[str, str]]:
    """Every key of the status table with its Vietnamese label, and the code of reception."""
    keys = [
        (str(status), str(status.label))
        for status in DossierStatus
        if status not in (DossierStatus.DRAFT, DossierStatus.PAUSED)
    ]
    keys += [
        (status_key(DossierStatus.PAUSED, reason), f"{DossierStatus.PAUSED.label}: {reason.label}")
        for reason in PauseReason
    ]
    keys.append((f"action:{Action.RECEIVE}", str(Action.RECEIVE.label)))
    return keys


def default_status_code(key: str) -> int | None:
    if key.startswith("action:"):
        return national_codes.national_code_of_event(key.split(":", 1)[1])
    if key.startswith("paused:"):
        return national_codes.national_code(DossierStatus.PAUSED, key.split(":", 1)[1])
    return national_codes.national_code(key)


def _status_table() -> dict[str, int]:
    return dict(StatusMapping.objects.values_list("local", "national_code"))


def status_code(status: str, pause_reason: str | None = None, *, table=None) -> int | None:
    """TrangThaiHoSo of a dossier in `status` (paused: for `pause_reason`)."""
    key = status_key(status, pause_reason)
    table = _status_table() if table is None else table
    if key in table:
        return table[key]
    return default_status_code(key)


# The dossier actions whose events change what the portal shows: the outbox consumer listens
# to their events, and the status a dossier shows now is the one its last such act reported.
SYNCED_ACTIONS = (
    Action.SUBMIT,
    Action.RETURN_FOR_COMPLETION,
    Action.REFUSE,
    Action.RECEIVE,
    Action.ASSIGN,
    Action.FORWARD,
    Action.RETURN_TO_STEP,
    Action.HAND_OVER,
    Action.PAUSE,
    Action.RESUME,
    Action.APOLOGISE,
    Action.DECIDE,
    # The signed result replaces the result's file: its link (DuongDanTepTinKetQua) follows.
    Action.RESULT_SIGN,
    # A result's public link renewed (the old one revoked): the portal gets the new one.
    Action.RESULT_LINK_RENEW,
    Action.RETURN_RESULT,
    Action.WITHDRAW,
    Action.STOP,
)


# --- ratings, complaints and petitions ------------------------------------------------------
#
# The portal's protocol as known documents no call for them. These "-like" names and codes are
# our assumption in the style of the dossier calls (docs/integration.md, "Ratings, complaints
# and petitions"); a deployment that receives the official guide adjusts them here.

# The feedback events the consumer sends (feedback/services.py writes them).
RATING_EVENTS = ("feedback.rating_given",)
COMPLAINT_EVENTS = (
    "feedback.complaint_received",
    "feedback.complaint_assigned",
    "feedback.complaint_refused",
    "feedback.complaint_more_requested",
    "feedback.complaint_answered",
    "feedback.complaint_published",
)

# Call names (shape A `service`, on /integration).
SYNC_RATING = "DongBoDanhGiaHaiLongMC"
SYNC_COMPLAINT = "DongBoPhanAnhKienNghiMC"
# Their read-backs (shape A, on /share), for NATIONAL_PORTAL_VERIFY.
LOOK_UP_RATING = "TraCuuDanhGiaHaiLong"
LOOK_UP_COMPLAINT = "TraCuuPhanAnhKienNghi"

# The fields of a rating sync, by our name.
RATING_FIELDS = {
    "id": "MaDanhGia",  # ours, stable: a repeat is the same rating on the portal
    "dossier": "MaHoSo",
    "procedure": "MaTTHC",
    "agency": "MaDonViXuLy",
    "rated_at": "NgayDanhGia",
    "overall": "MucDoHaiLong",
    "scores": "DiemTieuChi",
    "criterion": "MaTieuChi",
    "score": "Diem",
    "comment": "YKien",
}
# MucDoHaiLong: 1 very satisfied, 2 satisfied, 3 unsatisfied.
OVERALL_CODES = {"very_satisfied": 1, "satisfied": 2, "unsatisfied": 3}
# MaTieuChi of each criterion of feedback.choices.CRITERIA.
CRITERION_CODES = {
    "access": "TC1",
    "procedure": "TC2",
    "attitude": "TC3",
    "timeliness": "TC4",
    "result": "TC5",
}

# The fields of a complaint or petition sync, by our name.
COMPLAINT_FIELDS = {
    "code": "MaPAKN",  # ours, stable
    "portal_id": "MaPAKNQG",  # the portal's own id when it came from the portal, else ""
    "kind": "LoaiPAKN",
    "source": "NguonPAKN",
    "dossier": "MaHoSo",
    "procedure": "MaTTHC",
    "agency": "MaDonViXuLy",
    "title": "TieuDe",
    "content": "NoiDung",
    "status": "TrangThaiPAKN",
    "received_at": "NgayTiepNhan",
    "answer_due_at": "HanTraLoi",
    "refused_at": "NgayTuChoi",
    "refusal_reason": "LyDoTuChoi",
    "more_requested_at": "NgayYeuCauBoSung",
    "more_request": "NoiDungYeuCauBoSung",
    "answered_at": "NgayTraLoi",
    "answer": "NoiDungTraLoi",
    "answered_late": "TraLoiQuaHan",
    "published_at": "NgayCongKhai",
}
# LoaiPAKN: 1 phản ánh, 2 kiến nghị. NguonPAKN: 1 the province's portal, 2 the national one.
COMPLAINT_KIND_CODES = {"complaint": 1, "petition": 2}
COMPLAINT_SOURCE_CODES = {"portal": 1, "national_portal": 2}
# Complaints and petitions citizens send on the portal, fetched by poll (complaint_poll.py):
# the call, and the fields of one complaint listed, by our name.
LIST_NEW_COMPLAINTS = "LayDanhSachPAKNMoi"
INBOUND_COMPLAINT_FIELDS = {
    "external_id": "MaPAKN",
    "kind": "LoaiPAKN",
    "dossier": "MaHoSo",
    "procedure": "MaTTHC",
    "service": "MaDichVuCong",
    "title": "TieuDe",
    "content": "NoiDung",
    "contact_name": "HoTen",
    "contact_phone": "SoDienThoai",
    "contact_email": "Email",
}

# TrangThaiPAKN, one code per status of feedback.choices.ComplaintStatus.
COMPLAINT_STATUS_CODES = {
    "received": 1,
    "assigned": 2,
    "more_requested": 3,
    "refused": 4,
    "answered": 5,
    "published": 6,
}


def event_status_code(action: str, status: str, pause_reason: str | None, *, table=None) -> int:
    """The code reported at the moment of `action`: reception reports 2 (its own row), any
    other action the status it left the dossier in."""
    table = _status_table() if table is None else table
    key = f"action:{action}"
    if key in table:
        return table[key]
    code = national_codes.national_code_of_event(action)
    if code is not None:
        return code
    return status_code(status, pause_reason, table=table)


def channel_code(channel: str) -> int:
    row = ChannelMapping.objects.filter(channel=channel).values_list("national_code", flat=True)
    for code in row:
        return code
    return DEFAULT_CHANNELS.get(channel, 1)


def procedure_codes(procedure_id: int) -> tuple[str, str] | None:
    """(MaTTHC, MaDichVuCong) of a local procedure, or None when it is not mapped."""
    row = (
        ProcedureMapping.objects.filter(procedure_id=procedure_id)
        .values_list("national_procedure_code", "national_service_code")
        .first()
    )
    return tuple(row) if row else None


def default_procedure_codes(code: str) -> tuple[str, str]:
    """The defaults of a local procedure code: MaTTHC is the national part ("1.001193" of
    "1.001193.000.00.00.H26"), MaDichVuCong the whole local code."""
    match = _NATIONAL_PROCEDURE_RE.match(code or "")
    return (match.group(0) if match else code), code


# --- services ------------------------------------------------------------------------------


def release_held_complaints(procedure, *, now) -> int:
    """Release the complaints about `procedure` (not about one of its dossiers, released with
    the dossier) held for want of its mapping."""
    from motcua.events.choices import DeliveryStatus
    from motcua.events.models import Delivery
    from motcua.feedback.models import Complaint

    codes = Complaint.objects.filter(procedure=procedure, dossier__isnull=True).values("code")
    return Delivery.objects.filter(
        consumer=CONSUMER_NAME,
        status=DeliveryStatus.HELD,
        dossier__isnull=True,
        event__type__in=COMPLAINT_EVENTS,
        event__subject__in=codes,
    ).update(status=DeliveryStatus.PENDING, next_attempt_at=now, claimed_until=None)


def refuse_mapping_change(actor) -> str | None:
    if province_wide(actor, Role.SYSTEM_ADMIN):
        return None
    return _("Chỉ quản trị hệ thống của toàn tỉnh, thành phố mới được sửa bảng ánh xạ.")


def _check(actor) -> None:
    if actor is None:  # the system's own defaults (load_national_portal_mappings)
        return
    refusal = refuse_mapping_change(actor)
    if refusal:
        raise NotAllowed(refusal)


def set_procedure_mapping(
    procedure,
    *,
    actor,
    national_procedure_code: str,
    national_service_code: str = "",
    now=None,
) -> ProcedureMapping:
    """Map a local procedure to its national codes. The deliveries held for want of it are
    released in the same transaction: they are sent by the next worker's batch."""
    now = moment(now)
    national_procedure_code = (national_procedure_code or "").strip()
    national_service_code = (national_service_code or "").strip()
    if not national_procedure_code:
        raise DossierError(_("Cần nhập mã thủ tục quốc gia."), field="national_procedure_code")
    with transaction.atomic():
        _check(actor)
        mapping, created = ProcedureMapping.objects.select_for_update().get_or_create(
            procedure=procedure,
            defaults={
                "national_procedure_code": national_procedure_code,
                "national_service_code": national_service_code,
                "updated_at": now,
                "updated_by": actor,
            },
        )
        before = (
            {}
            if created
            else {
                "national_procedure_code": mapping.national_procedure_code,
                "national_service_code": mapping.national_service_code,
            }
        )
        mapping.national_procedure_code = national_procedure_code
        mapping.national_service_code = national_service_code
        mapping.updated_at, mapping.updated_by = now, actor
        mapping.save()
        after = {
            "national_procedure_code": national_procedure_code,
            "national_service_code": national_service_code,
        }
        if before != after:
            record_change(
                actor=actor,
                action="map_procedure",
                subject_type="national_portal_mapping",
                subject_key=f"procedure:{procedure.code}",
                data={"before": before, "after": after},
                event_type="national_portal.mapping_changed",
                now=now,
            )
        release_held(
            CONSUMER_NAME,
            dossier_ids=procedure.dossiers.values_list("pk", flat=True),
            now=now,
        )
        release_held_complaints(procedure, now=now)
    return mapping


def set_status_mapping(key: str, *, actor, national_code: int, now=None) -> StatusMapping:
    now = moment(now)
    if key not in dict(status_keys()):
        raise DossierError(_("Trạng thái không có trong danh sách."), field="local")
    if not isinstance(national_code, int) or not 1 <= national_code <= 10:
        raise DossierError(_("Mã trạng thái quốc gia là số từ 1 đến 10."), field="national_code")
    return _set_code(
        StatusMapping,
        {"local": key},
        national_code,
        actor=actor,
        action="map_status",
        subject=f"status:{key}",
        now=now,
    )


def set_channel_mapping(channel: str, *, actor, national_code: int, now=None) -> ChannelMapping:
    now = moment(now)
    if channel not in Channel.values:
        raise DossierError(_("Kênh nộp không có trong danh sách."), field="channel")
    if not isinstance(national_code, int) or not 1 <= national_code <= 3:
        raise DossierError(_("Mã kênh quốc gia là 1, 2 hoặc 3."), field="national_code")
    return _set_code(
        ChannelMapping,
        {"channel": channel},
        national_code,
        actor=actor,
        action="map_channel",
        subject=f"channel:{channel}",
        now=now,
    )


def _set_code(model, lookup: dict, national_code: int, *, actor, action, subject, now):
    """Write one row of a code table (status or channel) and record the change, if any, in the
    reference chain."""
    with transaction.atomic():
        _check(actor)
        row = model.objects.select_for_update().filter(**lookup).first()
        before = row.national_code if row else None
        row = row or model(**lookup)
        row.national_code, row.updated_at, row.updated_by = national_code, now, actor
        row.save()
        if before != national_code:
            record_change(
                actor=actor,
                action=action,
                subject_type="national_portal_mapping",
                subject_key=subject,
                data={"before": before, "after": national_code},
                event_type="national_portal.mapping_changed",
                now=now,
            )
    return row


def load_defaults(*, procedures=None, now=None) -> dict[str, int]:
    """Write the default rows that are missing: every status and channel, and every procedure
    of the catalog (or of `procedures`) not mapped yet. Rows that exist are left as they are.
    Returns how many rows of each table were added."""
    from motcua.catalog.models import Procedure

    now = moment(now)
    added = {"status": 0, "channel": 0, "procedure": 0}
    existing = set(StatusMapping.objects.values_list("local", flat=True))
    for key, _label in status_keys():
        code = default_status_code(key)
        if key not in existing and code is not None:
            set_status_mapping(key, actor=None, national_code=code, now=now)
            added["status"] += 1
    existing = set(ChannelMapping.objects.values_list("channel", flat=True))
    for channel, code in DEFAULT_CHANNELS.items():
        if str(channel) not in existing:
            set_channel_mapping(str(channel), actor=None, national_code=code, now=now)
            added["channel"] += 1
    queryset = Procedure.objects.all() if procedures is None else procedures
    for procedure in queryset.filter(national_portal_mapping__isnull=True).order_by("code"):
        national, service = default_procedure_codes(procedure.code)
        set_procedure_mapping(
            procedure,
            actor=None,
            national_procedure_code=national,
            national_service_code=service,
            now=now,
        )
        added["procedure"] += 1
    return added
