"""The work on a dossier's current step: who does it (the unit leader assigns it) and where it
goes next (forward to the next step, back to an earlier one, or over to another agency: liên
thông)."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from motcua.agencies.choices import Role
from motcua.agencies.models import Agency
from motcua.catalog.choices import StepUnit
from motcua.dossiers.choices import Action
from motcua.dossiers.errors import DossierError, TransitionRefused
from motcua.dossiers.models import Dossier, DossierStep
from motcua.dossiers.policies import (
    can_assign,
    can_forward,
    can_hand_over,
    can_return_to_step,
    check,
    may_be_assigned,
)
from motcua.dossiers.routing import resolve_unit
from motcua.dossiers.services.base import check_allowed, lock, now_or, record
from motcua.dossiers.services.steps import (
    finish_step,
    next_spec,
    open_step,
    require_current_step,
    spec_at,
)


def _require_active(agency: Agency, *, field: str = "to_agency") -> None:
    """A dossier goes only to an agency still in service: one deactivated in the catalog of
    agencies (merged, dissolved) must not receive work, whichever face asked. Read from the
    database, not the instance the caller holds, which may predate the change."""
    if not Agency.objects.filter(pk=agency.pk, is_active=True).exists():
        raise DossierError(
            _("%(agency)s đã ngừng hoạt động: không thể chuyển hồ sơ đến cơ quan này.")
            % {"agency": agency.name},
            field=field,
        )


def assign_step(
    dossier: Dossier, *, actor, assignee, now=None, expected_version=None
) -> DossierStep:
    """The unit leader assigns (or reassigns) the current step to an official of the unit."""
    now = now_or(now)
    with transaction.atomic():
        dossier = lock(dossier, expected_version)
        check_allowed(dossier, Action.ASSIGN)
        step = require_current_step(dossier)
        check(can_assign(actor, dossier, step))
        if not may_be_assigned(assignee, step):
            raise DossierError(
                _("%(name)s không có vai trò “%(role)s” tại %(unit)s.")
                % {
                    "name": assignee.get_full_name(),
                    "role": Role(step.role).label,
                    "unit": step.unit.name,
                },
                field="assignee",
            )
        previous = step.assigned_to
        step.assigned_to = assignee
        step.save(update_fields=["assigned_to"])
        record(
            dossier,
            actor=actor,
            action=Action.ASSIGN,
            from_status=dossier.status,
            now=now,
            data={
                "step": step.name,
                "assignee": assignee.get_full_name(),
                "previous": previous.get_full_name() if previous else "",
            },
        )
    return step


def forward_dossier(
    dossier: Dossier,
    *,
    actor,
    note: str = "",
    to_agency: Agency | None = None,
    now=None,
    expected_version=None,
) -> DossierStep:
    """Finish the current step and hand the dossier to the next step's unit (form 05 records it)."""
    now = now_or(now)
    with transaction.atomic():
        dossier = lock(dossier, expected_version)
        check_allowed(dossier, Action.FORWARD)
        step = require_current_step(dossier)
        check(can_forward(actor, dossier, step))
        spec = None if step.is_last else next_spec(dossier, step.order)
        if spec is None:
            raise TransitionRefused(
                _("Đây là bước cuối của quy trình: hãy ghi nhận kết quả giải quyết."),
                field="status",
            )
        unit = None
        if spec["unit"] == StepUnit.COORDINATING:
            unit = resolve_unit(
                spec,
                receiving=dossier.receiving_agency,
                responsible=dossier.responsible_agency,
                chosen=to_agency,
            )
            _require_active(unit)
        finish_step(step, now=now, note=note)
        new_step = open_step(dossier, spec, now=now, unit=unit)
        record(
            dossier,
            actor=actor,
            action=Action.FORWARD,
            from_status=dossier.status,
            now=now,
            data={
                "from_step": step.name,
                "from_unit": step.unit.name,
                "to_step": new_step.name,
                "to_unit": new_step.unit.name,
                "note": note,
            },
            event_payload={"step": new_step.name, "unit": new_step.unit.code},
        )
    return new_step


