"""The log book, form 07, for any agency the user reads and any period: on the page, as PDF, XLSX
and CSV; without applicants for a reader who does not handle the dossiers."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from motcua.accounts.tests.factories import UserFactory
from motcua.agencies.choices import Role
from motcua.agencies.tests.factories import RoleGrantFactory
from motcua.events.models import PersonalDataAccess
from motcua.office.tests.helpers import received
from motcua.payments.tests.receipts.xlsx import read_rows
from motcua.testing import sign_in_official

pytestmark = pytest.mark.django_db

URL = reverse("office:log_book")
MARCH = {"tu": "2026-03-01", "den": "2026-03-31"}


@pytest.fixture
def book(world):
    world.first = received(world, personal_id="001190000041")
    world.second = received(world, personal_id="001190000042", name="Vũ Minh Châu")
    world.centre_leader = UserFactory(official=True, full_name="Trưởng trung tâm")
    RoleGrantFactory(user=world.centre_leader, agency=world.centre, role=Role.UNIT_LEADER)
    world.reader = UserFactory(official=True, full_name="Người xem báo cáo")
    RoleGrantFactory(
        user=world.reader,
        agency=world.centre.parent,
        role=Role.REPORT_READER,
        includes_subtree=True,
    )
    return world


def _get(client, user, **params):
    sign_in_official(client, user)
    return client.get(URL, params)


def test_the_page_lists_the_receiving_agencies_and_the_book(client, book):
    response = _get(client, book.centre_leader)
    assert response.status_code == 200
    assert "Trung tâm Phục vụ hành chính công" in response.content.decode()
    response = _get(client, book.centre_leader, co_quan=book.centre.pk, **MARCH)
    body = response.content.decode()
    assert response.status_code == 200
    assert book.first.code in body and book.second.code in body
    assert "Vũ Minh Châu" in body
    assert "xuat=pdf" in body and "xuat=xlsx" in body


def test_the_pdf(client, book):
    response = _get(client, book.centre_leader, co_quan=book.centre.pk, xuat="pdf", **MARCH)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "SỔ THEO DÕI HỒ SƠ" in text
    assert book.first.code in text and "Vũ Minh Châu" in text
    assert (
        PersonalDataAccess.objects.filter(
            user=book.centre_leader, context="office:log-book-pdf"
        ).count()
        == 2
    )


def test_the_xlsx_and_csv(client, book):
    response = _get(client, book.centre_leader, co_quan=book.centre.pk, xuat="xlsx", **MARCH)
    assert response.status_code == 200
    rows = read_rows(response.content)
    assert rows[0][0].startswith("Sổ theo dõi hồ sơ — Trung tâm Phục vụ hành chính công")
    assert rows[1][:3] == ["Số TT", "Mã hồ sơ", "Tên thủ tục hành chính"]
    assert [row[0] for row in rows[2:]] == [1, 2]  # numbers as numbers
    assert [row[1] for row in rows[2:]] == [book.first.code, book.second.code]
    assert rows[3][4] == "Vũ Minh Châu"
    response = _get(client, book.centre_leader, co_quan=book.centre.pk, xuat="csv", **MARCH)
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "Số TT" and len(rows) == 3


def test_a_reader_gets_the_book_without_applicants(client, book):
    response = _get(client, book.reader, co_quan=book.centre.pk, xuat="xlsx", **MARCH)
    rows = read_rows(response.content)
    assert [row[1] for row in rows[2:]] == [book.first.code, book.second.code]
    assert all(row[4] == "" and row[5] == "" for row in rows[2:])
    text = "".join(
        page.extract_text()
        for page in PdfReader(
            io.BytesIO(
                _get(client, book.reader, co_quan=book.centre.pk, xuat="pdf", **MARCH).content
            )
        ).pages
    )
    assert book.first.code in text and "Vũ Minh Châu" not in text
    body = _get(client, book.reader, co_quan=book.centre.pk, **MARCH).content.decode()
    assert "Vũ Minh Châu" not in body and "(không hiển thị)" in body
    assert not PersonalDataAccess.objects.filter(user=book.reader).exists()


def test_an_agency_outside_the_readers_grants_is_refused(client, book):
    response = _get(client, book.centre_leader, co_quan=book.other.pk, xuat="pdf", **MARCH)
    assert response.status_code == 403


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"tu": "2026-02-30"}, "Ngày không hợp lệ"),
        ({"tu": "2025-01-01", "den": "2026-03-01"}, "Mỗi lần in sổ tối đa một năm"),
        ({"co_quan": "x"}, "Mã không hợp lệ"),
        ({"co_quan": "99999999"}, "Không có cơ quan, đơn vị này"),
    ],
)
def test_bad_parameters(client, book, params, message):
    response = _get(client, book.reader, **{"co_quan": book.centre.pk, **params})
    assert response.status_code == 400
    assert message in response.content.decode()


def test_an_agency_that_receives_nothing_has_no_book(client, book):
    response = _get(client, book.reader, co_quan=book.department.pk, **MARCH)
    assert response.status_code == 400
    assert "không tiếp nhận hồ sơ" in response.content.decode()
