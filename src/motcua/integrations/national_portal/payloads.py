"""What Motcua tells the national portal of a dossier (docs/integration.md, "Outbound"): the
dossier sync (DongBoHoSoMC) and one progress line (CapNhatTienDoHoSoMC), built from the
dossier's state alone.

Both are functions of the dossier as it stood at a moment `at` (the event being delivered):
moments after `at` are left empty and lists hold what existed then, so a delivery made late,
after the dossier moved on, still tells the portal the story in its order. Dates are
`yyyyMMddHHmmss` in Vietnam time (workdays.zone), "" when unknown.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from motcua.agencies.choices import Role
from motcua.agencies.models import RoleGrant
from motcua.dossiers.choices import Action, ApplicantKind, DossierStatus, ReturnChannel
from motcua.feedback.choices import CRITERIA
from motcua.integrations.national_portal import mapping
from motcua.payments.selectors import owed_items, paid_online_code
from motcua.results import links as result_links
from motcua.workdays.choices import TimeUnit
from motcua.workdays.zone import VIETNAM as ZONE

# HinhThuc: how the applicant receives the result.
RETURN_FORMS = {ReturnChannel.COUNTER: 0, ReturnChannel.POST: 1, ReturnChannel.ONLINE: 2}


def portal_time(value: datetime | None, at: datetime | None = None) -> str:
    """`value` as yyyyMMddHHmmss in Vietnam's time; "" when unknown or later than `at`."""
    if value is None or (at is not None and value > at):
        return ""
    return value.astimezone(ZONE).strftime("%Y%m%d%H%M%S")


def _link(dossier, file_id: int) -> str:
    path = reverse("office:file", kwargs={"code": dossier.code, "file_id": file_id})
    return settings.SITE_URL.rstrip("/") + path


def _result_link(dossier, result) -> str:
    """Where the applicant downloads the result from the national portal: a signed result's
    public link (no sign-in, unguessable, revocable: results/links.py); an unsigned result's
    file only in the office (for the portal's officials), as before signing existed."""
    signed = getattr(result, "signed", None)  # none yet: the reverse accessor raises
    if signed is not None and signed.file_id == result.file_id:
        return result_links.public_url(signed)
    return _link(dossier, result.file_id) if result.file_id else ""


def _vneid(dossier) -> int:
    inbound = getattr(dossier, "national_portal_inbound", None)
    return 1 if inbound is not None and getattr(inbound, "vneid_verified", False) else 0


def _open_pause(dossier, at: datetime):
    for pause in dossier.pauses.all():
        if pause.started_at <= at and (pause.ended_at is None or pause.ended_at > at):
            return pause
    return None


def status_at(dossier, at: datetime, *, table=None) -> int | None:
    """The national code of the dossier as it is now (`at` is its last change): the code its
    last synced act reported, so that a dossier received and not yet acted on shows 2 (the
    reception's own code), not the 4 of the processing status it is in."""
    pause = _open_pause(dossier, at) if dossier.status == DossierStatus.PAUSED else None
    reason = pause.reason if pause else None
    if dossier.status == DossierStatus.PROCESSING:
        last = (
            dossier.audit_events.filter(at__lte=at, action__in=mapping.SYNCED_ACTIONS)
            .order_by("-seq")
            .values_list("action", flat=True)
            .first()
        )
        if last is not None:
            return mapping.event_status_code(last, dossier.status, reason, table=table)
    return mapping.status_code(dossier.status, reason, table=table)


