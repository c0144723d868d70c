"""What a receipt says, worked out from a payment: its lines, the amount in words, the text of
its QR code, its status and the folded text it is searched by. Pure functions, no database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from motcua.lib.text import fold
from motcua.lib.vnwords import amount_in_words

# The shapes an agency's template code (mẫu số) and series code (ký hiệu) may take: what the
# agency registered, in capital letters, digits and the separators such codes use.
CODE_SHAPE = re.compile(r"^[A-Z0-9][A-Z0-9/.\-]{0,29}$")
DEFAULT_TEMPLATE_NAME = "Biên lai thu phí, lệ phí"
NUMBER_WIDTHS = range(4, 11)


class ReceiptStatus:
    ISSUED = "issued"
    CANCELLED = "cancelled"
    REPLACED = "replaced"

    LABELS = {
        ISSUED: _("Đã lập"),
        CANCELLED: _("Đã huỷ"),
        REPLACED: _("Đã huỷ, thay bằng biên lai khác"),
    }


def normalise_code(text: str | None) -> str:
    """A code as typed: without spaces, in capitals ("01blp0 -001" → "01BLP0-001")."""
    return "".join((text or "").split()).upper()


def valid_code(code: str) -> bool:
    return bool(CODE_SHAPE.match(code))


@dataclass(frozen=True)
class Line:
    name: str
    quantity: str
    amount: int

    def as_dict(self) -> dict:
        return {"name": self.name, "quantity": self.quantity, "amount": self.amount}


def lines_of(items: list[dict] | None, *, total: int, fallback_name: str) -> list[Line]:
    """The receipt's lines from a payment's items (the breakdown payments/fees.py writes: name,
    quantity, amount). They must add up to the payment's amount, which the receipt states;
    when they do not (a payment of a requested amount without a breakdown), the receipt has one
    line of the whole amount under the fee's name."""
    lines = []
    for item in items or []:
        try:
            amount = int(item.get("amount") or 0)
        except (TypeError, ValueError):
            lines = []
            break
        name = " ".join(str(item.get("name") or "").split())
        if not name:
            lines = []
            break
        lines.append(Line(name=name, quantity=str(item.get("quantity") or "1"), amount=amount))
    if not lines or sum(line.amount for line in lines) != total:
        name = " ".join((fallback_name or "").split()) or DEFAULT_TEMPLATE_NAME
        return [Line(name=name, quantity="1", amount=total)]
    return lines


def words_of(total: int) -> str:
    return amount_in_words(total)


def search_text_of(
    *,
    number_text: str,
    series_code: str,
    payer_name: str,
    dossier_code: str,
    payer_id_number: str = "",
) -> str:
    """What a search for a receipt matches, folded (no diacritics, lower case): its number as
    printed, its series, the payer's name and ID number, and the dossier code."""
    parts = [number_text, series_code, payer_name, payer_id_number, dossier_code]
    return fold(" ".join(part for part in parts if part))


def amount_text(value: int) -> str:
    """'1.234.567' — thousands separated by dots, as Vietnamese writes amounts."""
    return f"{value:,}".replace(",", ".")


# The fields of a receipt's QR code, one `key=value` line each, in this order.
QR_FIELDS = (
    "loai",
    "mau_so",
    "ky_hieu",
    "so",
    "ngay",
    "ma_co_quan",
    "ma_ho_so",
    "so_tien",
    "trang_thai",
)


def qr_text(fields: dict) -> str:
    """The QR code's text: the document's kind, the template, series and number that identify
    the receipt, its date, the collecting agency's code, the dossier code and the amount; lines
    without a value are left out, and a value never spans lines."""
    lines = []
    for key in QR_FIELDS:
        value = " ".join(str(fields.get(key) or "").split())
        if value:
            lines.append(f"{key}={value}")
    return "\n".join(lines)
