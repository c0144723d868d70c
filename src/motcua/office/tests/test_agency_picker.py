"""Handing a dossier over (liên thông) picks the agency by searching, not from a list of all."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from motcua.accounts.tests.factories import UserFactory
from motcua.agencies.choices import AgencyKind
from motcua.agencies.tests.factories import AgencyFactory
from motcua.catalog.tests.factories import ProcedureAgencyFactory
from motcua.dossiers.choices import Action
from motcua.office.tests.helpers import assigned
from motcua.office.tests.test_action_forms import act, field_error, ok
from motcua.testing import sign_in_official

pytestmark = pytest.mark.django_db
OPTIONS = "office:agency_options"


def _options(client, **params):
    response = client.get(reverse(OPTIONS), params)
    assert response.status_code == 200
    return response.content.decode()


def _hand_over_select(page):
    match = re.search(r'<select name="hand_over-to_agency".*?</select>', page, re.S)
    assert match, "no hand-over select on the page"
    return match.group(0)


def _tag(n):
    """Two letters (no digits, which agency codes are full of): AA, AB, ..."""
    return chr(65 + n // 26) + chr(65 + n % 26)


@pytest.fixture
def many_communes(world):
    """A province's worth of look-alike units: one 'Phòng Kinh tế' per commune."""
    communes = [
        AgencyFactory(name=f"UBND phường Mẫu {_tag(n)}", kind=AgencyKind.PEOPLES_COMMITTEE)
        for n in range(40)
    ]
    return [
        AgencyFactory(name="Phòng Kinh tế", parent=commune, kind=AgencyKind.UNIT)
        for commune in communes
    ]


def test_the_hand_over_select_offers_a_few_likely_agencies_and_a_search_box(
    client, world, many_communes
):
    dossier = assigned(world)  # at the department's unit
    sign_in_official(client, world.specialist)
    page = client.get(reverse("office:dossier", args=[dossier.code])).content.decode()
    select = _hand_over_select(page)
    # The dossier's own agencies are not suggested: the one holding the step, with its units,
    # and the receiving one.
    assert world.department.name not in select
    assert f'value="{world.unit.pk}"' not in select and world.centre.name not in select
    assert "Phòng Kinh tế" not in select and select.count("<option") < 10
    assert f'hx-get="{reverse(OPTIONS)}"' in page
    assert 'aria-label="Tìm cơ quan theo tên hoặc mã"' in page


def test_the_search_folds_diacritics_and_names_the_parent_of_a_unit(client, world, many_communes):
    sign_in_official(client, world.specialist)
    found = _options(client, q="phong kinh te mau ar", ten="hand_over-to_agency")
    target = many_communes[17]
    assert f'value="{target.pk}"' in found
    assert "Phòng Kinh tế — UBND phường Mẫu AR" in found
    assert found.count('<option value="') == 2  # the empty choice and the one unit


def test_a_broad_search_says_there_are_more_and_a_vain_one_says_none(client, world, many_communes):
    sign_in_official(client, world.specialist)
    broad = _options(client, q="kinh te")
    assert broad.count("Phòng Kinh tế — ") == 30
    assert "hãy gõ thêm để thu hẹp" in broad
    assert "Không tìm thấy cơ quan nào phù hợp." in _options(client, q="khong co dau ca")


def test_the_search_skips_inactive_agencies_and_keeps_the_current_choice(client, world):
    closed = AgencyFactory(name="Chi cục Thuế cũ", is_active=False)
    tax = AgencyFactory(name="Chi cục Thuế khu vực I")
    sign_in_official(client, world.specialist)
    found = _options(
        client, q="thue", ten="hand_over-to_agency", **{"hand_over-to_agency": str(world.other.pk)}
    )
    assert f'value="{tax.pk}"' in found and f'value="{closed.pk}"' not in found
    assert f'<option value="{world.other.pk}" selected>' in found


def test_clearing_the_search_brings_the_suggestions_back(client, world):
    sign_in_official(client, world.specialist)
    found = _options(client, q="", goi_y=f"{world.department.pk},{world.other.pk},x")
    assert world.department.name in found and world.other.name in found
    assert "Không tìm thấy" not in found


