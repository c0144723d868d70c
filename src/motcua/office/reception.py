"""The reception desk's form: what the counter official typed, turned into the arguments of
services.receive_at_counter, and the service's refusal turned back into messages per field.

Field names on the page are the service's error keys where it has them (form_data.<name>,
checklist.<code>, documents.<code>), so an error lands beside its field without a mapping.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext as _

from motcua.agencies.choices import Role
from motcua.agencies.models import Agency, Commune
from motcua.agencies.selectors import agencies_for
from motcua.catalog import selectors as catalog
from motcua.catalog.eforms import form_fields, initial_answers
from motcua.catalog.models import coded_documents, filled_by_eform
from motcua.delivery import selectors as delivery_selectors
from motcua.delivery import services as delivery_services
from motcua.delivery.choices import PostalOption, Zone
from motcua.dossiers import routing, selectors, services
from motcua.dossiers.applicants import Applicant
from motcua.dossiers.choices import ApplicantKind, ReturnChannel
from motcua.dossiers.errors import DossierError
from motcua.events.services import log_personal_data_access
from motcua.lib import ratelimit, upload_limits
from motcua.lib.collation import vietnamese
from motcua.office import identity
from motcua.office.agency_picker import as_id

HOUR = 3600
APPLICANT_FIELDS = (
    "kind",
    "name",
    "personal_id",
    "tax_code",
    "address",
    "commune_code",
    "phone",
    "email",
    "submitter_name",
    "submitter_personal_id",
    "submitter_relation",
)
# Lengths of the dossier's columns: longer text is cut by the service's draft rules, so the
# browser stops it first.
APPLICANT_MAX_LENGTHS = {
    "name": 300,
    "personal_id": 12,
    "tax_code": 14,
    "address": 500,
    "phone": 20,
    "email": 254,
    "submitter_name": 300,
    "submitter_personal_id": 12,
    "submitter_relation": 200,
}


def reception_agencies(user):
    """Where this official receives dossiers: their reception grants that receive dossiers."""
    return agencies_for(user, Role.RECEPTION).filter(receives_dossiers=True, is_active=True)


def chosen_agency(agencies, raw) -> Agency | None:
    """The agency picked in the form, or the only one the official has."""
    listed = list(agencies)
    if raw:
        for agency in listed:
            if str(agency.pk) == str(raw):
                return agency
        return None
    return listed[0] if len(listed) == 1 else None


def commune_choices(agency: Agency | None) -> list[tuple[str, str]] | None:
    """The communes of the receiving agency's province for a picker; None when the agency's
    province is unknown (the page then asks for the 5-digit code)."""
    province_id = None
    if agency is not None and agency.commune_id:
        province_id = Commune.objects.filter(pk=agency.commune_id).values_list(
            "province_id", flat=True
        )[0]
    if province_id is None:
        return None
    return list(
        Commune.objects.filter(province_id=province_id)
        .order_by(vietnamese("name"), "code")
        .values_list("code", "name")
    )


def find_case(procedure_code: str, case_code: str):
    """The published procedure and its case, or (None, None)."""
    if "\x00" in (procedure_code or "") + (case_code or ""):
        return None, None
    procedure = (
        catalog.published_procedures()
        .select_related("field")
        .filter(code=procedure_code or "")
        .first()
    )
    if procedure is None:
        return None, None
    case = procedure.cases.filter(code=case_code or "").first()
    return (procedure, case) if case else (procedure, None)


def document_lines(case) -> list[dict]:
    """The case's required documents with the codes the dossier's snapshot will give them."""
    return [
        {
            "code": code,
            "name": document.name,
            "required": document.is_required,
            "originals": document.originals,
            "copies": document.copies,
            "form_name": document.form_name,
            # The e-form on this page replaces it (catalog.models.filled_by_eform).
            "eform": filled_by_eform(case.procedure, document),
        }
        for code, document in coded_documents(case.documents.order_by("order", "pk"))
    ]


@dataclass
class CounterForm:
    """The desk's values and errors, for the template and for the service call."""

    values: dict = field(default_factory=dict)
    errors: dict[str, list[str]] = field(default_factory=dict)
    message: str = ""
    identity_status: str = ""
    identity_result: str = ""

    def add(self, key: str, message: str) -> None:
        self.errors.setdefault(key, []).append(message)


