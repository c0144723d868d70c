"""Reads of dossiers, already scoped to what the actor may see.

An official sees a dossier, with its applicant's personal data, when they hold a role that
handles dossiers (policies.agencies_of: reception, specialist, unit leader, result return) on
an agency involved in it: the receiving agency, the responsible agency, or the unit of any of
its steps (so each unit of an inter-agency chain sees the dossier, and no other agency sees
anything). A report reader lists the dossiers of the agencies they read, without personal data
(`listed_dossiers`). Other roles (catalog or system administration) see none. Drafts are the
applicant's alone. A dossier that may not be seen is reported as not found, never as forbidden.
"""

from __future__ import annotations

from datetime import datetime

from django.db import connection
from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.agencies.choices import Role
from motcua.dossiers import codes
from motcua.dossiers.choices import DossierStatus
from motcua.dossiers.errors import NotFound
from motcua.dossiers.models import Dossier, DossierStep
from motcua.dossiers.policies import (
    ApplicantProof,
    agencies_of,
    is_applicant,
    listed_agencies,
)
from motcua.lib.text import fold

LIST_RELATED = ("procedure", "receiving_agency", "responsible_agency")
# Large columns a list never shows.
LIST_DEFERRED = ("snapshot", "form_data", "procedure__eform_schema", "procedure__search_text")
# A lookup is public and frequent, and its answer shows a few columns. Its SQL is written by
# hand: the ORM's building and compiling of this one query cost more than running it, nearly
# half of a lookup's Python time (docs/performance.md). Codes are unique, so one row at most
# and no ORDER BY.
LOOKUP_SQL = """
    SELECT d.id, d.code, d.lookup_secret_hash, d.status, d.submitted_at, d.received_at,
           d.due_at, d.applicant_due_at, d.decided_at, p.name
      FROM dossiers_dossier d JOIN catalog_procedure p ON p.id = d.procedure_id
     WHERE d.code = %s
"""
# The dossier's fields LOOKUP_SQL reads, in its order; the procedure's name comes last. The
# other fields are deferred: they load on access, one query each.
LOOKUP_FIELDS = (
    "id",
    "code",
    "lookup_secret_hash",
    "status",
    "submitted_at",
    "received_at",
    "due_at",
    "applicant_due_at",
    "decided_at",
)


def _involving(agencies) -> Q:
    """Condition on Dossier: one of `agencies` receives it, is responsible for it, or holds
    one of its steps."""
    involved_step = DossierStep.objects.filter(dossier=OuterRef("pk"), unit__in=agencies)
    return (
        Q(receiving_agency__in=agencies)
        | Q(responsible_agency__in=agencies)
        | Exists(involved_step)
    )


def visible_dossiers(user) -> QuerySet[Dossier]:
    """The dossiers `user` handles and sees in full, their applicants' personal data too."""
    return Dossier.objects.exclude(status=DossierStatus.DRAFT).filter(_involving(agencies_of(user)))


def dossiers_of_subtree(agency) -> QuerySet[Dossier]:
    """The dossiers (drafts aside) that `agency` or an agency below it receives, is responsible
    for, or holds a step of: those an API client of `agency` hears of through its webhooks,
    which carry none of their personal data (integrations/webhooks)."""
    return Dossier.objects.exclude(status=DossierStatus.DRAFT).filter(_involving(agency.subtree()))


# The columns a list may show of a dossier whose personal data its reader may not see.
IMPERSONAL_FIELDS = (
    "code",
    "status",
    "channel",
    "submitted_at",
    "received_at",
    "due_at",
    "remaining_seconds",
    "decided_at",
    "decided_due_at",
    "procedure__name",
)


def listed_dossiers(user) -> QuerySet[Dossier]:
    """The dossiers a list shows `user`: those they handle, and as a report reader those of the
    agencies they read. Each is annotated `shows_personal_data`: a list shows the applicant
    (and may search by name or personal ID, `search_listed`) only where it is true."""
    handled, read = listed_agencies(user)
    handles = _involving(handled)
    return (
        Dossier.objects.exclude(status=DossierStatus.DRAFT)
        .filter(handles | _involving(read))
        .annotate(shows_personal_data=ExpressionWrapper(handles, output_field=BooleanField()))
    )