def dossier_sync(dossier, *, status: int, at: datetime, codes: tuple[str, str]) -> dict:
    """The data of DongBoHoSoMC (without isUpdating). `status`: the TrangThaiHoSo to report;
    `codes`: the procedure's (MaTTHC, MaDichVuCong) from the mapping table."""
    snapshot = dossier.procedure_snapshot
    procedure = snapshot.get("procedure", {})
    field = procedure.get("field", {})
    time_limit = snapshot.get("time_limit", {})
    due = dossier.applicant_due_at or dossier.due_at
    apology = getattr(dossier, "apology", None) if hasattr(dossier, "apology") else None
    if apology is not None and apology.issued_at > at:
        due = dossier.due_at
    ended = dossier.decided_at or dossier.stopped_at
    if dossier.status in (DossierStatus.WITHDRAWN, DossierStatus.REFUSED) and not ended:
        ended = dossier.closed_at
    documents = [
        {
            "TepDinhKemId": str(document.file_id),
            "TenTepDinhKem": document.name,
            "DuongDanTaiTepTin": _link(dossier, document.file_id),
            "DuocSoHoa": 1 if document.digitised else 0,
            # Taken from a data store instead of handed in again: the national personal data
            # store, or the applicant's earlier dossier in ours (docs/data-reuse.md).
            "DuocLayTuKhoDMQG": 1 if document.reused_from else 0,
        }
        for document in dossier.documents.all()
        if document.file_id and document.file.uploaded_at <= at
    ]
    results = [
        {
            "GiayToId": str(result.pk),
            "TenGiayTo": result.title,
            "MaKetQua": result.number,
            "DuongDanTepTinKetQua": _result_link(dossier, result),
        }
        for result in dossier.result_documents.all()
        if not result.file_id or result.file.uploaded_at <= at
    ]
    supplements = [
        {
            "NgayYeuCau": portal_time(pause.started_at),
            "NoiDungYeuCau": pause.note,
            "HanBoSung": portal_time(pause.period_end_at),
            "NgayBoSung": portal_time(pause.ended_at, at),
        }
        for pause in dossier.pauses.all()
        if pause.reason == "supplement" and pause.started_at <= at
    ]
    unit = time_limit.get("unit", "")
    return {
        "MaHoSo": dossier.code,
        "MaTTHC": codes[0],
        "MaDichVuCong": codes[1],
        "TenTTHC": procedure.get("name", ""),
        "MaLinhVuc": field.get("code", ""),
        "TenLinhVuc": field.get("name", ""),
        "KenhThucHien": mapping.channel_code(dossier.channel),
        "ChuHoSo": dossier.applicant_name,
        "LoaiDoiTuong": 2 if dossier.applicant_kind == ApplicantKind.ORGANISATION else 1,
        "MaDoiTuong": dossier.applicant_personal_id or dossier.applicant_tax_code,
        "Email": dossier.applicant_email,
        "SoDienThoai": dossier.applicant_phone,
        "TrichYeuHoSo": " – ".join(
            part
            for part in (procedure.get("name", ""), snapshot.get("case", {}).get("name"))
            if part
        ),
        "NgayNop": portal_time(dossier.submitted_at or dossier.received_at, at),
        "NgayTiepNhan": portal_time(dossier.received_at, at),
        "NgayHenTra": portal_time(due) if dossier.received_at else "",
        "TrangThaiHoSo": status,
        "NgayKetThucXuLy": portal_time(ended, at),
        "NgayTra": portal_time(dossier.returned_at, at),
        "HinhThuc": RETURN_FORMS.get(dossier.requested_return_channel, 0),
        "ThoiGianGiaiQuyet": _number(time_limit.get("value")),
        "DonViTinh": str(TimeUnit(unit).label) if unit in TimeUnit.values else unit,
        "DonViXuLy": (dossier.responsible_agency or dossier.receiving_agency).name,
        "DanhSachLePhi": _fees(dossier, snapshot, at),
        "DuocThanhToanTrucTuyen": paid_online_code(dossier, at=at) or 0,
        "HoSoCoThanhPhanSoHoa": 1 if any(doc["DuocSoHoa"] for doc in documents) else 0,
        "TaiKhoanDuocXacThucVoiVNeID": _vneid(dossier),
        "MaCSDL": _population_code(dossier, at),
        "TaiLieuNop": documents,
        "DanhSachGiayToKetQua": results,
        "DanhSachHoSoBoSung": supplements,
    }


