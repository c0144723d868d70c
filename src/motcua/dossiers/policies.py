"""Who may do what to a dossier: one place for the rules the services and selectors apply.

An official acts for an agency in a role (agencies.RoleGrant, possibly covering a subtree).
What they may see follows the agencies involved in the dossier (the receiving agency, the
responsible agency and each step's unit); what they may do follows the role the action needs on
the agency the action concerns.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from motcua.agencies.choices import Role
from motcua.agencies.models import Agency
from motcua.agencies.selectors import agencies_for, may_act_for
from motcua.dossiers.errors import NotAllowed


def agencies_of(user):
    """Every agency the user holds any role on (with subtrees): what they may see."""
    return agencies_for(user, None)


def require_role(user, role: Role | str, agency: Agency, *, action: str) -> None:
    if user is None or not may_act_for(user, role, agency):
        raise NotAllowed(
            _("Bạn không có quyền %(action)s hồ sơ này: cần vai trò “%(role)s” tại %(agency)s.")
            % {"action": action, "role": Role(role).label, "agency": agency.name}
        )


def require_any_role(user, roles, agency: Agency, *, action: str) -> None:
    if user is not None and any(may_act_for(user, role, agency) for role in roles):
        return
    labels = ", ".join(str(Role(role).label) for role in roles)
    raise NotAllowed(
        _(
            "Bạn không có quyền %(action)s hồ sơ này: cần một trong các vai trò “%(roles)s” tại %(agency)s."
        )
        % {"action": action, "roles": labels, "agency": agency.name}
    )


# --- who may act on a dossier's current step ----------------------------------------------
# The services check these; dossiers/actions.py asks the same questions to decide which forms
# the office shows. `may` is agencies.selectors.may_act_for, or a memoised wrapper of it.


def may_work_on_step(user, step, *, may=may_act_for) -> bool:
    """The official assigned to the step, anyone holding the step's role on its unit, or the
    unit's leader."""
    return user is not None and (
        step.assigned_to_id == user.pk
        or may(user, step.role, step.unit)
        or may(user, Role.UNIT_LEADER, step.unit)
    )


def may_hand_over(user, step, *, may=may_act_for) -> bool:
    """Hand the current step to another agency (liên thông): the unit's leader, or a specialist
    of the unit who may work on the step. Not a specialist on a step that waits for the leader
    (role UNIT_LEADER, not assigned to them): the work has left their hands."""
    return user is not None and (
        may(user, Role.UNIT_LEADER, step.unit)
        or (may(user, Role.SPECIALIST, step.unit) and may_work_on_step(user, step, may=may))
    )


def may_resume(user, dossier, step, *, may=may_act_for) -> bool:
    """Whoever may work on the current step, or reception at the receiving agency."""
    return may_work_on_step(user, step, may=may) or (
        user is not None and may(user, Role.RECEPTION, dossier.receiving_agency)
    )


def may_decide(user, dossier, step, *, may=may_act_for) -> bool:
    """The leader of the current step's unit or of the responsible agency."""
    return user is not None and (
        may(user, Role.UNIT_LEADER, step.unit)
        or may(user, Role.UNIT_LEADER, dossier.responsible_agency)
    )