def mark_personal_data(queryset: QuerySet[Dossier], user) -> QuerySet[Dossier]:
    """`queryset` (dossiers a report already lets `user` count) annotated `shows_personal_data`
    as `listed_dossiers` does: true only where `user` handles the dossier. A report's list of
    the dossiers behind a figure shows the applicant only there."""
    handles = _involving(agencies_of(user))
    return queryset.annotate(
        shows_personal_data=ExpressionWrapper(handles, output_field=BooleanField())
    )


def search_listed(queryset: QuerySet[Dossier], query: str) -> QuerySet[Dossier]:
    """`listed_dossiers` matching `query`: by code always, by the applicant's name or personal
    ID only where the reader sees personal data (a report reader must not learn, by searching,
    whose dossier is whose)."""
    term = query.strip()
    folded = fold(term)
    condition = Q(code__icontains=term)
    if folded:
        condition |= Q(applicant_search__contains=folded, shows_personal_data=True)
    return queryset.filter(condition)


def dossier_for(user, code: str) -> Dossier:
    """The dossier with `code` if `user` may see it; NotFound otherwise."""
    dossier = (
        visible_dossiers(user)
        .select_related(*LIST_RELATED, "case", "applicant_commune", "received_by")
        .filter(code=code)
        .first()
    )
    if dossier is None:
        raise NotFound(_("Không tìm thấy hồ sơ %(code)s.") % {"code": code})
    return dossier


def detail_related(dossier: Dossier) -> Dossier:
    """Load what a detail page or answer shows, in a fixed number of queries."""
    from django.db.models import prefetch_related_objects

    prefetch_related_objects(
        [dossier],
        "documents__file",
        "files",
        "pauses",
        "result_documents",
        "steps__unit",
        "steps__assigned_to",
    )
    return dossier


def current_of(open_steps) -> DossierStep | None:
    """Of a dossier's open steps (already loaded), the one it is at: the one started last, and
    of two started at the same moment the one created last. services.steps.current_step reads
    the same step from the database and every action works on it, so each page that names
    "the current step" must name this one. The services keep one step open at a time
    (forwarding, returning and handing over close a step before opening the next); the rule
    matters for a dossier whose rows say otherwise, which then shows the step its next action
    will act on. The caller passes only open steps: a queue loads no others."""
    return max(open_steps, key=lambda step: (step.started_at, step.pk), default=None)


# --- whose an open step is -------------------------------------------------------------------
# An open step (DossierStep) belongs to the official assigned to it. One nobody is assigned to
# either waits for its unit's leader to assign it (a specialist's step, a coordinating step
# handed over...), or is the leader's own step (signing, deciding: role UNIT_LEADER), which the
# leader does without assigning anyone. The leader's "Chưa phân công" queue and the leaders'
# table both read these two conditions, so they cannot disagree.


def awaiting_assignment() -> Q:
    """Condition on DossierStep: open, nobody assigned, and not the leader's own step."""
    return Q(finished_at__isnull=True, assigned_to__isnull=True) & ~Q(role=Role.UNIT_LEADER)


def awaiting_leader() -> Q:
    """Condition on DossierStep: open, nobody assigned, the unit leader's own step."""
    return Q(finished_at__isnull=True, assigned_to__isnull=True, role=Role.UNIT_LEADER)


def filter_dossiers(
    queryset: QuerySet[Dossier],
    *,
    status: str | None = None,
    agency_code: str | None = None,
    procedure_code: str | None = None,
    query: str | None = None,
    overdue: bool | None = None,
    due_before: datetime | None = None,
    now: datetime | None = None,
) -> QuerySet[Dossier]:
    now = now or timezone.now()
    if status:
        queryset = queryset.filter(status=status)
    if agency_code:
        queryset = queryset.filter(
            Q(receiving_agency__code=agency_code) | Q(responsible_agency__code=agency_code)
        )
    if procedure_code:
        queryset = queryset.filter(procedure__code=procedure_code)
    if query:
        queryset = queryset.filter(search_condition(query))
    if overdue is True:
        queryset = queryset.overdue(now)
    elif overdue is False:
        queryset = queryset.not_overdue(now)
    if due_before:
        queryset = queryset.filter(due_at__lte=due_before)
    return queryset


