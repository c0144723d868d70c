"""Tables as files people open in a spreadsheet: CSV (UTF-8 with a byte-order mark, so Excel
reads the Vietnamese letters) and XLSX (XlsxWriter).

Text that a spreadsheet would take for a formula (starting with =, +, -, @, a tab or a carriage
return) is written with a leading apostrophe in CSV, and always as text in XLSX: a payer's name
typed as "=HYPERLINK(...)" stays a name. Numbers stay numbers.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _is_number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def safe_cell(value):
    """A cell's value for CSV: numbers as they are, text defused if it looks like a formula."""
    if _is_number(value):
        return value
    text = _text(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def csv_bytes(headers: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([safe_cell(header) for header in headers])
    for row in rows:
        writer.writerow([safe_cell(value) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def xlsx_bytes(
    headers: Sequence[str],
    rows: Iterable[Sequence],
    *,
    sheet: str = "Sheet1",
    title: str = "",
    bold_last_row: bool = False,
) -> bytes:
    """One worksheet: an optional title line, the header row (bold, frozen), then the rows.
    Numbers are written as numbers with thousands separators (a fraction with one decimal
    shown), everything else as text."""
    import xlsxwriter

    output = io.BytesIO()
    workbook = xlsxwriter.Workbook(output, {"in_memory": True})
    worksheet = workbook.add_worksheet(sheet[:31])
    bold = workbook.add_format({"bold": True})
    header_format = workbook.add_format({"bold": True, "text_wrap": True, "valign": "top"})
    number = workbook.add_format({"num_format": "#,##0"})
    bold_number = workbook.add_format({"num_format": "#,##0", "bold": True})
    decimal = workbook.add_format({"num_format": "#,##0.0"})
    bold_decimal = workbook.add_format({"num_format": "#,##0.0", "bold": True})
    first = 0
    if title:
        worksheet.write_string(0, 0, title, bold)
        first = 2
    for column, header in enumerate(headers):
        worksheet.write_string(first, column, str(header), header_format)
        worksheet.set_column(column, column, max(12, min(len(str(header)) + 2, 40)))
    worksheet.freeze_panes(first + 1, 0)
    rows = list(rows)
    for index, row in enumerate(rows, start=first + 1):
        last = bold_last_row and index == first + len(rows)
        for column, value in enumerate(row):
            if isinstance(value, float) and not value.is_integer():
                worksheet.write_number(index, column, value, bold_decimal if last else decimal)
            elif _is_number(value):
                worksheet.write_number(index, column, value, bold_number if last else number)
            else:
                worksheet.write_string(index, column, _text(value), bold if last else None)
    workbook.close()
    return output.getvalue()
