"""The life of each demo dossier, as a generator of moments.

A story yields the moment of its next action; when the runner resumes it at that moment, it
takes the action (one dossier service call) and yields the next moment. The runner interleaves
all stories in time order, so codes are numbered in the order dossiers arrived and the daily
sweep sees the dossiers that existed that morning. Moments are planned backwards from the
status the dossier must end in at `now`: a dossier due soon was received one time limit
before its due moment; one decided late was decided after it. Between reception and that
moment, the actions keep the pace of a real office (pace.py): steps are assigned within hours,
and the work on each step takes its share of the time.
"""

from __future__ import annotations

from collections.abc import Generator
from datetime import datetime, time, timedelta

from motcua.agencies.choices import Role
from motcua.catalog.choices import StepUnit
from motcua.demo import pace
from motcua.demo.acting import Actions
from motcua.demo.plans import Plan, time_limit_of
from motcua.demo.timeline import DAY, VIETNAM, Timeline
from motcua.dossiers import services
from motcua.dossiers.choices import Channel, DossierStatus, PauseReason
from motcua.dossiers.models import Dossier
from motcua.dossiers.services import sweep_due_warnings

S = DossierStatus
Story = Generator[datetime, None, None]
STAGE_ENDS = {"assigned", "review", "approval", "coordinating", "handed_over", "returned"}


def fresh(dossier: Dossier) -> Dossier:
    return Dossier.objects.get(pk=dossier.pk)


def planned_specs(plan: Plan) -> tuple[list[dict], int]:
    """The steps a dossier of `plan` will go through (as its snapshot will hold them) and the
    order of the step that opens at reception (services.steps.start_process: a reception step
    is done at once)."""
    specs = [
        {"order": step.order, "unit": step.unit, "role": step.role,
         "share_percent": str(step.share_percent)}
        for step in sorted(plan.procedure.steps.all(), key=lambda step: step.order)
    ]  # fmt: skip
    first = specs[0]
    opening = specs[1] if first["unit"] == StepUnit.RECEIVING and len(specs) > 1 else first
    return specs, opening["order"]


def route_of(specs: list[dict], current: int, history: tuple[str, ...] = ()):
    """The actions from step `current` up to the deciding step (the last leader step): each
    specialist step is assigned, then each step is forwarded. Each action comes with the step
    it leaves the dossier at."""
    by_order = {spec["order"]: spec for spec in specs}
    orders = [spec["order"] for spec in specs]
    deciding = deciding_of(specs)
    ops: list[tuple[str, dict]] = []
    for order in orders:
        if not current <= order < deciding:
            continue
        spec = by_order[order]
        if spec["role"] == Role.SPECIALIST and spec["unit"] != StepUnit.COORDINATING:
            ops.append(("assign", spec))
        ops.append(("forward", by_order[orders[orders.index(order) + 1]]))
    if "hand_over" in history:
        first = next(i for i, (op, _spec) in enumerate(ops) if op == "forward")
        ops.insert(first, ("hand_over", ops[first - 1][1] if first else {}))
    if "returned_to_step" in history:
        landing = next((i for i, (op, spec) in enumerate(ops)
                        if op == "forward" and spec["role"] == Role.UNIT_LEADER), None)  # fmt: skip
        if landing is not None:
            worker = next(spec for op, spec in ops if op == "assign")
            ops[landing + 1 : landing + 1] = [
                ("return", worker),
                ("assign", worker),
                ("forward", ops[landing][1]),
            ]
    return ops


def cut(ops: list[tuple[str, dict]], stage: str, deciding: int) -> list[tuple[str, dict]]:
    """The actions a dossier has been through when it sits at `stage` now."""
    if stage not in STAGE_ENDS:
        return []

    def ends(op: str, spec: dict) -> bool:
        return {
            "assigned": op == "assign",
            "review": op == "forward" and spec.get("role") == Role.UNIT_LEADER,
            "approval": op == "forward" and spec.get("order") == deciding,
            "coordinating": op == "forward" and spec.get("unit") == StepUnit.COORDINATING,
            "handed_over": op == "hand_over",
        }.get(stage, False)

    if stage == "returned":
        back = next((i for i, (op, _s) in enumerate(ops) if op == "return"), None)
        return ops[: back + 2] if back is not None else ops[:1]
    for index, (op, spec) in enumerate(ops):
        if ends(op, spec):
            return ops[: index + 1]
    return ops


