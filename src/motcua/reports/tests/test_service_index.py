"""The service index on known answers: dossiers, procedures and complaints made through the
real services at fixed moments, each indicator's numbers and points checked against figures
worked out by hand (docs/service-index.md gives the readings)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.contrib.auth.models import AnonymousUser

from motcua.accounts.tests.factories import UserFactory
from motcua.agencies.choices import Role
from motcua.agencies.tests.factories import AgencyFactory, RoleGrantFactory
from motcua.catalog import services as catalog_services
from motcua.catalog.choices import OnlineClass
from motcua.catalog.tests.factories import ProcedureAgencyFactory, complete_procedure
from motcua.dossiers import services
from motcua.dossiers.choices import PauseReason
from motcua.dossiers.tests.fixtures import (
    approve_with_permit,
    received,
    submit_online,
    tracking,
    vn,
)
from motcua.events import consumers
from motcua.events.services import run_deliveries
from motcua.feedback import services as feedback
from motcua.feedback.choices import CRITERIA, ComplaintKind, Overall
from motcua.reports import service_index as index
from motcua.reports.scope import Scope
from motcua.results.tests.conftest import keys  # noqa: F401 - the signing keys fixture

pytestmark = pytest.mark.django_db

MARCH = {"start": date(2026, 3, 1), "end": date(2026, 3, 31)}
NOW = vn(2026, 4, 30, 12)


def settled():
    """Deliver the outbox, as the worker would: the figures' aggregates catch up."""
    for _round in range(100):
        if run_deliveries(limit=500, now=NOW) == (0, 0):
            return
    raise AssertionError("the outbox does not drain")


def card_of(scope, *, now):
    settled()
    return index.service_index(scope, now=now)


def drill_of(scope, code, *, now):
    settled()
    return index.pulling_down(scope, code, now=now)


def league_of(scope, *, now):
    settled()
    return index.league_table(scope, now=now)


def scope(agency=None, **dates) -> Scope:
    return Scope(agency=agency, **(dates or MARCH))


# --- the progress indicator: dossiers driven through their life ------------------------------
# The world's procedure allows 15 working days: received Monday 2 March 2026 10:00, a dossier
# is due Monday 23 March 10:00 (no holiday in between).


def decide(world, dossier, at):
    services.assign_step(dossier, actor=world.leader, assignee=world.specialist, now=at)
    services.forward_dossier(dossier, actor=world.specialist, now=at + timedelta(minutes=30))
    dossier.refresh_from_db()
    return approve_with_permit(
        world,
        dossier,
        number=f"{dossier.pk}/GPXD",
        signed_on=at.date(),
        now=at + timedelta(hours=1),
    )


def supplement(world, dossier, *, at, justification=""):
    services.pause_dossier(
        dossier,
        actor=world.specialist,
        reason=PauseReason.SUPPLEMENT,
        note="Thiếu bản vẽ",
        items=["Bản vẽ mặt bằng"],
        justification=justification,
        now=at,
    )
    dossier.refresh_from_db()


def resume(world, dossier, *, at):
    services.resume_dossier(dossier, actor=world.specialist, now=at)
    dossier.refresh_from_db()


@pytest.fixture
def march(world):
    """Seven dossiers of the department received in March 2026, named by what happened."""
    d = {}
    d["early"] = decide(world, received(world), vn(2026, 3, 11, 9))
    d["late"] = decide(world, received(world), vn(2026, 3, 25, 9))

    second = received(world)
    supplement(world, second, at=vn(2026, 3, 3, 9))
    resume(world, second, at=vn(2026, 3, 4, 9))
    supplement(world, second, at=vn(2026, 3, 5, 9), justification="Bản vẽ mới vẫn sai tỉ lệ")
    resume(world, second, at=vn(2026, 3, 6, 9))
    d["second_supplement"] = decide(world, second, vn(2026, 3, 11, 9))

    apologised = received(world)
    services.apologise(
        apologised,
        actor=world.leader,
        reason="Chờ ý kiến cơ quan phối hợp",
        new_due_at=vn(2026, 3, 30, 17),
        now=vn(2026, 3, 20, 9),
    )
    apologised.refresh_from_db()
    d["apologised"] = decide(world, apologised, vn(2026, 3, 25, 9))

    # Paused five working days (Wed 4 → Wed 11 March): due Monday 30 March, decided the 25th.
    paused = received(world)
    supplement(world, paused, at=vn(2026, 3, 4, 10))
    resume(world, paused, at=vn(2026, 3, 11, 10))
    d["paused"] = decide(world, paused, vn(2026, 3, 25, 9))

    d["open_overdue"] = received(world)
    fresh = submit_online(world, now=vn(2026, 3, 30, 9)).dossier
    d["open_fresh"] = services.receive_dossier(
        fresh, actor=world.receptionist, now=vn(2026, 3, 30, 10)
    )
    return d


