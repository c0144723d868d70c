"""Reading back an XLSX file for the tests: the first sheet's cells, row by row (shared strings
as text, numbers as int or float). An XLSX file is a zip of XML parts; this reads the two that
hold the values, so the tests need no spreadsheet library."""

from __future__ import annotations

import io
import re
import zipfile
from xml.etree import ElementTree

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}


def _column(reference: str) -> int:
    letters = re.match(r"[A-Z]+", reference).group(0)
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - ord("A") + 1
    return index - 1


def read_rows(data: bytes) -> list[list]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        shared = []
        if "xl/sharedStrings.xml" in archive.namelist():
            root = ElementTree.fromstring(archive.read("xl/sharedStrings.xml"))  # noqa: S314 - our own output
            for item in root.findall("m:si", NS):
                shared.append("".join(text.text or "" for text in item.iter(f"{{{NS['m']}}}t")))
        sheet = ElementTree.fromstring(archive.read("xl/worksheets/sheet1.xml"))  # noqa: S314
    rows = []
    for row in sheet.find("m:sheetData", NS).findall("m:row", NS):
        values: list = []
        for cell in row.findall("m:c", NS):
            column = _column(cell.get("r"))
            while len(values) < column:
                values.append("")
            raw = cell.find("m:v", NS)
            if raw is None:
                values.append("")
            elif cell.get("t") == "s":
                values.append(shared[int(raw.text)])
            else:
                number = float(raw.text)
                values.append(int(number) if number.is_integer() else number)
        rows.append(values)
    return rows
