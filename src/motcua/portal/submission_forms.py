"""The online application's screens as data: which inputs each page shows, how a POST becomes
the service's arguments, and where each of the service's problems is shown.

No rule lives here: what is valid is decided by the dossier services (`check_draft`,
`submit_dossier`); this module only reads form posts and places the messages those services
give next to the input they concern.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from motcua.agencies.models import Agency, Commune, Province
from motcua.catalog.eforms import form_fields
from motcua.delivery.policies import postal_offered
from motcua.dossiers.applicants import COLUMNS, Applicant, max_length
from motcua.dossiers.choices import ApplicantKind, ReturnChannel
from motcua.lib.collation import vietnamese
from motcua.lib.text import search_terms

EFORM_PREFIX = "tk."
APPLICANT_PREFIX = "nn."
RETURN_CHANNEL = "nhan_ket_qua"
MAX_OPTIONS = 60

# Pages of the application, in order; a problem is shown on the page that can fix it.
FORM_PAGE, DOCUMENTS_PAGE, REVIEW_PAGE = "form", "documents", "review"


@dataclass
class Input:
    """One input of a page, ready for portal/submission/_input.html."""

    name: str
    id: str
    label: str
    value: object = ""
    widget: str = "text"
    errors: list[str] = field(default_factory=list)
    help_text: str = ""
    required: bool = False
    choices: list[tuple[str, str]] = field(default_factory=list)
    attrs: dict[str, object] = field(default_factory=dict)
    only: str = ""  # "citizen" / "organisation": shown for that kind of applicant only


# name, label, widget, attributes, help text, shown only for
_APPLICANT = [
    ("name", _("Họ và tên người nộp, hoặc tên tổ chức"), "text",
     {"autocomplete": "name"}, "", ""),
    ("personal_id", _("Số định danh cá nhân"), "text",
     {"inputmode": "numeric", "autocomplete": "off"},
     _("12 chữ số, in trên thẻ căn cước."), "citizen"),
    ("tax_code", _("Mã số thuế"), "text",
     {"inputmode": "numeric", "autocomplete": "off"},
     _("10 chữ số, hoặc 10 chữ số, dấu gạch ngang và 3 chữ số của chi nhánh."), "organisation"),
    ("address", _("Địa chỉ (số nhà, đường phố, thôn, tổ dân phố)"), "text",
     {"autocomplete": "street-address"}, "", ""),
    ("commune_code", _("Xã, phường"), "commune", {}, "", ""),
    ("phone", _("Số điện thoại"), "tel",
     {"inputmode": "tel", "autocomplete": "tel"}, "", ""),
    ("email", _("Thư điện tử"), "email",
     {"inputmode": "email", "autocomplete": "email"}, "", ""),
]  # fmt: skip
_SUBMITTER = [
    ("submitter_name", _("Họ và tên người nộp thay"), "text", {}, ""),
    ("submitter_personal_id", _("Số định danh cá nhân của người nộp thay"), "text",
     {"inputmode": "numeric", "autocomplete": "off"}, ""),
    ("submitter_relation", _("Quan hệ với người yêu cầu"), "text", {},
     _("Ví dụ: con, được ủy quyền.")),
]  # fmt: skip
APPLICANT_KEYS = {"kind"} | {row[0] for row in _APPLICANT} | {row[0] for row in _SUBMITTER}
# The applicant's details an e-form's declarant section already asks for (the names the
# catalog's forms give them): left empty in the applicant's section, they are taken from the
# declaration, so nothing is typed twice.
DECLARANT_FIELDS = {
    "name": ("ho_ten", "ten_to_chuc"),
    "personal_id": ("so_dinh_danh",),
    "tax_code": ("ma_so_thue",),
    "phone": ("dien_thoai",),
    "email": ("email",),
    "commune_code": ("xa_phuong",),
    "address": ("dia_chi",),
}
_DECLARED_NAMES = {name for names in DECLARANT_FIELDS.values() for name in names}
# The e-form's e-mail field, when it has one, is the only one asked: the applicant's is its copy.
EFORM_EMAIL = "email"
_COMPACT = {"personal_id", "tax_code", "submitter_personal_id"}


def _dossier_value(dossier, key: str) -> str:
    if key == "commune_code":
        return dossier.applicant_commune_id or ""
    if key.startswith("submitter_"):
        return getattr(dossier, key)
    return getattr(dossier, f"applicant_{key}")


def _eform_names(dossier) -> set[str]:
    return {spec.name for spec in _eform_specs(dossier)}


def declared_value(key: str, form_data: dict, names: set[str]) -> str:
    """What the e-form's declarant section holds for the applicant's `key`, if anything."""
    for name in DECLARANT_FIELDS.get(key, ()):
        if name in names and str(form_data.get(name) or "").strip():
            return str(form_data[name]).strip()
    return ""


def applicant_inputs(dossier, errors: dict, *, guest: bool) -> dict[str, list[Input]]:
    kind = Input(
        name=f"{APPLICANT_PREFIX}kind",
        id="nn-kind",
        label=str(_("Người nộp là")),
        value=dossier.applicant_kind or ApplicantKind.CITIZEN,
        widget="radio",
        choices=[(value, str(label)) for value, label in ApplicantKind.choices],
        errors=errors.get("kind", []),
        required=True,
    )

    def field(key, label, widget, attrs, help_text, **extra) -> Input:
        if (
            key in COLUMNS
        ):  # the column's size; room for the spaces a compact code may be typed with
            attrs = {**attrs, "maxlength": max_length(key) + (2 if key in _COMPACT else 0)}
        return Input(
            name=f"{APPLICANT_PREFIX}{key}",
            id=f"nn-{key}",
            label=str(label),
            value=_dossier_value(dossier, key),
            widget=widget,
            attrs=attrs,
            help_text=str(help_text),
            errors=errors.get(key, []),
            **extra,
        )

    applicant = [kind]
    names = _eform_names(dossier)
    form_data = dossier.form_data or {}
    for key, label, widget, attrs, help_text, only in _APPLICANT:
        if key == "email" and EFORM_EMAIL in names:
            continue  # asked once, in the declaration
        if key == "email" and guest:
            help_text = _(
                "Bắt buộc khi nộp không cần tài khoản, để cơ quan giải quyết liên hệ với bạn khi cần."
            )
        required = key == "name" or (key == "email" and guest)
        made = field(key, label, widget, attrs, help_text, required=required, only=only)
        if not made.value:
            made.value = declared_value(key, form_data, names)
        applicant.append(made)
    submitter = [field(*spec) for spec in _SUBMITTER]
    return {"applicant": applicant, "submitter": submitter}


def applicant_from_post(post, dossier=None) -> Applicant:
    """The applicant as posted; with `dossier`, what is left empty (and the e-mail, always,
    when the e-form asks it) comes from the e-form's declarant section posted alongside."""
    names = _eform_names(dossier) if dossier is not None else set()
    declared = {
        name: post.get(f"{EFORM_PREFIX}{name}", "") for name in names if name in _DECLARED_NAMES
    }
    values = {}
    for key in APPLICANT_KEYS:
        value = str(post.get(f"{APPLICANT_PREFIX}{key}", "")).strip()
        if key == "email" and EFORM_EMAIL in names:
            value = declared_value(key, declared, names)
        elif not value:
            value = declared_value(key, declared, names)
        if key in _COMPACT:
            value = re.sub(r"\s", "", value)
        values[key] = value
    return Applicant(**values)


