"""What a procedure defines below its own row (its steps, fees, cases' documents and implementing
agencies), read once per process and kept while the procedure's `updated_at` stays the same.

Every dossier submitted or received reads these to check the submission and to take the
procedure's snapshot; they change only when an administrator edits the catalog. The procedure
row itself is always read fresh by the caller, and its `updated_at` is the key: any change to
a part moves it (the admin and the importer save the procedure; `touch_procedure` below moves
it for a part saved or deleted on its own), so a worker never uses parts older than the
procedure row it has just read.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass

from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from motcua.catalog.models import (
    Fee,
    Procedure,
    ProcedureAgency,
    ProcedureCase,
    ProcessStep,
    RequiredDocument,
)

MAX_ENTRIES = 4096  # more than a province's catalog (Hà Nội: 1,659 procedures)


@dataclass(frozen=True)
class ProcedureParts:
    """Read-only: shared by every request of the process."""

    steps: tuple[ProcessStep, ...]
    fees: tuple[Fee, ...]
    documents: dict[int, tuple[RequiredDocument, ...]]  # by case id
    implementing: frozenset[int]  # agency ids

    def documents_of(self, case: ProcedureCase) -> list[RequiredDocument]:
        return list(self.documents.get(case.pk, ()))

    def fees_of(self, case: ProcedureCase) -> list[Fee]:
        return [fee for fee in self.fees if fee.case_id in (None, case.pk)]


_cache: OrderedDict[tuple, ProcedureParts] = OrderedDict()
_lock = threading.Lock()


def procedure_parts(procedure: Procedure) -> ProcedureParts:
    key = (procedure.pk, procedure.updated_at)
    with _lock:
        parts = _cache.get(key)
        if parts is not None:
            _cache.move_to_end(key)
            return parts
    parts = _read(procedure)
    with _lock:
        _cache[key] = parts
        while len(_cache) > MAX_ENTRIES:
            _cache.popitem(last=False)
    return parts


def forget_parts() -> None:
    """Empty this process's cache (tests that reuse ids and moments between databases)."""
    with _lock:
        _cache.clear()


def _read(procedure: Procedure) -> ProcedureParts:
    documents: dict[int, list[RequiredDocument]] = {}
    for document in RequiredDocument.objects.filter(case__procedure=procedure).order_by(
        "case_id", "order", "pk"
    ):
        documents.setdefault(document.case_id, []).append(document)
    return ProcedureParts(
        steps=tuple(procedure.steps.all()),
        fees=tuple(procedure.fees.all()),
        documents={case_id: tuple(items) for case_id, items in documents.items()},
        implementing=frozenset(
            ProcedureAgency.objects.filter(procedure=procedure).values_list("agency_id", flat=True)
        ),
    )


def touch_procedure(procedure_id: int | None) -> None:
    """Move a procedure's `updated_at`: one of its parts was saved or deleted."""
    if procedure_id is not None:
        Procedure.objects.filter(pk=procedure_id).update(updated_at=timezone.now())


def _on_part_changed(sender, instance, **kwargs) -> None:
    if kwargs.get("raw"):
        return  # loading fixtures
    if sender is RequiredDocument:
        procedure_id = (
            ProcedureCase.objects.filter(pk=instance.case_id)
            .values_list("procedure_id", flat=True)
            .first()
        )
    else:
        procedure_id = instance.procedure_id
    touch_procedure(procedure_id)


def connect() -> None:
    for model in (ProcedureCase, RequiredDocument, Fee, ProcessStep, ProcedureAgency):
        post_save.connect(_on_part_changed, sender=model, dispatch_uid=f"parts-{model.__name__}")
        post_delete.connect(
            _on_part_changed, sender=model, dispatch_uid=f"parts-del-{model.__name__}"
        )
