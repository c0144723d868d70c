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


# Vietnamese writes the final i of an open syllable after a consonant either way: "kí" and
# "ký", "lí" and "lý", "quí" and "quý", "mĩ" and "mỹ". After folding, such a word is spelt
# with i here; "y" alone ("y tế") and y after a vowel ("thủy", "xây") keep their y, as there
# it is a different vowel.
_OPEN_Y = re.compile(r"\b(qu|[bcdghklmnprstvx]{1,2})y\b")
_OPEN_I = re.compile(r"\b(qu|[bcdghklmnprstvx]{1,2})i\b")


def spelling_fold(text: str | None) -> str:
    """`fold(text)`, with the final i/y of an open syllable written i: "Đăng kí", "đăng ký"
    and "dang ky" all give "dang ki"."""
    return _OPEN_Y.sub(r"\1i", fold(text))


def spelling_variants(word: str) -> list[str]:
    """The spellings of one folded word that mean the same: ["ki", "ky"] for "ki" or "ky",
    [word] for a word without the i/y choice."""
    canonical = _OPEN_Y.sub(r"\1i", word)
    if _OPEN_I.fullmatch(canonical):
        return [canonical, _OPEN_I.sub(r"\1y", canonical)]
    return [word]


def search_terms(query: str | None) -> list[str]:
    """Split a user's query into folded words, ignoring empty ones."""
    return [word for word in fold(query).split(" ") if word]


# --- Vietnamese alphabetical order ---------------------------------------------------------
#
# Code-point order puts "Đất đai" after "Zebra" and "Thành lập" before "Tài nguyên". The
# Vietnamese alphabet is a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y; the
# Latin letters it borrows (f, j, w, z) go where the Latin alphabet puts them. Tones are a
# lesser difference: words are ordered by their letters first, and only words with the same
# letters by their tones, in dictionary order (none, huyền, hỏi, ngã, sắc, nặng); case
# decides last, lower case first. This is what ICU's "vi" collation does, which PostgreSQL
# uses for the same lists (motcua.lib.collation), so Python and the database agree.

_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_RANK = {letter: rank for rank, letter in enumerate(_ALPHABET)}
# Marks that make another letter of a base letter (after decomposition): ă â ê ô ơ ư.
_LETTER_MARKS = {
    ("a", "\u0306"): "ă",
    ("a", "\u0302"): "â",
    ("e", "\u0302"): "ê",
    ("o", "\u0302"): "ô",
    ("o", "\u031b"): "ơ",
    ("u", "\u031b"): "ư",
}
# The five marked tones, in dictionary order: huyền, hỏi, ngã, sắc, nặng. Other marks (a
# foreign name's ü or ç) come after them.
_TONE_RANK = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_OTHER_MARK = 10
# Spaces, then punctuation and symbols, then digits, then letters, as ICU orders them.
_SPACE, _PUNCTUATION, _DIGIT, _LETTER, _OTHER_LETTER = range(5)
_PUNCTUATION_RANK = {
    mark: rank for rank, mark in enumerate("_-–—,;:!?.'\"“”()[]{}@*/\\&#%`^+<=>|~$")
}


def _letters(text: str):
    """Each character of `text` with the combining marks that follow it, after compatibility
    decomposition (as ICU compares "…" like "...")."""
    base, marks = "", []
    for char in unicodedata.normalize("NFKD", text):
        if unicodedata.combining(char):
            marks.append(char)
            continue
        if base or marks:
            yield base, marks
        base, marks = char, []
    if base or marks:
        yield base, marks


def _primary(letter: str) -> tuple[int, int]:
    if letter in _LETTER_RANK:
        return (_LETTER, _LETTER_RANK[letter])
    if letter.isspace():
        return (_SPACE, 0)
    if letter.isdecimal():
        return (_DIGIT, unicodedata.decimal(letter))
    if letter.isalpha():
        return (_OTHER_LETTER, ord(letter))
    return (_PUNCTUATION, _PUNCTUATION_RANK.get(letter, len(_PUNCTUATION_RANK) + ord(letter)))


def vi_sort_key(text: str | None) -> tuple:
    """A key that sorts text in Vietnamese alphabetical order, ignoring case but for ties.

    `sorted(names, key=vi_sort_key)` gives "Dân cư", "Đất đai", "Đường bộ", "Tài nguyên",
    "Thành lập", "Zebra". The key compares letters first (ă after a, đ after d, ư after u),
    then tones letter by letter, then case (lower first), then code points (as PostgreSQL
    breaks ties), so two different texts never tie.
    """
    text = text or ""
    primary, secondary, tertiary = [], [], []
    for base, marks in _letters(text):
        lower = base.lower()
        # A few capitals lower-case to two characters (İ); they are not Vietnamese letters.
        letter = lower if len(lower) == 1 else base
        tones = []
        for mark in marks:
            made = _LETTER_MARKS.get((letter, mark))
            if made:
                letter = made
            else:
                tones.append(_TONE_RANK.get(mark, _OTHER_MARK + ord(mark)))
        if base:
            primary.append(_primary(letter))
            tertiary.append(0 if base == lower else 1)
            secondary.append(0)
        secondary.extend(tones)
    return (
        tuple(primary),
        tuple(secondary),
        tuple(tertiary),
        text,
    )


def person_sort_key(full_name: str | None) -> tuple:
    """A key that lists people as Vietnamese lists do: by given name (the last word), then by
    family name (the first), then by the middle names, each in Vietnamese order. "Trần Minh
    Đức" comes before "Lê Thị Mai Phương", and "Nguyễn Văn An" before both."""
    words = (full_name or "").split()
    if not words:
        return ()
    given, family, middle = words[-1], words[0] if len(words) > 1 else "", " ".join(words[1:-1])
    return (vi_sort_key(given), vi_sort_key(family), vi_sort_key(middle))
