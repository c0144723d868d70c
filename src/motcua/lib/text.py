"""Vietnamese text folding for search.

Search must find "Giấy phép xây dựng" from "giay phep xay dung" and from "GIẤY PHÉP".
We fold both the stored text and the query the same way: lower case, strip every
combining mark after Unicode decomposition, and map đ/Đ (a separate letter, not a
d with a mark, so decomposition leaves it alone) to d.
"""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def fold(text: str | None) -> str:
    """Return `text` lower-cased, without diacritics, with runs of spaces collapsed."""
    if not text:
        return ""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return _SPACES.sub(" ", stripped.lower()).strip()


def search_terms(query: str | None) -> list[str]:
    """Split a user's query into folded words, ignoring empty ones."""
    return [word for word in fold(query).split(" ") if word]