def _fees(dossier, snapshot: dict, at: datetime) -> list[dict]:
    """DanhSachLePhi: what the dossier owes by its payment obligations as they stood at `at`;
    before any obligation, the procedure's fee list as the snapshot holds it."""
    owed = owed_items(dossier, at=at)
    if owed is not None:
        return [
            {"TenPhiLePhi": item.name, "MaPhiLePhi": item.code, "Gia": item.amount} for item in owed
        ]
    return [
        {
            "TenPhiLePhi": fee.get("name", ""),
            "MaPhiLePhi": fee.get("code", ""),
            "Gia": fee.get("amount", 0),
        }
        for fee in snapshot.get("fees", [])
    ]


def _population_code(dossier, at: datetime) -> str:
    """MaCSDL: the population database's reference from the latest check that matched."""
    matched = [
        check for check in dossier.identity_checks.all() if check.ma_csdl and check.checked_at <= at
    ]
    return max(matched, key=lambda check: (check.checked_at, check.pk)).ma_csdl if matched else ""


def _number(value):
    try:
        number = float(value)
    except (TypeError, ValueError):
        return 0
    return int(number) if number.is_integer() else number


@dataclass(frozen=True)
class Act:
    """One act of the dossier's story, as the audit trail holds it."""

    action: str
    at: datetime
    actor: object | None
    actor_name: str
    data: dict


def _title(actor, action: str) -> str:
    """ChucDanh: the actor's role that fits the act, in words."""
    if actor is None:
        return _("Hệ thống")
    if (
        action in (Action.SUBMIT, Action.WITHDRAW)
        and not actor.is_staff
        and not RoleGrant.objects.filter(user=actor).exists()
    ):
        return _("Người nộp hồ sơ")
    preferred = {
        Action.RECEIVE: Role.RECEPTION,
        Action.REFUSE: Role.RECEPTION,
        Action.RETURN_FOR_COMPLETION: Role.RECEPTION,
        Action.RETURN_RESULT: Role.RESULT_RETURN,
        Action.DECIDE: Role.UNIT_LEADER,
        Action.STOP: Role.UNIT_LEADER,
    }.get(action)
    grants = list(RoleGrant.objects.filter(user=actor).order_by("pk").values_list("role", "title"))
    chosen = next((grant for grant in grants if grant[0] == preferred), None)
    chosen = chosen or (grants[0] if grants else None)
    if chosen is None:
        return _("Cán bộ")
    role, title = chosen
    # The official's own title (chức danh) when the grant has one, else the role's name.
    return title or (str(Role(role).label) if role in Role.values else _("Cán bộ"))


def _what(dossier, act: Act) -> str:
    """NoiDungXuLy: what was done, in Vietnamese."""
    label = str(Action(act.action).label) if act.action in Action.values else act.action
    detail = ""
    data = act.data or {}
    if act.action == Action.FORWARD:
        detail = data.get("step") or data.get("to_step") or ""
    elif act.action == Action.PAUSE:
        detail = data.get("note") or data.get("reason") or ""
    elif act.action == Action.APOLOGISE:
        apology = getattr(dossier, "apology", None)
        if apology is not None:
            detail = _("hẹn trả kết quả lại vào %(date)s") % {
                "date": apology.new_due_at.astimezone(ZONE).strftime("%d/%m/%Y %H:%M")
            }
    elif act.action in (Action.STOP, Action.REFUSE):
        detail = data.get("reason") or data.get("reasons") or ""
    elif act.action == Action.DECIDE:
        detail = str(dict(_outcomes()).get(dossier.outcome, "")) if dossier.outcome else ""
    if isinstance(detail, (list, dict)):
        detail = ""
    return f"{label}: {detail}" if detail else label


def _outcomes():
    from motcua.dossiers.choices import Outcome

    return Outcome.choices


