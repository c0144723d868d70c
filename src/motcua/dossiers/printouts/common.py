"""What every form shares: the issuing agency's heading, the place name, the applicant, the
request, the dossier code with its QR code, and who signs."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.utils.translation import gettext as _

from motcua.agencies.choices import AgencyKind
from motcua.agencies.selectors import organisation_of
from motcua.dossiers.printouts.formatting import (
    keep_names_together,
    place_and_date,
    qr_data_uri,
    qr_payload,
)

ONE_STOP_KINDS = {AgencyKind.SERVICE_CENTRE, AgencyKind.SERVICE_BRANCH}
DEFAULT_PLACE = "Hà Nội"
PLACE_PREFIXES = ("Thành phố ", "Tỉnh ", "Phường ", "Xã ", "Đặc khu ", "Thị trấn ")


def heading_of(agency, *, one_stop: bool = True) -> dict:
    """The top-left block of the national template: the parent agency (cơ quan chủ quản) over
    the agency itself. When the one-stop shop issues the form and the agency is not a service
    centre, it receives through its own one-stop shop (bộ phận một cửa), named under it."""
    return {
        "parent": keep_names_together(agency.parent.name.upper()) if agency.parent_id else "",
        "name": keep_names_together(agency.name.upper()),
        "one_stop": (
            _("BỘ PHẬN MỘT CỬA") if one_stop and agency.kind not in ONE_STOP_KINDS else ""
        ),
    }


def _strip_prefix(name: str) -> str:
    for prefix in PLACE_PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def place_of(agency) -> str:
    """The place name (địa danh) written before the date (Decree 30/2020): a commune-level
    agency writes its commune, any other agency its province, both without the 'Phường',
    'Xã', 'Thành phố', 'Tỉnh' prefix. Without a known seat, the PRINTOUT_PLACE_NAME setting
    (default Hà Nội, the demo's province)."""
    commune = agency.commune
    if commune is not None:
        if agency.kind == AgencyKind.COMMUNE:
            return _strip_prefix(commune.name)
        return _strip_prefix(commune.province.name)
    return getattr(settings, "PRINTOUT_PLACE_NAME", DEFAULT_PLACE)


def applicant_of(dossier) -> dict:
    address = dossier.applicant_address
    if dossier.applicant_commune_id:
        address = ", ".join(part for part in (address, str(dossier.applicant_commune)) if part)
    return {
        "name": dossier.applicant_name,
        "kind": dossier.get_applicant_kind_display(),
        "personal_id": dossier.applicant_personal_id,
        "tax_code": dossier.applicant_tax_code,
        "address": address,
        "phone": dossier.applicant_phone,
        "email": dossier.applicant_email,
        "submitter_name": dossier.submitter_name,
        "submitter_relation": dossier.submitter_relation,
    }


def request_of(dossier) -> dict:
    """The request as the snapshot has it: what was true when the dossier was received."""
    snapshot = dossier.procedure_snapshot
    procedure, case = snapshot["procedure"], snapshot["case"]
    return {
        "procedure_code": procedure["code"],
        "procedure": procedure["name"],
        "field": procedure["field"]["name"],
        "case": case["name"],
    }


def applicant_identifier(dossier) -> str:
    """The applicant's identifier: a person's personal ID number, an organisation's tax code."""
    return dossier.applicant_personal_id or dossier.applicant_tax_code or ""


def code_block(dossier, *, form: str = "", title: str = "", number: str = "") -> dict:
    """The dossier code and the printout's QR code (docs/printouts.md, "The QR code"): the
    dossier code, the procedure code, the applicant's identifier, the document's name, the
    form and the document's number."""
    if not dossier.code:
        return {"code": "", "qr": "", "qr_text": ""}
    name = str(title)
    text = qr_payload(
        {
            "ma_ho_so": dossier.code,
            "ma_tthc": request_of(dossier)["procedure_code"],
            "ma_doi_tuong": applicant_identifier(dossier),
            "ten_giay_to": name[:1] + name[1:].lower(),
            "mau": form,
            "so": number,
        }
    )
    return {"code": dossier.code, "qr": qr_data_uri(text), "qr_text": text}


def latest_event(dossier, action: str | None = None):
    events = dossier.audit_events.order_by("-seq")
    if action:
        events = events.filter(action=action)
    return events.first()


def official_name(dossier, context: dict) -> str:
    """Who signs: the caller's choice, or else the official of the dossier's latest audited
    action (services write the audit event before they issue the form)."""
    official = context.get("official")
    if official is not None:
        return official if isinstance(official, str) else official.get_full_name()
    event = latest_event(dossier)
    return event.actor_name if event is not None else ""


def official_organisation(dossier, context: dict) -> str:
    """The organisation of who signs, when they are not a civil servant (a postal employee
    at the counter, agencies.selectors.organisation_of): as recorded with the dossier's latest
    audited action, else read from their reception grant; "" for a civil servant."""
    official = context.get("official")
    if official is not None:
        if isinstance(official, str):
            return context.get("official_organisation", "")
        return organisation_of(official, dossier.receiving_agency)
    event = latest_event(dossier)
    if event is None:
        return ""
    if "receiver_organisation" in event.data:
        return event.data["receiver_organisation"]
    return organisation_of(event.actor, dossier.receiving_agency) if event.actor_id else ""


def base_context(
    dossier,
    agency,
    *,
    now: datetime,
    one_stop: bool = True,
    form: str = "",
    title: str = "",
    number: str = "",
) -> dict:
    return {
        "dossier": dossier,
        "agency_name": keep_names_together(dossier.receiving_agency.name),
        "heading": heading_of(agency, one_stop=one_stop),
        "place_date": place_and_date(place_of(agency), now),
        "applicant": applicant_of(dossier),
        "request": request_of(dossier),
        **code_block(dossier, form=form, title=title, number=number),
    }
