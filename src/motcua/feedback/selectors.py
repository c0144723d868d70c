"""Reading ratings and complaints, scoped to who asks, and their figures (docs/feedback.md).

A citizen reads only their own (a guest only those their session sent); a complaint or
rating of someone else is "not found", never "forbidden", so its existence is not told.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Avg, Count, Q, QuerySet
from django.utils.translation import gettext as _

from motcua.dossiers.codes import check_lookup_secret
from motcua.dossiers.errors import NotFound
from motcua.dossiers.policies import is_applicant_account
from motcua.feedback import policies
from motcua.feedback.choices import OPEN_STATUSES, POOR, ComplaintStatus
from motcua.feedback.models import Complaint, Rating

# --- the applicant's own ----------------------------------------------------------------------


def ratings_of(actor) -> QuerySet[Rating]:
    if not is_applicant_account(actor):
        return Rating.objects.none()
    return (
        Rating.objects.filter(Q(rated_by=actor) | Q(dossier__owner=actor))
        .select_related("dossier", "procedure", "agency")
        .order_by("-rated_at", "-pk")
    )


def rating_for(actor, pk: int, *, dossier_ids=()) -> Rating:
    """The rating `pk` if `actor` gave it (or owns its dossier), or if it rates one of the
    dossiers the visitor's session proved to be theirs (`dossier_ids`)."""
    found = (
        Rating.objects.filter(pk=pk)
        .filter(_own(actor, "rated_by", "dossier__owner") | Q(dossier_id__in=list(dossier_ids)))
        .select_related("dossier", "procedure", "agency")
        .first()
    )
    if found is None:
        raise NotFound(_("Không tìm thấy đánh giá."))
    return found


def _own(actor, *fields) -> Q:
    if not is_applicant_account(actor):
        return Q(pk__in=[])
    condition = Q()
    for name in fields:
        condition |= Q(**{name: actor})
    return condition


def complaints_of(actor, *, complaint_ids=()) -> QuerySet[Complaint]:
    """The complaints a signed-in citizen sent (or sent about their dossiers through our
    portal), and those this visitor's session sent (`complaint_ids`)."""
    condition = Q(pk__in=list(complaint_ids))
    if is_applicant_account(actor):
        condition |= Q(submitter=actor)
    return (
        Complaint.objects.filter(condition)
        .select_related("dossier", "procedure", "agency")
        .order_by("-received_at", "-pk")
    )


def complaint_for(actor, code: str, *, complaint_ids=()) -> Complaint:
    found = complaints_of(actor, complaint_ids=complaint_ids).filter(code=code).first()
    if found is None:
        raise NotFound(_("Không tìm thấy phản ánh, kiến nghị."))
    return found


def complaint_by_secret(code: str, secret: str) -> Complaint:
    """A guest's complaint found by its code and lookup secret (the caller rate-limits); a
    wrong code or secret are the same NotFound, so that neither is told apart."""
    found = (
        Complaint.objects.filter(code=(code or "").strip().upper()[:30])
        .exclude(lookup_secret_hash="")
        .first()
    )
    if found is None or not check_lookup_secret(secret or "", found.lookup_secret_hash):
        raise NotFound(_("Mã phản ánh hoặc mật khẩu tra cứu không đúng."))
    return found


def published_complaints() -> QuerySet[Complaint]:
    """The answers made public (what the portal lists), without the sender's contact."""
    return (
        Complaint.objects.filter(status=ComplaintStatus.PUBLISHED)
        .select_related("procedure", "agency")
        .order_by("-published_at")
    )


# --- the office -------------------------------------------------------------------------------


def office_queue(actor, *, open_only: bool = True) -> QuerySet[Complaint]:
    """The complaints of the agencies `actor` leads, and those assigned to them."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        return Complaint.objects.none()
    condition = Q(agency__in=policies.handled_agencies(actor)) | Q(assigned_to=actor)
    found = Complaint.objects.filter(condition)
    if open_only:
        found = found.filter(status__in=OPEN_STATUSES)
    return found.select_related("agency", "procedure", "dossier", "assigned_to").order_by(
        "answer_due_at", "pk"
    )


def complaint_in_office(actor, code: str) -> Complaint:
    found = office_queue(actor, open_only=False).filter(code=code).first()
    if found is None:
        raise NotFound(_("Không tìm thấy phản ánh, kiến nghị."))
    return found


# --- figures --------------------------------------------------------------------------------


@dataclass(frozen=True)
class RatingFigures:
    agency_id: int
    agency_name: str
    procedure_id: int
    procedure_name: str
    count: int
    poor: int
    averages: dict

    @property
    def poor_share(self) -> float:
        return self.poor / self.count if self.count else 0.0


def rating_figures(*, start: datetime, end: datetime, agencies=None) -> list[RatingFigures]:
    """Per agency and procedure, the ratings given in [start, end): how many, how many poor
    (overall "không hài lòng"), and each criterion's average. The service index's
    satisfaction indicator reads `poor_share`."""
    found = Rating.objects.filter(rated_at__gte=start, rated_at__lt=end)
    if agencies is not None:
        found = found.filter(agency__in=agencies)
    rows = (
        found.values("agency_id", "agency__name", "procedure_id", "procedure__name")
        .annotate(
            count=Count("pk"),
            poor=Count("pk", filter=Q(overall=POOR)),
            access=Avg("access"),
            procedure_score=Avg("procedure_score"),
            attitude=Avg("attitude"),
            timeliness=Avg("timeliness"),
            result=Avg("result"),
        )
        .order_by("agency__name", "procedure__name")
    )
    return [
        RatingFigures(
            agency_id=row["agency_id"],
            agency_name=row["agency__name"],
            procedure_id=row["procedure_id"],
            procedure_name=row["procedure__name"],
            count=row["count"],
            poor=row["poor"],
            averages={
                "access": row["access"],
                "procedure": row["procedure_score"],
                "attitude": row["attitude"],
                "timeliness": row["timeliness"],
                "result": row["result"],
            },
        )
        for row in rows
    ]


def complaint_figures(*, start: datetime, end: datetime, now: datetime, agencies=None) -> dict:
    """Counts of the complaints received in [start, end): received, refused (and late),
    asked for more (and late), answered on time and late, published (and late), and still
    open past the answer's deadline at `now`."""
    found = Complaint.objects.filter(received_at__gte=start, received_at__lt=end)
    if agencies is not None:
        found = found.filter(agency__in=agencies)
    answered = Q(answered_at__isnull=False)
    return found.aggregate(
        received=Count("pk"),
        refused=Count("pk", filter=Q(refused_at__isnull=False)),
        refused_late=Count("pk", filter=Q(refused_late=True)),
        more_requested=Count("pk", filter=Q(more_requested_at__isnull=False)),
        more_requested_late=Count("pk", filter=Q(more_requested_late=True)),
        answered_on_time=Count("pk", filter=answered & Q(answered_late=False)),
        answered_late=Count("pk", filter=answered & Q(answered_late=True)),
        published=Count("pk", filter=Q(published_at__isnull=False)),
        published_late=Count("pk", filter=Q(published_late=True)),
        open_overdue=Count("pk", filter=Q(status__in=OPEN_STATUSES, answer_due_at__lt=now)),
    )
