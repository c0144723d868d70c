"""Ratings, complaints and petitions through the API (docs/feedback.md).

- `/feedback/mine/…`: a signed-in citizen's own ratings and complaints (their portal session;
  CSRF applies). Another citizen's rating or complaint answers 404, as one that does not exist.
- `POST /feedback/national-portal/complaints`: the national portal forwards a complaint it
  received, with the key of its integration's API client (scope `dossiers:national_portal`).
  Idempotent on the portal's id (`MaPAKN`): the same complaint again answers 200 with the one
  already received, the first time 201.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.responses import Status
from ninja.security import SessionAuth

from motcua.accounts.apiclients import NATIONAL_PORTAL_SCOPE
from motcua.api.auth import ApiKey, require_scope
from motcua.api.errors import ApiError, ErrorSchema
from motcua.catalog.selectors import published_procedures
from motcua.dossiers.errors import DossierError
from motcua.dossiers.models import Dossier
from motcua.dossiers.policies import is_applicant_account
from motcua.feedback import selectors, services
from motcua.feedback.choices import CRITERIA

router = Router(tags=["Đánh giá, phản ánh, kiến nghị"])
ERRORS = {400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema}
ERRORS_422 = {**ERRORS, 422: ErrorSchema}


class CitizenSession(SessionAuth):
    """A signed-in citizen or organisation on the portal; never an official's account."""

    def authenticate(self, request, key):
        user = super().authenticate(request, key)
        if user is None or not is_applicant_account(user):
            return None
        request.api_client = None
        return user


# The services' field names, as the bodies of these endpoints name them.
BODY_FIELDS = {"external_id": "MaPAKN", "procedure": "procedure_code", "dossier": "dossier_code"}


def _fail(exc: DossierError) -> ApiError:
    errors = [
        {"field": BODY_FIELDS.get(field, field), "message": message}
        for field, messages in exc.errors.items()
        for message in messages
    ]
    status = 422 if exc.status == 400 and errors else exc.status
    return ApiError(exc.message, status=status, errors=errors)


# --- schemas ----------------------------------------------------------------------------------


class RatingIn(Schema):
    dossier_code: str = Field(max_length=40, description="Mã hồ sơ đã trả kết quả.")
    access: int = Field(description="Tiếp cận dịch vụ, 1–5.")
    procedure: int = Field(description="Thủ tục công khai, minh bạch, đơn giản, 1–5.")
    attitude: int = Field(description="Thái độ phục vụ của công chức, 1–5.")
    timeliness: int = Field(description="Thời gian giải quyết, 1–5.")
    result: int = Field(description="Kết quả giải quyết, 1–5.")
    overall: str = Field(description="very_satisfied, satisfied hoặc unsatisfied.")
    comment: str = Field("", max_length=2000)


class RatingOut(Schema):
    id: int
    dossier_code: str
    procedure: str
    agency: str
    scores: dict[str, int]
    overall: str
    comment: str
    rated_at: datetime


class ComplaintIn(Schema):
    kind: Literal["complaint", "petition"] = Field(
        description="complaint (phản ánh) hoặc petition (kiến nghị)."
    )
    title: str = Field(min_length=1, max_length=300, pattern=r"\S")
    content: str = Field(min_length=1, max_length=10000, pattern=r"\S")
    dossier_code: str = Field("", max_length=40, description="Hồ sơ được phản ánh, nếu có.")
    procedure_code: str = Field("", max_length=50, description="Thủ tục được phản ánh, nếu có.")
    contact_phone: str = Field("", max_length=20)
    contact_email: str = Field("", max_length=254)


class NationalComplaintIn(ComplaintIn):
    MaPAKN: str = Field(
        min_length=1, max_length=100, pattern=r"\S", description="Mã phản ánh trên Cổng quốc gia."
    )
    contact_name: str = Field(min_length=1, max_length=200, pattern=r"\S")


class ComplaintOut(Schema):
    code: str
    kind: str
    status: str
    title: str
    content: str
    dossier_code: str | None
    procedure: str | None
    agency: str
    received_at: datetime
    answer_due_at: datetime
    answer: str
    answered_at: datetime | None
    answered_late: bool


def _rating_out(rating) -> dict:
    return {
        "id": rating.pk,
        "dossier_code": rating.dossier.code or "",
        "procedure": rating.procedure.name,
        "agency": rating.agency.name,
        "scores": {criterion: rating.score(criterion) for criterion, _label in CRITERIA},
        "overall": rating.overall,
        "comment": rating.comment,
        "rated_at": rating.rated_at,
    }


