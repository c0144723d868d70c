"""Amounts of money in Vietnamese words, as receipts and invoices write them ("Số tiền bằng
chữ"): 105000 → "Một trăm linh năm nghìn đồng".

The number is cut into groups of three digits from the right; each group is read as hundreds,
tens and units, and followed by the name of its scale (nghìn, triệu, tỷ; above a thousand
billion the scales repeat: "nghìn tỷ", "triệu tỷ", "tỷ tỷ"). The conventions, in the order a
reader meets them:

- **Units after the tens.** After "mươi" (twenty and above) 1 is "mốt" ("hai mươi mốt"),
  4 is "tư" ("hai mươi tư", a setting: `four="bốn"` writes "hai mươi bốn") and 5 is "lăm"
  ("hai mươi lăm"). After "mười" (ten to nineteen) 5 is "lăm" ("mười lăm") but 1 and 4 stay
  "một" and "bốn" ("mười một", "mười bốn"). Ten is "mười", never "một mươi".
- **An empty tens place** between hundreds and units is "linh" ("một trăm linh năm"), as
  Hà Nội and the North write it; `odd="lẻ"` writes the southern "lẻ". After it the units keep
  their plain names: "linh một", "linh bốn", "linh năm".
- **An empty hundreds place** inside the number is read "không trăm" ("một nghìn không trăm
  linh năm", "một triệu không trăm linh bốn nghìn"); the leading group never starts with it
  ("năm nghìn", not "không trăm năm nghìn").
- **A group that is all zeros** is left out with its scale ("một triệu đồng", "một tỷ không
  trăm năm mươi đồng"), except that a "tỷ" always stays when something is above it ("một
  nghìn tỷ đồng").
- **Zero** is "Không đồng". The thousand is "nghìn" (`thousand="ngàn"` for the southern
  word); a billion is "tỷ".
- The first letter is capitalised and the currency ("đồng") follows; `currency=""` gives the
  number alone, lower case.

Only whole, non-negative amounts are read (the đồng has no subunit in use).
"""

from __future__ import annotations

from dataclasses import dataclass

DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
ODD_WORDS = ("linh", "lẻ")
THOUSAND_WORDS = ("nghìn", "ngàn")
FOUR_WORDS = ("tư", "bốn")


@dataclass(frozen=True)
class Style:
    """The regional choices: "linh" or "lẻ" for an empty tens place, "nghìn" or "ngàn" for a
    thousand, "tư" or "bốn" for a 4 after "mươi"."""

    odd: str = "linh"
    thousand: str = "nghìn"
    four: str = "tư"

    def __post_init__(self):
        if self.odd not in ODD_WORDS:
            raise ValueError(f"odd must be one of {ODD_WORDS}")
        if self.thousand not in THOUSAND_WORDS:
            raise ValueError(f"thousand must be one of {THOUSAND_WORDS}")
        if self.four not in FOUR_WORDS:
            raise ValueError(f"four must be one of {FOUR_WORDS}")


HANOI = Style()


def _group(value: int, *, full: bool, style: Style) -> list[str]:
    """The words of one group of three digits (1–999). `full`: the group is not the leading
    one, so an empty hundreds place is read "không trăm" and an empty tens place "linh"."""
    hundreds, rest = divmod(value, 100)
    tens, units = divmod(rest, 10)
    words: list[str] = []
    if hundreds or full:
        words += [DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units:
            if words:
                words.append(style.odd)
            words.append(DIGITS[units])
        return words
    if tens == 1:
        words.append("mười")
        if units:
            words.append("lăm" if units == 5 else DIGITS[units])
        return words
    words += [DIGITS[tens], "mươi"]
    if units == 1:
        words.append("mốt")
    elif units == 4:
        words.append(style.four)
    elif units == 5:
        words.append("lăm")
    elif units:
        words.append(DIGITS[units])
    return words


def _below_billion(value: int, *, leading: bool, style: Style) -> list[str]:
    """The words of 1–999,999,999: millions, thousands and units."""
    words: list[str] = []
    for scale, size in (("triệu", 1_000_000), (style.thousand, 1_000), ("", 1)):
        group, value = divmod(value, size)
        if group:
            words += _group(group, full=not leading, style=style)
            if scale:
                words.append(scale)
            leading = False
        elif not leading and not value:
            break
    return words


def _number_words(value: int, *, leading: bool, style: Style) -> list[str]:
    billions, rest = divmod(value, 1_000_000_000)
    words: list[str] = []
    if billions:
        words += _number_words(billions, leading=leading, style=style)
        words.append("tỷ")
        leading = False
    if rest:
        words += _below_billion(rest, leading=leading, style=style)
    return words


def number_in_words(value: int, *, style: Style = HANOI) -> str:
    """The words of a whole number, lower case: 1004000 → "một triệu không trăm linh bốn
    nghìn"."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError("only whole numbers are read")
    if value < 0:
        raise ValueError("only non-negative amounts are read")
    if value == 0:
        return DIGITS[0]
    return " ".join(_number_words(value, leading=True, style=style))


def amount_in_words(value, *, currency: str = "đồng", style: Style = HANOI) -> str:
    """The amount as a receipt writes it: "Một trăm linh năm nghìn đồng". `value` is an int or
    a Decimal without a fractional part."""
    if not isinstance(value, int):
        integral = int(value)
        if integral != value:
            raise ValueError("only whole amounts of đồng are read")
        value = integral
    text = number_in_words(value, style=style)
    if currency:
        text = f"{text} {currency}"
    return text[:1].upper() + text[1:]