def deciding_of(specs: list[dict]) -> int:
    return max(spec["order"] for spec in specs if spec["role"] == Role.UNIT_LEADER)


class Stories:
    def __init__(self, actions: Actions, timeline: Timeline):
        self.act = actions
        self.tl = timeline

    def story(self, plan: Plan) -> Story:
        return getattr(self, f"_{plan.status}")(plan)

    # --- arrival ---------------------------------------------------------------------------

    def _arrive(self, plan: Plan, received: datetime):
        """Submitted online (possibly sent back once for completion) then received at
        `received`, or brought to the counter or sent by post and received at once."""
        tl = self.tl
        if plan.channel in (Channel.COUNTER, Channel.POST):
            yield received
            return self.act.receive_at_counter(plan, received)
        if "completion_first" in plan.variant.history:
            dossier, sent_back = yield from self._returned_once(plan, tl.before(received, 2 * DAY))
            resubmitted = received - timedelta(minutes=plan.rng.randint(20, 300))
            resubmitted = min(max(resubmitted, sent_back + timedelta(minutes=1)), received)
            yield resubmitted
            self.act.resubmit(plan, dossier, resubmitted)
        else:
            submitted = tl.online_moment(received, hours=(0.5, 20))
            yield submitted
            dossier = self.act.create(plan, submitted)
        yield received
        return self.act.receive(plan, dossier, received)

    def _returned_once(self, plan: Plan, before: datetime):
        """Submitted online, then sent back for completion by reception."""
        submitted = self.tl.online_moment(before, hours=(2, 30))
        yield submitted
        dossier = self.act.create(plan, submitted)
        sent_back = self.tl.after(
            self.tl.cal.next_working_moment(submitted), plan.rng.randint(20, 400)
        )
        yield sent_back
        self.act.return_for_completion(plan, dossier, sent_back)
        return dossier, sent_back

    # --- before reception ------------------------------------------------------------------

    def _draft(self, plan: Plan) -> Story:
        moment = self.tl.online_moment(self.tl.now, hours=(1, 72))
        yield moment
        self.act.create(plan, moment, submit=False)

    def _submitted(self, plan: Plan) -> Story:
        tl, rng = self.tl, plan.rng
        if "completion_first" in plan.variant.history:
            dossier, sent_back = yield from self._returned_once(
                plan, tl.back(rng.randint(2 * DAY, 4 * DAY))
            )
            again = sent_back + timedelta(hours=rng.uniform(2, 30))
            moment = min(again, tl.now - timedelta(minutes=5))
            yield moment
            self.act.resubmit(plan, dossier, moment)
            return
        if plan.channel == Channel.POST:
            moment = tl.back(rng.randint(20, 600))
        else:
            moment = tl.online_moment(tl.now, hours=(0.3, 40))
        yield moment
        self.act.create(plan, moment)

    def _returned_for_completion(self, plan: Plan) -> Story:
        yield from self._returned_once(plan, self.tl.back(plan.rng.randint(DAY, 10 * DAY)))

    def _refused(self, plan: Plan) -> Story:
        tl, rng = self.tl, plan.rng
        submitted = tl.online_moment(tl.back(rng.randint(DAY, 28 * DAY)), hours=(1, 30))
        yield submitted
        dossier = self.act.create(plan, submitted)
        refused = tl.after(tl.cal.next_working_moment(submitted), rng.randint(20, 600))
        yield refused
        self.act.refuse(plan, dossier, refused)

    def _withdrawn(self, plan: Plan) -> Story:
        tl, rng = self.tl, plan.rng
        if plan.variant.withdraw_from == "submitted" and plan.channel != Channel.COUNTER:
            submitted = tl.online_moment(tl.back(rng.randint(DAY, 25 * DAY)), hours=(1, 30))
            yield submitted
            dossier = self.act.create(plan, submitted)
            withdrawn = tl.after(tl.cal.next_working_moment(submitted), rng.randint(10, 300))
            yield withdrawn
            self.act.withdraw(plan, dossier, withdrawn)
            return
        received = tl.back(rng.randint(2 * DAY, 25 * DAY))
        dossier = yield from self._arrive(plan, received)
        assigned = tl.after(received, rng.randint(15, 240))
        yield assigned
        self.act.assign(dossier, assigned)
        withdrawn = tl.after(assigned, rng.randint(60, 2 * DAY))
        yield withdrawn
        self.act.withdraw(plan, dossier, withdrawn)

    def _stopped(self, plan: Plan) -> Story:
        """Received, assigned, (paused for a financial obligation, in one variant) and then
        stopped by the leader (dừng giải quyết)."""
        tl, rng = self.tl, plan.rng
        received = tl.back(rng.randint(3 * DAY, 25 * DAY))
        dossier = yield from self._arrive(plan, received)
        assigned = tl.after(received, rng.randint(15, 240))
        yield assigned
        self.act.assign(dossier, assigned)
        moment = assigned
        if plan.variant.pause:
            moment = tl.after(assigned, rng.randint(60, DAY))
            yield moment
            self.act.pause(plan, dossier, moment, plan.variant.pause)
        stopped = tl.after(moment, rng.randint(60, 2 * DAY))
        yield stopped
        self.act.stop(plan, dossier, stopped)

    # --- in processing now -----------------------------------------------------------------

    def _processing(self, plan: Plan) -> Story:
        """Received so that the dossier is now at its stage and overdue, due soon or not
        (variant.due), its actions laid out at the pace of the units (pace.py): a dossier
        in no hurry was received as long ago as its steps so far take; one overdue or due
        soon was received one time limit before its due moment, and its work went slowly."""
        tl, rng, variant = self.tl, plan.rng, plan.variant
        limit = plan.limit_minutes
        start = tl.cal.next_working_moment(tl.now)
        history = (*variant.history, "hand_over") if variant.stage == "handed_over" else (
            (*variant.history, "returned_to_step") if variant.stage == "returned"
            else variant.history)  # fmt: skip
        specs, opening = planned_specs(plan)
        ops = cut(route_of(specs, opening, history), variant.stage, deciding_of(specs))
        gaps = pace.Pace(rng, limit).gaps(ops, specs, opening, until="now")
        if variant.due in ("overdue", "soon"):
            # Forgotten before anyone was assigned: for a day at most.
            late = DAY if variant.stage == "unassigned" else 3 * DAY
            due = (tl.back(rng.randint(30, late)) if variant.due == "overdue"
                   else tl.cal.add_working_minutes(start, rng.randint(30, DAY - 30)))  # fmt: skip
            received = tl.reception_for_due(due, time_limit_of(plan.case))
        else:
            # At least a working day left, unless the limit is too short for that.
            room = max(limit - DAY - rng.randint(60, 240), limit * 0.6)
            received = tl.back(min(pace.nominal(gaps), room))
        received = max(min(received, tl.back(90)), tl.start)
        dossier = yield from self._arrive(plan, received)
        span = tl.minutes_between(received, tl.present)
        moments = pace.moments(tl.cal, received, tl.present, pace.offsets(gaps, span))
        if "apology" not in variant.history:
            yield from self._run(plan, dossier, ops, moments)
            return
        # The unit apologises a working day (or a little more) before the due moment.
        due = fresh(dossier).due_at
        apology = min(max(tl.before(due, DAY + rng.randint(30, 240)), tl.after(received, 10)),
                      tl.present)  # fmt: skip
        split = sum(1 for moment in moments if moment <= apology)
        yield from self._run(plan, dossier, ops[:split], moments[:split])
        yield apology
        later = tl.cal.add_working_minutes(start, rng.randint(2 * DAY, 5 * DAY))
        self.act.apologise(dossier, apology, later)
        yield from self._run(plan, dossier, ops[split:], moments[split:])

    def _paused(self, plan: Plan) -> Story:
        tl, rng = self.tl, plan.rng
        received = tl.back(rng.randint(DAY, 8 * DAY))
        dossier = yield from self._arrive(plan, received)
        speed = pace.Pace(rng, plan.limit_minutes)
        assigned = tl.after(received, speed.assignment())
        yield assigned
        self.act.assign(dossier, assigned)
        # The specialist finds what is missing while working on the step.
        step = services.current_step(dossier)
        spec = {"share_percent": step.share_percent}
        paused = tl.after(assigned, max(30, min(speed.work(spec, 0.8), 3 * DAY)))
        yield paused
        reason = {"supplement": PauseReason.SUPPLEMENT, "financial": PauseReason.FINANCIAL}.get(
            plan.variant.pause, PauseReason.APPLICANT_REQUEST
        )
        self.act.pause(plan, dossier, paused, reason)

    def _run(self, plan: Plan, dossier: Dossier, ops, moments) -> Story:
        for (op, _spec), moment in zip(ops, moments, strict=True):
            yield moment
            if op == "assign":
                self.act.assign(dossier, moment)
            elif op == "forward":
                self.act.forward(plan, dossier, moment)
            elif op == "hand_over":
                self.act.hand_over(plan, dossier, moment)
            elif op == "return":
                self.act.return_to_step(dossier, moment)

    # --- decided, and returned to the applicant ----------------------------------------------

    def _decided(self, plan: Plan) -> Story:
        decided = self.tl.back(plan.rng.randint(20, 5 * DAY))
        yield from self._to_decision(plan, decided)

    def _returned(self, plan: Plan) -> Story:
        tl, rng = self.tl, plan.rng
        target = tl.back(rng.randint(3 * DAY, 28 * DAY))
        dossier, decided = yield from self._to_decision(plan, target)
        returned = tl.after(decided, rng.randint(30, 3 * DAY))
        yield returned
        self.act.return_result(plan, dossier, returned)

    def _to_decision(self, plan: Plan, target: datetime):
        tl, rng, variant = self.tl, plan.rng, plan.variant
        used = {"early": (0.2, 0.6), "on_time": (0.9, 0.99), "late": (1.1, 1.5)}
        share = rng.uniform(*used.get(variant.timeliness, (0.3, 0.9)))
        pause = rng.randint(DAY // 2, 3 * DAY) if "supplement" in variant.history else 0
        received = max(tl.before(target, share * plan.limit_minutes + pause), tl.start)
        dossier = yield from self._arrive(plan, received)
        specs = services.process_steps(dossier)
        order = services.current_step(dossier).order
        ops = route_of(specs, order, variant.history)
        gaps = pace.Pace(rng, plan.limit_minutes).gaps(ops, specs, order, until="decision")
        last = received
        if pause:
            last = tl.after(last, rng.randint(15, 120))
            yield last
            self.act.assign(dossier, last)
            ops, gaps = ops[1:], gaps[1:]
            last = tl.after(last, rng.randint(60, DAY))
            yield last
            self.act.pause(plan, dossier, last, PauseReason.SUPPLEMENT)
            last = tl.after(last, pause)
            yield last
            self.act.supplement(plan, dossier, last)
        due = fresh(dossier).due_at
        decided = self._decision_moment(rng, target, due, last, len(ops) + 1, variant.timeliness)
        span = tl.minutes_between(last, decided)
        moments = pace.moments(tl.cal, last, decided, pace.offsets(gaps, span))
        if "apology" in variant.history:
            before = max(tl.before(due, DAY + rng.randint(30, 240)), last)
            split = sum(1 for moment in moments if moment <= before)
            yield from self._run(plan, dossier, ops[:split], moments[:split])
            yield before
            self.act.apologise(dossier, before, tl.cal.add_working_minutes(due, 2 * DAY))
            ops, moments = ops[split:], moments[split:]
        yield from self._run(plan, dossier, ops, moments)
        yield decided
        self.act.decide(plan, dossier, decided, rejected="rejected" in variant.history)
        return dossier, decided

    def _decision_moment(self, rng, target, due, last, steps, timeliness) -> datetime:
        """Near `target`, on the right side of `due` for the timeliness wanted, after `last`
        with room for the remaining steps, never after the present."""
        tl = self.tl
        day_start = tl.local_day_start(due)
        if timeliness == "early":
            moment = min(target, tl.before(day_start, rng.randint(5, 120)))
        elif timeliness == "on_time":
            moment = min(max(target, tl.cal.next_working_moment(day_start)), due)
        else:
            moment = max(target, tl.after(due, rng.randint(30, 2 * DAY)))
        lowest = tl.after(last, 10 * steps)
        return min(max(moment, lowest), tl.present)


def sweeps(timeline: Timeline) -> Story:
    """The periodic deadline sweep (`manage.py sweep_dossiers`), every working morning."""
    day = timeline.start.astimezone(VIETNAM).date()
    last = timeline.now.astimezone(VIETNAM).date()
    while day <= last:
        if timeline.cal.is_working_day(day):
            moment = datetime.combine(day, time(7, 45), tzinfo=VIETNAM)
            if timeline.start <= moment <= timeline.now:
                yield moment
                sweep_due_warnings(now=moment)
        day += timedelta(days=1)