def test_the_progress_indicator_judges_the_national_way(world, march):
    card = card_of(scope(world.department), now=NOW)
    on_time = card.indicator("on_time")
    # Judged: the five decided in March and the two still open. Late: decided after the due
    # moment; asked twice for a supplement; apologised but decided after the original due
    # moment (before the new date); open and past due at the period's end.
    assert (on_time.numerator, on_time.denominator) == (3, 7)
    assert on_time.ratio == pytest.approx(3 / 7)
    assert on_time.points == pytest.approx(20 * 3 / 7)  # no threshold: ratio × maximum

    drill = drill_of(scope(world.department), "on_time", now=NOW)
    assert drill.kind == "dossier"
    assert set(drill.queryset) == {
        march["late"],
        march["second_supplement"],
        march["apologised"],
        march["open_overdue"],
    }
    # The supplement's five working days were taken out: decided after the first due moment,
    # yet on time. The apology changed the applicant's date, not the one it is judged on.
    assert march["paused"] not in drill.queryset
    assert march["apologised"].applicant_due_at > march["apologised"].decided_at


def test_an_open_dossier_is_judged_at_the_end_of_the_period_not_now(world, march):
    # 1–20 March: decided in the period, the early one and the twice-supplemented one; still
    # open, the one received on 2 March, due on the 23rd: not late on the 20th, though it is
    # late now. The dossier received on 30 March is outside the period.
    first_part = scope(world.department, start=date(2026, 3, 1), end=date(2026, 3, 20))
    on_time = card_of(first_part, now=NOW).indicator("on_time")
    assert (on_time.numerator, on_time.denominator) == (2, 3)
    drill = drill_of(first_part, "on_time", now=NOW)
    assert list(drill.queryset) == [march["second_supplement"]]

    # Asked before the period ends, it is judged now.
    early_now = vn(2026, 3, 24, 9)
    on_time = card_of(scope(world.department), now=early_now).indicator("on_time")
    drill = drill_of(scope(world.department), "on_time", now=early_now)
    assert march["open_overdue"] in drill.queryset and march["open_fresh"] not in drill.queryset


def test_online_dossiers_count_only_with_an_electronic_result(world, march):
    card = card_of(scope(world.department), now=NOW)
    online = card.indicator("online_dossiers")
    # All seven came online, but five were approved with a paper permit and no signed
    # electronic result: only the two still open count. Threshold 50%.
    assert (online.numerator, online.denominator) == (2, 7)
    assert online.points == pytest.approx(3 * (2 / 7) / 0.5)
    full = card.indicator("full_process_dossiers")
    assert (full.numerator, full.denominator, full.points) == (7, 7, 3)
    result = card.indicator("electronic_result")
    assert (result.numerator, result.denominator, result.points) == (0, 5, 0)


