"""The rows of form 05, the processing control sheet: one per hand-over of the dossier.

A hand-over is the start of a step (DossierStep): from the unit of the step before (the
one-stop shop for the first) to the step's unit, with the step's due moment, when it finished
and whether that was early, on time or late. Two more rows close the sheet once they happen:
the result handed back to the one-stop shop (judged against the dossier's own due moment) and
the result returned to the applicant.
"""

from __future__ import annotations

from datetime import datetime

from django.utils.translation import gettext as _

from motcua.agencies.selectors import organisations_of
from motcua.dossiers.choices import Timeliness
from motcua.dossiers.deadlines import timeliness
from motcua.dossiers.printouts.formatting import short_moment
from motcua.workdays.zone import VIETNAM


def _judgement(finished: datetime | None, due: datetime | None, *, now: datetime) -> str:
    if finished is not None:
        return str(Timeliness(timeliness(finished, due, VIETNAM)).label) if due else ""
    if due is None:
        return _("Đang tạm dừng")
    if now > due:
        return _("Quá hạn, đang xử lý")
    return _("Đang xử lý")


def _official(step, organisations: dict[int, str]) -> str:
    """Who did the step, with their organisation when not a civil servant."""
    if not step.assigned_to_id:
        return ""
    name = step.assigned_to.get_full_name()
    organisation = organisations.get(step.assigned_to_id)
    return f"{name} ({organisation})" if organisation else name


def control_rows(dossier, *, now: datetime) -> list[dict]:
    steps = list(dossier.steps.select_related("unit", "assigned_to").order_by("started_at", "pk"))
    receiving = dossier.receiving_agency
    organisations = organisations_of(
        (step.assigned_to_id for step in steps if step.assigned_to_id), receiving
    )
    rows = []
    previous_unit = None
    for index, step in enumerate(steps, start=1):
        if previous_unit is None:
            giver = _("Người nộp hồ sơ") if step.unit_id == receiving.pk else receiving.name
        else:
            giver = previous_unit.name
        due = step.finished_due_at if step.finished_at else step.due_at
        note = step.note
        if step.ended_by_return:
            note = _("Trả lại bước trước: %(note)s") % {"note": step.note}
        rows.append(
            {
                "number": index,
                "from": giver,
                "to": step.unit.name,
                "step": step.name,
                "official": _official(step, organisations),
                "moment": short_moment(step.started_at),
                "due": short_moment(due),
                "finished": short_moment(step.finished_at),
                "judgement": _judgement(step.finished_at, due, now=now),
                "note": note,
            }
        )
        previous_unit = step.unit
    if dossier.decided_at is not None:
        rows.append(
            {
                "number": len(rows) + 1,
                "from": previous_unit.name if previous_unit else dossier.responsible_agency.name,
                "to": receiving.name,
                "step": _("Chuyển kết quả về bộ phận một cửa"),
                "official": "",
                "moment": short_moment(dossier.decided_at),
                "due": short_moment(dossier.decided_due_at),
                "finished": short_moment(dossier.decided_at),
                "judgement": _judgement(dossier.decided_at, dossier.decided_due_at, now=now),
                "note": dossier.get_outcome_display() if dossier.outcome else "",
            }
        )
    if dossier.returned_at is not None:
        rows.append(
            {
                "number": len(rows) + 1,
                "from": receiving.name,
                "to": dossier.collected_by_name or dossier.applicant_name,
                "step": _("Trả kết quả cho người nộp hồ sơ"),
                "official": "",
                "moment": short_moment(dossier.returned_at),
                "due": "",
                "finished": short_moment(dossier.returned_at),
                "judgement": "",
                "note": dossier.get_return_channel_display() if dossier.return_channel else "",
            }
        )
    return rows
