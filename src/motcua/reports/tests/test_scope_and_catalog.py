"""Who reads which figures (reports.scope), the national way of judging (reports.lateness) and
the catalog's figures."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from motcua.accounts.tests.factories import UserFactory
from motcua.agencies.choices import AgencyKind, Role
from motcua.agencies.tests.factories import AgencyFactory, RoleGrantFactory
from motcua.catalog.choices import OnlineClass, PublicationStatus
from motcua.catalog.models import Procedure, ProcedureAgency
from motcua.catalog.tests.factories import FeeFactory, ProcedureAgencyFactory, ProcedureFactory
from motcua.dossiers.tests.fixtures import vn
from motcua.reports import figures, lateness
from motcua.reports.scope import NotAllowed, Scope, readable_agencies, scope_for

pytestmark = pytest.mark.django_db

START, END = date(2026, 3, 1), date(2026, 3, 31)


@pytest.fixture
def wards():
    province = AgencyFactory(name="UBND tỉnh", kind=AgencyKind.PEOPLES_COMMITTEE)
    first = AgencyFactory(name="UBND phường Một", parent=province, kind=AgencyKind.COMMUNE)
    second = AgencyFactory(name="UBND phường Hai", parent=province, kind=AgencyKind.COMMUNE)
    office = AgencyFactory(name="Bộ phận một cửa phường Một", parent=first, kind=AgencyKind.UNIT)
    return province, first, second, office


def _official(agency, role, subtree=False):
    user = UserFactory(official=True)
    RoleGrantFactory(user=user, agency=agency, role=role, includes_subtree=subtree)
    return user


def test_a_ward_reader_reads_their_ward_and_not_another(wards):
    province, first, second, office = wards
    reader = _official(first, Role.REPORT_READER, subtree=True)
    assert set(readable_agencies(reader)) == {first, office}
    scope = scope_for(reader, start=START, end=END, agency=first)
    assert scope.agency == first
    assert scope_for(reader, start=START, end=END, agency=office).agency == office
    with pytest.raises(NotAllowed):
        scope_for(reader, start=START, end=END, agency=second)
    with pytest.raises(NotAllowed):
        scope_for(reader, start=START, end=END, agency=province)
    # Without an agency: the topmost one they may read, not the province.
    assert scope_for(reader, start=START, end=END).agency == first


def test_a_grant_without_its_subtree_does_not_read_the_subtree(wards):
    province, first, second, office = wards
    reader = _official(first, Role.REPORT_READER)
    assert set(readable_agencies(reader)) == {first}
    with pytest.raises(NotAllowed):
        scope_for(reader, start=START, end=END, agency=first)  # its unit is not theirs
    assert scope_for(reader, start=START, end=END).agency == first


def test_leaders_and_administrators(wards):
    province, first, second, office = wards
    leader = _official(second, Role.UNIT_LEADER, subtree=True)
    assert scope_for(leader, start=START, end=END).agency == second
    admin = _official(province, Role.SYSTEM_ADMIN, subtree=True)
    assert scope_for(admin, start=START, end=END).agency is None  # the whole province
    assert scope_for(admin, start=START, end=END, agency=second).agency == second
    specialist = _official(first, Role.SPECIALIST, subtree=True)
    with pytest.raises(NotAllowed):
        scope_for(specialist, start=START, end=END)
    superuser = UserFactory(official=True, is_superuser=True)
    assert scope_for(superuser, start=START, end=END).agency is None


def test_a_scope_ends_after_it_starts():
    with pytest.raises(ValueError):
        Scope(END, START)


def test_the_national_way_of_judging():
    due = vn(2026, 3, 23, 10)
    assert (
        lateness.judge(decided_at=vn(2026, 3, 20, 9), due_at=due, supplement_requests=0) == "early"
    )
    assert (
        lateness.judge(decided_at=vn(2026, 3, 23, 9), due_at=due, supplement_requests=1)
        == "on_time"
    )
    assert (
        lateness.judge(decided_at=vn(2026, 3, 23, 11), due_at=due, supplement_requests=0) == "late"
    )
    # A second supplement request: late, however early.
    assert lateness.judge(decided_at=vn(2026, 3, 3, 9), due_at=due, supplement_requests=2) == "late"
    at = vn(2026, 3, 31)
    assert lateness.open_is_late(
        status="processing", due_at=due, remaining_seconds=None, supplement_requests=0, at=at
    )
    assert not lateness.open_is_late(
        status="processing",
        due_at=at + timedelta(days=1),
        remaining_seconds=None,
        supplement_requests=0,
        at=at,
    )
    assert lateness.open_is_late(
        status="paused", due_at=None, remaining_seconds=-60, supplement_requests=0, at=at
    )
    assert not lateness.open_is_late(
        status="paused", due_at=None, remaining_seconds=60, supplement_requests=1, at=at
    )
    assert not lateness.open_is_late(
        status="decided", due_at=due, remaining_seconds=None, supplement_requests=0, at=at
    )


def test_the_judgement_in_the_database_is_the_same(month):
    from motcua.dossiers.models import Dossier

    judged = {d.pk: d.judged for d in lateness.with_judgement(Dossier.objects.all())}
    for dossier in Dossier.objects.all():
        assert judged[dossier.pk] == (lateness.judge_dossier(dossier) or "")
    late_now = Dossier.objects.filter(lateness.open_late_condition(vn(2026, 3, 31)))
    assert month["overdue"] in late_now and month["late_receipt"] not in late_now


def _raw_catalog(agency=None):
    """The catalog's figures from the raw rows."""
    procedures = list(Procedure.objects.filter(status=PublicationStatus.PUBLISHED))
    levels, classes = {}, {}
    for p in procedures:
        if agency is None:
            levels[p.pk], classes[p.pk] = p.service_level, p.online_class
            continue
        rows = [
            r
            for r in ProcedureAgency.objects.filter(procedure=p)
            if r.agency.path.startswith(agency.path)
        ]
        if rows:
            levels[p.pk] = max(r.effective_service_level for r in rows)
            order = [OnlineClass.NONE, OnlineClass.PARTIAL, OnlineClass.FULL]
            classes[p.pk] = max((r.effective_online_class for r in rows), key=order.index)
    kept = [p for p in procedures if p.pk in levels]
    fee_bearing = [p for p in kept if any(f.amount > 0 or f.tiers for f in p.fees.all())]
    return {
        "total": len(kept),
        "level34": sum(levels[p.pk] >= 3 for p in kept),
        "full_process": sum(classes[p.pk] == OnlineClass.FULL for p in kept),
        "integrated": sum(p.integrated_with_national_portal for p in kept),
        "fee_bearing": len(fee_bearing),
        "online_payment": sum(
            p.via_online and (levels[p.pk] >= 3 or classes[p.pk] != OnlineClass.NONE)
            for p in fee_bearing
        ),
    }


