"""Forms 01–06 of Circular 03/2025/TT-VPCP for one dossier, as HTML.

Each builder gathers what docs/domain.md lists for its form from the dossier, its snapshot and the
rows the services wrote; `render_form_html` renders the form's template. Forms 01–05 are
rendered once, when issued, and kept (issuing.py); form 06 is rendered live.
"""

from __future__ import annotations

from datetime import datetime

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.agencies.selectors import organisation_of
from motcua.dossiers.choices import Action, DocumentForm, PauseReason, ReturnChannel, StopReasonKind
from motcua.dossiers.errors import DossierError
from motcua.dossiers.printouts.common import base_context, official_name, official_organisation
from motcua.dossiers.printouts.control import control_rows
from motcua.dossiers.printouts.formatting import (
    keep_names_together,
    local,
    moment_text,
    parse_moment,
    time_limit_text,
)

# The forms of Circular 03/2025/TT-VPCP (in force for forms issued from 2025 on).
EDITION = "03/2025"
TITLES = {
    "01": gettext_lazy("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"),
    "02": gettext_lazy("PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ"),
    "03": gettext_lazy("PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ"),
    "04": gettext_lazy("VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT"),
    "05": gettext_lazy("THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ"),
    "06": gettext_lazy("PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ"),
    "07": gettext_lazy("SỔ THEO DÕI HỒ SƠ"),
}
# The forms of Circular 01/2018/TT-VPCP: a form kept as issued under it keeps its number and
# title (its 05 and 06 were the control sheet and the log book, never kept).
TITLES_2018 = {
    "01": gettext_lazy("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"),
    "02": gettext_lazy("PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ"),
    "03": gettext_lazy("PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ"),
    "04": gettext_lazy("PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ"),
    "05": gettext_lazy("PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ"),
    "06": gettext_lazy("SỔ THEO DÕI HỒ SƠ"),
}
TITLES_BY_EDITION = {"01/2018": TITLES_2018, EDITION: TITLES}


def form_title(form: str, edition: str = EDITION) -> str:
    """The title of form `form` in the circular it was issued under."""
    return str(TITLES_BY_EDITION.get(edition, TITLES).get(form, ""))


# The form's short sign, printed in its number ("Số: 0001/TNHS").
SIGNS = {"01": "TNHS", "02": "YCBS", "03": "TCTN", "04": "XLGH", "05": "DGQ", "06": "KSGQ"}
# Why a dossier is stopped (the values engine9's StopReasonKind stores).
# The grounds a stop notice names: the dossier's own choices (one wording for the office, the
# tracking page and the form).
STOP_REASONS = dict(StopReasonKind.choices)


def _code_parts(dossier) -> tuple[str, str]:
    """The day ('02/03/2026') and sequence number ('0001') a dossier code carries: its entry in
    the receiving agency's register. Codes are issued at submission (docs/dossiers.md), so the
    day may be before the day of reception."""
    parts = (dossier.code or "").rsplit("-", 2)
    if len(parts) != 3:
        return "", ""
    try:
        day = datetime.strptime(parts[1], "%y%m%d").strftime("%d/%m/%Y")  # noqa: DTZ007 - a date
    except ValueError:
        day = ""
    return day, parts[2]


def _number(dossier, form: str) -> str:
    """The form's number: the dossier's sequence number (the last part of its code) and the
    form's sign."""
    return f"{_code_parts(dossier)[1] or '…'}/{SIGNS[form]}"


