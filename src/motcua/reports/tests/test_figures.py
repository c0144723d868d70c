"""Every figure of a month of dossiers made through the real services, compared with counts
made here from the raw rows (never through the reports' code), for the province, an agency's
subtree and a field; breakdowns, trends and drill-downs."""

from __future__ import annotations

import math
from dataclasses import fields

import pytest

from motcua.catalog.models import Procedure
from motcua.dossiers.models import Dossier, DossierPause
from motcua.events.models import Delivery
from motcua.reports import figures
from motcua.reports.models import HISTOGRAM_EDGES
from motcua.reports.scope import Scope
from motcua.reports.tests.scenario import END, NOW, START
from motcua.workdays.services import get_calendar
from motcua.workdays.zone import VIETNAM

pytestmark = pytest.mark.django_db

ONLINE = ("online", "national_portal")


def _day(moment):
    return moment.astimezone(VIETNAM).date() if moment else None


def _in(moment):
    return moment is not None and START <= _day(moment) <= END


def _late(d):
    return d.supplement_requests > 1 or d.decided_at > d.decided_due_at


def _early(d):
    return not _late(d) and _day(d.decided_at) < _day(d.decided_due_at)


def _held_minutes(d):
    cal = get_calendar()
    held = cal.working_time_between(d.received_at, d.decided_at)
    for pause in DossierPause.objects.filter(dossier=d):
        held -= cal.working_time_between(pause.started_at, min(pause.ended_at, d.decided_at))
    return held.total_seconds() / 60


def raw_figures(keep) -> dict:
    """The figures counted from the raw rows of the dossiers `keep` accepts."""
    rows = [d for d in Dossier.objects.all() if keep(d)]
    received = [d for d in rows if _in(d.received_at)]
    finished = [d for d in rows if _in(d.decided_at)]
    documents = {d.pk: list(d.documents.all()) for d in received}
    lags = [
        (x.delivered_at - x.event.created_at).total_seconds()
        for x in Delivery.objects.filter(consumer="national_portal", status="done")
        if x.dossier_id and keep(x.dossier) and _in(x.event.created_at)
    ]
    return {
        "received": len(received),
        "received_counter": sum(d.channel == "counter" for d in received),
        "received_online": sum(d.channel == "online" for d in received),
        "received_national_portal": sum(d.channel == "national_portal" for d in received),
        "received_post": sum(d.channel == "post" for d in received),
        "received_late": sum(
            _in(d.receipt_due_at)
            and (
                (d.receipt_answered_at and d.receipt_answered_at > d.receipt_due_at)
                or (
                    d.receipt_answered_at is None
                    and d.status == "submitted"
                    and d.receipt_due_at < NOW
                )
            )
            for d in rows
        ),
        "finished": len(finished),
        "finished_early": sum(_early(d) for d in finished),
        "finished_on_time": sum(not _late(d) and not _early(d) for d in finished),
        "finished_late": sum(_late(d) for d in finished),
        "overdue_now": sum(
            d.status == "processing" and d.due_at < NOW and d.received_at < NOW for d in rows
        ),
        "in_progress": sum(
            d.status in ("processing", "paused") and d.received_at <= NOW for d in rows
        ),
        "supplemented": sum(d.supplement_requests >= 1 for d in received),
        "second_supplement": sum(d.supplement_requests >= 2 for d in received),
        "apologised": sum(hasattr(d, "apology") for d in received),
        "stopped": sum(d.status == "stopped" and _in(d.stopped_at) for d in rows),
        "withdrawn": sum(
            d.status == "withdrawn" and d.submitted_at is not None and _in(d.closed_at)
            for d in rows
        ),
        "refused": sum(d.status == "refused" and _in(d.closed_at) for d in rows),
        "paid_online": sum(
            d.payments.filter(
                status="confirmed", method__in=["national_platform", "provincial_gateway"]
            ).exists()
            for d in received
        ),
        "postal": sum(d.postal_orders.exclude(status="cancelled").exists() for d in received),
        "electronic_result": sum(d.signed_results.exists() for d in finished),
        "digitised": sum(
            bool(documents[d.pk]) and all(x.digitised for x in documents[d.pk]) for d in received
        ),
        "reused": sum(any(x.reused_from for x in documents[d.pk]) for d in received),
        "population_checked": sum(
            d.identity_checks.filter(result__in=["match", "mismatch", "not_found"]).exists()
            for d in received
        ),
        "synced": len(
            {
                x.dossier_id
                for x in Delivery.objects.filter(consumer="national_portal", status="done")
                if x.dossier_id and keep(x.dossier) and _in(x.event.created_at)
            }
        ),
        "_minutes": [_held_minutes(d) for d in finished],
        "_lags": sorted(lags),
    }