def test_satisfaction_subtracts_late_and_unhappy_shares(world, march):
    early, paused = march["early"], march["paused"]
    feedback.submit_complaint(
        feedback.ComplaintData(
            kind=ComplaintKind.COMPLAINT, title="Chậm trả lời", content="Cán bộ không trả lời."
        ),
        actor=AnonymousUser(),
        dossier=early,
        proof=tracking(early),
        now=vn(2026, 3, 12, 9),
    )
    services.return_result(paused, actor=world.returner, channel="online", now=vn(2026, 3, 26, 9))
    paused.refresh_from_db()
    feedback.rate_dossier(
        paused,
        feedback.RatingData(
            scores={key: 2 for key, _label in CRITERIA}, overall=Overall.UNSATISFIED
        ),
        actor=AnonymousUser(),
        proof=tracking(paused),
        now=vn(2026, 3, 27, 9),
    )
    card = card_of(scope(world.department), now=NOW)
    satisfaction = card.indicator("satisfaction")
    # 7 judged, 4 late, 2 with a complaint or a poor rating: 100% − 4/7 − 2/7 = 1/7, against
    # a threshold of 90%.
    assert (satisfaction.numerator, satisfaction.denominator) == (1, 7)
    assert satisfaction.points == pytest.approx(6 * (1 / 7) / 0.9)
    drill = drill_of(scope(world.department), "satisfaction", now=NOW)
    assert set(drill.queryset) == set(march.values()) - {march["open_fresh"]}


def test_a_dossier_counts_as_synced_once_the_national_portal_consumer_delivered_it(world):
    first, second = received(world), received(world)
    delivered_to_portal = []

    def portal(event):
        if event.dossier_id == second.pk:
            raise RuntimeError("Cổng quốc gia không trả lời")
        delivered_to_portal.append(event.dossier_id)

    consumers.register(index.NATIONAL_PORTAL_CONSUMER, {"dossier.receive"}, portal)
    try:
        third = received(world)
        fourth = received(world)
        run_deliveries(now=vn(2026, 3, 2, 11))
    finally:
        consumers.unregister(index.NATIONAL_PORTAL_CONSUMER)
    synced = card_of(scope(world.department), now=NOW).indicator("synced")
    # The first two were received before the consumer listened; the second failed.
    assert delivered_to_portal and (synced.numerator, synced.denominator) == (2, 4)
    assert synced.points == pytest.approx(6 * 2 / 4)
    drill = drill_of(scope(world.department), "synced", now=NOW)
    assert set(drill.queryset) == {first, second} and third not in drill.queryset
    assert fourth not in drill.queryset


# --- the catalog indicators ---------------------------------------------------------------


@pytest.fixture
def catalog_admin(db):
    return RoleGrantFactory(
        agency=AgencyFactory(name="UBND tỉnh (quản trị danh mục)"),
        role=Role.CATALOG_ADMIN,
        includes_subtree=True,
    ).user


def draft_for(agency, **kwargs):
    procedure = complete_procedure(status="draft", **kwargs)
    ProcedureAgencyFactory(procedure=procedure, agency=agency)
    return procedure


@pytest.fixture
def catalog(world, catalog_admin):
    """Five procedures of the other department (Sở Tư pháp), published and withdrawn through
    the catalog services at known moments."""
    other, admin = world.other, catalog_admin
    p = {}
    p["on_time"] = draft_for(
        other, effective_from=date(2026, 3, 1), description="Bước 1: nộp hồ sơ."
    )
    catalog_services.publish_procedure(p["on_time"], actor=admin, now=vn(2026, 2, 20, 9))
    p["late"] = draft_for(
        other,
        effective_from=date(2026, 3, 1),
        via_online=False,
        service_level=2,
        online_class=OnlineClass.NONE,
    )
    catalog_services.publish_procedure(p["late"], actor=admin, now=vn(2026, 3, 5, 9))
    p["undated"] = complete_procedure(status="draft")
    # Offered online by the province, but not by this department.
    ProcedureAgencyFactory(
        procedure=p["undated"], agency=other, service_level=2, online_class=OnlineClass.NONE
    )
    catalog_services.publish_procedure(p["undated"], actor=admin, now=vn(2026, 3, 5, 9))
    p["withdrawn"] = draft_for(other, effective_to=date(2026, 3, 15))
    catalog_services.publish_procedure(p["withdrawn"], actor=admin, now=vn(2026, 1, 5, 9))
    catalog_services.withdraw_procedure(
        p["withdrawn"], actor=admin, reason="Hết hiệu lực", now=vn(2026, 3, 10, 9)
    )
    p["stale"] = draft_for(other, effective_to=date(2026, 3, 20))
    catalog_services.publish_procedure(p["stale"], actor=admin, now=vn(2026, 1, 5, 9))
    for procedure in p.values():
        procedure.refresh_from_db()
    return p


