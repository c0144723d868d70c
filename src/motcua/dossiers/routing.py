"""Resolving the units named by a procedure's internal process for one dossier.

A step names its unit by relation ("the responsible agency's specialist unit", "the leader of
the responsible agency"), so one procedure serves every commune; here the relation becomes an
agency for this dossier's receiving and responsible agencies.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from motcua.agencies.choices import AgencyKind
from motcua.agencies.models import Agency
from motcua.catalog.choices import StepUnit
from motcua.dossiers.errors import DossierError


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