def _form_01(dossier, context: dict, *, now: datetime) -> dict:
    documents = [
        {
            "name": document.name,
            "form": DocumentForm(document.form).label if document.form else "",
            "quantity": document.quantity,
        }
        for document in dossier.documents.all()
        if document.quantity or document.file_id
    ]
    agency = dossier.receiving_agency
    collect_at = ", ".join(part for part in (agency.name, agency.address) if part)
    if dossier.requested_return_channel == ReturnChannel.POST:
        collect_at = _("qua dịch vụ bưu chính công ích, tới địa chỉ: %(address)s") % {
            "address": dossier.applicant_address or dossier.applicant_name
        }
    elif dossier.requested_return_channel == ReturnChannel.ONLINE:
        collect_at = _("trực tuyến, trên Cổng Dịch vụ công (tra cứu bằng mã hồ sơ)")
    received = dossier.received_at or now
    register_day, sequence = _code_parts(dossier)
    return {
        "documents": documents,
        "sets_count": dossier.sets_count,
        "time_limit": time_limit_text(dossier.time_limit, two_digits=True),
        "received": moment_text(received),
        "due": moment_text(dossier.due_at),
        "collect_at": collect_at,
        "counter_hours": agency.counter_hours,
        "logbook_reference": _("ngày %(day)s, số thứ tự %(number)s")
        % {"day": register_day or local(received).strftime("%d/%m/%Y"), "number": sequence},
        "receiver": (
            dossier.received_by.get_full_name()
            if dossier.received_by_id
            else official_name(dossier, context)
        ),
        "receiver_organisation": (
            organisation_of(dossier.received_by, agency) if dossier.received_by_id else ""
        ),
    }


def _missing_items(dossier) -> tuple[list[str], str]:
    """The latest written request to supplement: a pause for supplement during processing, or a
    return for completion before reception, whichever is later."""
    pause = dossier.pauses.filter(reason=PauseReason.SUPPLEMENT).order_by("-started_at").first()
    completion = dossier.completion_requests.order_by("-requested_at", "-pk").first()
    if completion is not None and (pause is None or completion.requested_at > pause.started_at):
        return list(completion.items), completion.note
    if pause is not None:
        return list(pause.items), pause.note
    return [], ""


def _form_02(dossier, context: dict, *, now: datetime) -> dict:
    items, note, period = context.get("items"), context.get("note"), context.get("period")
    if items is None:
        items, fallback_note = _missing_items(dossier)
        note = fallback_note if note is None else note
    if period is None:
        pause = dossier.pauses.filter(reason=PauseReason.SUPPLEMENT).order_by("-started_at").first()
        period = pause.period_text if pause is not None else ""
    agency = dossier.receiving_agency
    return {
        "items": items,
        "note": note or "",
        "period": period,
        "official": official_name(dossier, context),
        "official_organisation": official_organisation(dossier, context),
        "contact_phone": agency.phone,
        "contact_email": agency.email,
        "contact_address": agency.address,
    }


def _form_03(dossier, context: dict, *, now: datetime) -> dict:
    reasons = context.get("reasons")
    if reasons is None:
        reasons = dossier.refusal_reasons
    return {
        "reasons": reasons,
        "official": official_name(dossier, context),
        "official_organisation": official_organisation(dossier, context),
    }


def _promised(dossier) -> datetime | None:
    """The return date promised before the apology. A paused dossier has no due moment, so the
    last one set (at reception or on resuming) is read from its audit trail."""
    if dossier.due_at is not None:
        return dossier.due_at
    for event in dossier.audit_events.filter(action__in=[Action.RECEIVE, Action.RESUME]).order_by(
        "-seq"
    ):
        if event.data.get("due_at"):
            return parse_moment(event.data["due_at"])
    return None


def _form_04(dossier, context: dict, *, now: datetime) -> dict:
    apology = getattr(dossier, "apology", None)
    if apology is None:
        raise DossierError(_("Hồ sơ chưa có phiếu xin lỗi."), field="form")
    return {
        "apology": apology,
        "received": moment_text(dossier.received_at),
        "promised": moment_text(_promised(dossier)),
        "new_due": moment_text(apology.new_due_at),
        "reason": apology.reason,
        "unit_name": keep_names_together(apology.unit.name),
        "official": apology.issued_by.get_full_name(),
    }


