"""The work queues: one tab per role, scoped to what the official may see, filtered, searched,
paged, swapped by htmx, in a number of queries that does not grow with the rows."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from motcua.agencies.choices import Role
from motcua.catalog.models import ProcessStep
from motcua.catalog.tests.factories import ProcessStepFactory
from motcua.dossiers import services
from motcua.dossiers.tests.fixtures import vn
from motcua.office.tests.helpers import assigned, at_last_step, decided, received, submit_online
from motcua.testing import sign_in_official

pytestmark = pytest.mark.django_db
QUEUES = "office:queues"


def _queue(client, **params):
    return client.get(reverse(QUEUES), params)


def _codes(response):
    return response.content.decode()


def test_reception_sees_the_online_dossiers_waiting_to_be_received(client, world):
    waiting = submit_online(world).dossier
    other = received(world, personal_id="001190000002")
    sign_in_official(client, world.receptionist)
    page = _codes(_queue(client, hang="cho-tiep-nhan"))
    assert waiting.code in page and other.code not in page
    assert "Chờ tiếp nhận" in page and "Chờ lãnh đạo duyệt" not in page


def test_the_leader_sees_the_unassigned_steps_of_the_unit(client, world):
    fresh = received(world)
    taken = assigned(world, personal_id="001190000003")
    sign_in_official(client, world.leader)
    page = _codes(_queue(client, hang="chua-phan-cong"))
    assert fresh.code in page and taken.code not in page


def test_a_leaders_own_step_waits_for_decision_not_for_assignment(client, world):
    signing = at_last_step(world)  # at "Phê duyệt", the leader's step, nobody assigned
    fresh = received(world, personal_id="001190000013")  # at "Thẩm định", to be assigned
    sign_in_official(client, world.leader)
    page = _codes(_queue(client, hang="chua-phan-cong"))
    assert fresh.code in page and signing.code not in page
    page = _codes(_queue(client, hang="cho-duyet"))
    assert signing.code in page and fresh.code not in page
    home = client.get(reverse("office:home")).content.decode()
    assert re.search(r'tile-count">1</span>\s*<span class="tile-title">Chưa phân công', home)


def test_the_specialist_sees_the_steps_assigned_to_them(client, world):
    taken = assigned(world)
    fresh = received(world, personal_id="001190000004")
    sign_in_official(client, world.specialist)
    page = _codes(_queue(client, hang="cua-toi"))
    assert taken.code in page and fresh.code not in page
    assert "Phạm Thu Hà" in page  # the assignee column


def test_the_leader_sees_what_waits_for_a_decision(client, world):
    last = at_last_step(world)
    middle = assigned(world, personal_id="001190000005")
    sign_in_official(client, world.leader)
    page = _codes(_queue(client, hang="cho-duyet"))
    assert last.code in page and middle.code not in page


def _last_step_done_by_a_specialist(world):
    """The process ends with a specialist's step, so only 'last step' puts it in the queue."""
    ProcessStep.objects.filter(procedure=world.procedure, order=3).update(role=Role.SPECIALIST)


def test_waiting_for_decision_follows_the_process_the_dossier_was_received_under(client, world):
    _last_step_done_by_a_specialist(world)
    last = at_last_step(world)
    # The catalog then grows a fourth step: the dossier was received with three.
    ProcessStepFactory(procedure=world.procedure, order=4, name="Ký số kết quả")
    longer = at_last_step(world, personal_id="001190000011")
    sign_in_official(client, world.leader)
    page = _codes(_queue(client, hang="cho-duyet"))
    assert last.code in page  # still at the last step of its own process
    assert longer.code not in page  # its process has a step after this one


def test_a_step_removed_from_the_catalog_does_not_make_a_dossier_wait_for_decision(client, world):
    _last_step_done_by_a_specialist(world)
    ProcessStepFactory(procedure=world.procedure, order=4, name="Ký số kết quả")
    dossier = at_last_step(world)  # at step 3 of 4
    ProcessStep.objects.filter(procedure=world.procedure, order=4).delete()
    sign_in_official(client, world.leader)
    assert dossier.code not in _codes(_queue(client, hang="cho-duyet"))
    services.forward_dossier(dossier, actor=world.leader, now=vn(2026, 3, 4, 9))
    assert dossier.code in _codes(_queue(client, hang="cho-duyet"))


def test_a_step_handed_over_from_the_last_step_waits_for_decision_at_the_other_agency(
    client, world
):
    # The step handed over is a specialist's: only being the last puts it in the queue.
    last = at_last_step(world)
    services.hand_over(
        last, actor=world.leader, to_agency=world.other, reason="Ý kiến", now=vn(2026, 3, 4, 9)
    )
    middle = assigned(world, personal_id="001190000012")
    services.hand_over(
        middle, actor=world.leader, to_agency=world.other, reason="Ý kiến", now=vn(2026, 3, 4, 9)
    )
    sign_in_official(client, world.outsider)  # the leader of the agency handed to
    page = _codes(_queue(client, hang="cho-duyet"))
    assert last.code in page and middle.code not in page


def test_a_process_without_steps_waits_for_decision_at_its_one_step(client, world):
    ProcessStep.objects.filter(procedure=world.procedure).delete()
    dossier = received(world)  # its snapshot lists no step: the default single step opens
    assert dossier.snapshot["steps"] == []
    sign_in_official(client, world.leader)
    assert dossier.code in _codes(_queue(client, hang="cho-duyet"))


def test_result_return_sees_decided_results_and_those_uncollected_for_long(client, world):
    old = decided(world, now=timezone.now() - timedelta(days=30))
    new = decided(world, personal_id="001190000006", now=timezone.now())
    sign_in_official(client, world.returner)
    page = _codes(_queue(client, hang="tra-ket-qua"))
    assert old.code in page and new.code in page
    page = _codes(_queue(client, hang="ton-dong"))
    assert old.code in page and new.code not in page