def test_catalog_indicators_and_the_zero_denominator_rule(world, catalog):
    card = card_of(scope(world.other), now=NOW)
    got = {
        s.indicator.code: (s.numerator, s.denominator, s.points)
        for s in card.indicators
        if s.applicable
    }
    expected = {
        # published: on_time, late, undated, stale; late was published after taking effect
        "published_on_time": (3, 4, 6 * 3 / 4),
        # to be withdrawn by 31 March: withdrawn (on time) and stale (never withdrawn)
        "updated_on_time": (1, 2, 4 * 1 / 2),
        # only one has its steps written (the others lack the description)
        "published_complete": (1, 4, 2 * 1 / 4),
        # online here: on_time and stale; threshold 80%
        "online_procedures": (2, 4, 3 * (2 / 4) / 0.8),
        "online_services_used": (0, 2, 0),
        # every one bears a fee; payable online where offered at level 4 or full-process
        "payment_integrated": (2, 4, 2 * 2 / 4),
        "payment_used": (0, 4, 0),
    }
    assert got.keys() == expected.keys()
    for code, (numerator, denominator, points) in expected.items():
        assert got[code][:2] == (numerator, denominator), code
        assert got[code][2] == pytest.approx(points), code
    # No dossier and no complaint: those indicators are not applicable, score nothing, and
    # leave the index, whose total is rescaled over the 22 points that apply.
    synced = card.indicator("synced")
    assert (synced.denominator, synced.ratio, synced.points) == (0, None, None)
    points = sum(p for _n, _d, p in expected.values())
    assert card.applicable_max == 22
    assert card.points == pytest.approx(points)
    assert card.total == pytest.approx(100 * points / 22)
    assert card.band.code == "weak"
    group_one = next(g for g in card.groups if g.group.number == 1)
    assert group_one.max_points == 12  # synced (6) does not apply
    assert group_one.points == pytest.approx(6 * 3 / 4 + 2 + 0.5)

    late = drill_of(scope(world.other), "published_on_time", now=NOW)
    assert late.kind == "procedure" and list(late.queryset) == [catalog["late"]]
    stale = drill_of(scope(world.other), "updated_on_time", now=NOW)
    assert list(stale.queryset) == [catalog["stale"]]
    offline = drill_of(scope(world.other), "online_procedures", now=NOW)
    assert set(offline.queryset) == {catalog["late"], catalog["undated"]}


def test_with_nothing_applicable_the_total_is_zero_and_weak(world):
    empty = AgencyFactory(name="Phường không có hồ sơ", parent=world.other)
    card = card_of(scope(empty), now=NOW)
    assert not any(s.applicable for s in card.indicators)
    assert (card.total, card.band.code, card.applicable_max) == (0.0, "weak", 0)


# --- complaints -----------------------------------------------------------------------------


def complaint(world, at, title):
    return feedback.submit_complaint(
        feedback.ComplaintData(
            kind=ComplaintKind.PETITION,
            title=title,
            content="Đề nghị đơn giản hóa thành phần hồ sơ.",
            contact_name="Vũ Minh Tuấn",
            contact_phone="0912000111",
        ),
        actor=AnonymousUser(),
        procedure=world.procedure,
        now=at,
    )


