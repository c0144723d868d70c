"""Forms 01–05 as issued: the HTML of the moment is kept in an IssuedForm row, and its PDF is
made from that kept HTML the first time someone downloads it.

Why lazily: one A5 form takes WeasyPrint about 140 ms on the reference machine (2 cores; 90 ms
at best, 220 ms for the first render of a process), against a budget of about 50 ms inside
the service's transaction; the demo receives hundreds of dossiers and most issued forms are
never downloaded. The PDF is made from the stored HTML, so it shows what was issued even if
the catalog or the dossier changed since.
"""

from __future__ import annotations

from datetime import datetime

from django.core.files.base import ContentFile
from django.utils import translation
from django.utils.translation import gettext as _

from motcua.dossiers.errors import DossierError
from motcua.dossiers.models import IssuedForm
from motcua.dossiers.printouts.forms import EDITION, render_form_html
from motcua.dossiers.printouts.pdf import render_pdf

ISSUED_FORMS = ("01", "02", "03", "04", "05")
ISSUED_LANGUAGE = "vi"  # the forms are statutory documents in Vietnamese


def issue_form(dossier, form: str, *, now: datetime, context: dict | None = None) -> IssuedForm:
    """Render form `form` ("01"–"05") for `dossier` as of `now` and keep it. Called by the
    services inside their transaction, after the change it records."""
    if form not in ISSUED_FORMS:
        raise DossierError(
            _("Chỉ các mẫu 01 đến 05 được phát hành và lưu; mẫu 06, 07 được lập khi in."),
            field="form",
        )
    with translation.override(ISSUED_LANGUAGE):
        html = render_form_html(dossier, form, now=now, context=context)
    return IssuedForm.objects.create(
        dossier=dossier, form=form, edition=EDITION, issued_at=now, html=html
    )


def _pdf_name(issued: IssuedForm) -> str:
    code = issued.dossier.code or f"hs{issued.dossier_id}"
    return f"mau-{issued.form}-{code}-{issued.pk}.pdf"


def issued_pdf(issued: IssuedForm) -> bytes:
    """The PDF of an issued form: made from its kept HTML and saved (private storage) the first
    time, read back every time after. Two first downloads at once both render; the first to
    record its file wins and the other's file is removed."""
    lost = ""
    if issued.pdf:
        try:
            with issued.pdf.open("rb") as stored:
                return stored.read()
        except FileNotFoundError:
            # The file was lost (a restored database without its media): make it again from
            # the kept HTML, which is the form as issued.
            lost = issued.pdf.name
    data = render_pdf(issued.html, size="A5")
    name = issued.pdf.storage.save(
        issued.pdf.field.generate_filename(issued, _pdf_name(issued)), ContentFile(data)
    )
    won = IssuedForm.objects.filter(pk=issued.pk, pdf=lost).update(pdf=name)
    if not won:
        issued.pdf.storage.delete(name)
        issued.refresh_from_db(fields=["pdf"])
        return issued_pdf(issued)
    issued.pdf.name = name
    return data