def test_an_official_of_another_agency_sees_nothing_in_any_queue(client, world):
    submit_online(world)
    assigned(world, personal_id="001190000007")
    decided(world, personal_id="001190000008")
    sign_in_official(client, world.outsider)
    for slug in ["cho-tiep-nhan", "chua-phan-cong", "cua-toi", "cho-duyet", "tat-ca"]:
        page = _codes(_queue(client, hang=slug))
        assert world.centre.code not in page, slug


def test_search_finds_a_part_of_the_code_in_any_case(client, world):
    march = assigned(world)  # received on 2 March 2026: its code holds "260302"
    april = services.receive_dossier(
        submit_online(world, personal_id="001190000014", now=vn(2026, 4, 6, 9)).dossier,
        actor=world.receptionist,
        now=vn(2026, 4, 6, 10),
    )
    assert "-260302-" in march.code and "-260406-" in april.code
    sign_in_official(client, world.leader)
    page = _codes(_queue(client, hang="tat-ca", q="260302"))
    assert march.code in page and april.code not in page
    page = _codes(_queue(client, hang="tat-ca", q=april.code.lower()))
    assert april.code in page and march.code not in page


def test_search_by_name_without_diacritics_code_or_personal_id(client, world):
    ngoc = assigned(world)
    minh = assigned(world, name="Lê Quang Minh", personal_id="001190000009")
    sign_in_official(client, world.leader)
    page = _codes(_queue(client, hang="tat-ca", q="tran thi bich"))
    assert ngoc.code in page and minh.code not in page
    page = _codes(_queue(client, hang="tat-ca", q=minh.code))
    assert minh.code in page and ngoc.code not in page
    page = _codes(_queue(client, hang="tat-ca", q="001190000009"))
    assert minh.code in page and ngoc.code not in page


def test_overdue_and_due_soon_filters(client, world):
    overdue = assigned(world)  # received in March 2026, due 15 working days later: long past
    soon = submit_online(world, now=timezone.now(), personal_id="001190000010").dossier
    soon = services.receive_dossier(soon, actor=world.receptionist)
    sign_in_official(client, world.leader)
    page = _codes(_queue(client, hang="tat-ca", han="qua-han"))
    assert overdue.code in page and soon.code not in page
    assert "quá hạn" in page
    page = _codes(_queue(client, hang="tat-ca", han="sap-den-han"))
    assert overdue.code not in page


def test_htmx_gets_only_the_table_with_the_tabs_out_of_band(client, world):
    dossier = received(world)
    sign_in_official(client, world.leader)
    response = client.get(reverse(QUEUES), {"hang": "chua-phan-cong"}, HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert "<html" not in page and dossier.code in page
    assert 'id="queue-tabs" aria-label="Danh sách hồ sơ" hx-swap-oob="true"' in page
    assert "HX-Request" in response["Vary"]


def test_an_unknown_tab_or_page_falls_back_without_an_error(client, world):
    sign_in_official(client, world.specialist)
    assert _queue(client, hang="khong-co", page="abc", han="x").status_code == 200
    assert _queue(client, page="9999").status_code == 200


def test_pages_of_twenty_five(client, world):
    for index in range(26):
        submit_online(world, personal_id=f"0011900001{index:02d}")
    sign_in_official(client, world.receptionist)
    first = _codes(_queue(client, hang="cho-tiep-nhan"))
    assert "Trang 1/2" in first
    second = _codes(_queue(client, hang="cho-tiep-nhan", page="2"))
    assert "Trang 2/2" in second


def test_the_queue_page_makes_a_fixed_number_of_queries(client, world, django_assert_num_queries):
    assigned(world)
    sign_in_official(client, world.leader)
    _queue(client, hang="tat-ca")  # warm the calendar's cache
    with django_assert_num_queries(QUERIES_QUEUE_PAGE):
        one = _queue(client, hang="tat-ca")
    for index in range(6):
        assigned(world, personal_id=f"0011900002{index:02d}")
    with django_assert_num_queries(QUERIES_QUEUE_PAGE):
        seven = _queue(client, hang="tat-ca")
    assert one.content.decode().count("/can-bo/ho-so/000") == 1
    assert seven.content.decode().count("/can-bo/ho-so/000") == 7


QUERIES_QUEUE_PAGE = 9  # 8, and the device that passed the second factor


def test_a_nul_character_in_the_search_or_the_code_is_harmless(client, world):
    sign_in_official(client, world.leader)
    assert _queue(client, hang="tat-ca", q="tran\x00thi").status_code == 200
    assert client.get("/can-bo/ho-so/abc%00def/").status_code == 404


def test_the_rows_moments_read_as_the_date_filter_writes_them_in_vietnam_time():
    from datetime import UTC, datetime

    from django.template import Context, Template

    both = Template('{% load office_tags %}{{ value|date:"H:i d/m/Y" }}|{{ value|moment }}')
    for value in (
        datetime(2026, 3, 2, 17, 5, tzinfo=UTC),  # 00:05 the next day in Hà Nội
        datetime(2026, 12, 31, 23, 59, tzinfo=UTC),
        vn(2026, 2, 13, 10, 0),
        None,
    ):
        by_date, by_moment = both.render(Context({"value": value})).split("|")
        assert by_date == by_moment
    assert both.render(Context({"value": datetime(2026, 3, 2, 17, 5, tzinfo=UTC)})) == (
        "00:05 03/03/2026|00:05 03/03/2026"
    )