def _nearest_rank(values, share):
    ordered = sorted(values)
    return ordered[max(math.ceil(share * len(ordered)), 1) - 1]


def _bucket(days):
    low = max(edge for edge in HISTOGRAM_EDGES if edge <= days)
    later = [edge for edge in HISTOGRAM_EDGES if edge > days]
    return low, (later[0] if later else math.inf)


def assert_matches(got: figures.DossierFigures, raw: dict) -> None:
    for name in figures.COUNT_FIGURES:
        assert getattr(got, name) == raw[name], name
    online = raw["received_online"] + raw["received_national_portal"]
    assert got.online_share == (online / raw["received"] if raw["received"] else None)
    minutes = raw["_minutes"]
    if minutes:
        assert got.processing_days_mean == pytest.approx(sum(minutes) / len(minutes) / 480)
        low, high = _bucket(_nearest_rank(minutes, 0.9) / 480)
        assert low <= got.processing_days_p90 <= high
    else:
        assert got.processing_days_mean is None and got.processing_days_p90 is None
    lags = raw["_lags"]
    assert got.sync_lag_p50_seconds == (_nearest_rank(lags, 0.5) if lags else None)
    assert got.sync_lag_p95_seconds == (_nearest_rank(lags, 0.95) if lags else None)
    assert {f.name for f in fields(got)} <= set(raw) | {
        "online_share",
        "processing_days_mean",
        "processing_days_p90",
        "sync_lag_p50_seconds",
        "sync_lag_p95_seconds",
    }


def _in_subtree(agency):
    return lambda d: d.responsible_agency.path.startswith(agency.path)


@pytest.mark.parametrize("where", ["province", "department", "justice", "field", "procedure"])
def test_every_figure_matches_the_raw_rows(month, where):
    world = month.world
    scope, keep = {
        "province": (Scope(START, END), lambda d: True),
        "department": (
            Scope(START, END, agency=world.department),
            _in_subtree(world.department),
        ),
        "justice": (Scope(START, END, agency=world.other), _in_subtree(world.other)),
        "field": (
            Scope(START, END, field=month.second_procedure.field),
            lambda d: d.procedure.field_id == month.second_procedure.field_id,
        ),
        "procedure": (
            Scope(START, END, agency=world.department, procedure=world.procedure),
            lambda d: (
                d.procedure_id == world.procedure.pk
                and d.responsible_agency.path.startswith(world.department.path)
            ),
        ),
    }[where]
    assert_matches(figures.dossier_figures(scope, now=NOW), raw_figures(keep))


def test_the_province_in_numbers(month):
    """The month's answers, known from how it was made (scenario.py)."""
    got = figures.dossier_figures(Scope(START, END), now=NOW)
    assert (got.received, got.received_counter, got.received_online) == (13, 2, 9)
    assert (got.received_national_portal, got.received_post) == (1, 1)
    assert got.online_share == pytest.approx(10 / 13)
    # late_receipt (answered two days late) and waiting (not answered by NOW).
    assert got.received_late == 2
    # early, paused and justice early, and february (decided in March); step_late on time;
    # twice (a second supplement) and sorry (apologised, past its original due moment) late.
    assert (got.finished, got.finished_early, got.finished_on_time, got.finished_late) == (
        7,
        4,
        1,
        2,
    )
    # overdue, counter, post and portal past their due moments; late_receipt not yet.
    assert (got.overdue_now, got.in_progress) == (4, 5)
    assert (got.supplemented, got.second_supplement, got.apologised) == (2, 1, 1)
    assert (got.stopped, got.withdrawn, got.refused) == (1, 1, 1)
    assert (got.paid_online, got.postal, got.population_checked) == (1, 1, 1)
    assert got.digitised == 12  # all but the one received by post on paper
    # Each dossier is judged as decided_at against decided_due_at, with supplement time out.
    paused = month["paused"]
    assert paused.decided_at < paused.decided_due_at  # without the pause it would be late
    assert (
        month["sorry"].applicant_due_at > month["sorry"].decided_at > month["sorry"].decided_due_at
    )