def _eform_specs(dossier) -> list:
    """The e-form's fields; none when its definition is broken (submission then says so, as a
    problem of the whole form, rather than the page failing)."""
    try:
        return form_fields(dossier.procedure.eform_schema or {})
    except ValueError:
        return []


def eform_inputs(dossier, errors: dict, *, guest: bool = False) -> list[Input]:
    data = dossier.form_data or {}
    inputs = []
    for spec in _eform_specs(dossier):
        email_errors = errors.get("email", []) if spec.name == EFORM_EMAIL else []
        value = data.get(spec.name, "" if spec.initial is None else spec.initial)
        attrs: dict[str, object] = {}
        widget = spec.widget
        if widget == "number":
            # A text input with a numeric keyboard: Vietnamese decimals are written with a
            # comma ("120,5"), which <input type=number> refuses in many browsers.
            attrs = {"inputmode": "numeric" if spec.type == "integer" else "decimal"}
            attrs["autocomplete"] = "off"
            widget = "text"
        elif widget in ("personal-id", "tax-code"):
            attrs = {"inputmode": "numeric", "autocomplete": "off"}
            widget = "text"
        elif widget == "phone":
            attrs = {"inputmode": "tel", "autocomplete": "tel"}
            widget = "tel"
        elif widget == "checkbox":
            value = value is True or str(value).lower() in ("true", "on", "1")
        if spec.max_length and widget in ("text", "textarea", "email", "tel"):
            attrs["maxlength"] = spec.max_length
        inputs.append(
            Input(
                name=f"{EFORM_PREFIX}{spec.name}",
                id=f"tk-{spec.name}",
                label=spec.label,
                value=value,
                widget=widget,
                help_text=spec.help_text,
                required=spec.required or (spec.name == EFORM_EMAIL and guest),
                choices=spec.choices,
                attrs=attrs,
                errors=_unique([*errors.get(f"form_data.{spec.name}", []), *email_errors]),
            )
        )
    return inputs


