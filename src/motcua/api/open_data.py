"""Open data over the API: the public figures per agency, procedure and month, the agencies they
are about, and their licence (docs/open-data.md). No key; limited per address like the other
public reads; answers carry an ETag and a short Cache-Control so caches and reusers share them.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from typing import Literal

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from pydantic import field_validator

from motcua.api.errors import ApiError, ErrorSchema
from motcua.lib import ratelimit
from motcua.reports import open_data
from motcua.workdays.zone import VIETNAM

router = Router()

RATE_SCOPE = "open-data"
FIRST_YEAR, LAST_YEAR = 2000, 2099
_DATE_IN_YEARS = r"^20\d\d-"

LICENCE_EXAMPLE = {
    "code": "CC-BY-4.0",
    "name": "Creative Commons Attribution 4.0 International (CC BY 4.0)",
    "url": "https://creativecommons.org/licenses/by/4.0/",
    "publisher": "Cổng Dịch vụ công Thành phố Hà Nội",
    "terms": "Được tự do sao chép, phân phối, chỉnh sửa và sử dụng, kể cả vì mục đích thương "
    "mại, với điều kiện ghi rõ nguồn dữ liệu.",
    "attribution": "Nguồn: Cổng Dịch vụ công Thành phố Hà Nội. Dữ liệu mở theo giấy phép "
    "Creative Commons Attribution 4.0 International (CC BY 4.0) "
    "(https://creativecommons.org/licenses/by/4.0/).",
}


# --- Schemas -----------------------------------------------------------------------------


class LicenceOut(Schema):
    code: str = Field(description="Mã SPDX của giấy phép.", examples=["CC-BY-4.0"])
    name: str = Field(description="Tên giấy phép.")
    url: str = Field(description="Địa chỉ văn bản giấy phép.")
    publisher: str = Field(description="Cơ quan công bố dữ liệu (ghi khi trích dẫn nguồn).")
    terms: str = Field(description="Điều kiện sử dụng, tóm tắt bằng tiếng Việt.")
    attribution: str = Field(description="Dòng ghi nguồn đề nghị khi sử dụng lại dữ liệu.")


class SuppressionOut(Schema):
    min_count: int = Field(
        description="Số nhỏ nhất được công bố: một số đếm từ 1 đến min_count − 1 được ẩn (null)."
    )
    note: str = Field(description="Cách ẩn số liệu nhỏ, bằng lời.")


class LicenceAnswer(Schema):
    licence: LicenceOut
    suppression: SuppressionOut
    granularity: str = Field(description="Kỳ số liệu: từng tháng dương lịch.")

    model_config = {
        "json_schema_extra": {
            "examples": [
                {
                    "licence": LICENCE_EXAMPLE,
                    "suppression": {
                        "min_count": 5,
                        "note": "Số đếm từ 1 đến 4 được để trống …",
                    },
                    "granularity": "Số liệu theo từng tháng dương lịch …",
                }
            ]
        }
    }


class OpenAgencyOut(Schema):
    code: str = Field(description="Mã định danh điện tử của cơ quan.")
    name: str = Field(description="Tên cơ quan.")
    short_name: str = Field(description="Tên viết tắt (có thể rỗng).")
    kind: str = Field(description="Loại cơ quan (mã).")
    kind_label: str = Field(description="Loại cơ quan, bằng lời.")
    parent: str | None = Field(description="Mã cơ quan cấp trên; null với cơ quan cấp cao nhất.")
    depth: int = Field(description="Cấp trong cây cơ quan, 0 là cấp cao nhất.")


class OpenAgenciesOut(Schema):
    licence: LicenceOut
    agencies: list[OpenAgencyOut]

    model_config = {
        "json_schema_extra": {
            "examples": [
                {
                    "licence": LICENCE_EXAMPLE,
                    "agencies": [
                        {
                            "code": "000.00.00.H26",
                            "name": "Ủy ban nhân dân Thành phố Hà Nội",
                            "short_name": "UBND TP",
                            "kind": "peoples_committee",
                            "kind_label": "Ủy ban nhân dân",
                            "parent": None,
                            "depth": 0,
                        }
                    ],
                }
            ]
        }
    }


class OpenFiguresQuery(Schema):
    start: date | None = Field(
        None,
        description="Ngày đầu kỳ, YYYY-MM-DD, năm 2000–2099; tính từ đầu tháng chứa ngày này. "
        "Bỏ trống: tháng hiện tại.",
        json_schema_extra={"pattern": _DATE_IN_YEARS},
    )
    end: date | None = Field(
        None,
        description="Ngày cuối kỳ, YYYY-MM-DD, năm 2000–2099; tính đến hết tháng chứa ngày này, "
        "không trước ngày đầu, tối đa 12 tháng một lần (OPEN_DATA_MAX_MONTHS). Bỏ trống: "
        "cuối tháng của ngày đầu.",
        json_schema_extra={"pattern": _DATE_IN_YEARS},
    )
    agency: str | None = Field(
        None,
        max_length=20,
        description="Mã định danh của cơ quan: các dòng là các đơn vị trực thuộc nó (mỗi đơn vị "
        "tính cả cấp dưới). Bỏ trống: các cơ quan cấp cao nhất của tỉnh.",
        json_schema_extra={"pattern": r"\S"},
    )
    format: Literal["json", "csv"] = Field(
        "json", description="json, hoặc csv (UTF-8 có BOM, tiêu đề cột tiếng Việt)."
    )

    @field_validator("start", "end", mode="after")
    @classmethod
    def _in_years(cls, value):
        if value is not None and not FIRST_YEAR <= value.year <= LAST_YEAR:
            raise ValueError(_("Năm phải từ %(a)d đến %(b)d.") % {"a": FIRST_YEAR, "b": LAST_YEAR})
        return value


class OpenRowOut(Schema):
    month: str = Field(description="Tháng, YYYY-MM.", examples=["2026-11"])
    agency_code: str
    agency_name: str
    field_code: str = Field(description="Mã lĩnh vực.")
    field_name: str = Field(description="Tên lĩnh vực.")
    procedure_code: str = Field(description="Mã thủ tục hành chính.")
    procedure_name: str
    received: int | None = Field(description="Số hồ sơ tiếp nhận trong tháng; null: đã ẩn.")
    received_online: int | None = Field(
        description="Trong đó nộp trực tuyến (kể cả qua Cổng Dịch vụ công quốc gia); null: đã ẩn."
    )
    finished: int | None = Field(description="Số hồ sơ đã giải quyết trong tháng; null: đã ẩn.")
    finished_on_time: int | None = Field(
        description="Trong đó đúng hạn hoặc trước hạn; null: đã ẩn."
    )
    finished_late: int | None = Field(description="Trong đó quá hạn; null: đã ẩn.")
    processing_days_mean: float | None = Field(
        description="Thời gian giải quyết trung bình, ngày làm việc, một chữ số thập phân; null: "
        "không có hoặc đã ẩn."
    )


class OpenFiguresOut(Schema):
    licence: LicenceOut
    suppression: SuppressionOut
    start: date = Field(description="Ngày đầu kỳ (đầu tháng).")
    end: date = Field(description="Ngày cuối kỳ (cuối tháng).")
    agency: OpenAgencyOut | None = Field(description="Cơ quan đã chọn; null: cả tỉnh.")
    generated_at: str = Field(description="Thời điểm tính số liệu, giờ Việt Nam.")
    columns: dict[str, str] = Field(description="Tên cột và tiêu đề tiếng Việt của nó.")
    rows: list[OpenRowOut]

    model_config = {
        "json_schema_extra": {
            "examples": [
                {
                    "licence": LICENCE_EXAMPLE,
                    "suppression": {"min_count": 5, "note": "…"},
                    "start": "2026-11-01",
                    "end": "2026-11-30",
                    "agency": None,
                    "generated_at": "2026-12-03T10:00:00+07:00",
                    "columns": {"received": "Số hồ sơ tiếp nhận"},
                    "rows": [
                        {
                            "month": "2026-11",
                            "agency_code": "000.00.00.H26",
                            "agency_name": "Ủy ban nhân dân Thành phố Hà Nội",
                            "field_code": "G09-TP",
                            "field_name": "Hộ tịch",
                            "procedure_code": "1.001193",
                            "procedure_name": "Đăng ký khai sinh",
                            "received": 128,
                            "received_online": 97,
                            "finished": 120,
                            "finished_on_time": 118,
                            "finished_late": None,
                            "processing_days_mean": 1.4,
                        }
                    ],
                }
            ]
        }
    }


# --- helpers -----------------------------------------------------------------------------


def _limit(request: HttpRequest) -> None:
    window = 60
    if ratelimit.hit(
        RATE_SCOPE,
        ratelimit.client_ip(request),
        limit=settings.OPEN_DATA_RATE_LIMIT,
        window=window,
    ):
        return
    wait = ratelimit.seconds_left(window)
    raise ApiError(
        _("Bạn đã gửi quá nhiều yêu cầu dữ liệu mở trong một phút; hãy thử lại sau %(wait)d giây.")
        % {"wait": wait},
        status=429,
        headers={"Retry-After": str(wait)},
    )


def licence_dict() -> dict:
    licence = open_data.licence()
    return {
        "code": licence.code,
        "name": licence.name,
        "url": licence.url,
        "publisher": licence.publisher,
        "terms": licence.terms,
        "attribution": licence.attribution,
    }


def _suppression() -> dict:
    k = settings.OPEN_DATA_MIN_COUNT
    return {"min_count": k, "note": open_data.suppression_note(k)}


def agency_dict(agency) -> dict:
    return {
        "code": agency.code,
        "name": agency.name,
        "short_name": agency.short_name,
        "kind": agency.kind,
        "kind_label": str(agency.get_kind_display()),
        "parent": agency.parent.code if agency.parent_id else None,
        "depth": agency.depth,
    }


def _cached(request: HttpRequest, body: bytes, content_type: str, *, tag: str = "") -> HttpResponse:
    """The answer with its ETag and Cache-Control, or a 304 when the client has it already.
    The ETag is the hash of what the answer says (`tag` when given: the figures without the
    moment they were computed, so a recomputed but unchanged table keeps its tag)."""
    etag = f'"{open_data.fingerprint(tag or body.decode("utf-8", "replace"))}"'
    max_age = settings.OPEN_DATA_CACHE_SECONDS
    given = [value.strip() for value in request.headers.get("If-None-Match", "").split(",")]
    if etag in given or "*" in given:
        response = HttpResponse(status=304)
    else:
        response = HttpResponse(body, content_type=content_type)
    response["ETag"] = etag
    response["Cache-Control"] = f"public, max-age={max_age}"
    licence = open_data.licence()
    response["Link"] = f'<{licence.url}>; rel="license"'
    return response


def _json(payload: dict) -> bytes:
    return json.dumps(payload, cls=DjangoJSONEncoder, ensure_ascii=False).encode()


# --- endpoints ---------------------------------------------------------------------------


@router.get(
    "/licence",
    url_name="open_licence",
    response={200: LicenceAnswer, 429: ErrorSchema},
    summary="Giấy phép và quy tắc công bố của dữ liệu mở",
)
def licence(request: HttpRequest):
    _limit(request)
    payload = {
        "licence": licence_dict(),
        "suppression": _suppression(),
        "granularity": str(open_data.GRANULARITY_NOTE),
    }
    return _cached(request, _json(payload), "application/json")


@router.get(
    "/agencies",
    url_name="open_agencies",
    response={200: OpenAgenciesOut, 429: ErrorSchema},
    summary="Danh sách cơ quan (mã, tên, cơ quan cấp trên) để chọn khi lấy số liệu mở",
)
def agencies(request: HttpRequest):
    _limit(request)
    payload = {
        "licence": licence_dict(),
        "agencies": [agency_dict(agency) for agency in open_data.public_agencies()],
    }
    return _cached(request, _json(payload), "application/json")


@router.get(
    "/figures",
    url_name="open_figures",
    response={200: OpenFiguresOut, 422: ErrorSchema, 429: ErrorSchema},
    summary="Số liệu mở: hồ sơ tiếp nhận và giải quyết theo cơ quan, thủ tục và tháng",
    description=(
        "Không có dữ liệu cá nhân. Số đếm nhỏ hơn OPEN_DATA_MIN_COUNT (mặc định 5) được ẩn "
        "(null trong JSON, ô trống trong CSV). `format=csv` trả tệp CSV UTF-8 có BOM, tiêu đề "
        "tiếng Việt, hai cột cuối ghi giấy phép và nguồn. Câu trả lời có ETag và "
        "Cache-Control: public, max-age."
    ),
    openapi_extra={
        "responses": {
            200: {
                "content": {
                    "text/csv": {
                        "schema": {"type": "string"},
                        "example": "\ufeffTháng,Mã cơ quan,Tên cơ quan,…\r\n",
                    }
                }
            }
        }
    },
)
def figures(request: HttpRequest, query: Query[OpenFiguresQuery]):
    _limit(request)
    now = timezone.now()
    today = timezone.localtime(now, VIETNAM).date()
    agency = None
    if query.agency is not None:
        agency = open_data.find_agency(query.agency)
        if agency is None:
            raise ApiError(
                _("Không có cơ quan nào mang mã “%(code)s”.") % {"code": query.agency[:20]},
                status=422,
                field="agency",
            )
    if query.start is None and query.end is None:
        start, end = open_data.current_month(today)
    else:
        start = (query.start or query.end).replace(day=1)
        end = open_data.month_end(query.end or query.start)
    try:
        open_data.check_period(start, end, today=today)
    except open_data.BadPeriod as exc:
        raise ApiError(exc.message, status=422, field=exc.field) from exc
    table = open_data.build_table(start, end, agency, now=now)
    # A download is a document of record: in the system's language, whatever the request's.
    with translation.override(settings.LANGUAGE_CODE):
        body = render_csv(table) if query.format == "csv" else _json(table_dict(table))
        tag = json.dumps([query.format, table_dict(table, moment=False)], default=str)
    if query.format == "csv":
        response = _cached(request, body, "text/csv; charset=utf-8", tag=tag)
        response["Content-Disposition"] = f'attachment; filename="{csv_filename(table)}"'
        return response
    return _cached(request, body, "application/json", tag=tag)


def table_dict(table, *, moment: bool = True) -> dict:
    return {
        "licence": licence_dict(),
        "suppression": _suppression(),
        "start": table.start,
        "end": table.end,
        "agency": agency_dict(table.agency) if table.agency else None,
        "generated_at": timezone.localtime(table.generated_at, VIETNAM).isoformat(
            timespec="seconds"
        )
        if moment
        else None,
        "columns": {name: str(label) for name, label in open_data.columns()},
        "rows": [
            {
                "month": row.month.strftime("%Y-%m"),
                "agency_code": row.agency_code,
                "agency_name": row.agency_name,
                "field_code": row.field_code,
                "field_name": row.field_name,
                "procedure_code": row.procedure_code,
                "procedure_name": row.procedure_name,
                **row.values,
            }
            for row in table.rows
        ],
    }


def csv_filename(table) -> str:
    where = table.agency.code if table.agency else "toan-tinh"
    return f"du-lieu-mo_{where}_{table.start:%Y-%m}_{table.end:%Y-%m}.csv"


def render_csv(table) -> bytes:
    """UTF-8 with a BOM (so spreadsheet programs read the Vietnamese right), headings in
    Vietnamese, one line per row; a suppressed value is an empty cell. The last two columns
    carry the licence and the source on every line, so a line copied elsewhere keeps them."""
    licence = table.licence
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(
        [str(label) for _name, label in open_data.columns() + open_data.LICENCE_COLUMNS]
    )
    for row in table.rows:
        line = [
            row.month.strftime("%Y-%m"),
            row.agency_code,
            row.agency_name,
            row.field_code,
            row.field_name,
            row.procedure_code,
            row.procedure_name,
        ]
        for name, _label in open_data.VALUE_COLUMNS:
            value = row.values.get(name)
            line.append("" if value is None else value)
        line += [f"{licence.code} {licence.url}", licence.publisher]
        writer.writerow(line)
    return ("\ufeff" + out.getvalue()).encode("utf-8")