def test_only_officials_may_search_agencies(client, world):
    assert client.get(reverse(OPTIONS), {"q": "so"}).status_code == 302
    client.force_login(UserFactory())
    assert client.get(reverse(OPTIONS), {"q": "so"}).status_code == 403


def test_handing_over_to_an_agency_found_by_search(client, world, many_communes):
    dossier = assigned(world)
    target = many_communes[3]
    sign_in_official(client, world.leader)
    ok(act(client, dossier, Action.HAND_OVER, to_agency=target.pk, reason="Liên thông"), dossier)
    assert dossier.steps.get(finished_at__isnull=True).unit == target


def test_an_inactive_agency_is_not_a_choice_and_the_form_keeps_what_was_typed(client, world):
    dossier = assigned(world)
    closed = AgencyFactory(name="Chi cục Thuế cũ", is_active=False)
    sign_in_official(client, world.leader)
    response = act(client, dossier, Action.HAND_OVER, to_agency=closed.pk, reason="Phối hợp")
    field_error(
        response, "hand_over", "to_agency", "không có trong danh mục hoặc đã ngừng hoạt động"
    )
    response = act(client, dossier, Action.HAND_OVER, to_agency=world.unit.pk, reason="x")
    page = field_error(response, "hand_over", "to_agency", "Hồ sơ đang ở chính cơ quan này.")
    assert f'<option value="{world.unit.pk}" selected>' in _hand_over_select(page)


def test_the_procedures_agencies_are_suggested_only_when_they_are_few(client, world):
    dossier = assigned(world)
    ProcedureAgencyFactory(procedure=world.procedure, agency=world.other)
    sign_in_official(client, world.specialist)
    url = reverse("office:dossier", args=[dossier.code])
    select = _hand_over_select(client.get(url).content.decode())
    assert world.other.name in select and world.department.name not in select
    for n in range(12):  # now 14 implementers: a commune-level procedure, say
        ProcedureAgencyFactory(procedure=world.procedure, agency=AgencyFactory(name=f"Xã {n}"))
    select = _hand_over_select(client.get(url).content.decode())
    assert world.other.name not in select and "Xã 1" not in select


def test_the_search_lists_agencies_of_a_level_in_vietnamese_order(client, world):
    # By code points every Đ sorts after Z and "Thành" before "Tài".
    names = ["Chi cục Thuế Đống Đa", "Chi cục Thuế Hà Đông", "Chi cục Thuế Thành Trì"]
    names += ["Chi cục Thuế Tây Hồ", "Chi cục Thuế Xuân Phương"]
    for name in reversed(names):
        AgencyFactory(name=name)
    sign_in_official(client, world.specialist)
    found = re.findall(r'<option value="\d+">([^<]*)<', _options(client, q="chi cuc thue"))
    assert found == [
        "Chi cục Thuế Đống Đa",
        "Chi cục Thuế Hà Đông",
        "Chi cục Thuế Tây Hồ",
        "Chi cục Thuế Thành Trì",
        "Chi cục Thuế Xuân Phương",
    ]


def test_after_a_hand_over_the_picker_suggests_handing_back_not_the_holder(client, world):
    from motcua.agencies.choices import Role
    from motcua.agencies.tests.factories import RoleGrantFactory

    dossier = assigned(world)
    sign_in_official(client, world.leader)
    ok(
        act(client, dossier, Action.HAND_OVER, to_agency=world.other.pk, reason="Liên thông"),
        dossier,
    )
    colleague = UserFactory(official=True, full_name="Trịnh Văn Phối")
    RoleGrantFactory(user=colleague, agency=world.other, role=Role.UNIT_LEADER)
    client.logout()
    sign_in_official(client, colleague)
    page = client.get(reverse("office:dossier", args=[dossier.code])).content.decode()
    select = _hand_over_select(page)
    assert world.department.name in select  # where it came from: another agency now
    assert world.other.name not in select and world.centre.name not in select