def _unique(messages: list) -> list:
    return list(dict.fromkeys(messages))


def form_data_from_post(dossier, post) -> dict:
    """The e-form's values as typed (a checkbox left unticked is simply absent)."""
    data = {}
    for spec in _eform_specs(dossier):
        raw = post.get(f"{EFORM_PREFIX}{spec.name}")
        if raw is None or (spec.widget == "checkbox" and not raw):
            continue
        data[spec.name] = "true" if spec.widget == "checkbox" else str(raw)
    return data


def return_channels(dossier) -> list[str]:
    """The ways to get the result offered on the form: by post only when the procedure is
    handled by post, and then chosen on the postal page, where the price is shown first (the
    radio keeps it once chosen there)."""
    offered = [ReturnChannel.COUNTER, ReturnChannel.ONLINE]
    if dossier.requested_return_channel == ReturnChannel.POST and postal_offered(dossier.procedure):
        offered.append(ReturnChannel.POST)
    return offered


def return_channel_input(dossier, errors: dict) -> Input:
    return Input(
        name=RETURN_CHANNEL,
        id="nhan-ket-qua",
        label=str(_("Cách nhận kết quả")),
        value=dossier.requested_return_channel,
        widget="radio",
        choices=[
            (value, str(label))
            for value, label in ReturnChannel.choices
            if value in return_channels(dossier)
        ],
        errors=errors.get("requested_return_channel", []),
        required=True,
    )


# --- where a problem is shown --------------------------------------------------------------


def page_of(key: str) -> str:
    if key.startswith("documents."):
        return DOCUMENTS_PAGE
    if key.startswith("form_data.") and key != "form_data.__all__":
        return FORM_PAGE
    if key in APPLICANT_KEYS or key == "requested_return_channel":
        return FORM_PAGE
    return REVIEW_PAGE


def anchor_of(key: str, documents: list, dossier=None) -> str:
    if key == "email" and dossier is not None and EFORM_EMAIL in _eform_names(dossier):
        return f"tk-{EFORM_EMAIL}"
    if key.startswith("form_data."):
        return f"tk-{key.removeprefix('form_data.')}"
    if key in APPLICANT_KEYS:
        return f"nn-{key}"
    if key == "requested_return_channel":
        return "nhan-ket-qua"
    if key.startswith("documents."):
        code = key.removeprefix("documents.")
        for index, document in enumerate(documents, start=1):
            if document.code == code:
                return f"doc-{index}"
    return ""


