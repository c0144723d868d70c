"""The portal lists fields, agencies, places and communes in Vietnamese alphabetical order
("Đất đai" after "Dân cư", not after "Xây dựng"), not in the order of code points."""

from __future__ import annotations

import html
import re

import pytest
from django.urls import reverse

from motcua.agencies.choices import AgencyKind
from motcua.agencies.tests.factories import AgencyFactory
from motcua.catalog.tests.factories import (
    FieldFactory,
    ProcedureAgencyFactory,
    ProcedureCaseFactory,
    ProcedureFactory,
)
from motcua.lib.text import vi_sort_key
from motcua.portal.tests.submission_fixtures import start_draft

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_rate_limits")]

FIELD_NAMES = [
    "Dân số",
    "Đất đai",
    "Đường bộ",
    "Giao thông vận tải",
    "Tài nguyên và môi trường",
    "Thành lập doanh nghiệp",
    "Xây dựng",
]
# The same names as code points order them: every Đ after X, "Thành" before "Tài".
CODE_POINT_ORDER = sorted(FIELD_NAMES)
# Three wards, listed by code points in exactly the reverse order.
WARD_NAMES = ["UBND Phường Đống Đa", "UBND Phường Hà Đông", "UBND Phường Hoàng Mai"]


def _select(page: str, name: str) -> list[str]:
    """The labels of the options of the select named `name`, without the empty choice."""
    match = re.search(rf'<select[^>]*name="{re.escape(name)}".*?</select>', page, re.S)
    assert match, f"no select {name} on the page"
    return [
        html.unescape(label)
        for value, label in re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)<', match.group(0))
        if value
    ]


def _options(fragment: str) -> list[str]:
    return [
        html.unescape(label)
        for value, label in re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)<', fragment)
        if value
    ]


def test_the_named_names_are_out_of_order_by_code_points():
    # What this file guards against: the plain order of the database before this change.
    assert CODE_POINT_ORDER != FIELD_NAMES
    assert sorted(WARD_NAMES) == WARD_NAMES[::-1]


def test_the_home_page_shows_the_fields_in_vietnamese_order(client):
    for number, name in enumerate(reversed(FIELD_NAMES)):
        ProcedureFactory(field=FieldFactory(code=f"LV{number}", name=name))
    page = client.get(reverse("portal:home")).content.decode()
    tiles = re.findall(r'<span class="field-name">([^<]*)</span>', page)
    assert [html.unescape(tile) for tile in tiles] == FIELD_NAMES


def test_the_search_filters_and_results_are_in_vietnamese_order(client):
    for number, name in enumerate(reversed(FIELD_NAMES)):
        field = FieldFactory(code=f"LV{number}", name=name)
        procedure = ProcedureFactory(name=f"{name}: thủ tục", field=field)
        ProcedureAgencyFactory(procedure=procedure, agency=AgencyFactory(name=f"Sở {name}"))
    page = client.get(reverse("portal:procedure_list"), {"q": "thu tuc"}).content.decode()
    assert _select(page, "field") == [f"{name} (1)" for name in FIELD_NAMES]
    assert _select(page, "agency") == [f"Sở {name}" for name in FIELD_NAMES]
    results = [name for name in FIELD_NAMES if f"{name}: thủ tục" in page]
    positions = [page.index(f"{name}: thủ tục") for name in results]
    assert results == FIELD_NAMES and positions == sorted(positions)


def test_the_procedure_page_and_the_place_list_name_the_wards_in_vietnamese_order(client):
    procedure = ProcedureFactory(implementing_level="commune")
    ProcedureCaseFactory(procedure=procedure)
    for name in reversed(WARD_NAMES):
        ProcedureAgencyFactory(
            procedure=procedure, agency=AgencyFactory(name=name, kind=AgencyKind.COMMUNE)
        )
    detail = client.get(reverse("portal:procedure_detail", args=[procedure.code])).content
    positions = [detail.decode().index(name) for name in WARD_NAMES]
    assert positions == sorted(positions)
    start = client.get(reverse("portal:submission_start", args=[procedure.code])).content
    assert _select(start.decode(), "receiving_agency") == WARD_NAMES
    found = client.get(
        reverse("portal:place_options", args=[procedure.code]), {"q": "ubnd phuong"}
    ).content.decode()
    assert _options(found) == WARD_NAMES


def test_the_commune_picker_lists_the_province_in_vietnamese_order(client, online):
    draft = start_draft(client, online)
    page = client.get(reverse("portal:draft_form", args=[draft.pk])).content.decode()
    communes = _select(page, "nn.commune_code")
    assert len(communes) > 100  # every commune of Hà Nội
    assert communes.index("Phường Hà Đông, Thành phố Hà Nội") < communes.index(
        "Phường Hoàng Mai, Thành phố Hà Nội"
    )
    assert communes == sorted(communes, key=vi_sort_key)


def test_the_commune_search_lists_what_it_finds_in_vietnamese_order(client):
    found = _options(client.get(reverse("portal:commune_options"), {"q": "hoang"}).content.decode())
    names = [label.split(",")[0] for label in found]
    assert names.index("Xã Đại Hoàng") < names.index("Xã Hoàng An")
    assert names.index("Xã Hoàng Văn Thụ") < names.index("Xã Hoằng Châu")
    assert names == sorted(names, key=vi_sort_key)
