"""The printouts of the one-stop shop's standard forms (Circular 01/2018/TT-VPCP).

01 receipt and appointment, 02 request to supplement, 03 refusal to receive, 04 apology and new
appointment: issued by the services (`issue_form`) and kept as issued, their PDF made from the
kept HTML on first download (`issued_pdf`). 05 processing control sheet and 06 log book:
rendered live (`render_form_html(dossier, "05", ...)`, `render_logbook_html`). docs/printouts.md
describes each form.
"""

from motcua.dossiers.printouts.forms import TITLES, render_form_html
from motcua.dossiers.printouts.issuing import issue_form, issued_pdf
from motcua.dossiers.printouts.logbook import render_logbook_html
from motcua.dossiers.printouts.pdf import render_pdf

# The paper each form prints on (docs/domain.md: 01–05 on A5, the log book on A4).
PAGE_SIZES = {"01": "A5", "02": "A5", "03": "A5", "04": "A5", "05": "A5", "06": "A4 landscape"}

__all__ = [
    "PAGE_SIZES",
    "TITLES",
    "issue_form",
    "issued_pdf",
    "render_form_html",
    "render_logbook_html",
    "render_pdf",
]
