"""Choosing an agency to hand a dossier to (liên thông) among hundreds: search as you type.

Any active agency may coordinate on a dossier (docs/domain.md: the rules name no narrower
set, and the services decide what they accept), so the list cannot be cut to a few. Instead the select
starts with a short list of likely agencies (those the dossier already went through, its
responsible agency, and the agencies implementing the procedure when they are few), which
also serves a browser without JavaScript; typing in the search box beside it replaces the
options with the agencies whose name, short name or code, or whose parent's, holds every
word typed (without diacritics too), through htmx.
"""

from __future__ import annotations

import json

from django import forms
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.forms.utils import flatatt
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.agencies.choices import AgencyKind
from motcua.agencies.models import Agency
from motcua.catalog.models import ProcedureAgency
from motcua.lib.collation import vietnamese
from motcua.lib.text import search_terms

MAX_RESULTS = 30
# Implementing agencies are suggested only when the procedure has at most this many: a
# commune-level procedure is implemented by every commune, and 126 suggestions help nobody.
FEW_IMPLEMENTERS = 12
# Row ids are 64-bit signed integers on PostgreSQL and SQLite alike.
MAX_ID = 2**63 - 1
MAX_ID_DIGITS = len(str(MAX_ID))


def active_agencies() -> QuerySet[Agency]:
    return Agency.objects.filter(is_active=True).select_related("parent")


def label(agency: Agency) -> str:
    """The agency's name, with its parent's for a unit inside another agency: there are 75
    units named "Phòng Kinh tế" in Hà Nội alone."""
    if agency.kind == AgencyKind.UNIT and agency.parent is not None:
        return f"{agency.name} — {agency.parent.name}"
    return agency.name


def search(query: str) -> tuple[list[Agency], bool]:
    """Active agencies matching every folded word of `query` (on their own name, short name
    or code, or their parent's), and whether there were more than shown."""
    agencies = active_agencies()
    terms = search_terms(query)
    if not terms:
        return [], False
    for term in terms:
        agencies = agencies.filter(
            Q(search_text__contains=term) | Q(parent__search_text__contains=term)
        )
    found = list(agencies.order_by("depth", vietnamese("name"), "pk")[: MAX_RESULTS + 1])
    return found[:MAX_RESULTS], len(found) > MAX_RESULTS


def as_id(text: str) -> int | None:
    """`text` as a row id, or None: only ASCII digits ("²" is a digit to str.isdigit but not
    to int) and only within a database integer's range (25 digits overflow it)."""
    text = (text or "").strip()
    if not (text.isascii() and text.isdigit()) or len(text) > MAX_ID_DIGITS:
        return None
    number = int(text)
    return number if 0 < number <= MAX_ID else None


def by_ids(ids: str) -> list[Agency]:
    """The agencies of a comma-separated list of ids (the suggestions, when a search is
    cleared), in tree order; anything that is not an id is ignored."""
    pks = [pk for part in ids.split(",")[:MAX_RESULTS] if (pk := as_id(part)) is not None]
    return list(active_agencies().filter(pk__in=pks).order_by("path")) if pks else []


def suggestions(dossier, step) -> list[Agency]:
    """The likely agencies to hand the dossier to, listed before any search: other agencies,
    never the dossier's own. Excluded: the agency holding the current step with all its units,
    and the receiving agency. Suggested: agencies the dossier was handed to before, and the
    procedure's implementing agencies when it has few. One query."""
    holder = step.unit if step is not None else dossier.responsible_agency
    holder_path = holder.path
    if holder.kind == AgencyKind.UNIT and holder.parent_id:
        # The unit's agency: its path without the unit's own last part (no query).
        holder_path = holder_path.rstrip("/").rsplit("/", 1)[0] + "/"
    visited = {s.unit_id for s in dossier.steps.all()} | {dossier.responsible_agency_id}
    visited.discard(None)
    implementations = ProcedureAgency.objects.filter(procedure_id=dossier.procedure_id)
    how_many = implementations.values("procedure_id").annotate(n=Count("pk")).values("n")[:1]
    agencies = (
        active_agencies()
        .alias(implementers=Subquery(how_many))
        .filter(
            Q(pk__in=visited)
            | Q(
                Exists(implementations.filter(agency=OuterRef("pk"))),
                implementers__lte=FEW_IMPLEMENTERS,
            )
        )
        .exclude(path__startswith=holder_path)
        .exclude(pk=dossier.receiving_agency_id)
    )
    return list(agencies.order_by("path"))