def return_to_step(
    dossier: Dossier,
    *,
    actor,
    order: int,
    reason: str,
    to_agency: Agency | None = None,
    now=None,
    expected_version=None,
) -> DossierStep:
    """Send the dossier back to an earlier step: a new step row, nothing rewritten.

    A coordinating step (liên thông) reopens at the agency that last held it, found from the
    dossier's steps; `to_agency` may name another agency that held it. Any other step reopens
    at the unit its process names."""
    now = now_or(now)
    if not reason or not reason.strip():
        raise DossierError(_("Hãy nêu lý do trả lại bước trước."), field="reason")
    with transaction.atomic():
        dossier = lock(dossier, expected_version)
        check_allowed(dossier, Action.RETURN_TO_STEP)
        step = require_current_step(dossier)
        check(can_return_to_step(actor, dossier, step))
        spec = spec_at(dossier, order)
        if spec is None or order >= step.order:
            raise DossierError(_("Chỉ được trả về một bước trước bước hiện tại."), field="order")
        unit = None
        if spec["unit"] == StepUnit.COORDINATING:
            unit = _coordinating_agency_of(dossier, spec, chosen=to_agency)
            _require_active(unit)
        elif to_agency is not None:
            raise DossierError(
                _("Bước “%(step)s” không do cơ quan phối hợp thực hiện: không chọn cơ quan.")
                % {"step": spec["name"]},
                field="to_agency",
            )
        finish_step(step, now=now, note=reason, returned=True)
        new_step = open_step(dossier, spec, now=now, unit=unit)
        record(
            dossier,
            actor=actor,
            action=Action.RETURN_TO_STEP,
            from_status=dossier.status,
            now=now,
            data={
                "from_step": step.name,
                "to_step": new_step.name,
                "to_unit": new_step.unit.name,
                "reason": reason,
            },
        )
    return new_step


def _coordinating_agency_of(dossier: Dossier, spec: dict, *, chosen: Agency | None) -> Agency:
    """The agency a coordinating step goes back to: `chosen` if it held that step, else the
    one that held it last (forwarded there, or handed over to from there). A dossier that
    never reached the step (none should, as steps are passed in order) needs `chosen`."""
    held = list(
        dossier.steps.filter(order=spec["order"])
        .order_by("-started_at", "-pk")
        .values_list("unit_id", flat=True)
    )
    if not held:
        return resolve_unit(
            spec,
            receiving=dossier.receiving_agency,
            responsible=dossier.responsible_agency,
            chosen=chosen,
        )
    if chosen is None:
        return Agency.objects.get(pk=held[0])
    if chosen.pk not in held:
        raise DossierError(
            _(
                "%(agency)s chưa thực hiện bước “%(step)s”: chỉ được trả về cơ quan đã thực hiện bước này."
            )
            % {"agency": chosen.name, "step": spec["name"]},
            field="to_agency",
        )
    return chosen


def hand_over(
    dossier: Dossier, *, actor, to_agency: Agency, reason: str, now=None, expected_version=None
) -> DossierStep:
    """Inter-agency (liên thông): the current step's work continues at another agency, whose
    leader assigns it; when it forwards, the process continues with the next step."""
    now = now_or(now)
    with transaction.atomic():
        dossier = lock(dossier, expected_version)
        check_allowed(dossier, Action.HAND_OVER)
        step = require_current_step(dossier)
        check(can_hand_over(actor, dossier, step))
        if to_agency.pk == step.unit_id:
            raise DossierError(_("Hồ sơ đang ở chính cơ quan này."), field="to_agency")
        _require_active(to_agency)
        finish_step(step, now=now, note=reason)
        # The coordinating step takes the current step's place in the process (its order and
        # share of the time); a step already handed over has no spec of its own.
        spec = spec_at(dossier, step.order) or {
            "order": step.order,
            "name": step.name,
            "role": step.role,
            "unit": "coordinating",
        }
        spec = {**spec, "share_percent": str(step.share_percent)}
        new_step = open_step(
            dossier,
            spec,
            now=now,
            unit=to_agency,
            role=Role.SPECIALIST,
            name=_("Phối hợp giải quyết: %(agency)s") % {"agency": to_agency.name},
        )
        record(
            dossier,
            actor=actor,
            action=Action.HAND_OVER,
            from_status=dossier.status,
            now=now,
            data={"from_unit": step.unit.name, "to_agency": to_agency.name, "reason": reason},
            event_payload={"to_agency": to_agency.code},
        )
    return new_step
