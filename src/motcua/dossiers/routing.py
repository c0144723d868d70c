"""Where a dossier goes: its responsible agency, and the units its internal process names.

Receipt regardless of administrative boundary: any service centre or commune of the province
receives any procedure of the province's and the communes' competence. The responsible agency
(cơ quan chủ trì giải quyết) is then chosen by one rule, used by the services and by every
face that offers the choice (`responsible_choices`, `route`), in this order:

1. the agency chosen (by the applicant or the official), among the active implementing ones;
2. for a commune-level procedure, the implementing agency of the applicant's commune;
3. the receiving agency, when it implements the procedure (or the procedure lists none);
4. the only active implementing agency;
5. otherwise someone must choose.

The rule that applied is stored on the dossier (`Dossier.routing_reason`) for officials to see.

A step names its unit by relation ("the responsible agency's specialist unit", "the leader of
the responsible agency"), so one procedure serves every commune; here the relation becomes an
agency for this dossier's receiving and responsible agencies.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from motcua.agencies.choices import AgencyKind
from motcua.agencies.models import Agency
from motcua.catalog.choices import ImplementingLevel, StepUnit
from motcua.catalog.models import Procedure
from motcua.catalog.parts import procedure_parts
from motcua.dossiers.errors import DossierError
from motcua.lib.collation import vietnamese


def implementing_agencies(procedure: Procedure) -> list[Agency]:
    """The active agencies implementing `procedure`, in Vietnamese order of their names."""
    ids = procedure_parts(procedure).implementing
    if not ids:
        return []
    return list(Agency.objects.filter(pk__in=ids, is_active=True).order_by(vietnamese("name")))


def implements(procedure: Procedure, agency: Agency) -> bool:
    """Whether `agency` is responsible for the procedure's dossiers it receives: it is one of
    the implementing agencies, or the procedure lists none."""
    ids = procedure_parts(procedure).implementing
    return not ids or agency.pk in ids


def default_responsible(procedure: Procedure, receiving: Agency) -> Agency | None:
    """The responsible agency when nobody chooses one, or None when a choice is needed. Reads
    at most two agencies (a ward-level procedure has one implementing agency per ward)."""
    if implements(procedure, receiving):
        return receiving
    ids = procedure_parts(procedure).implementing
    active = list(Agency.objects.filter(pk__in=ids, is_active=True).order_by("pk")[:2])
    return active[0] if len(active) == 1 else None


def responsible_choices(procedure: Procedure) -> list[Agency]:
    """The agencies a face offers to choose the responsible one from: every active
    implementing agency when there are several (empty when there is nothing to choose);
    `default_responsible` says whether the choice is required where the dossier is received."""
    implementing = implementing_agencies(procedure)
    return implementing if len(implementing) > 1 else []


def applicants_commune_agency(procedure: Procedure, commune) -> Agency | None:
    """For a commune-level procedure, the active implementing agency of `commune` (the
    applicant's), or None."""
    if commune is None or procedure.implementing_level != ImplementingLevel.COMMUNE:
        return None
    ids = procedure_parts(procedure).implementing
    if not ids:
        return None
    commune_id = getattr(commune, "pk", commune)
    return (
        Agency.objects.filter(pk__in=ids, is_active=True, commune_id=commune_id)
        .order_by("pk")
        .first()
    )


def route(
    procedure: Procedure, receiving: Agency, chosen: Agency | None = None, *, commune=None
) -> tuple[Agency, str]:
    """The responsible agency of a new dossier and, in words, which step of the module's rule
    chose it (stored in Vietnamese); a refusal names the `responsible_agency` field.
    `commune`: the applicant's commune, if known."""
    if chosen is not None:
        return (
            responsible_agency_for(procedure, receiving, chosen),
            "Cơ quan được chọn khi nộp, tiếp nhận hồ sơ.",
        )
    local = applicants_commune_agency(procedure, commune)
    if local is not None:
        place = local.commune.name if local.commune_id else local.name
        return local, f"Thủ tục cấp xã: cơ quan thực hiện tại xã, phường của người nộp ({place})."
    responsible = responsible_agency_for(procedure, receiving)
    if responsible.pk == receiving.pk:
        return responsible, "Cơ quan tiếp nhận thực hiện thủ tục này."
    return responsible, "Cơ quan duy nhất thực hiện thủ tục này."


def route_or_choices(
    procedure: Procedure, receiving: Agency, chosen: Agency | None = None, *, commune=None
) -> tuple[Agency | None, str, list[Agency]]:
    """`route` for a face that lets the applicant or the official choose: (the agency, the
    reason, []) when the rule decides, or (None, why it cannot, the active implementing
    agencies to choose from) when someone must choose."""
    try:
        agency, reason = route(procedure, receiving, chosen, commune=commune)
    except DossierError as exc:
        return None, exc.message, implementing_agencies(procedure)
    return agency, reason, []


def responsible_agency_for(
    procedure: Procedure, receiving: Agency, chosen: Agency | None = None
) -> Agency:
    """The responsible agency without the applicant's commune (rule 1, 3, 4 of the module);
    a refusal names the `responsible_agency` field."""
    if chosen is not None:
        if not chosen.is_active:
            raise DossierError(
                _("%(agency)s đã ngừng hoạt động.") % {"agency": chosen.name},
                field="responsible_agency",
            )
        if not implements(procedure, chosen):
            raise DossierError(
                _("%(agency)s không thực hiện thủ tục này.") % {"agency": chosen.name},
                field="responsible_agency",
            )
        return chosen
    responsible = default_responsible(procedure, receiving)
    if responsible is None:
        raise DossierError(
            _("Thủ tục này do nhiều cơ quan thực hiện: hãy chọn cơ quan giải quyết."),
            field="responsible_agency",
        )
    return responsible


def resolve_unit(
    step: dict, *, receiving: Agency, responsible: Agency, chosen: Agency | None = None
) -> Agency:
    unit = step["unit"]
    if unit == StepUnit.RECEIVING:
        return receiving
    if unit in (StepUnit.RESPONSIBLE, StepUnit.RESPONSIBLE_LEADER):
        return responsible
    if unit == StepUnit.PARENT:
        return responsible.parent or responsible
    if unit == StepUnit.COORDINATING:
        if chosen is None:
            raise DossierError(
                _(
                    "Bước “%(step)s” do cơ quan phối hợp thực hiện: hãy chọn cơ quan nhận hồ sơ liên thông."
                )
                % {"step": step["name"]},
                field="to_agency",
            )
        return chosen
    if unit == StepUnit.RESPONSIBLE_UNIT:
        return _specialist_unit(responsible, step.get("unit_type", ""))
    raise DossierError(
        _("Không xác định được đơn vị thực hiện bước “%(step)s”.") % {"step": step["name"]}
    )


def _specialist_unit(responsible: Agency, unit_type: str) -> Agency:
    """The unit inside the responsible agency that does the work: the one tagged with the
    step's unit type where both say one, else the agency's first active unit, else the agency."""
    units = Agency.objects.filter(
        parent=responsible, kind=AgencyKind.UNIT, is_active=True
    ).order_by("path")
    if unit_type:
        tagged = units.filter(unit_type=unit_type).first()
        if tagged is not None:
            return tagged
    return units.first() or responsible
