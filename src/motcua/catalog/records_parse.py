"""Reading one national-shape record into plain values for our models, checking JSON types.

The result, a `ParsedProcedure`, holds dicts of model field values; nothing touches the
database here. Rules of reading (docs/catalog-import.md):

- every fact the national shape carries is read from it; X_MOTCUA adds the rest;
- for case time limits and fees, which the national shape repeats per channel and per case,
  X_MOTCUA holds the exact values and wins; a record without X_MOTCUA (straight from the
  national database) is read from CACHTHUCTHUCHIEN instead;
- X_MOTCUA.cases, .agencies and .legal_bases line up one-to-one with THANHPHANHOSO,
  COQUANTHUCHIEN and CANCUPHAPLY.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from motcua.catalog.choices import ApplicantType, Channel, FeeCategory, FeeKind, PublicationStatus
from motcua.catalog.records import CHANNEL_FLAGS, EXTENSION_KEY, FORMAT_VERSION
from motcua.catalog.records_reader import (
    Reader,
    read_amount,
    read_documents,
    read_time_unit,
)
from motcua.lib.text import fold

_STATUS_WORDS = {
    "cong bo": PublicationStatus.PUBLISHED,
    "da cong bo": PublicationStatus.PUBLISHED,
    "du thao": PublicationStatus.DRAFT,
    "bai bo": PublicationStatus.WITHDRAWN,
    "da bai bo": PublicationStatus.WITHDRAWN,
}


@dataclass
class ParsedProcedure:
    """One record, read: model field values for the procedure and each of its children.
    `procedure["implementing_level"]` is None when the record does not say it."""

    code: str
    field_code: str
    field_name: str
    procedure: dict[str, Any]
    agencies: list[dict[str, Any]] = field(default_factory=list)
    cases: list[dict[str, Any]] = field(default_factory=list)
    fees: list[dict[str, Any]] = field(default_factory=list)
    results: list[dict[str, Any]] = field(default_factory=list)
    legal_bases: list[dict[str, Any]] = field(default_factory=list)
    steps: list[dict[str, Any]] = field(default_factory=list)


def parse_record(record: Any) -> tuple[ParsedProcedure | None, list[str]]:
    """Read one record. Returns (parsed, errors); parsed is None when there are errors."""
    if not isinstance(record, dict):
        return None, [_("Bản ghi phải là một đối tượng JSON.")]
    reader = Reader()
    ext = record.get(EXTENSION_KEY)
    if ext is not None and not isinstance(ext, dict):
        reader.fail(EXTENSION_KEY, _("phải là một đối tượng."))
        ext = None
    if ext is not None and ext.get("version", FORMAT_VERSION) != FORMAT_VERSION:
        reader.fail(f"{EXTENSION_KEY}.version", _("phiên bản định dạng không được hỗ trợ."))
    code = reader.text(record, "MATTHC", "", required=True)
    field_code, field_name = _read_field(reader, record)
    channels = _read_channels(reader, record)
    parsed = ParsedProcedure(
        code=code,
        field_code=field_code,
        field_name=field_name,
        procedure={
            "code": code,
            "name": reader.text(record, "TENTTHC", "", required=True),
            "applicant_types": _read_applicants(reader, record),
            "applicant_description": reader.text(record, "MOTADOITUONGTHUCHIEN", "", strip=False),
            "conditions": reader.text(record, "YEUCAU", "", strip=False),
            "publishing_agency_code": reader.text(record, "MACOQUANCONGBO", ""),
            "status": _read_status(reader, record),
            "implementing_level": None,
            **{flag: channel in channels for channel, flag in CHANNEL_FLAGS},
        },
    )
    steps_text = _read_steps_text(reader, record)
    parsed.procedure["description"] = steps_text.pop("", "")
    if ext is not None:
        from motcua.catalog.records_extension import read_extension

        read_extension(reader, ext, record, parsed)
    else:
        _read_national_only(reader, record, parsed)
    _attach_steps_text(reader, parsed, steps_text)
    parsed.results = [
        {
            "code": reader.text(item, "MAKETQUA", path),
            "name": reader.text(item, "TENKETQUA", path, required=True),
        }
        for path, item in reader.objects(record, "KETQUATHUCHIEN")
    ]
    if reader.errors:
        return None, reader.errors
    return parsed, []


def _read_field(reader: Reader, record: dict) -> tuple[str, str]:
    fields = reader.objects(record, "LINHVUCTHUCHIEN")
    if not fields:
        if "LINHVUCTHUCHIEN" not in record or isinstance(record["LINHVUCTHUCHIEN"], list):
            reader.fail("LINHVUCTHUCHIEN", _("phải có lĩnh vực thực hiện."))
        return "", ""
    path, first = fields[0]
    code = reader.text(first, "MALINHVUC", path, required=True)
    return code, reader.text(first, "TENLINHVUC", path)


def _read_channels(reader: Reader, record: dict) -> list[str]:
    channels: list[str] = []
    for path, item in reader.objects(record, "CACHTHUCTHUCHIEN"):
        raw = item.get("KENH")
        value = str(raw) if isinstance(raw, int | str) and not isinstance(raw, bool) else None
        if value not in Channel.values:
            reader.fail(
                f"{path}.KENH",
                _("kênh phải là 1 (trực tiếp), 2 (trực tuyến) hoặc 3 (bưu chính)."),
            )
        elif value in channels:
            reader.fail(
                f"{path}.KENH", _("kênh %(channel)s bị khai báo hai lần.") % {"channel": value}
            )
        else:
            channels.append(value)
    return channels


def _read_applicants(reader: Reader, record: dict) -> list[str]:
    by_label = {fold(str(label)): code for code, label in ApplicantType.choices}
    codes: list[str] = []
    for path, item in reader.objects(record, "DOITUONGTHUCHIEN"):
        code = reader.text(item, "MADOITUONG", path)
        label = reader.text(item, "TENDOITUONG", path)
        if code not in ApplicantType.values:
            code = by_label.get(fold(label), "")
        if not code:
            reader.fail(
                path,
                _("đối tượng “%(label)s” không có trong danh mục; dùng một trong: %(codes)s.")
                % {
                    "label": label or item.get("MADOITUONG"),
                    "codes": ", ".join(ApplicantType.values),
                },
            )
        elif code not in codes:
            codes.append(code)
    return codes


def _read_status(reader: Reader, record: dict) -> str:
    value = reader.text(record, "TRANGTHAI", "")
    if not value:
        return PublicationStatus.DRAFT
    if value in PublicationStatus.values:
        return value
    status = _STATUS_WORDS.get(fold(value))
    if status is None:
        reader.fail("TRANGTHAI", _("trạng thái “%(value)s” không hợp lệ.") % {"value": value})
        return PublicationStatus.DRAFT
    return status


def _read_steps_text(reader: Reader, record: dict) -> dict[str, str]:
    """TRINHTUTHUCHIEN as {case name: text}, one line per TRINHTU; the procedure's own text
    is under the empty case name."""
    texts: dict[str, str] = {}
    for path, item in reader.objects(record, "TRINHTUTHUCHIEN"):
        case_name = reader.text(item, "TRUONGHOP", path)
        lines = [
            reader.text(step, "TENTRINHTU", step_path, strip=False)
            for step_path, step in reader.objects(item, "TRINHTU", path)
        ]
        text = "\n".join(lines)
        texts[case_name] = f"{texts[case_name]}\n{text}" if case_name in texts else text
    return texts


def _attach_steps_text(reader: Reader, parsed: ParsedProcedure, texts: dict[str, str]) -> None:
    by_name = {case["name"]: case for case in parsed.cases}
    for name, text in texts.items():
        if name in by_name:
            by_name[name]["steps_text"] = text
        else:
            reader.fail(
                "TRINHTUTHUCHIEN",
                _("trường hợp “%(name)s” không có trong THANHPHANHOSO.") % {"name": name},
            )


# --- a record without X_MOTCUA -----------------------------------------------------------


def _read_national_only(reader: Reader, record: dict, parsed: ParsedProcedure) -> None:
    times = _first_channel_times(reader, record)
    parts = reader.objects(record, "THANHPHANHOSO")
    sources = parts or times
    for position, (path, item) in enumerate(sources, start=1):
        name = reader.text(item, "TRUONGHOP", path) if parts else ""
        if not name:
            name = (
                _("Trường hợp chung")
                if len(sources) == 1
                else _("Trường hợp %(n)d") % {"n": position}
            )
        parsed.cases.append(
            {
                "code": f"TH{position}",
                "name": name,
                "order": position,
                "steps_text": "",
                "documents": read_documents(reader, item, path) if parts else [],
                **_national_time(reader, times, position, len(sources)),
            }
        )
    parsed.fees = _national_fees(reader, times, parsed.cases)
    parsed.agencies = [
        {
            "code": reader.text(item, "MADONVI", path, required=True),
            "service_level": None,
            "online_class": "",
        }
        for path, item in reader.objects(record, "COQUANTHUCHIEN")
    ]
    parsed.legal_bases = [
        {
            "number": reader.text(item, "SOVANBAN", path, required=True),
            "title": reader.text(item, "TENVANBAN", path, required=True),
            "url": "",
        }
        for path, item in reader.objects(record, "CANCUPHAPLY")
    ]


def _first_channel_times(reader: Reader, record: dict) -> list[tuple[str, dict]]:
    """THOIGIAN of the first channel that has any: times are the same on every channel in
    our model, and the counter (listed first by the national database) is the reference."""
    for path, item in reader.objects(record, "CACHTHUCTHUCHIEN"):
        times = reader.objects(item, "THOIGIAN", path)
        if times:
            return times
    return []


def _national_time(reader: Reader, times, position: int, case_count: int) -> dict[str, Any]:
    if len(times) == case_count:
        path, item = times[position - 1]
    elif len(times) == 1:
        path, item = times[0]
    else:
        reader.fail(
            "CACHTHUCTHUCHIEN",
            _("cần một THOIGIAN cho mỗi trường hợp (%(cases)d), hoặc một THOIGIAN chung.")
            % {"cases": case_count},
        )
        return {"time_limit_value": None, "time_limit_unit": "", "time_limit_note": ""}
    return {
        "time_limit_value": reader.decimal(item, "THOIGIANGIAIQUYET", path),
        "time_limit_unit": read_time_unit(reader, item, path),
        "time_limit_note": reader.text(item, "MOTA", path, strip=False),
    }


def _national_fees(reader: Reader, times, cases: list[dict]) -> list[dict[str, Any]]:
    """Fees from PHILEPHI: a fee listed for every case applies to the procedure; one listed
    for some cases only becomes a fee of each of those cases."""
    per_case: list[list[tuple]] = []
    for path, item in times:
        keys = []
        for fee_path, fee in reader.objects(item, "PHILEPHI", path):
            keys.append(
                (
                    reader.text(fee, "MAPHILEPHI", fee_path),
                    read_amount(reader, fee, fee_path),
                    reader.text(fee, "DONVI", fee_path) or "đồng",
                    reader.text(fee, "MOTA", fee_path),
                )
            )
        per_case.append(keys)
    shared_by_all = len(per_case) != len(cases) or len(cases) <= 1
    ordered: list[tuple] = []
    for keys in per_case:
        ordered.extend(key for key in keys if key not in ordered)
    fees = []
    for key in ordered:
        owners = [index for index, keys in enumerate(per_case) if key in keys]
        if shared_by_all or len(owners) == len(per_case):
            fees.append(_national_fee(key, None))
        else:
            fees.extend(_national_fee(key, cases[index]["code"]) for index in owners)
    return fees


def _national_fee(key: tuple, case_code: str | None) -> dict[str, Any]:
    code, amount, unit, description = key
    name = (description or _("Lệ phí"))[:500]
    category = FeeCategory.FEE if fold(name).startswith("phi ") else FeeCategory.CHARGE
    return {
        "case": case_code,
        "code": code,
        "name": name,
        "category": category,
        "kind": FeeKind.FIXED,
        "amount": amount,
        "tiers": [],
        "unit": unit,
        "description": "",
    }
