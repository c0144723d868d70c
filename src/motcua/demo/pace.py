"""How long the demo's officials take over each action on a dossier, so that its history reads
like a real office's.

A unit leader assigns a step within a few hours of its opening, a working day or so at most;
each step then takes a time in proportion to its share of the time limit (the internal
process's `share_percent`). A story lays its actions out along these gaps: the waits for an
assignment keep their length, the work stretches or shrinks so that the actions fill the time
between reception and the moment the dossier must have reached (now, or its decision). A dossier
that must be overdue is one whose work went slowly, never one that waited weeks to be assigned.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from motcua.agencies.choices import Role
from motcua.catalog.choices import StepUnit
from motcua.workdays.calendar import MINUTES_PER_WORKING_DAY

DAY = MINUTES_PER_WORKING_DAY
# Working minutes from a step opening to its assignment: most within the morning, a few the
# next day. Never more than a sixth of the time limit, so a same-day dossier is assigned
# within the hour.
ASSIGN_LOW, ASSIGN_MODE, ASSIGN_HIGH = 15, 60, int(1.5 * DAY)
# Share of a step's time its work takes when the unit keeps to its schedule.
STEADY = (0.5, 0.95)


@dataclass(frozen=True)
class Gap:
    """The working minutes before an action: `wait` does not stretch (a step waiting to be
    assigned), `work` does (a step being worked on)."""

    wait: float = 0
    work: float = 0


def needs_assignment(spec: dict) -> bool:
    return spec["role"] == Role.SPECIALIST and spec["unit"] != StepUnit.COORDINATING


class Pace:
    def __init__(self, rng: random.Random, limit_minutes: int):
        self.rng = rng
        self.limit = limit_minutes

    def assignment(self) -> float:
        wait = self.rng.triangular(ASSIGN_LOW, ASSIGN_HIGH, ASSIGN_MODE)
        return min(wait, max(ASSIGN_LOW, self.limit / 6))

    def work(self, spec: dict, share: float = 1.0) -> float:
        step = float(Decimal(str(spec["share_percent"]))) / 100 * self.limit
        return step * share * self.rng.uniform(*STEADY)

    def gaps(
        self, ops: list[tuple[str, dict]], specs: list[dict], order: int, *, until: str
    ) -> list[Gap]:
        """One gap before each of `ops` (stories.route_of() actions, starting at the step `order`), then
        the last one: to the decision (`until="decision"`) or, for a dossier still in
        processing (`until="now"`), the part of its open step already spent."""
        step = next(spec for spec in specs if spec["order"] == order)
        waiting = needs_assignment(step)
        gaps = []
        for op, spec in ops:
            if op == "assign":
                gaps.append(Gap(wait=self.assignment()))
                waiting = False
            elif op == "hand_over":
                # The step opens again at the other agency, waiting for its leader to assign it.
                gaps.append(Gap(work=self.work(step, 0.4)))
                waiting = True
            elif op == "return":
                gaps.append(Gap(work=self.work(step, 0.5)))
                step, waiting = spec, needs_assignment(spec)
            else:  # forward
                gaps.append(Gap(work=self.work(step)))
                step, waiting = spec, needs_assignment(spec)
        if until == "decision":
            gaps.append(Gap(work=self.work(step)))
        else:
            spent = self.rng.uniform(0.15, 0.9)
            gaps.append(Gap(wait=self.assignment() * spent) if waiting else
                        Gap(work=self.work(step, spent)))  # fmt: skip
        return gaps


def nominal(gaps: list[Gap]) -> float:
    """The working minutes the gaps take at a steady pace."""
    return sum(gap.wait + gap.work for gap in gaps)


def offsets(gaps: list[Gap], span: float) -> list[float]:
    """Working minutes from the start to each action (one fewer than the gaps: the last gap
    runs to the end), with the work stretched or shrunk so that all the gaps fill `span`.
    When even the waits do not fit, everything shrinks alike."""
    wait = sum(gap.wait for gap in gaps)
    work = sum(gap.work for gap in gaps)
    if work and span >= wait:
        keep, stretch = 1.0, (span - wait) / work
    elif wait + work:
        keep = stretch = span / (wait + work)
    else:
        keep = stretch = 0.0
    result, total = [], 0.0
    for gap in gaps[:-1]:
        total += gap.wait * keep + gap.work * stretch
        result.append(total)
    return result


def moments(calendar, start: datetime, end: datetime, marks: list[float], *, gap: int = 5):
    """The working moments `marks` working minutes after `start`, increasing, at least `gap`
    working minutes apart where there is room, never after `end`."""
    result, previous, last_mark = [], start, 0.0
    for mark in marks:
        last_mark = max(mark, last_mark + gap)
        moment = calendar.add_working_minutes(start, int(last_mark))
        moment = max(min(moment, end), previous)
        result.append(moment)
        previous = moment
    return result