# Where the result goes by post, when it is not the applicant's own address (section 5).
POSTAL_FIELDS = ("postal_address", "postal_commune", "postal_weight")
# quote_postal's error keys, as the desk's fields are named.
POSTAL_ERROR_KEYS = {
    "recipient_name": "name",
    "phone": "phone",
    "address": "postal_address",
    "commune": "postal_commune",
    "weight_grams": "postal_weight",
}


@dataclass
class PostalQuote:
    zone_label: str
    price: int


def _postal_arguments(values: dict) -> dict:
    commune_code = values.get("postal_commune") or values.get("commune_code") or ""
    try:
        weight = int(values.get("postal_weight") or 0)
    except ValueError:
        weight = None
    return {
        "recipient_name": values.get("name", ""),
        "phone": values.get("phone", ""),
        "address": values.get("postal_address") or values.get("address", ""),
        "commune": Commune.objects.filter(code=commune_code).first() if commune_code else None,
        "weight_grams": weight,
    }


def postal_quote(form: CounterForm) -> PostalQuote | None:
    """The price of delivering the result where the desk says (the applicant's own address
    and commune when it gives none), by the portal's rule; None with the form's errors set."""
    try:
        zone, quote = delivery_services.quote_postal(
            option=PostalOption.DELIVER, **_postal_arguments(form.values)
        )
    except DossierError as exc:
        form.message = exc.message
        for key, messages in exc.errors.items():
            for message in messages:
                form.add(POSTAL_ERROR_KEYS.get(key, key), message)
        return None
    return PostalQuote(zone_label=str(Zone(zone).label), price=quote.delivery)


def postal_weight_classes() -> list[int]:
    return delivery_selectors.weight_classes()


def initial_values(eform=()) -> dict:
    """What an empty desk form shows: a citizen, the result at the counter, one set, and the
    e-form's defaults (catalog.eforms.initial_answers, as the portal pre-fills them)."""
    values = {
        "kind": ApplicantKind.CITIZEN,
        "return_channel": ReturnChannel.COUNTER,
        "sets_count": "1",
    }
    for name, value in initial_answers(eform).items():
        values[f"form_data.{name}"] = value
    return values


def read_post(request, documents: list[dict], eform) -> CounterForm:
    """Everything the desk posted, as typed (strings), plus the uploads."""
    form = CounterForm(values={})
    post = request.POST
    for name in APPLICANT_FIELDS:
        form.values[name] = post.get(name, "").strip()
    form.values["birth_date"] = post.get("birth_date", "").strip()
    form.values["identity_note"] = post.get("identity_note", "").strip()
    form.values["return_channel"] = post.get("return_channel", "")
    form.values["sets_count"] = post.get("sets_count", "").strip()
    for name in POSTAL_FIELDS:
        form.values[name] = post.get(name, "").strip()
    form.values["responsible_agency"] = post.get("responsible_agency", "")
    for spec in eform:
        key = f"form_data.{spec.name}"
        form.values[key] = post.get(key, "")
    for document in documents:
        if document["eform"]:
            continue
        prefix = f"checklist.{document['code']}"
        form.values[f"{prefix}.received"] = post.get(f"{prefix}.received") == "on"
        form.values[f"{prefix}.form"] = post.get(f"{prefix}.form", "")
        form.values[f"{prefix}.quantity"] = post.get(f"{prefix}.quantity", "").strip()
    for key, value in form.values.items():
        if isinstance(value, str) and "\x00" in value:
            form.add(
                key.removesuffix(".form").removesuffix(".quantity"), _("Có ký tự không hợp lệ.")
            )
    return form


