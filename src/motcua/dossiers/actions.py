"""Which actions an official may take on a dossier now: the forms the office offers.

No rule of its own: an action is offered when the transition table allows it from the
dossier's status (services.base.ALLOWED_FROM), the current step allows it (forwarding needs a
next step, returning an earlier one: services.steps) and the action's guard in policies.py,
the very guard its service calls, lets this actor take it. The service may still refuse the
input (a missing reason, a bad date).
"""

from __future__ import annotations

from motcua.agencies.selectors import may_act_for
from motcua.dossiers import policies
from motcua.dossiers.choices import Action, DossierStatus, PauseReason
from motcua.dossiers.models import Dossier
from motcua.dossiers.services.base import ALLOWED_FROM
from motcua.dossiers.services.steps import current_step, step_specs

# Reception takes in the supplement an applicant brings to the counter (provide_supplement);
# the audit trail records it as a resume, but it is its own form.
PROVIDE_SUPPLEMENT = "provide_supplement"

# The order the office lists them in.
ORDER = (
    Action.RECEIVE,
    Action.RETURN_FOR_COMPLETION,
    Action.REFUSE,
    Action.ASSIGN,
    Action.FORWARD,
    Action.RETURN_TO_STEP,
    Action.PAUSE,
    Action.RESUME,
    PROVIDE_SUPPLEMENT,
    Action.HAND_OVER,
    Action.DECIDE,
    Action.STOP,
    Action.APOLOGISE,
    Action.RETURN_RESULT,
    Action.WITHDRAW,
    Action.REISSUE_SECRET,
)


def _memoised(user):
    """may_act_for, asked at most once per (role, agency) while one answer is built."""
    answers: dict[tuple[str, int], bool] = {}

    def may(actor, role, agency) -> bool:
        key = (str(role), agency.pk)
        if key not in answers:
            answers[key] = may_act_for(actor, role, agency)
        return answers[key]

    return may


def _open_supplement_request(dossier: Dossier) -> bool:
    open_pauses = [pause for pause in dossier.pauses.all() if pause.ended_at is None]
    return bool(open_pauses) and open_pauses[0].reason == PauseReason.SUPPLEMENT


# The guards of the actions that concern the dossier as a whole, and of those on its current
# step: (actor, dossier, *, may) and (actor, dossier, step, *, may).
DOSSIER_GUARDS = {
    Action.RECEIVE: policies.can_receive,
    Action.RETURN_FOR_COMPLETION: policies.can_return_for_completion,
    Action.REFUSE: policies.can_refuse,
    Action.WITHDRAW: policies.can_withdraw,
    Action.REISSUE_SECRET: policies.can_reissue_secret,
    Action.RETURN_RESULT: policies.can_return_result,
}
STEP_GUARDS = {
    Action.ASSIGN: policies.can_assign,
    Action.FORWARD: policies.can_forward,
    Action.RETURN_TO_STEP: policies.can_return_to_step,
    Action.PAUSE: policies.can_pause,
    Action.RESUME: policies.can_resume,
    Action.HAND_OVER: policies.can_hand_over,
    Action.DECIDE: policies.can_decide,
    Action.APOLOGISE: policies.can_apologise,
    Action.STOP: policies.can_stop,
}


def available_actions(dossier: Dossier, user) -> list[str]:
    """The actions (dossiers.choices.Action values, plus PROVIDE_SUPPLEMENT) `user` may take
    on `dossier` in its present state, in display order."""
    if user is None or not getattr(user, "is_authenticated", False):
        return []
    may = _memoised(user)
    status = dossier.status
    found: set[str] = set()

    def allowed(action: str) -> bool:
        return status in ALLOWED_FROM[action]

    for action, guard in DOSSIER_GUARDS.items():
        if allowed(action) and guard(user, dossier, may=may) is None:
            found.add(action)
    # The office withdraws a dossier once submitted; a draft is its applicant's to drop.
    if status == DossierStatus.DRAFT:
        found.discard(Action.WITHDRAW)
    # A draft has no code, so no lookup secret to reissue.
    if not dossier.code:
        found.discard(Action.REISSUE_SECRET)

    if any(allowed(action) for action in STEP_GUARDS):
        step = current_step(dossier)
        if step is not None:
            found |= _step_actions(dossier, step, user, may, allowed)
            if (
                allowed(Action.RESUME)
                and _open_supplement_request(dossier)
                and policies.can_provide_supplement(user, dossier, may=may) is None
            ):
                found.add(PROVIDE_SUPPLEMENT)
    return [action for action in ORDER if action in found]


def _step_actions(dossier, step, user, may, allowed) -> set[str]:
    found = {
        action
        for action, guard in STEP_GUARDS.items()
        if allowed(action) and guard(user, dossier, step, may=may) is None
    }
    # What the step itself rules out, as the services refuse it.
    if step.is_last:
        found.discard(Action.FORWARD)
    if not any(spec["order"] < step.order for spec in step_specs(dossier)):
        found.discard(Action.RETURN_TO_STEP)
    return found
