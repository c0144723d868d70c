"""Reads of the procedure catalog that the faces need (portal, API), chosen once here.

What a citizen may see is a *published* procedure that is in force today: its effective range
is open or contains today (`effective_from` null or on/before today, `effective_to` null or
after today). Drafts, withdrawn procedures and procedures not yet or no longer in force are
hidden unless a caller explicitly asks for drafts (a catalog administrator's preview).

Search folds the query the same way the stored `search_text` column was folded
(motcua.lib.text.fold: lower case, no diacritics, đ → d), so "giay phep xay dung",
"Giấy phép xây dựng" and "GIẤY PHÉP" find the same procedures. Each word must occur somewhere
in the column; on PostgreSQL a trigram GIN index (catalog migration 0002) serves these
`LIKE '%word%'` filters.

People spell and phrase things their own way. A word whose final i/y may be written either way
("kí", "ký") matches both spellings, and the phrases catalog administrators list as synonyms
(SearchSynonym: "làm giấy khai sinh" → "đăng ký khai sinh") are replaced in the query first.
"""

from __future__ import annotations

import datetime

from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Concat, Lower
from django.utils import timezone

from motcua.agencies.choices import AgencyKind
from motcua.agencies.models import Agency
from motcua.catalog.choices import OnlineClass, PublicationStatus, ServiceLevel
from motcua.catalog.models import (
    Field,
    Procedure,
    ProcedureAgency,
    ProcedureCase,
    RequiredDocument,
    SearchSynonym,
)
from motcua.lib.collation import vietnamese
from motcua.lib.text import search_terms, spelling_fold, spelling_variants


def _has_nul(*values) -> bool:
    """Whether any text value holds a NUL character, which PostgreSQL refuses in text (it
    would raise a database error): such a value can match nothing."""
    return any(isinstance(value, str) and "\x00" in value for value in values)


def _today(today: datetime.date | None) -> datetime.date:
    return today or timezone.localdate()


def published_procedures(*, today: datetime.date | None = None) -> QuerySet[Procedure]:
    """Procedures a citizen may see: published and in force on `today` (default: today)."""
    day = _today(today)
    return Procedure.objects.filter(
        Q(effective_from__isnull=True) | Q(effective_from__lte=day),
        Q(effective_to__isnull=True) | Q(effective_to__gt=day),
        status=PublicationStatus.PUBLISHED,
    )


def _visible_procedures(include_drafts: bool, today: datetime.date | None):
    if include_drafts:
        # A catalog administrator's preview: drafts as well as what is published, whatever
        # their effective range (a draft is usually prepared before it comes into force).
        return Procedure.objects.filter(
            status__in=[PublicationStatus.PUBLISHED, PublicationStatus.DRAFT]
        )
    return published_procedures(today=today)


def _agency_condition(agency) -> Q:
    """A ProcedureAgency condition for an Agency, its id (int or digits) or its code."""
    if isinstance(agency, Agency):
        return Q(agency_id=agency.pk)
    if isinstance(agency, int) or (isinstance(agency, str) and agency.isdigit()):
        return Q(agency_id=int(agency))
    return Q(agency__code=str(agency))


def expand_query(query: str | None) -> str:
    """The query folded (spelling_fold), with every synonym phrase it holds, as whole words,
    replaced by what it means; the longest phrases first, each word replaced once."""
    text = f" {spelling_fold(query)} "
    if not text.strip():
        return ""
    synonyms = sorted(
        (
            (spelling_fold(phrase), spelling_fold(meaning))
            for phrase, meaning in (SearchSynonym.objects.values_list("phrase", "meaning"))
        ),
        key=lambda pair: -len(pair[0]),
    )
    kept = []  # replaced parts, set aside so a meaning is not replaced again
    for phrase, meaning in synonyms:
        if phrase and f" {phrase} " in text:
            text = text.replace(f" {phrase} ", f" \x01{len(kept)} ")
            kept.append(meaning)
    for index, meaning in enumerate(kept):
        text = text.replace(f"\x01{index} ", f"{meaning} ")
    return text.strip()


