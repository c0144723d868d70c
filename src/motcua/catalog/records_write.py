"""Writing one validated catalog record: create the procedure, or update it in place and
replace its children. Runs inside the importer's savepoint for that record."""

from __future__ import annotations

from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from motcua.catalog.models import (
    Fee,
    Field,
    LegalBasis,
    Procedure,
    ProcedureAgency,
    ProcedureCase,
    ProcedureResult,
    ProcessStep,
    RequiredDocument,
)
from motcua.catalog.records_validate import ValidatedRecord


class RecordWriteError(Exception):
    """A valid record that cannot be written over what the database holds."""


def write_record(record: ValidatedRecord) -> Procedure:
    parsed = record.parsed
    field, _created = Field.objects.get_or_create(
        code=parsed.field_code, defaults={"name": parsed.field_name}
    )
    procedure = (
        Procedure.objects.select_for_update().filter(code=parsed.code).first() or Procedure()
    )
    for name, value in parsed.procedure.items():
        setattr(procedure, name, value)
    procedure.field = field
    procedure.save()

    procedure.implementations.all().delete()
    ProcedureAgency.objects.bulk_create(
        ProcedureAgency(
            procedure=procedure,
            agency=record.agencies[item["code"]],
            service_level=item["service_level"],
            online_class=item["online_class"],
        )
        for item in parsed.agencies
    )
    procedure.fees.all().delete()
    cases = _replace_cases(procedure, parsed.cases)
    Fee.objects.bulk_create(
        Fee(
            procedure=procedure,
            case=cases[fee["case"]] if fee["case"] else None,
            **{key: value for key, value in fee.items() if key != "case"},
        )
        for fee in parsed.fees
    )
    procedure.results.all().delete()
    ProcedureResult.objects.bulk_create(
        ProcedureResult(procedure=procedure, **values) for values in parsed.results
    )
    procedure.legal_bases.all().delete()
    LegalBasis.objects.bulk_create(
        LegalBasis(procedure=procedure, **values) for values in parsed.legal_bases
    )
    procedure.steps.all().delete()
    ProcessStep.objects.bulk_create(
        ProcessStep(procedure=procedure, **values) for values in parsed.steps
    )
    return procedure


def _replace_cases(procedure: Procedure, cases: list[dict]) -> dict[str, ProcedureCase]:
    """Cases are matched by code and updated in place, because dossiers point at them; a case
    the record no longer has is deleted, unless a dossier was received for it."""
    existing = {case.code: case for case in procedure.cases.all()}
    written: dict[str, ProcedureCase] = {}
    for values in cases:
        case = existing.get(values["code"]) or ProcedureCase(procedure=procedure)
        for name, value in values.items():
            if name != "documents":
                setattr(case, name, value)
        case.save()
        written[case.code] = case
        _replace_documents(case, values["documents"])
    for code, case in existing.items():
        if code in written:
            continue
        try:
            case.delete()
        except ProtectedError as exc:
            raise RecordWriteError(
                _(
                    "Trường hợp “%(name)s” (mã %(code)s) đã có hồ sơ nên không thể bỏ khỏi thủ "
                    "tục; hãy giữ trường hợp này trong tệp."
                )
                % {"name": case.name, "code": code}
            ) from exc
    return written


def _replace_documents(case: ProcedureCase, documents: list[dict]) -> None:
    """Replace a case's documents, keeping the uploaded template file of a document that
    comes back with the same code (or, without a code, the same name)."""
    files = {
        (document.code or document.name): document.form_file.name
        for document in case.documents.all()
        if document.form_file
    }
    case.documents.all().delete()
    RequiredDocument.objects.bulk_create(
        RequiredDocument(
            case=case, form_file=files.get(values["code"] or values["name"], ""), **values
        )
        for values in documents
    )