def test_february_is_another_period(month):
    got = figures.dossier_figures(
        Scope(START.replace(month=2), START.replace(day=28, month=2)), now=NOW
    )
    assert (got.received, got.finished) == (1, 0)


def test_breakdowns_add_up(month):
    world = month.world
    scope = Scope(START, END)
    total = figures.dossier_figures(scope, now=NOW)
    city = world.department.parent
    rows = figures.breakdown(scope, "agency", now=NOW)
    assert [row.scope.agency for row in rows] == [city]
    assert rows[0].figures == total
    children = figures.breakdown(rows[0].scope, "agency", now=NOW)
    assert {row.scope.agency for row in children} == set(city.children.all())
    for name in ("received", "finished", "finished_late", "stopped", "refused", "overdue_now"):
        assert sum(getattr(row.figures, name) for row in children) == getattr(total, name)
    by_department = {row.scope.agency: row.figures for row in children}
    assert by_department[world.other].received == 1
    assert by_department[world.department].received == 12
    for by in ("field", "procedure", "channel"):
        rows = figures.breakdown(scope, by, now=NOW)
        for name in ("received", "finished", "finished_early", "refused", "in_progress"):
            assert sum(getattr(row.figures, name) for row in rows) == getattr(total, name), (
                by,
                name,
            )
    channels = {
        row.key: row.figures.received for row in figures.breakdown(scope, "channel", now=NOW)
    }
    assert channels == {"counter": 2, "online": 9, "national_portal": 1, "post": 1}
    procedures = figures.breakdown(scope, "procedure", now=NOW)
    assert {row.scope.procedure for row in procedures} == set(Procedure.objects.all())
    with pytest.raises(ValueError):
        figures.breakdown(scope, "colour", now=NOW)


def test_trend_buckets(month):
    scope = Scope(START, END)
    total = figures.dossier_figures(scope, now=NOW)
    for grain in ("day", "week", "month"):
        points = figures.trend(scope, grain, now=NOW)
        assert sum(p.received for p in points) == total.received
        assert (
            sum(p.online for p in points) == total.received_online + total.received_national_portal
        )
        assert sum(p.finished for p in points) == total.finished
        assert (
            sum(p.finished_on_time for p in points) == total.finished_early + total.finished_on_time
        )
        assert sum(p.finished_late for p in points) == total.finished_late
    days = figures.trend(scope, "day", now=NOW)
    assert len(days) == 31 and days[0].start == START
    second = days[1]  # Monday 2 March: six dossiers received online
    assert (second.received, second.online) == (6, 6)
    weeks = figures.trend(scope, "week", now=NOW)
    assert weeks[0].start == START.replace(month=2, day=23)  # the Monday before 1 March
    assert all(point.start.weekday() == 0 for point in weeks)
    (only,) = figures.trend(scope, "month", now=NOW)
    assert only.start == START and only.received == 13
    with pytest.raises(ValueError):
        figures.trend(scope, "year", now=NOW)


def test_drill_down_to_the_dossiers_behind_each_count(month):
    for scope in (Scope(START, END), Scope(START, END, agency=month.world.other)):
        got = figures.dossier_figures(scope, now=NOW)
        for name in figures.COUNT_FIGURES:
            behind = figures.dossiers(scope, name, now=NOW)
            assert behind.count() == getattr(got, name), name
    scope = Scope(START, END)
    assert set(figures.dossiers(scope, "finished_late", now=NOW)) == {
        month["twice"],
        month["sorry"],
    }
    assert set(figures.dossiers(scope, "received_late", now=NOW)) == {
        month["late_receipt"],
        month["waiting"],
    }
    assert list(figures.dossiers(scope, "paid_online", now=NOW)) == [month["early"]]
    for name in ("online_share", "processing_days_p90", "sync_lag_p50_seconds", "nonsense"):
        with pytest.raises(ValueError):
            figures.dossiers(scope, name, now=NOW)