def search_procedures(
    query: str | None = None,
    *,
    field=None,
    agency=None,
    service_level: int | None = None,
    implementing_level: str | None = None,
    online_class: str | None = None,
    include_drafts: bool = False,
    today: datetime.date | None = None,
) -> QuerySet[Procedure]:
    """Published procedures in force today matching every folded word of `query` and the filters.

    `field` is a Field or its code; `agency` an Agency, its id or its code (procedures it
    implements). Procedures whose name starts with the query come first, then by name in
    Vietnamese alphabetical order (motcua.lib.collation).
    The queryset selects the field and prefetches the cases, enough for a list of results.
    """
    procedures = _visible_procedures(include_drafts, today)
    if _has_nul(field, agency, implementing_level, online_class):
        return procedures.none()
    terms = [term for term in search_terms(expand_query((query or "").replace("\x00", " ")))]
    for term in terms:
        condition = Q()
        for spelling in spelling_variants(term):
            condition |= Q(search_text__contains=spelling)
        procedures = procedures.filter(condition)
    if field:
        if isinstance(field, Field):
            procedures = procedures.filter(field_id=field.pk)
        else:
            procedures = procedures.filter(field__code=str(field))
    if agency:
        procedures = procedures.filter(
            Exists(
                ProcedureAgency.objects.filter(_agency_condition(agency), procedure=OuterRef("pk"))
            )
        )
    if service_level:
        procedures = procedures.filter(service_level=service_level)
    if implementing_level:
        procedures = procedures.filter(implementing_level=implementing_level)
    if online_class:
        procedures = procedures.filter(online_class=online_class)

    ordering = [vietnamese("name"), "code"]
    if terms:
        # search_text is "<code folded> <name folded> <field folded>" and a code has no space,
        # so "the name starts with the query" is "search_text starts with '<code> <query>'".
        # The phrase as typed (i/y made i) and with y where it may be y, as names spell it.
        phrases = {" ".join(terms), " ".join(spelling_variants(term)[-1] for term in terms)}
        starts = Q()
        for phrase in phrases:
            starts |= Q(search_text__startswith=Concat(Lower("code"), Value(f" {phrase}")))
        procedures = procedures.annotate(
            name_prefix_rank=Case(
                When(starts, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        ordering = ["name_prefix_rank", *ordering]
    return (
        procedures.select_related("field")
        .prefetch_related(Prefetch("cases", queryset=ProcedureCase.objects.order_by("order", "pk")))
        .order_by(*ordering)
    )


def get_published_procedure(code: str, *, today: datetime.date | None = None) -> Procedure:
    """The published, in-force procedure with `code`, with everything its public page shows.

    Raises Procedure.DoesNotExist for an unknown, draft, withdrawn or expired code.
    """
    if _has_nul(code):
        raise Procedure.DoesNotExist(code)
    return (
        published_procedures(today=today)
        .select_related("field")
        .prefetch_related(
            Prefetch(
                "cases",
                queryset=ProcedureCase.objects.order_by("order", "pk").prefetch_related(
                    Prefetch("documents", queryset=RequiredDocument.objects.order_by("order", "pk"))
                ),
            ),
            "fees",
            "results",
            "legal_bases",
            Prefetch(
                "implementations",
                queryset=ProcedureAgency.objects.select_related(
                    "agency", "agency__commune"
                ).order_by(vietnamese("agency__name"), "agency_id"),
            ),
            "steps",
        )
        .get(code=code)
    )


def get_published_document(code: str, document_id: int) -> RequiredDocument:
    """A required document of a published, in-force procedure (for its form template).

    Raises RequiredDocument.DoesNotExist when either is unknown or not public.
    """
    if _has_nul(code):
        raise RequiredDocument.DoesNotExist(code)
    return RequiredDocument.objects.select_related("case__procedure").get(
        pk=document_id, case__procedure__in=published_procedures().filter(code=code)
    )


def receiving_places(procedure: Procedure) -> list[Agency]:
    """Where an applicant hands in a dossier for `procedure` at a counter.

    The implementing agencies that receive dossiers themselves (a commune's one-stop shop);
    when none does, the public administration service centres that receive dossiers. Uses the
    prefetched implementations of `get_published_procedure`.
    """
    own = [
        link.agency
        for link in procedure.implementations.all()
        if link.agency.receives_dossiers and link.agency.is_active
    ]
    if own:
        return own
    return list(
        Agency.objects.filter(
            kind=AgencyKind.SERVICE_CENTRE, receives_dossiers=True, is_active=True
        )
        .select_related("commune")
        .order_by("path")
    )


def fields_with_counts(*, today: datetime.date | None = None) -> QuerySet[Field]:
    """Fields having at least one public procedure, each with `procedure_count`, by name."""
    public = published_procedures(today=today)
    return (
        Field.objects.annotate(
            procedure_count=Count("procedures", filter=Q(procedures__in=public), distinct=True)
        )
        .filter(procedure_count__gt=0)
        .order_by(vietnamese("name"))
    )


def online_figures(*, today: datetime.date | None = None) -> dict[str, int]:
    """How many public procedures there are, how many are online at level 3 or 4 (Decree
    43/2011), and how many are full-process (toàn trình, Decree 42/2022). One query."""
    figures = published_procedures(today=today).aggregate(
        total=Count("pk"),
        online=Count("pk", filter=Q(service_level__gte=ServiceLevel.LEVEL_3)),
        full_process=Count("pk", filter=Q(online_class=OnlineClass.FULL)),
    )
    return {key: value or 0 for key, value in figures.items()}


def implementing_agencies(*, today: datetime.date | None = None) -> QuerySet[Agency]:
    """Agencies implementing at least one public procedure, by name (a search filter)."""
    public = published_procedures(today=today)
    return Agency.objects.filter(
        Exists(ProcedureAgency.objects.filter(agency=OuterRef("pk"), procedure__in=public))
    ).order_by(vietnamese("name"))
