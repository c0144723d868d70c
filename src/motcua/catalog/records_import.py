"""Importing catalog records (national shape plus X_MOTCUA) into the catalog.

Every record is read and fully validated before anything is written: JSON types, the models'
own rules (full_clean), the process-step rule, the e-form schema, the publication rule, the
agencies named by MADONVI. Then, by default, the file is imported only if every record is
valid; with `partial=True` every valid record is imported and the others are reported. Each
record is written in its own savepoint, so a record is never half written. A code already in
the catalog is updated in place (upsert by MATTHC): its children are replaced, cases are
matched by their code so that dossiers pointing at a case keep pointing at it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from motcua.catalog.models import Procedure
from motcua.catalog.records_parse import parse_record
from motcua.catalog.records_validate import ValidatedRecord, validate_parsed
from motcua.catalog.records_write import RecordWriteError, write_record

CREATED, UPDATED, INVALID, NOT_IMPORTED = "created", "updated", "invalid", "not_imported"


class ImportFileError(Exception):
    """The file as a whole cannot be read as catalog records."""


@dataclass
class RecordReport:
    """What happened to one record: `index` counts from 1, `code` is its MATTHC if any."""

    index: int
    code: str
    outcome: str = NOT_IMPORTED
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.outcome in (CREATED, UPDATED)

    def describe(self, *, dry_run: bool) -> str:
        if self.outcome == CREATED:
            return _("Sẽ tạo mới (chạy thử)") if dry_run else _("Đã tạo mới")
        if self.outcome == UPDATED:
            return _("Sẽ cập nhật (chạy thử)") if dry_run else _("Đã cập nhật")
        if self.outcome == INVALID:
            return _("Có lỗi, không nhập")
        return _("Không nhập vì tệp có bản ghi lỗi")

    @property
    def describe_real(self) -> str:
        return self.describe(dry_run=False)

    @property
    def describe_dry_run(self) -> str:
        return self.describe(dry_run=True)


@dataclass
class ImportReport:
    records: list[RecordReport] = field(default_factory=list)
    file_errors: list[str] = field(default_factory=list)
    partial: bool = False
    dry_run: bool = False

    @property
    def imported(self) -> list[RecordReport]:
        return [record for record in self.records if record.ok]

    @property
    def failed(self) -> list[RecordReport]:
        return [record for record in self.records if record.outcome == INVALID]

    @property
    def complete(self) -> bool:
        """True when every record was imported (or, in a dry run, would be)."""
        return not self.file_errors and bool(self.records) and not self.failed

    def summary(self) -> str:
        if self.file_errors:
            return _("Không đọc được tệp: không có bản ghi nào được nhập.")
        created = sum(record.outcome == CREATED for record in self.records)
        updated = sum(record.outcome == UPDATED for record in self.records)
        template = (
            _(
                "Chạy thử: %(total)d bản ghi, %(created)d sẽ tạo mới, %(updated)d sẽ cập nhật, %(failed)d có lỗi."
            )
            if self.dry_run
            else _(
                "%(total)d bản ghi: %(created)d tạo mới, %(updated)d cập nhật, %(failed)d có lỗi."
            )
        )
        return template % {
            "total": len(self.records),
            "created": created,
            "updated": updated,
            "failed": len(self.failed),
        }


def load_records(content: bytes | str) -> list[Any]:
    """The records of a file: a JSON list, or an object with an "items" list."""
    if isinstance(content, bytes):
        try:
            content = content.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ImportFileError(_("Tệp không phải văn bản UTF-8.")) from exc
    try:
        data = json.loads(content)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise ImportFileError(
            _("Tệp không phải JSON hợp lệ (dòng %(line)s): %(reason)s.")
            % {"line": getattr(exc, "lineno", "?"), "reason": getattr(exc, "msg", "")}
        ) from exc
    if isinstance(data, dict) and "items" in data:
        data = data["items"]
    if not isinstance(data, list):
        raise ImportFileError(
            _('Tệp phải chứa một danh sách bản ghi, hoặc một đối tượng {"items": [...]}.')
        )
    if not data:
        raise ImportFileError(_("Tệp không có bản ghi nào."))
    return data


def import_catalog(
    content: bytes | str, *, partial: bool = False, dry_run: bool = False
) -> ImportReport:
    """Import a file's records and say what happened to each. Never raises for bad input."""
    report = ImportReport(partial=partial, dry_run=dry_run)
    try:
        raw_records = load_records(content)
    except ImportFileError as exc:
        report.file_errors.append(str(exc))
        return report
    validated: list[tuple[RecordReport, ValidatedRecord]] = []
    first_index_of: dict[str, int] = {}
    for index, raw in enumerate(raw_records, start=1):
        code = raw.get("MATTHC") if isinstance(raw, dict) else None
        entry = RecordReport(index=index, code=code if isinstance(code, str) else "")
        report.records.append(entry)
        parsed, errors = parse_record(raw)
        if parsed is not None:
            if parsed.code in first_index_of:
                errors = [
                    _("Mã thủ tục trùng với bản ghi số %(index)d trong cùng tệp.")
                    % {"index": first_index_of[parsed.code]}
                ]
            else:
                first_index_of[parsed.code] = index
                record, errors = validate_parsed(parsed)
        if errors:
            entry.outcome, entry.errors = INVALID, errors
        else:
            validated.append((entry, record))
    if report.failed and not partial:
        return report
    _write_all(report, validated, partial=partial, dry_run=dry_run)
    return report


class _Abandon(Exception):
    """Rolls back the whole import (a dry run, or an all-or-nothing import that failed)."""


def _write_all(report: ImportReport, validated, *, partial: bool, dry_run: bool) -> None:
    failed = False
    try:
        with transaction.atomic():
            for entry, record in validated:
                try:
                    with transaction.atomic():
                        existed = Procedure.objects.filter(code=record.parsed.code).exists()
                        write_record(record)
                    entry.outcome = UPDATED if existed else CREATED
                except (RecordWriteError, ProtectedError, IntegrityError, DatabaseError) as exc:
                    entry.outcome, entry.errors, failed = INVALID, [_message_of(exc)], True
                    if not partial:
                        raise _Abandon from exc
            if dry_run:
                raise _Abandon
    except _Abandon:
        pass
    if failed and not partial:
        # All or nothing: the records written before the failure were rolled back with it.
        for entry, _record in validated:
            if entry.outcome != INVALID:
                entry.outcome = NOT_IMPORTED


def _message_of(exc: Exception) -> str:
    if isinstance(exc, RecordWriteError):
        return str(exc)
    if isinstance(exc, ProtectedError):
        return _("Không thể thay thế dữ liệu đang được hồ sơ sử dụng.")
    return _("Lỗi cơ sở dữ liệu khi ghi bản ghi: %(error)s") % {"error": exc}
