"""Reading receipts: the office's list and search, scoped to the agencies the official reads
receipts for (payments/receipt_policies.py), and the applicant's own receipts on the tracking
page. Lists that show payers' names are recorded as personal-data reads by the faces
(`log_reads`)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from motcua.dossiers.errors import NotFound
from motcua.dossiers.models import Dossier
from motcua.events.services import log_personal_data_reads
from motcua.lib.text import search_terms
from motcua.payments import receipt_policies as policies
from motcua.payments.models import Receipt
from motcua.workdays.zone import VIETNAM

STATUSES = ("issued", "cancelled", "replaced")
# A search word of digits this long or shorter is a receipt's number ("3", "0000003"); longer
# digits are an ID number or a tax code, found anywhere in the searched text.
NUMBER_DIGITS = 8


def _with_relations(receipts: QuerySet) -> QuerySet:
    return receipts.select_related("cancellation", "replaced_by", "replaces")


def day_start(day: date) -> datetime:
    """The first moment of `day` in Vietnam time."""
    return datetime.combine(day, time.min, tzinfo=VIETNAM)


def receipts_for_official(
    user,
    *,
    query: str = "",
    agency_id: int | None = None,
    status: str = "",
    day_from: date | None = None,
    day_to: date | None = None,
) -> QuerySet[Receipt]:
    """The receipts of the agencies `user` reads receipts for, newest first, narrowed by a
    search (each word, without diacritics, in the series, the payer's name or ID number, or the
    dossier code; a word of up to NUMBER_DIGITS digits is the receipt's number), an agency, a
    status, and the days they were issued (Vietnam time, both ends included)."""
    receipts = Receipt.objects.filter(agency__in=policies.readable_agencies(user))
    if agency_id is not None:
        receipts = receipts.filter(agency_id=agency_id)
    for term in search_terms(query):
        if term.isdigit() and len(term) <= NUMBER_DIGITS:
            receipts = receipts.filter(number=int(term))
        else:
            receipts = receipts.filter(search_text__contains=term)
    if status == "issued":
        receipts = receipts.filter(cancellation__isnull=True)
    elif status == "cancelled":
        receipts = receipts.filter(cancellation__isnull=False, replaced_by__isnull=True)
    elif status == "replaced":
        receipts = receipts.filter(replaced_by__isnull=False)
    if day_from is not None:
        receipts = receipts.filter(issued_at__gte=day_start(day_from))
    if day_to is not None:
        receipts = receipts.filter(issued_at__lt=day_start(day_to + timedelta(days=1)))
    return _with_relations(receipts).order_by("-issued_at", "-pk")


def receipt_for_official(user, pk: int) -> Receipt:
    receipt = (
        _with_relations(Receipt.objects.filter(agency__in=policies.readable_agencies(user)))
        .filter(pk=pk)
        .first()
    )
    if receipt is None:
        raise NotFound(_("Không tìm thấy biên lai."))
    return receipt


def log_reads(user, receipts, *, context: str, query: str = "") -> None:
    """Record that `user` saw the payers of `receipts` (one read per dossier)."""
    ids = sorted({receipt.dossier_id for receipt in receipts})
    log_personal_data_reads(
        user, Dossier.objects.filter(pk__in=ids).only("pk"), context=context, query=query
    )


def receipts_of_dossier(dossier) -> list[Receipt]:
    """Every receipt of `dossier`, cancelled ones too (shown as such), oldest first: what the
    applicant who looked the dossier up sees."""
    return list(
        _with_relations(Receipt.objects.filter(dossier=dossier)).order_by("issued_at", "pk")
    )


def receipt_of_dossier(dossier, pk: int) -> Receipt:
    receipt = _with_relations(Receipt.objects.filter(dossier=dossier, pk=pk)).first()
    if receipt is None:
        raise NotFound(_("Không tìm thấy biên lai."))
    return receipt
