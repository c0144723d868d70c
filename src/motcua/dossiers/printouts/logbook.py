"""Form 07, the dossier log book (sổ theo dõi hồ sơ) of one receiving agency for a period,
rendered live from the dossiers: one row per dossier received, in the order received.

The rows are read in a fixed number of queries whatever their number: the dossiers with their
responsible agency and apology, then their steps and their pauses, each in one query.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.agencies.selectors import organisations_of
from motcua.dossiers.choices import DossierStatus, PauseReason
from motcua.dossiers.errors import DossierError
from motcua.dossiers.models import Dossier, DossierPause, DossierStep
from motcua.dossiers.printouts.common import heading_of, place_of, request_of
from motcua.dossiers.printouts.formatting import day_text, place_and_date, short_moment
from motcua.dossiers.printouts.forms import TITLES
from motcua.workdays.zone import VIETNAM

MAX_DAYS = 366
NOTED_STATUSES = {DossierStatus.WITHDRAWN, DossierStatus.REFUSED, DossierStatus.STOPPED}


def _bounds(date_from: date, date_to: date) -> tuple[datetime, datetime]:
    if date_to < date_from:
        raise DossierError(_("Ngày kết thúc phải từ ngày bắt đầu trở đi."), field="date_to")
    if (date_to - date_from).days >= MAX_DAYS:
        raise DossierError(_("Mỗi lần in sổ tối đa một năm."), field="date_to")
    start = datetime.combine(date_from, time.min, tzinfo=VIETNAM)
    end = datetime.combine(date_to + timedelta(days=1), time.min, tzinfo=VIETNAM)
    return start, end


def logbook_dossiers(agency, *, date_from: date, date_to: date):
    start, end = _bounds(date_from, date_to)
    return (
        Dossier.objects.filter(receiving_agency=agency, received_at__gte=start, received_at__lt=end)
        .select_related("responsible_agency", "apology", "received_by")
        .prefetch_related(
            Prefetch("steps", queryset=DossierStep.objects.order_by("started_at", "pk")),
            Prefetch(
                "pauses",
                queryset=DossierPause.objects.filter(reason=PauseReason.SUPPLEMENT).order_by(
                    "started_at"
                ),
                to_attr="supplement_pauses",
            ),
        )
        .order_by("received_at", "pk")
    )


def _sent_to_processing(dossier, agency) -> datetime | None:
    """When the dossier left the one-stop shop: the start of its first step at another unit."""
    for step in dossier.steps.all():
        if step.unit_id != agency.pk:
            return step.started_at
    return None


def _row(number: int, dossier, agency, organisations: dict[int, str]) -> dict:
    notes = []
    organisation = organisations.get(dossier.received_by_id)
    if organisation:
        notes.append(
            _("Người tiếp nhận: %(name)s, nhân viên %(organisation)s")
            % {"name": dossier.received_by.get_full_name(), "organisation": organisation}
        )
    try:
        apology = dossier.apology
    except Dossier.apology.RelatedObjectDoesNotExist:
        apology = None
    if apology is not None:
        notes.append(_("Xin lỗi, hẹn lại: %(day)s") % {"day": short_moment(apology.new_due_at)})
    if dossier.status in NOTED_STATUSES:
        notes.append(dossier.get_status_display())
    if dossier.outcome:
        notes.append(dossier.get_outcome_display())
    address = ", ".join(
        part for part in (dossier.applicant_address, dossier.applicant_phone) if part
    )
    return {
        "number": number,
        "code": dossier.code,
        "procedure": request_of(dossier)["procedure"],
        "sets_count": dossier.sets_count,
        "applicant": dossier.applicant_name,
        "address_phone": address,
        "lead_agency": dossier.responsible_agency.name,
        "received": short_moment(dossier.received_at),
        "promised": short_moment(dossier.decided_due_at or dossier.due_at),
        "sent": short_moment(_sent_to_processing(dossier, agency)),
        "result_ready": short_moment(dossier.decided_at),
        "supplements": [short_moment(pause.started_at) for pause in dossier.supplement_pauses],
        "returned": short_moment(dossier.returned_at),
        "notes": "; ".join(str(note) for note in notes),
    }


def logbook_rows(
    agency, *, date_from: date, date_to: date, personal: set[int] | None = None
) -> list[dict]:
    """The rows of form 07 for `agency` from `date_from` to `date_to` (local days, both
    included), each with its `dossier`. With `personal` (the ids of the dossiers whose reader
    handles them), the other rows leave the applicant's name, address and phone blank: a report
    reader prints the book without anybody's personal data."""
    dossiers = list(logbook_dossiers(agency, date_from=date_from, date_to=date_to))
    organisations = organisations_of((d.received_by_id for d in dossiers), agency)
    rows = []
    for number, dossier in enumerate(dossiers, start=1):
        row = _row(number, dossier, agency, organisations)
        row["dossier"] = dossier
        row["shows_personal_data"] = personal is None or dossier.pk in personal
        if not row["shows_personal_data"]:
            row["applicant"] = row["address_phone"] = ""
        rows.append(row)
    return rows


def render_logbook_html(
    agency,
    *,
    date_from: date,
    date_to: date,
    now: datetime | None = None,
    rows: list[dict] | None = None,
) -> str:
    """Form 07 for `agency`: the dossiers it received from `date_from` to `date_to` (local days,
    both included); `rows` when already read (`logbook_rows`)."""
    now = now or timezone.now()
    if rows is None:
        rows = logbook_rows(agency, date_from=date_from, date_to=date_to)
    return render_to_string(
        "dossiers/forms/logbook.html",
        {
            "title": TITLES["07"],
            "heading": heading_of(agency),
            "form": "07",
            "place_date": place_and_date(place_of(agency), now),
            "period_from": day_text(date_from),
            "period_to": day_text(date_to),
            "rows": rows,
        },
    )