def test_complaints_on_time_and_resolved(world):
    leader = world.leader
    answered = complaint(world, vn(2026, 3, 2, 9), "Trả lời đúng hạn")
    feedback.answer_complaint(answered, actor=leader, answer="Đã tiếp thu.", now=vn(2026, 3, 5, 9))
    feedback.publish_answer(answered, actor=leader, now=vn(2026, 3, 5, 10))
    slow = complaint(world, vn(2026, 3, 2, 9), "Trả lời muộn")
    feedback.answer_complaint(slow, actor=leader, answer="Đã tiếp thu.", now=vn(2026, 4, 20, 9))
    refused = complaint(world, vn(2026, 3, 2, 9), "Bị từ chối")
    feedback.refuse_complaint(refused, actor=leader, reason="Trùng lặp", now=vn(2026, 3, 3, 9))
    fresh = complaint(world, vn(2026, 3, 30, 9), "Còn trong hạn")
    forgotten = complaint(world, vn(2026, 3, 2, 9), "Quá hạn chưa trả lời")
    complaint(world, vn(2026, 4, 2, 9), "Ngoài kỳ")

    card = card_of(scope(world.department), now=NOW)
    on_time = card.indicator("complaints_on_time")
    # Five received in March: answered late and still open past its due moment at the end
    # of March are late; the one received on the 30th is still within its 15 working days.
    assert (on_time.numerator, on_time.denominator) == (3, 5)
    assert on_time.points == pytest.approx(6 * 3 / 5)
    resolved = card.indicator("complaints_resolved")
    # The refused one is left out; only the answer made public counts.
    assert (resolved.numerator, resolved.denominator) == (1, 4)
    assert resolved.points == pytest.approx(6 / 4)
    drill = drill_of(scope(world.department), "complaints_on_time", now=NOW)
    assert drill.kind == "complaint" and set(drill.queryset) == {slow, forgotten}
    assert fresh not in drill.queryset and refused not in drill.queryset


# --- league table, bands, formulas ---------------------------------------------------------


def test_the_league_table_ranks_the_children_best_first(world, catalog):
    city = world.department.parent
    for _ in range(2):
        decide(world, received(world), vn(2026, 3, 11, 9))
    rows = league_of(scope(city), now=NOW)
    assert [row.agency for row in rows] == [world.department, world.other, world.centre]
    assert [row.rank for row in rows] == [1, 2, 3]
    assert rows[0].card.total > rows[1].card.total > rows[2].card.total == 0
    assert rows[1].card.total == pytest.approx(card_of(scope(world.other), now=NOW).total)


def test_equal_totals_share_a_rank(db):
    parent = AgencyFactory(name="UBND xã thử nghiệm", receives_dossiers=False)
    for name in ("Phòng Văn hóa", "Bộ phận một cửa", "Phòng Kinh tế"):
        AgencyFactory(name=name, parent=parent)
    rows = league_of(scope(parent), now=NOW)
    # Nothing applies anywhere: every child scores 0 and shares the first rank, by name.
    assert [row.rank for row in rows] == [1, 1, 1]
    assert [row.agency.name for row in rows] == [
        "Bộ phận một cửa",
        "Phòng Kinh tế",
        "Phòng Văn hóa",
    ]


@pytest.mark.parametrize(
    ("total", "band"),
    [
        (100, "excellent"),
        (90, "excellent"),
        (89.999, "good"),
        (80, "good"),
        (79.99, "fair"),
        (65, "fair"),
        (64.9, "average"),
        (50, "average"),
        (49.99, "weak"),
        (0, "weak"),
    ],
)
def test_band_boundaries(total, band):
    from motcua.reports.service_index_config import active_configuration

    assert active_configuration().band_for(total).code == band


def test_points_with_and_without_a_threshold():
    from motcua.reports.service_index_config import Indicator

    with_threshold = Indicator("x", 3, "x", 3, 0.8, "")
    assert with_threshold.points_for(0.4) == pytest.approx(1.5)
    assert with_threshold.points_for(0.8) == pytest.approx(3)
    assert with_threshold.points_for(0.95) == pytest.approx(3)  # capped at the maximum
    plain = Indicator("y", 2, "y", 20, None, "")
    assert plain.points_for(0.35) == pytest.approx(7)
    assert plain.points_for(1) == pytest.approx(20)


def test_the_configuration_adds_up_to_the_decision(world):
    groups = {group.number: group.max_points for group in index.GROUPS}
    assert groups == {1: 18, 2: 20, 3: 22, 4: 22, 5: 18}
    assert sum(i.max_points for i in index.INDICATORS) == 100
    assert [b.minimum for b in index.BANDS] == sorted(
        (b.minimum for b in index.BANDS), reverse=True
    )
    with pytest.raises(KeyError):
        drill_of(scope(world.department), "no_such_indicator", now=NOW)