def test_catalog_figures(wards):
    province, first, second, office = wards
    full = ProcedureFactory(integrated_with_national_portal=True)
    partial = ProcedureFactory(service_level=3, online_class=OnlineClass.PARTIAL)
    offline = ProcedureFactory(service_level=2, online_class=OnlineClass.NONE, via_online=False)
    ProcedureFactory(status=PublicationStatus.DRAFT)  # not published: not counted
    for procedure in (full, partial, offline):
        procedure.status = PublicationStatus.PUBLISHED
        procedure.save()
    FeeFactory(procedure=full, amount=50_000)
    FeeFactory(procedure=offline, amount=20_000)
    ProcedureAgencyFactory(procedure=full, agency=office)
    # The second ward offers the partial procedure at level 4 and in full.
    ProcedureAgencyFactory(
        procedure=partial, agency=second, service_level=4, online_class=OnlineClass.FULL
    )
    ProcedureAgencyFactory(procedure=offline, agency=second)
    whole = figures.catalog_figures(Scope(START, END))
    assert whole.total == 3 and whole.by_level == {1: 0, 2: 1, 3: 1, 4: 1}
    assert whole.by_class == {"full": 1, "partial": 1, "none": 1}
    assert (whole.level34, whole.full_process, whole.integrated) == (2, 1, 1)
    assert (whole.fee_bearing, whole.online_payment) == (2, 1)
    assert whole.level34_share == pytest.approx(2 / 3)
    assert whole.integrated_share == pytest.approx(1 / 3)
    ward = figures.catalog_figures(Scope(START, END, agency=second))
    assert ward.total == 2 and ward.by_level[4] == 1 and ward.by_class["full"] == 1
    assert ward.full_process_share == 0.5
    for agency in (None, first, second, province):
        got = figures.catalog_figures(Scope(START, END, agency=agency))
        raw = _raw_catalog(agency)
        for name, value in raw.items():
            assert getattr(got, name) == value, (agency, name)