def _complaint_out(complaint) -> dict:
    return {
        "code": complaint.code,
        "kind": complaint.kind,
        "status": complaint.status,
        "title": complaint.title,
        "content": complaint.content,
        "dossier_code": complaint.dossier.code if complaint.dossier_id else None,
        "procedure": complaint.procedure.name if complaint.procedure_id else None,
        "agency": complaint.agency.name,
        "received_at": complaint.received_at,
        "answer_due_at": complaint.answer_due_at,
        "answer": complaint.answer,
        "answered_at": complaint.answered_at,
        "answered_late": complaint.answered_late,
    }


def _procedure(code: str):
    if not code:
        return None
    found = published_procedures().filter(code=code).first()
    if found is None:
        raise ApiError(_("Không tìm thấy thủ tục."), status=404, field="procedure_code")
    return found


# --- the citizen's own --------------------------------------------------------------------------


@router.get("/mine/ratings", auth=[CitizenSession()], response=list[RatingOut])
def my_ratings(request):
    return [_rating_out(rating) for rating in selectors.ratings_of(request.auth)[:200]]


@router.get(
    "/mine/ratings/{rating_id}", auth=[CitizenSession()], response={200: RatingOut, **ERRORS}
)
def my_rating(request, rating_id: int):
    try:
        return _rating_out(selectors.rating_for(request.auth, rating_id))
    except DossierError as exc:
        raise _fail(exc) from exc


@router.post("/mine/ratings", auth=[CitizenSession()], response={201: RatingOut, **ERRORS_422})
def rate(request, body: RatingIn):
    dossier = Dossier.objects.filter(code=body.dossier_code, owner=request.auth).first()
    if dossier is None:
        raise ApiError(_("Không tìm thấy hồ sơ."), status=404, field="dossier_code")
    data = services.RatingData(
        scores={
            "access": body.access,
            "procedure": body.procedure,
            "attitude": body.attitude,
            "timeliness": body.timeliness,
            "result": body.result,
        },
        overall=body.overall,
        comment=body.comment,
    )
    try:
        rating = services.rate_dossier(dossier, data, actor=request.auth)
    except DossierError as exc:
        raise _fail(exc) from exc
    return Status(201, _rating_out(rating))


@router.get("/mine/complaints", auth=[CitizenSession()], response=list[ComplaintOut])
def my_complaints(request):
    return [_complaint_out(c) for c in selectors.complaints_of(request.auth)[:200]]


@router.get(
    "/mine/complaints/{code}", auth=[CitizenSession()], response={200: ComplaintOut, **ERRORS}
)
def my_complaint(request, code: str):
    try:
        return _complaint_out(selectors.complaint_for(request.auth, code))
    except DossierError as exc:
        raise _fail(exc) from exc


@router.post(
    "/mine/complaints", auth=[CitizenSession()], response={201: ComplaintOut, **ERRORS_422}
)
def complain(request, body: ComplaintIn):
    dossier = None
    if body.dossier_code:
        dossier = Dossier.objects.filter(code=body.dossier_code, owner=request.auth).first()
        if dossier is None:
            raise ApiError(_("Không tìm thấy hồ sơ."), status=404, field="dossier_code")
    data = services.ComplaintData(
        kind=body.kind,
        title=body.title,
        content=body.content,
        contact_phone=body.contact_phone,
        contact_email=body.contact_email,
    )
    try:
        complaint = services.submit_complaint(
            data, actor=request.auth, dossier=dossier, procedure=_procedure(body.procedure_code)
        )
    except DossierError as exc:
        raise _fail(exc) from exc
    return Status(201, _complaint_out(complaint))


# --- the national portal ------------------------------------------------------------------------


@router.post(
    "/national-portal/complaints",
    auth=[ApiKey()],
    response={200: ComplaintOut, 201: ComplaintOut, **ERRORS_422},
)
def national_portal_complaint(request, body: NationalComplaintIn):
    require_scope(request, NATIONAL_PORTAL_SCOPE)
    client = getattr(request, "api_client", None)
    dossier = None
    if body.dossier_code:
        dossier = Dossier.objects.filter(code=body.dossier_code).first()
        if dossier is None:
            raise ApiError(_("Không tìm thấy hồ sơ."), status=404, field="dossier_code")
    procedure = None if dossier is not None else _procedure(body.procedure_code)
    data = services.ComplaintData(
        kind=body.kind,
        title=body.title,
        content=body.content,
        contact_name=body.contact_name,
        contact_phone=body.contact_phone,
        contact_email=body.contact_email,
    )
    try:
        complaint, created = services.receive_from_national_portal(
            data,
            external_id=body.MaPAKN,
            actor=request.auth,
            client=client,
            dossier=dossier,
            procedure=procedure,
        )
    except DossierError as exc:
        raise _fail(exc) from exc
    return Status(201 if created else 200, _complaint_out(complaint))
