"""Which actions an official may take on a dossier now: the forms the office shows.

Built from the pieces the services check, not from rules of its own: the transition table
(services.base.ALLOWED_FROM), the current step (whether it is the last: DossierStep.is_last)
and the process's earlier steps (services.steps), and the role checks of policies.py over
agencies.selectors.may_act_for on the same agencies. So an action is offered exactly when its
service would accept this actor now; the service may still refuse the input (a missing reason,
a bad date). tests/test_actions.py holds the two together by calling every service for every
official.
"""

from __future__ import annotations

from motcua.agencies.choices import Role
from motcua.agencies.selectors import may_act_for
from motcua.dossiers.choices import Action, DossierStatus, PauseReason
from motcua.dossiers.models import Apology, Dossier
from motcua.dossiers.policies import may_decide, may_hand_over, may_resume, may_work_on_step
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

    reception = None

    def is_reception() -> bool:
        nonlocal reception
        if reception is None:
            reception = may(user, Role.RECEPTION, dossier.receiving_agency)
        return reception

    for action in (Action.RECEIVE, Action.RETURN_FOR_COMPLETION, Action.REFUSE):
        if allowed(action) and is_reception():
            found.add(action)
    if allowed(Action.WITHDRAW) and status != DossierStatus.DRAFT and is_reception():
        found.add(Action.WITHDRAW)
    if allowed(Action.REISSUE_SECRET) and dossier.code and is_reception():
        found.add(Action.REISSUE_SECRET)
    if allowed(Action.RETURN_RESULT) and may(user, Role.RESULT_RETURN, dossier.receiving_agency):
        found.add(Action.RETURN_RESULT)

    step_actions = {
        Action.ASSIGN,
        Action.FORWARD,
        Action.RETURN_TO_STEP,
        Action.PAUSE,
        Action.RESUME,
        Action.HAND_OVER,
        Action.DECIDE,
        Action.APOLOGISE,
    }
    if any(allowed(action) for action in step_actions):
        step = current_step(dossier)
        if step is not None:
            found |= _step_actions(dossier, step, user, may, allowed)
            if allowed(Action.RESUME) and _open_supplement_request(dossier) and is_reception():
                found.add(PROVIDE_SUPPLEMENT)
    return [action for action in ORDER if action in found]


def _step_actions(dossier, step, user, may, allowed) -> set[str]:
    found: set[str] = set()
    if allowed(Action.ASSIGN) and may(user, Role.UNIT_LEADER, step.unit):
        found.add(Action.ASSIGN)
    worker = may_work_on_step(user, step, may=may)
    if worker and allowed(Action.FORWARD) and not step.is_last:
        found.add(Action.FORWARD)
    if (
        worker
        and allowed(Action.RETURN_TO_STEP)
        and any(spec["order"] < step.order for spec in step_specs(dossier))
    ):
        found.add(Action.RETURN_TO_STEP)
    if worker and allowed(Action.PAUSE):
        found.add(Action.PAUSE)
    if allowed(Action.RESUME) and may_resume(user, dossier, step, may=may):
        found.add(Action.RESUME)
    if allowed(Action.HAND_OVER) and may_hand_over(user, step, may=may):
        found.add(Action.HAND_OVER)
    if allowed(Action.DECIDE) and may_decide(user, dossier, step, may=may):
        found.add(Action.DECIDE)
    if (
        allowed(Action.APOLOGISE)
        and may(user, Role.UNIT_LEADER, step.unit)
        and not Apology.objects.filter(dossier=dossier).exists()
    ):
        found.add(Action.APOLOGISE)
    return found