def receive(request, *, agency, procedure, case, documents, eform):
    """Call receive_at_counter with what was posted. Returns (submission, form); the
    submission is None when the form has errors."""
    form = read_post(request, documents, eform)
    too_large = upload_limits.oversized_fields(request)
    for name in too_large:
        form.add(name, _("Tệp quá lớn."))
    values = form.values
    checklist, uploads = [], []
    for document in documents:
        if document["eform"]:
            continue
        code = document["code"]
        prefix = f"checklist.{code}"
        upload = request.FILES.get(f"documents.{code}")
        if upload is not None:
            uploads.append(services.Upload(code, upload))
        if not values[f"{prefix}.received"]:
            continue
        try:
            quantity = int(values[f"{prefix}.quantity"] or 0)
        except ValueError:
            form.add(prefix, _("Số lượng phải là một số nguyên."))
            continue
        checklist.append(
            services.ChecklistLine(code, values[f"{prefix}.form"], quantity, upload is not None)
        )
    try:
        sets_count = int(values["sets_count"] or 1)
        if not 1 <= sets_count <= 50:
            raise ValueError
    except ValueError:
        form.add("sets_count", _("Số bộ hồ sơ phải là số nguyên từ 1 đến 50."))
        sets_count = 1
    responsible = None
    if values["responsible_agency"]:
        chosen = as_id(values["responsible_agency"])
        responsible = next(
            (a for a in routing.implementing_agencies(procedure) if a.pk == chosen), None
        )
        if responsible is None:
            form.add("responsible_agency", _("Hãy chọn một cơ quan trong danh sách."))
    # The weight class always comes with the page; an address or a commune is what says the
    # result goes somewhere other than the applicant's own address.
    by_post_elsewhere = values["return_channel"] == ReturnChannel.POST and bool(
        values["postal_address"] or values["postal_commune"]
    )
    if by_post_elsewhere:
        postal_quote(form)
    if form.errors:
        form.message = _("Hồ sơ chưa hợp lệ, hãy sửa các trường được đánh dấu.")
        return None, form
    applicant = Applicant(**{name: values[name] for name in APPLICANT_FIELDS})
    form_data = {spec.name: values[f"form_data.{spec.name}"] for spec in eform}
    checked = identity.at_reception(values)
    if checked is not None:
        form.identity_status = identity.status_text(
            checked.result, checked.differing_fields, checked.ma_csdl
        )
        form.identity_result = checked.result
    try:
        submission = services.receive_at_counter(
            actor=request.user,
            procedure=procedure,
            case=case,
            applicant=applicant,
            receiving_agency=agency,
            responsible_agency=responsible,
            checklist=checklist,
            form_data=form_data,
            uploads=uploads,
            sets_count=sets_count,
            requested_return_channel=values["return_channel"],
            identity=checked,
        )
    except DossierError as exc:
        form.message = exc.message
        for key, messages in exc.errors.items():
            for message in messages:
                form.add(key, message)
        return None, form
    if by_post_elsewhere:
        delivery_services.record_desk_delivery(
            submission.dossier, actor=request.user, **_postal_arguments(values)
        )
    return submission, form


def eform_of(procedure):
    return form_fields(procedure.eform_schema or {})


# --- the returning applicant ------------------------------------------------------------------


@dataclass
class Found:
    values: dict
    source: str


# What the desk takes from an applicant's earlier dossier: who they are and where they live.
# Never more, and never from their portal account, which the desk has no need to read.
RETURNING_FIELDS = (
    "kind",
    "name",
    "tax_code",
    "address",
    "commune_code",
    "phone",
    "email",
)


def returning_applicant(user, personal_id: str) -> Found | None:
    """The applicant's details from their latest dossier this official may see, or None. The
    lookup is logged in the personal-data access log with the ID searched, found or not: who
    looked for whom is known either way."""
    dossier = (
        selectors.visible_dossiers(user)
        .filter(applicant_personal_id=personal_id)
        .defer(*selectors.LIST_DEFERRED)
        .order_by("-submitted_at", "-pk")
        .first()
    )
    log_personal_data_access(user, dossier, context="office:applicant-lookup", query=personal_id)
    if dossier is None:
        return None
    known = {
        "kind": dossier.applicant_kind,
        "name": dossier.applicant_name,
        "tax_code": dossier.applicant_tax_code,
        "address": dossier.applicant_address,
        "commune_code": dossier.applicant_commune_id or "",
        "phone": dossier.applicant_phone,
        "email": dossier.applicant_email,
    }
    return Found(
        {"personal_id": personal_id, **{name: known[name] for name in RETURNING_FIELDS}},
        _("Đã điền theo hồ sơ %(code)s.") % {"code": dossier.code},
    )


def lookup_allowed(user) -> bool:
    """Count one lookup by personal ID for this official; False past APPLICANT_LOOKUP_LIMIT an
    hour (a desk looks up the people in front of it, not a list of IDs)."""
    return ratelimit.hit(
        "applicant-lookup", str(user.pk), limit=settings.APPLICANT_LOOKUP_LIMIT, window=HOUR
    )
