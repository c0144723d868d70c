"""What a report's parameters name: an agency, a field or a procedure, by code or by id. The
faces (the reports API, the open data) take either; None when nothing matches."""

from __future__ import annotations

from motcua.agencies.models import Agency
from motcua.catalog.models import Field, Procedure
from motcua.lib.replica import replica_reads


def _by_code_or_id(queryset, text: str):
    text = text.strip()
    with replica_reads():
        found = queryset.filter(code=text).first()
        if found is None and text.isdigit() and len(text) < 10:
            found = queryset.filter(pk=int(text)).first()
    return found


def find_agency(text: str, *, active_only: bool = False) -> Agency | None:
    queryset = Agency.objects.filter(is_active=True) if active_only else Agency.objects.all()
    return _by_code_or_id(queryset, text)


def find_field(text: str) -> Field | None:
    return _by_code_or_id(Field.objects.all(), text)


def find_procedure(text: str) -> Procedure | None:
    return _by_code_or_id(Procedure.objects.select_related("field"), text)