def test_every_indicator_has_a_definition_and_a_measure():
    assert {i.code for i in index.INDICATORS} == set(index.MEASURES)
    for indicator in index.INDICATORS:
        assert str(indicator.label) and len(str(indicator.definition)) > 40


def test_reads_go_through_the_replica_switch(world, monkeypatch):
    from motcua.lib import replica

    seen = []
    real = replica.replica_reads

    def spy():
        seen.append(True)
        return real()

    monkeypatch.setattr(index, "replica_reads", spy)
    card_of(scope(world.department), now=NOW)
    league_of(scope(world.department.parent), now=NOW)
    drill_of(scope(world.department), "on_time", now=NOW)
    assert len(seen) == 3


# --- digitisation, reuse and the population database ----------------------------------------


def test_digitisation_reuse_copies_and_the_population_database(world):
    import hashlib

    from motcua.dossiers.services import ChecklistLine, IdentityCheckData
    from motcua.dossiers.tests.fixtures import PDF_BYTES, pdf

    citizen = UserFactory(full_name="Trần Thị Bích Ngọc")
    # From the personal data store: a citizen's own draft takes GCN from the national store.
    draft = services.create_dossier(
        procedure=world.procedure,
        case=world.case,
        channel="online",
        applicant=world.applicant(),
        receiving_agency=world.centre,
        form_data={"dien_tich": "120.5", "so_tang": "4"},
        uploads=[services.Upload("DON", pdf("don.pdf"))],
        actor=citizen,
        submit=False,
        now=vn(2026, 3, 2, 8),
    ).dossier
    services.reuse_national_document(
        draft,
        actor=citizen,
        document_code="GCN",
        name="gcn.pdf",
        content=PDF_BYTES,
        sha256="sha256:" + hashlib.sha256(PDF_BYTES).hexdigest(),
        reference="KDL-0001",
        now=vn(2026, 3, 2, 8, 30),
    )
    services.submit_dossier(draft, actor=citizen, now=vn(2026, 3, 2, 9))
    from_store = services.receive_dossier(draft, actor=world.receptionist, now=vn(2026, 3, 2, 10))
    uploaded = received(world)  # both documents uploaded online: digitised electronic copies

    def at_counter(gcn_form, result, note=""):
        return services.receive_at_counter(
            actor=world.receptionist,
            procedure=world.procedure,
            case=world.case,
            applicant=world.applicant(),
            receiving_agency=world.centre,
            form_data={"dien_tich": 80},
            checklist=[ChecklistLine("DON", "original", 1), ChecklistLine("GCN", gcn_form, 1)],
            identity=IdentityCheckData(
                personal_id="001190012345",
                name="Trần Thị Bích Ngọc",
                birth_date=None,
                result=result,
                note=note,
            ),
            now=vn(2026, 3, 3, 10),
        ).dossier

    checked = at_counter("electronic_copy", "match")
    unchecked = at_counter("certified_copy", "unavailable", note="Mất kết nối CSDL dân cư")

    card = card_of(scope(world.department), now=NOW)

    def numbers(code):
        score = card.indicator(code)
        return score.numerator, score.denominator

    # Digitised: the two online dossiers; the counter's paper lines were not scanned.
    assert numbers("digitised") == (2, 4)
    assert card.indicator("digitised").points == pytest.approx(4 * 0.5 / 0.8)
    # Copies, in components: 2 + 2 online electronic copies, 1 at the counter, 1 certified.
    assert numbers("certified_copies") == (5, 6)
    assert card.indicator("certified_copies").points == pytest.approx(2 * 5 / 6)
    assert numbers("reused") == (1, 4)
    assert card.indicator("reused").points == pytest.approx(2 * 0.25 / 0.8)
    assert numbers("personal_data_store") == (1, 4)
    assert card.indicator("personal_data_store").points == pytest.approx(1)
    # An unreachable database is no use of it.
    assert numbers("population_dossiers") == (1, 4)
    assert numbers("population_procedures") == (1, 1)
    assert card.indicator("paid_online").applicable is False  # the procedure has no fee

    def drill(code):
        return set(drill_of(scope(world.department), code, now=NOW).queryset)

    assert drill("digitised") == {checked, unchecked}
    assert drill("certified_copies") == {unchecked}
    assert drill("personal_data_store") == {uploaded, checked, unchecked}
    assert drill("population_dossiers") == {from_store, uploaded, unchecked}


