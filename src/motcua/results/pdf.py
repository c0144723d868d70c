"""The result's PDF before it is signed: WeasyPrint with the committed fonts (as the
printouts), the verification code and a QR code of the verification address."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from motcua.dossiers.printouts.formatting import qr_data_uri
from motcua.dossiers.printouts.pdf import render_pdf


def verify_url(code: str) -> str:
    return f"{settings.SITE_URL.rstrip('/')}{reverse('portal:verify_result')}?{urlencode({'ma': code})}"


def result_pdf(document, *, code: str) -> bytes:
    dossier = document.dossier
    snapshot = dossier.procedure_snapshot or {}
    url = verify_url(code)
    html = render_to_string(
        "results/result.html",
        {
            "document": document,
            "dossier": dossier,
            "agency_name": dossier.receiving_agency.name,
            "procedure_name": (snapshot.get("procedure") or {}).get("name")
            or dossier.procedure.name,
            "outcome": dossier.get_outcome_display(),
            "code": code,
            "verify_url": url,
            "qr": qr_data_uri(url),
        },
    )
    return render_pdf(html, size="A4")
