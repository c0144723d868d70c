"""HTML to PDF with WeasyPrint, in the fonts committed under dossiers/fonts.

The fonts (Liberation Serif and Sans 2.1, SIL OFL 1.1, metric-compatible with Times New Roman
and Arial, full Vietnamese coverage) are declared with @font-face and file:// URLs at render
time, not in the stored HTML: a kept form stays valid when the installation moves, and every
machine renders it with the same glyphs, whatever fonts its system has.
"""

from __future__ import annotations

from pathlib import Path

from django.utils.translation import gettext as _

from motcua.dossiers.errors import DossierError

FONTS_DIR = Path(__file__).resolve().parent.parent / "fonts"
FONT_FILES = {
    ("Liberation Serif", "normal", "normal"): "LiberationSerif-Regular.ttf",
    ("Liberation Serif", "bold", "normal"): "LiberationSerif-Bold.ttf",
    ("Liberation Serif", "normal", "italic"): "LiberationSerif-Italic.ttf",
    ("Liberation Sans", "normal", "normal"): "LiberationSans-Regular.ttf",
    ("Liberation Sans", "bold", "normal"): "LiberationSans-Bold.ttf",
    ("Liberation Sans", "normal", "italic"): "LiberationSans-Italic.ttf",
}
PAGE_SIZES = {"A5", "A4", "A5 landscape", "A4 landscape"}


def font_face_css() -> str:
    rules = []
    for (family, weight, style), filename in FONT_FILES.items():
        url = (FONTS_DIR / filename).as_uri()
        rules.append(
            f"@font-face {{ font-family: '{family}'; font-weight: {weight}; "
            f"font-style: {style}; src: url('{url}') format('truetype'); }}"
        )
    return "\n".join(rules)


def render_pdf(html: str, *, size: str = "A5") -> bytes:
    """The PDF of `html` on pages of `size` ("A5" for forms 01–05, "A4" or "A4 landscape" for
    the log book). The document's own CSS sets margins and layout; the size is set here."""
    if size not in PAGE_SIZES:
        raise DossierError(_("Khổ giấy không hợp lệ."), field="size")
    # Imported here: WeasyPrint loads Pango through cffi, which only printing needs.
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    fetcher = _fetcher()
    font_config = FontConfiguration()
    stylesheet = CSS(
        string=f"{font_face_css()}\n@page {{ size: {size}; }}",
        font_config=font_config,
        url_fetcher=fetcher,
    )
    return HTML(string=html, base_url=FONTS_DIR.as_uri() + "/", url_fetcher=fetcher).write_pdf(
        stylesheets=[stylesheet], font_config=font_config
    )


def _fetcher():
    """A URL fetcher that reads the committed fonts and data: URIs (the QR code) and nothing
    else: a form never makes a network request or reads another local file, whatever its
    text contains."""
    from weasyprint.urls import URLFetcher

    class FormsFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("file:"):
                from urllib.request import url2pathname

                path = Path(url2pathname(url.split("?")[0].removeprefix("file:"))).resolve()
                if path.parent != FONTS_DIR:
                    raise ValueError(f"Only the committed fonts may be read: {url}")
            return super().fetch(url, headers)

    return FormsFetcher(allowed_protocols={"data", "file"}, allow_redirects=False)
