"""A receipt as HTML and PDF, in Vietnamese, in the committed fonts, with its QR code (the
printouts' machinery: dossiers/printouts). Rendered from the receipt's own row, which never
changes, so it reads the same at every download; a cancelled receipt is printed with its
cancellation across the page and under its number.

The QR code holds the receipt's template, series and number, its date, the collecting agency's
code, the dossier code, the amount and, when cancelled, "da_huy" (payments/receipts.py,
`qr_text`).
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import translation

from motcua.dossiers.printouts import render_pdf
from motcua.dossiers.printouts.formatting import (
    keep_names_together,
    local,
    moment_text,
    qr_data_uri,
)
from motcua.payments import receipts as concept
from motcua.payments.choices import PaymentMethod

LANGUAGE = "vi"  # a receipt is a financial document in Vietnamese, whatever the page's language


def qr_fields(receipt) -> dict:
    return {
        "loai": "bien_lai",
        "mau_so": receipt.template_code,
        "ky_hieu": receipt.series_code,
        "so": receipt.number_text,
        "ngay": local(receipt.issued_at).strftime("%d/%m/%Y"),
        "ma_co_quan": receipt.agency_code,
        "ma_ho_so": receipt.dossier_code,
        "so_tien": receipt.total,
        "trang_thai": "da_huy" if receipt.is_cancelled else "",
    }


def receipt_context(receipt) -> dict:
    text = concept.qr_text(qr_fields(receipt))
    cancellation = getattr(receipt, "cancellation", None) if receipt.is_cancelled else None
    replaced_by = getattr(receipt, "replaced_by", None) if receipt.status == "replaced" else None
    return {
        "receipt": receipt,
        "parent_name": keep_names_together(receipt.agency_parent_name.upper()),
        "agency_name": keep_names_together(receipt.agency_name.upper()),
        "issued": moment_text(receipt.issued_at),
        "paid": moment_text(receipt.paid_at),
        "method": PaymentMethod(receipt.method).label if receipt.method else "",
        "lines": [
            {**line, "amount_text": concept.amount_text(int(line["amount"]))}
            for line in receipt.items
        ],
        "total_text": concept.amount_text(receipt.total),
        "qr": qr_data_uri(text),
        "qr_text": text,
        "cancellation": cancellation,
        "cancelled_at": moment_text(cancellation.cancelled_at) if cancellation else "",
        "replaced_by": replaced_by,
        "replaces": receipt.replaces,
    }


def receipt_html(receipt) -> str:
    with translation.override(LANGUAGE):
        return render_to_string("payments/receipt.html", receipt_context(receipt))


def receipt_pdf(receipt) -> bytes:
    return render_pdf(receipt_html(receipt), size="A5")


def pdf_filename(receipt) -> str:
    series = "".join(ch if ch.isalnum() else "-" for ch in receipt.series_code)
    return f"bien-lai-{series}-{receipt.number_text}.pdf"
