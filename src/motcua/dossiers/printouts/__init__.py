"""The printouts of the one-stop shop's standard forms (Circular 03/2025/TT-VPCP).

01 receipt and appointment, 02 request to supplement, 03 refusal to receive, 04 apology and
request to extend the time, 05 stop notice: issued by the services (`issue_form`) and kept as
issued, their PDF made from the kept HTML on first download (`issued_pdf`). 06 processing
control sheet and 07 log book: rendered live (`render_form_html(dossier, "06", ...)`,
`render_logbook_html`). Forms kept under Circular 01/2018 keep their number and title
(`form_title`). docs/printouts.md describes each form.
"""

from motcua.dossiers.printouts.forms import EDITION, TITLES, form_title, render_form_html
from motcua.dossiers.printouts.issuing import issue_form, issued_pdf
from motcua.dossiers.printouts.logbook import MAX_DAYS as LOGBOOK_MAX_DAYS
from motcua.dossiers.printouts.logbook import logbook_rows, render_logbook_html
from motcua.dossiers.printouts.pdf import render_pdf

# The paper each form prints on (docs/domain.md: 01–06 on A5, the log book on A4).
PAGE_SIZES = {
    "01": "A5",
    "02": "A5",
    "03": "A5",
    "04": "A5",
    "05": "A5",
    "06": "A5",
    "07": "A4 landscape",
}

__all__ = [
    "EDITION",
    "LOGBOOK_MAX_DAYS",
    "PAGE_SIZES",
    "TITLES",
    "form_title",
    "issue_form",
    "issued_pdf",
    "logbook_rows",
    "render_form_html",
    "render_logbook_html",
    "render_pdf",
]