def search_condition(query: str) -> Q:
    """Dossiers whose code contains `query` (any part: "261118", the day of receipt; case
    ignored), or whose applicant's name, personal ID or tax code contains it without
    diacritics ("tran thi bich" finds Trần Thị Bích Ngọc). On PostgreSQL both are served by
    trigram indexes (migration 0003) for a query of three characters or more."""
    term = query.strip()
    condition = Q(code__icontains=term)
    folded = fold(term)
    if folded:
        condition |= Q(applicant_search__contains=folded)
    return condition


def lookup(code: str, secret: str) -> Dossier:
    """An applicant without an account tracks a dossier by code and lookup secret. A wrong
    secret and an unknown code get the same answer. The code is read in any letter case and
    with stray spaces (codes.normalise_code), the secret likewise (codes.hash_lookup_secret).

    The dossier holds the LOOKUP_FIELDS and `procedure_name`, read in one query."""
    code, row = codes.normalise_code(code), None
    if "\x00" not in code:  # no code holds a NUL, and PostgreSQL refuses one in a parameter
        with connection.cursor() as cursor:
            cursor.execute(LOOKUP_SQL, [code])
            row = cursor.fetchone()
    if row is None or not codes.check_lookup_secret(secret or "", row[2]):
        raise NotFound(_("Mã hồ sơ hoặc mã tra cứu không đúng."))
    *values, procedure_name = row
    values = [_aware(value) if isinstance(value, datetime) else value for value in values]
    dossier = Dossier.from_db(connection.alias, LOOKUP_FIELDS, values)
    dossier.procedure_name = procedure_name
    return dossier


def _aware(moment: datetime) -> datetime:
    """A moment read by hand-written SQL, made what the ORM gives: PostgreSQL returns it
    aware, SQLite naive in the connection's time zone."""
    return timezone.make_aware(moment, connection.timezone) if timezone.is_naive(moment) else moment


def dossiers_of_owner(user) -> QuerySet[Dossier]:
    if not getattr(user, "is_authenticated", False):
        return Dossier.objects.none()
    return Dossier.objects.filter(owner=user).select_related(*LIST_RELATED)


def applicant_dossier(
    *,
    pk: int | None = None,
    code: str | None = None,
    user=None,
    held=False,
    secret_hash: str | None = None,
):
    """A dossier (by id or code) for its applicant's own screens: one the signed-in `user`
    owns, a draft the face verified the visitor holds (`held`: their session created it), or one
    whose lookup secret the visitor gave, while that secret is still the dossier's
    (`secret_hash`: its HMAC as remembered; a reissued secret ends the access). NotFound
    otherwise, the same for all."""
    if pk is None and not code:
        raise NotFound(_("Không tìm thấy hồ sơ."))
    found = Dossier.objects.select_related(*LIST_RELATED, "case", "applicant_commune")
    found = found.filter(pk=pk) if pk is not None else found.filter(code=code)
    dossier = found.first()
    # The session that created a guest's draft holds it until it is submitted; from then on
    # the lookup secret is what proves it, so reissuing the secret ends every such access
    # (policies.is_applicant, the rule the services apply too).
    if dossier is None:
        raise NotFound(_("Không tìm thấy hồ sơ."))
    proof = ApplicantProof(
        drafts=frozenset({dossier.pk}) if held else frozenset(), secret_hash=secret_hash
    )
    if not is_applicant(user, dossier, proof):
        raise NotFound(_("Không tìm thấy hồ sơ."))
    return dossier


def reusable_files(user, *, excluding=None) -> QuerySet:
    """The files a signed-in applicant may reuse in a new dossier (docs/data-reuse.md): the
    digitised components and the results of their own earlier dossiers, never anyone else's;
    none for a visitor who is not signed in."""
    from motcua.dossiers.choices import FilePurpose
    from motcua.dossiers.models import DossierDocument, DossierFile

    if user is None or not getattr(user, "is_authenticated", False):
        return DossierFile.objects.none()
    digitised = DossierDocument.objects.filter(digitised=True, file__isnull=False)
    files = (
        DossierFile.objects.filter(dossier__owner=user)
        .exclude(dossier__status=DossierStatus.DRAFT)
        .filter(
            Q(purpose=FilePurpose.RESULT)
            | Q(purpose=FilePurpose.DOCUMENT, pk__in=digitised.values("file"))
        )
        .select_related("dossier")
        .order_by("-uploaded_at", "-pk")
    )
    if excluding is not None:
        files = files.exclude(dossier=excluding)
    return files
