"""The service index pages: the card per group and indicator, the league table with bands, an
indicator's drill-down; each table exported; the readers' limits as on the dashboard."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from motcua.agencies.choices import AgencyKind, Role
from motcua.agencies.tests.factories import AgencyFactory
from motcua.office.tests.helpers import decided
from motcua.office.tests.test_reports_dashboard import MARCH, _official
from motcua.payments.tests.receipts.xlsx import read_rows
from motcua.reports.maintenance import rebuild
from motcua.testing import sign_in_official

pytestmark = pytest.mark.django_db

URL = reverse("office:service_index")


@pytest.fixture
def index():
    return pytest.importorskip("motcua.reports.service_index")


@pytest.fixture
def city(world):
    world.city = world.centre.parent
    world.ward = AgencyFactory(
        name="UBND phường Ba Đình", kind=AgencyKind.COMMUNE, parent=world.city
    )
    world.other_ward = AgencyFactory(
        name="UBND phường Hoàn Kiếm", kind=AgencyKind.COMMUNE, parent=world.city
    )
    world.late = decided(world, personal_id="001190000051")
    world.admin = _official(world.city, Role.SYSTEM_ADMIN)
    world.ward_reader = _official(world.ward, Role.REPORT_READER)
    rebuild()  # the reports' aggregates, from the dossiers made above
    return world


def test_the_card_and_the_league_table(client, city, index):
    sign_in_official(client, city.admin)
    response = client.get(URL, {**MARCH, "co_quan": city.city.pk})
    body = response.content.decode()
    assert response.status_code == 200
    for group in index.GROUPS:
        assert str(group.label) in body
    for indicator in index.INDICATORS:
        assert reverse("office:service_index_drill", args=[indicator.code]) in body
    # The league table ranks the city's children, each linking one level down.
    assert "Sở Xây dựng" in body and "UBND phường Hoàn Kiếm" in body
    assert f"co_quan={city.department.pk}" in body
    bands = {str(band.label) for band in index.BANDS}
    assert any(band in body for band in bands)


def test_the_tables_export(client, city, index):
    sign_in_official(client, city.admin)
    params = {**MARCH, "co_quan": city.city.pk}
    response = client.get(URL, {**params, "bang": "xep-hang", "xuat": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Hạng", "Cơ quan, đơn vị", "Tổng điểm", "Xếp loại"]
    ranks = [int(row[0]) for row in rows[1:]]
    totals = [float(row[2]) for row in rows[1:]]
    assert len(ranks) == 5 and ranks[0] == 1 and ranks == sorted(ranks)  # ties share a rank
    assert totals == sorted(totals, reverse=True)
    rows = read_rows(client.get(URL, {**params, "bang": "chi-so", "xuat": "xlsx"}).content)
    assert rows[1][0] == "Mã chỉ số"
    assert {row[0] for row in rows[2:-1]} == {i.code for i in index.INDICATORS}
    assert rows[-1][0] == "Tổng điểm" and isinstance(rows[-1][6], int | float)


def test_each_indicator_drills_down(client, city, index):
    sign_in_official(client, city.admin)
    for indicator in index.INDICATORS:
        url = reverse("office:service_index_drill", args=[indicator.code])
        response = client.get(url, {**MARCH, "co_quan": city.city.pk})
        assert response.status_code == 200, indicator.code
        assert str(indicator.label) in response.content.decode()
        response = client.get(url, {**MARCH, "co_quan": city.city.pk, "xuat": "csv"})
        assert response.status_code == 200
        assert response.content.startswith("\ufeff".encode())
    response = client.get(reverse("office:service_index_drill", args=["khong-co"]))
    assert response.status_code == 404


def test_a_ward_reader_cannot_read_another_ward(client, city, index):
    sign_in_official(client, city.ward_reader)
    assert client.get(URL, MARCH).status_code == 200
    assert client.get(URL, {**MARCH, "co_quan": city.other_ward.pk}).status_code == 403
    code = index.INDICATORS[0].code
    drill = reverse("office:service_index_drill", args=[code])
    assert client.get(drill, {**MARCH, "co_quan": city.other_ward.pk}).status_code == 403


def test_bad_parameters(client, city, index):
    sign_in_official(client, city.admin)
    response = client.get(URL, {"tu": "hôm qua"})
    assert response.status_code == 400
    assert "Ngày không hợp lệ" in response.content.decode()
    response = client.get(URL, {"xuat": "xlsx", "bang": "sai"})
    assert response.status_code == 400


def test_others_are_refused(client, city):
    sign_in_official(client, city.specialist)
    assert client.get(URL).status_code == 403


def test_without_the_index_the_page_says_so(client, city, monkeypatch):
    import sys

    # An installation without reports.service_index: importing it fails.
    import motcua.reports

    monkeypatch.setitem(sys.modules, "motcua.reports.service_index", None)
    monkeypatch.delattr(motcua.reports, "service_index", raising=False)
    sign_in_official(client, city.admin)
    for url in (URL, reverse("office:service_index_drill", args=["1.1"])):
        response = client.get(url)
        assert response.status_code == 503
        assert "chưa có trên hệ thống này" in response.content.decode()