# --- payments -------------------------------------------------------------------------------


def test_online_payment_indicators(world, settings):
    from motcua.catalog.tests.factories import FeeFactory
    from motcua.payments import services as payments
    from motcua.payments.providers.base import hmac_hex
    from motcua.payments.providers.provincial_gateway import dumps

    FeeFactory(procedure=world.procedure, code="LP01", name="Lệ phí cấp phép", amount=75_000)
    world.procedure.save()  # a new updated_at: the cached parts are read again
    settings.PAYMENT_PROVINCIAL_SECRET = "bi-mat-thu-nghiem"
    online, counter, unpaid = received(world), received(world), received(world)

    payment = payments.start_online_payment(
        online, provider_name="provincial_gateway", proof=tracking(online), now=vn(2026, 3, 3, 9)
    ).payment
    body = dumps(
        {
            "merchantCode": settings.PAYMENT_PROVINCIAL_MERCHANT,
            "orderId": payment.bill_code,
            "transId": "PG-0001",
            "amount": payment.amount,
            "resultCode": "0",
        }
    )
    headers = {"X-Signature": hmac_hex(settings.PAYMENT_PROVINCIAL_SECRET, body)}
    applied = payments.receive_notification(
        "provincial_gateway", body, headers, now=vn(2026, 3, 3, 9, 5)
    )
    assert applied.outcome == "applied"
    payments.record_counter_payment(
        counter, actor=world.receptionist, method="counter_cash", now=vn(2026, 3, 3, 10)
    )

    card = card_of(scope(world.department), now=NOW)
    paid = card.indicator("paid_online")
    assert (paid.numerator, paid.denominator) == (1, 3)
    assert paid.points == pytest.approx(6 / 3)
    assert (
        card.indicator("payment_integrated").numerator,
        card.indicator("payment_integrated").denominator,
    ) == (1, 1)
    assert (
        card.indicator("payment_used").numerator,
        card.indicator("payment_used").denominator,
    ) == (1, 1)
    drill = drill_of(scope(world.department), "paid_online", now=NOW)
    assert set(drill.queryset) == {counter, unpaid}
    # In April nothing was paid online: the procedure counts, unused.
    april = scope(world.department, start=date(2026, 4, 1), end=date(2026, 4, 30))
    used = card_of(april, now=NOW).indicator("payment_used")
    assert (used.numerator, used.denominator) == (0, 1)


# --- electronic results ---------------------------------------------------------------------


def test_a_signed_result_counts_as_electronic_and_digitised(world, keys):  # noqa: F811
    from motcua.integrations.signing.sources import Pkcs12Source
    from motcua.integrations.signing.sync import sign_dossier_results

    signed = decide(world, received(world), vn(2026, 3, 11, 9))
    paper = decide(world, received(world), vn(2026, 3, 12, 9))
    (result,) = sign_dossier_results(signed, Pkcs12Source())
    assert result.dossier_id == signed.pk

    card = card_of(scope(world.department), now=NOW)

    def numbers(code):
        return card.indicator(code).numerator, card.indicator(code).denominator

    assert numbers("electronic_result") == (1, 2)
    assert card.indicator("electronic_result").points == pytest.approx(3)
    # Both were uploaded online, so digitised; only the signed one has its result digitised.
    assert numbers("digitised") == (1, 2)
    assert numbers("online_dossiers") == (1, 2)
    for code in ("electronic_result", "digitised", "online_dossiers"):
        drill = drill_of(scope(world.department), code, now=NOW)
        assert list(drill.queryset) == [paper], code