def options_html(
    agencies: list[Agency], *, selected: str = "", more: bool = False, searched: bool = False
) -> SafeString:
    """The <option>s of a picker: the empty choice, the agencies, and a word when a search
    found nothing or more than is shown."""
    notes = []
    if searched and not agencies:
        notes.append(_("Không tìm thấy cơ quan nào phù hợp."))
    if more:
        notes.append(_("Còn nhiều cơ quan khác phù hợp: hãy gõ thêm để thu hẹp."))
    return format_html(
        '<option value="">{}</option>{}{}',
        _("— Chọn cơ quan —"),
        format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (
                    agency.pk,
                    mark_safe(" selected") if str(agency.pk) == selected else "",
                    label(agency),
                )
                for agency in agencies
            ),
        ),
        format_html_join("", '<option value="" disabled>{}</option>', ((note,) for note in notes)),
    )


def with_selected(agencies: list[Agency], selected: str) -> list[Agency]:
    """`agencies`, with the selected one first when it is not among them (a choice kept
    across a search, or a form shown again with its error)."""
    pk = as_id(selected)
    if pk is None or any(a.pk == pk for a in agencies):
        return agencies
    current = active_agencies().filter(pk=pk).first()
    return [current, *agencies] if current is not None else agencies


class AgencyPicker(forms.Select):
    """A search box (htmx) above a select of `suggested` agencies; never lists them all."""

    suggested: list[Agency] = []

    def render(self, name, value, attrs=None, renderer=None):
        attributes = self.build_attrs(self.attrs, attrs)
        select_id = attributes.get("id") or f"id_{name}"
        attributes["id"] = select_id
        selected = "" if value is None else str(value)
        search_box = format_html(
            '<input type="search" name="q" id="{}_tim" class="picker-search" autocomplete="off"'
            ' aria-label="{}" placeholder="{}" aria-controls="{}" hx-get="{}"'
            ' hx-trigger="input changed delay:300ms, search" hx-target="#{}" hx-swap="innerHTML"'
            ' hx-sync="this:replace" hx-include="#{}" hx-vals=\'{}\'>',
            select_id,
            _("Tìm cơ quan theo tên hoặc mã"),
            _("Gõ tên hoặc mã để tìm, ví dụ: thuế, 000.00.00"),
            select_id,
            reverse("office:agency_options"),
            select_id,
            select_id,
            json.dumps({"ten": name, "goi_y": ",".join(str(a.pk) for a in self.suggested)}),
        )
        options = options_html(with_selected(self.suggested, selected), selected=selected)
        return format_html(
            '{}<select name="{}"{}>{}</select>', search_box, name, flatatt(attributes), options
        )


class AgencyPickerField(forms.ModelChoiceField):
    """Any active agency is a valid answer; the widget shows only a few at a time."""

    widget = AgencyPicker

    def __init__(self, *, label, required=False, dossier, step):
        super().__init__(
            queryset=Agency.objects.filter(is_active=True),
            label=label,
            required=required,
            empty_label=gettext_lazy("— Chọn cơ quan —"),
            error_messages={
                "invalid_choice": gettext_lazy(
                    "Cơ quan này không có trong danh mục hoặc đã ngừng hoạt động."
                )
            },
        )
        self.widget.suggested = suggestions(dossier, step)