def progress_line(dossier, act: Act, *, status: int) -> dict:
    """The data of CapNhatTienDoHoSoMC for `act` (without MaTienDo): who acted, their title
    and unit, what they did, the status, and the start and statutory end of the step then
    open (for acts outside a step, of the dossier's processing)."""
    step = None
    for candidate in dossier.steps.all():
        if candidate.started_at <= act.at and (
            candidate.finished_at is None or candidate.finished_at > act.at
        ):
            step = candidate
    if step is not None:
        unit, start, end = step.unit.name, step.started_at, step.due_at
    else:
        agency = dossier.responsible_agency or dossier.receiving_agency
        unit = agency.name
        start = dossier.received_at or dossier.submitted_at
        end = dossier.due_at
    return {
        "MaHoSo": dossier.code,
        "NguoiXuLy": act.actor_name or _("Hệ thống"),
        "ChucDanh": _title(act.actor, act.action),
        "ThoiDiemXuLy": portal_time(act.at),
        "PhongBanXuLy": unit,
        "NoiDungXuLy": _what(dossier, act),
        "TrangThai": status,
        "NgayBatDau": portal_time(start),
        "NgayKetThucTheoQuyDinh": portal_time(end),
    }


# --- ratings, complaints and petitions (mapping.py names every field) ----------------------


def _procedure_code(procedure) -> str:
    codes = mapping.procedure_codes(procedure.pk) if procedure is not None else None
    return codes[0] if codes else ""


def rating_sync(rating) -> dict:
    """The rating of one dossier (DongBoDanhGiaHaiLongMC-like): its scores by criterion, the
    overall level and the comment. No personal data: the portal knows the dossier's applicant."""
    names = mapping.RATING_FIELDS
    return {
        names["id"]: str(rating.pk),
        names["dossier"]: rating.dossier.code,
        names["procedure"]: _procedure_code(rating.procedure),
        names["agency"]: rating.agency.code,
        names["rated_at"]: portal_time(rating.rated_at),
        names["overall"]: mapping.OVERALL_CODES[rating.overall],
        names["scores"]: [
            {
                names["criterion"]: mapping.CRITERION_CODES[key],
                names["score"]: rating.score(key),
            }
            for key, _label in CRITERIA
        ],
        names["comment"]: rating.comment,
    }


def complaint_sync(complaint) -> dict:
    """A complaint or petition as it stands (DongBoPhanAnhKienNghiMC-like): its status, each
    step's date, the refusal's reason, what was asked for and the answer. The sender's name and
    contacts are not sent."""
    names = mapping.COMPLAINT_FIELDS
    national = complaint.source == "national_portal"
    return {
        names["code"]: complaint.code,
        names["portal_id"]: complaint.external_id if national else "",
        names["kind"]: mapping.COMPLAINT_KIND_CODES[complaint.kind],
        names["source"]: mapping.COMPLAINT_SOURCE_CODES[complaint.source],
        names["dossier"]: complaint.dossier.code if complaint.dossier_id else "",
        names["procedure"]: _procedure_code(complaint.procedure),
        names["agency"]: complaint.agency.code,
        names["title"]: complaint.title,
        names["content"]: complaint.content,
        names["status"]: mapping.COMPLAINT_STATUS_CODES[complaint.status],
        names["received_at"]: portal_time(complaint.received_at),
        names["answer_due_at"]: portal_time(complaint.answer_due_at),
        names["refused_at"]: portal_time(complaint.refused_at),
        names["refusal_reason"]: complaint.refusal_reason,
        names["more_requested_at"]: portal_time(complaint.more_requested_at),
        names["more_request"]: complaint.more_request,
        names["answered_at"]: portal_time(complaint.answered_at),
        names["answer"]: complaint.answer,
        names["answered_late"]: 1 if complaint.answered_late else 0,
        names["published_at"]: portal_time(complaint.published_at),
    }