def label_of(key: str, dossier, documents: list) -> str:
    if key.startswith("form_data."):
        name = key.removeprefix("form_data.")
        props = (dossier.procedure.eform_schema or {}).get("properties", {})
        return str(props.get(name, {}).get("title", _("Tờ khai")))
    if key == "kind":
        return str(_("Người nộp là"))
    for row in (*_APPLICANT, *_SUBMITTER):
        if row[0] == key:
            return str(row[1])
    if key == "requested_return_channel":
        return str(_("Cách nhận kết quả"))
    if key.startswith("documents."):
        code = key.removeprefix("documents.")
        for document in documents:
            if document.code == code:
                return document.name
    return ""


_PAGES = (FORM_PAGE, DOCUMENTS_PAGE, REVIEW_PAGE)


def _page_order(dossier, documents: list) -> dict[str, int]:
    """Each anchor's position on its page: the e-form's fields, the applicant's, the one who
    submits for them, the way to receive the result; then the documents, in order."""
    anchors = [f"tk-{spec.name}" for spec in _eform_specs(dossier)]
    anchors += ["nn-kind", *(f"nn-{row[0]}" for row in (*_APPLICANT, *_SUBMITTER))]
    anchors += ["nhan-ket-qua", *(f"doc-{index}" for index in range(1, len(documents) + 1))]
    return {anchor: position for position, anchor in enumerate(anchors)}


def problems_list(problems: dict, dossier, documents: list, urls: dict) -> list[dict]:
    """The service's problems as lines of an error summary, each linking to where it is fixed:
    one line per field (its messages together), in the order the fields appear on the pages."""
    lines: dict[str, dict] = {}
    for key, messages in problems.items():
        page = page_of(key)
        anchor = anchor_of(key, documents, dossier)
        url = urls.get(page, "")
        line = lines.setdefault(
            f"{page}#{anchor}" if anchor else key,
            {
                "label": label_of(key, dossier, documents),
                "messages": [],
                "url": f"{url}#{anchor}" if anchor and url else url,
                "page": page,
                "anchor": anchor,
            },
        )
        line["messages"] = _unique([*line["messages"], *messages])
    order = _page_order(dossier, documents)
    ordered = sorted(
        lines.values(),
        key=lambda line: (_PAGES.index(line["page"]), order.get(line["anchor"], len(order))),
    )
    for line in ordered:
        line["message"] = " ".join(str(message) for message in line.pop("messages"))
    return ordered


def on_page(problems: dict, page: str) -> dict:
    return {key: messages for key, messages in problems.items() if page_of(key) == page}


# --- choosing where to submit --------------------------------------------------------------


