"""A working morning of dossiers for the demo, made only through the dossier services.

`create_demo_dossiers` plans a few hundred dossiers (plans.py), gives each a story of service
calls at chosen moments over the last six working weeks (stories.py), and runs all the
stories interleaved in time order, with the daily deadline sweep among them. The result, at
the real moment the demo is loaded: online dossiers waiting to be received, steps waiting to
be assigned and assigned, decisions waiting, some due today and some overdue, some paused
for a supplement, one apologised for, results waiting to be collected, and weeks of finished
dossiers behind them, every one with an audit chain that verifies. The overdue, due-soon,
paused and apologised ones are placed in the queues of the demo officials the banner lists
(plans.py, `focus`).

Deterministic for a seed and a moment: the same `seed` and `now` make the same dossiers
(codes, names, moments), apart from the random lookup secrets the services issue.
"""

from __future__ import annotations

import heapq
import random
from collections import Counter
from datetime import datetime

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from motcua.accounts.models import User
from motcua.demo.accounts import DEMO_PASSWORD
from motcua.demo.acting import Actions
from motcua.demo.hanoi import HanoiAgencies
from motcua.demo.plans import Planner
from motcua.demo.staff import Staff
from motcua.demo.stories import Stories, Story, sweeps
from motcua.demo.timeline import VIETNAM, Timeline
from motcua.workdays.services import get_calendar

DEFAULT_DOSSIERS = 300
DEFAULT_SEED = 2025


def create_demo_dossiers(
    agencies: HanoiAgencies,
    *,
    count: int = DEFAULT_DOSSIERS,
    seed: int = DEFAULT_SEED,
    now: datetime | None = None,
) -> Counter:
    """Create `count` dossiers ending at `now` (default: the current time); the caller runs
    it inside the loader's transaction. Returns counts by kind."""
    counts: Counter = Counter()
    if count <= 0:
        return counts
    now = now or timezone.now()
    timeline = Timeline(get_calendar(), now, random.Random(f"{seed}:time"))
    staff = Staff(
        random.Random(f"{seed}:staff"),
        password_hash=_demo_password_hash(),
        on=now.astimezone(VIETNAM).date(),
    )
    plans = Planner(agencies, random.Random(seed), seed).plans(
        count, on=now.astimezone(VIETNAM).date()
    )
    stories = Stories(Actions(staff, agencies), timeline)
    run([*(stories.story(plan) for plan in plans), sweeps(timeline)])
    counts["dossiers"] = len(plans)
    counts["officials"] = len(staff.created)
    return counts


def _demo_password_hash() -> str:
    """The demo accounts' password hash, reused: hashing is deliberately slow."""
    existing = User.objects.filter(username="tiepnhan").values_list("password", flat=True).first()
    return existing or make_password(DEMO_PASSWORD)


def run(stories: list[Story]) -> None:
    """Run the stories interleaved by the moments they yield, earliest first (ties in the
    order given). A story that asks for a moment before the one it was resumed at runs
    at once rather than going back in time."""
    queue: list[tuple[datetime, int, Story]] = []
    for number, story in enumerate(stories):
        _advance(queue, number, story, floor=None)
    while queue:
        moment, number, story = heapq.heappop(queue)
        _advance(queue, number, story, floor=moment)


def _advance(queue, number: int, story: Story, *, floor: datetime | None) -> None:
    try:
        moment = next(story)
    except StopIteration:
        return
    if floor is not None and moment < floor:
        moment = floor
    heapq.heappush(queue, (moment, number, story))
