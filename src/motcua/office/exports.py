"""One way to export every table of the leaders' pages: `?xuat=csv` or `?xuat=xlsx` on the page's
own address (with `bang=<slug>` when the page has several tables) answers the table as a file.

A table is built once (`Table`: a slug, a title, Vietnamese headers and the rows as values) and
both the page and the file read it, so what is downloaded is what is shown. Numbers stay numbers
(a share is a percentage, 73.5, under a header that says "%"); the CSV starts with a byte-order
mark so Excel reads the diacritics, and text that looks like a formula is defused
(lib/spreadsheets.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.http import HttpResponse
from django.utils.text import slugify

from motcua.lib.spreadsheets import csv_bytes, xlsx_bytes

FORMATS = ("csv", "xlsx")
EXPORT_PARAM = "xuat"
TABLE_PARAM = "bang"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv; charset=utf-8"


@dataclass
class Table:
    """A table as the page shows it and the file carries it."""

    slug: str  # the `bang` parameter naming it, and the end of the file's name
    title: str
    headers: Sequence[str]
    rows: list[Sequence] = field(default_factory=list)
    bold_last_row: bool = False  # a total


def requested_format(request) -> str:
    """ "csv" or "xlsx" when the request asks for a file, else ""."""
    value = request.GET.get(EXPORT_PARAM, "")
    return value if value in FORMATS else ""


def requested_table(request, tables: Sequence[Table]) -> Table | None:
    """The table a file is asked for: the one named by `bang`, or the page's only table."""
    slug = request.GET.get(TABLE_PARAM, "")
    for table in tables:
        if table.slug == slug:
            return table
    return tables[0] if len(tables) == 1 else None


def as_percent(share: float | None) -> float | None:
    """A share (0..1) as the percentage a table shows and a file carries, one decimal."""
    return None if share is None else round(share * 100, 1)


def file_response(table: Table, export: str, *, stem: str) -> HttpResponse:
    """The table as a CSV or XLSX attachment named `<stem>-<slug>.<export>`."""
    headers = [str(header) for header in table.headers]
    rows = [[_plain(value) for value in row] for row in table.rows]
    name = f"{slugify(stem)}-{table.slug}.{export}"
    if export == "csv":
        response = HttpResponse(csv_bytes(headers, rows), content_type=CSV_TYPE)
    else:
        data = xlsx_bytes(
            headers,
            rows,
            sheet=str(table.title)[:31],
            title=str(table.title),
            bold_last_row=table.bold_last_row,
        )
        response = HttpResponse(data, content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _plain(value):
    """Lazy translations and other objects become text; numbers and dates stay as they are."""
    if value is None or isinstance(value, int | float | str):
        return value
    if hasattr(value, "strftime"):
        return value
    return str(value)