def _stop_official(dossier, context: dict) -> str:
    official = context.get("official", getattr(dossier, "stopped_by", None))
    if official is None:
        return official_name(dossier, {})
    return official if isinstance(official, str) else official.get_full_name()


def _form_05(dossier, context: dict, *, now: datetime) -> dict:
    """The stop notice. Its fields come from `context`, else from the dossier's stop
    (docs/printouts.md): reason_kind ("applicant_request" or "legal_reason"), reason,
    stopped_at, official (who stops: the head of the agency), documents and fees (what
    happens to the submitted documents and to the fees paid)."""
    kind = context.get("reason_kind", getattr(dossier, "stop_reason_kind", ""))
    reason = context.get("reason", getattr(dossier, "stop_reason", ""))
    stopped_at = context.get("stopped_at", getattr(dossier, "stopped_at", None)) or now
    if kind not in STOP_REASONS or not (reason or "").strip():
        raise DossierError(
            _(
                "Thông báo dừng giải quyết cần lý do dừng và căn cứ (theo đề nghị hay theo quy định)."
            ),
            field="reason",
        )
    agency = dossier.responsible_agency or dossier.receiving_agency
    return {
        "reason_kind": kind,
        "reason_kind_label": STOP_REASONS[kind],
        "reason": reason.strip(),
        "received": moment_text(dossier.received_at),
        "stopped": moment_text(stopped_at),
        "documents_note": context.get("documents")
        or _(
            "Hồ sơ giấy đã nộp được trả lại cho người nộp hồ sơ tại nơi tiếp nhận; "
            "bản điện tử được lưu trong hệ thống."
        ),
        "fees_note": context.get("fees")
        or _(
            "Phí, lệ phí đã nộp được xử lý theo quy định của pháp luật về phí và lệ phí; "
            "phần chưa sử dụng được hoàn trả cho người nộp hồ sơ."
        ),
        "unit_name": keep_names_together(agency.name),
        "official": _stop_official(dossier, context),
    }


def _form_06(dossier, context: dict, *, now: datetime) -> dict:
    return {
        "received": moment_text(dossier.received_at),
        "due": moment_text(dossier.due_at or dossier.decided_due_at),
        "applicant_due": moment_text(dossier.applicant_due_at),
        "rows": control_rows(dossier, now=now),
        "pauses": [
            {
                "reason": pause.get_reason_display(),
                "note": pause.note,
                "started": moment_text(pause.started_at),
                "ended": moment_text(pause.ended_at),
            }
            for pause in dossier.pauses.order_by("started_at")
        ],
    }


BUILDERS = {
    "01": _form_01,
    "02": _form_02,
    "03": _form_03,
    "04": _form_04,
    "05": _form_05,
    "06": _form_06,
}


def render_form_html(dossier, form: str, *, now: datetime, context: dict | None = None) -> str:
    """The complete HTML document of form `form` ("01"–"06") for `dossier` as of `now`."""
    if form not in BUILDERS:
        raise DossierError(
            _("Mẫu phiếu “%(form)s” không có; chỉ có các mẫu 01 đến 06.") % {"form": form},
            field="form",
        )
    context = dict(context or {})
    # Form 04 comes from the late unit and is signed by its head; the others from the one-stop
    # shop that received the dossier.
    agency, one_stop = dossier.receiving_agency, True
    if form == "04" and getattr(dossier, "apology", None) is not None:
        agency, one_stop = dossier.apology.unit, False
    if form == "05":
        agency, one_stop = dossier.responsible_agency or dossier.receiving_agency, False
    number = _number(dossier, form)
    values = {
        **base_context(
            dossier,
            agency,
            now=now,
            one_stop=one_stop,
            form=form,
            title=TITLES[form],
            number=number,
        ),
        "form": form,
        "title": TITLES[form],
        "number": number,
        **BUILDERS[form](dossier, context, now=now),
    }
    return render_to_string(f"dossiers/forms/form_{form}.html", values)
