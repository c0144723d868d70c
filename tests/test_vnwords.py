"""Amounts in Vietnamese words (motcua.lib.vnwords): the issue's amounts, the conventions one
by one, and properties over every amount: the words read back to the number (a small reader
written here, independently of the writer), and the spelling rules hold everywhere."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from motcua.lib.vnwords import Style, amount_in_words, number_in_words

ISSUE_AMOUNTS = [
    (0, "Không đồng"),
    (1_000, "Một nghìn đồng"),
    (15_000, "Mười lăm nghìn đồng"),
    (21_000, "Hai mươi mốt nghìn đồng"),
    (25_000, "Hai mươi lăm nghìn đồng"),
    (105_000, "Một trăm linh năm nghìn đồng"),
    (1_000_000, "Một triệu đồng"),
    (1_004_000, "Một triệu không trăm linh bốn nghìn đồng"),
    (
        1_234_567_000,
        "Một tỷ hai trăm ba mươi tư triệu năm trăm sáu mươi bảy nghìn đồng",
    ),
]


@pytest.mark.parametrize(("amount", "words"), ISSUE_AMOUNTS)
def test_the_issues_amounts(amount, words):
    assert amount_in_words(amount) == words


@pytest.mark.parametrize(
    ("number", "words"),
    [
        (1, "một"),
        (4, "bốn"),
        (5, "năm"),
        (10, "mười"),
        (11, "mười một"),
        (14, "mười bốn"),
        (15, "mười lăm"),
        (20, "hai mươi"),
        (21, "hai mươi mốt"),
        (24, "hai mươi tư"),
        (25, "hai mươi lăm"),
        (55, "năm mươi lăm"),
        (91, "chín mươi mốt"),
        (100, "một trăm"),
        (101, "một trăm linh một"),
        (104, "một trăm linh bốn"),
        (105, "một trăm linh năm"),
        (110, "một trăm mười"),
        (115, "một trăm mười lăm"),
        (121, "một trăm hai mươi mốt"),
        (1_001, "một nghìn không trăm linh một"),
        (1_010, "một nghìn không trăm mười"),
        (1_100, "một nghìn một trăm"),
        (10_000, "mười nghìn"),
        (100_000, "một trăm nghìn"),
        (1_000_001, "một triệu không trăm linh một"),
        (1_000_050, "một triệu không trăm năm mươi"),
        (2_000_500, "hai triệu năm trăm"),
        (1_000_000_000, "một tỷ"),
        (1_000_000_050, "một tỷ không trăm năm mươi"),
        (1_005_000_000, "một tỷ không trăm linh năm triệu"),
        (1_000_000_000_000, "một nghìn tỷ"),
        (2_500_000_000_000, "hai nghìn năm trăm tỷ"),
        (1_000_000_000_000_000_000, "một tỷ tỷ"),
    ],
)
def test_the_conventions(number, words):
    assert number_in_words(number) == words


def test_the_regional_choices():
    south = Style(odd="lẻ", thousand="ngàn", four="bốn")
    assert amount_in_words(105_000, style=south) == "Một trăm lẻ năm ngàn đồng"
    assert amount_in_words(24_000, style=south) == "Hai mươi bốn ngàn đồng"
    with pytest.raises(ValueError):
        Style(odd="linh lẻ")


def test_decimals_integers_only():
    assert amount_in_words(Decimal("105000.00")) == "Một trăm linh năm nghìn đồng"
    assert amount_in_words(15, currency="") == "Mười lăm"
    with pytest.raises(ValueError):
        amount_in_words(Decimal("1.5"))
    with pytest.raises(ValueError):
        number_in_words(-1)
    with pytest.raises(TypeError):
        number_in_words(True)


# --- An independent reader of the words, for the round-trip property ------------------------

UNITS = {
    "không": 0,
    "một": 1,
    "mốt": 1,
    "hai": 2,
    "ba": 3,
    "bốn": 4,
    "tư": 4,
    "năm": 5,
    "lăm": 5,
    "sáu": 6,
    "bảy": 7,
    "tám": 8,
    "chín": 9,
}
SCALES = {"nghìn": 1_000, "triệu": 1_000_000, "tỷ": 1_000_000_000}


def read_words(text: str) -> int:
    """Sum the groups: a number below a thousand accumulates in `small`; a scale word
    multiplies what was read since the last bigger scale."""
    total, current, small = 0, 0, 0
    for word in text.split():
        if word in UNITS:
            small += UNITS[word]
        elif word == "mười":
            small += 10
        elif word == "mươi":
            small = (small - small % 10) + (small % 10) * 10
        elif word == "trăm":
            small = (small % 10) * 100 + (small - small % 10)
        elif word == "linh":
            continue
        elif word in SCALES:
            scale = SCALES[word]
            if scale == 1_000_000_000:
                total = (total + current + small) * scale
                current = 0
            else:
                current += small * scale
            small = 0
        else:
            raise AssertionError(f"unknown word {word!r}")
    return total + current + small


@given(st.integers(min_value=0, max_value=10**15))
def test_the_words_read_back_to_the_number(number):
    assert read_words(number_in_words(number)) == number


@given(st.integers(min_value=0, max_value=10**15))
def test_the_spelling_rules_hold_everywhere(number):
    words = number_in_words(number).split()
    for before, after in zip(words, words[1:], strict=False):
        assert after != "mốt" or before == "mươi", number  # mốt only after mươi
        assert after != "tư" or before == "mươi", number
        assert after != "lăm" or before in ("mươi", "mười"), number
        assert not (before == "mươi" and after in ("một", "bốn", "năm")), number
        assert not (before == "mười" and after == "năm"), number
        assert not (before == "một" and after == "mươi"), number  # ten is "mười"
        assert not (before == "linh" and after in ("mốt", "tư", "lăm")), number
        assert not (before == "không" and after != "trăm"), number
    assert words[0] != "không" or number == 0, number
    assert "  " not in number_in_words(number)


@given(st.integers(min_value=1, max_value=10**12))
def test_a_receipts_words_are_capitalised_and_name_the_currency(number):
    text = amount_in_words(number)
    assert text[0].isupper() and text[1:] == text[1:].lower()
    assert text.endswith(" đồng")


@given(st.integers(min_value=0, max_value=10**12), st.integers(min_value=0, max_value=10**12))
def test_different_amounts_have_different_words(a, b):
    if a != b:
        assert amount_in_words(a) != amount_in_words(b)