class StartForm(forms.Form):
    """The case and the receiving agency (and, where several implement it, the responsible
    agency). Choices are the procedure's own; anything else is a field error."""

    case = forms.ModelChoiceField(
        label=_("Trường hợp"),
        queryset=None,
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": _("Hãy chọn trường hợp của bạn."),
            "invalid_choice": _("Trường hợp này không thuộc thủ tục."),
        },
    )
    receiving_agency = forms.TypedChoiceField(
        label=_("Nơi nộp hồ sơ"),
        coerce=int,
        error_messages={
            "required": _("Hãy chọn nơi nộp hồ sơ."),
            "invalid_choice": _("Nơi này không tiếp nhận hồ sơ của thủ tục."),
        },
    )
    responsible_agency = forms.TypedChoiceField(
        label=_("Cơ quan giải quyết"),
        coerce=int,
        required=False,
        error_messages={"invalid_choice": _("Cơ quan này không thực hiện thủ tục.")},
    )

    commune_code = forms.ChoiceField(
        label=_("Xã, phường nơi bạn cư trú"),
        required=False,
        error_messages={"invalid_choice": _("Hãy chọn một xã, phường trong danh sách.")},
    )

    def __init__(self, *args, procedure, places, responsible_choices, communes=None, **kwargs):
        """`communes`: the communes to choose the applicant's from, when the responsible
        agency follows it (dossiers.routing); None leaves the question out."""
        super().__init__(*args, **kwargs)
        self.places = {agency.pk: agency for agency in places}
        self.fields["case"].queryset = procedure.cases.order_by("order", "pk")
        self.fields["case"].label_from_instance = lambda case: case.name
        self.fields["receiving_agency"].choices = [
            ("", _("— Chọn nơi nộp —")),
            *[(agency.pk, agency.name) for agency in places],
        ]
        self.offer_responsible(responsible_choices)
        self.communes = {c.code: c for c in communes or ()}
        if communes is None:
            del self.fields["commune_code"]
        else:
            self.fields["commune_code"].choices = [
                ("", _("— Chọn xã, phường —")),
                *[(c.code, c.name) for c in communes],
            ]
        if len(self.fields["case"].queryset) == 1:
            self.fields["case"].initial = self.fields["case"].queryset.first()

    def offer_responsible(self, choices, problem: str = "") -> None:
        """Ask for the responsible agency among `choices` (none: the rule decides), with the
        routing's `problem` beside the field when it could not decide."""
        self.responsible = {agency.pk: agency for agency in choices}
        field = self.fields["responsible_agency"]
        field.choices = [
            ("", _("— Chọn cơ quan —")),
            *[(agency.pk, agency.name) for agency in choices],
        ]
        # Not required here: dossiers.routing says when a choice is missing, in its words.
        if problem and hasattr(self, "cleaned_data"):
            self.add_error("responsible_agency", problem)

    @property
    def offers_responsible(self) -> bool:
        return bool(self.responsible)

    def chosen_receiving(self) -> Agency:
        return self.places[self.cleaned_data["receiving_agency"]]

    def chosen_responsible(self) -> Agency | None:
        chosen = self.cleaned_data.get("responsible_agency")
        return self.responsible.get(chosen) if chosen else None

    def chosen_commune(self) -> Commune | None:
        return self.communes.get(self.cleaned_data.get("commune_code") or "")


def matching_places(places, query: str) -> list:
    terms = search_terms(query)
    return [a for a in places if all(term in a.search_text for term in terms)][:MAX_OPTIONS]


# --- the commune picker ----------------------------------------------------------------------


def home_province(agency: Agency | None) -> Province | None:
    """The province of an agency's seat, looking up its parents; without one, the province
    the printouts name (PRINTOUT_PLACE_NAME), if it is one."""
    while agency is not None:
        if agency.commune_id:
            return agency.commune.province
        agency = agency.parent
    return Province.objects.filter(name__endswith=settings.PRINTOUT_PLACE_NAME).first()


def commune_options(*, query: str = "", selected: str = "", province=None) -> list[Commune]:
    """Communes for the picker: those matching every folded word of `query` (across the
    country), or without a query those of `province`; the selected one always first."""
    communes = Commune.objects.select_related("province")
    terms = search_terms(query)
    if terms:
        for term in terms:
            communes = communes.filter(search_text__contains=term)
        found = list(
            communes.order_by(vietnamese("name"), vietnamese("province__name"))[:MAX_OPTIONS]
        )
    elif province is not None:
        found = list(communes.filter(province=province).order_by(vietnamese("name")))
    else:
        found = []
    if selected and selected not in {c.code for c in found}:
        current = Commune.objects.select_related("province").filter(code=selected).first()
        if current is not None:
            found.insert(0, current)
    return found


def attach_commune_choices(inputs: list[Input], province) -> None:
    """Fill each commune picker with the communes of `province` (and its current value): the
    whole list works without JavaScript; typing in the picker searches the whole country."""
    for item in inputs:
        if item.widget == "commune":
            communes = commune_options(selected=str(item.value or ""), province=province)
            item.choices = [(c.code, f"{c.name}, {c.province.name}") for c in communes]
