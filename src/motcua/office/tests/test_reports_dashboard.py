"""The leaders' dashboard (/can-bo/bao-cao/): who reaches it, what each reader may see, the drill
down the agency tree to the dossiers behind a count (with or without their applicants), the
field-level messages for bad parameters, and the exports read back."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from motcua.accounts.tests.factories import UserFactory
from motcua.agencies.choices import AgencyKind, Role
from motcua.agencies.tests.factories import AgencyFactory, RoleGrantFactory
from motcua.events.models import PersonalDataAccess
from motcua.office.tests.helpers import decided, received
from motcua.payments.tests.receipts.xlsx import read_rows
from motcua.reports.maintenance import rebuild
from motcua.testing import sign_in_official

pytestmark = pytest.mark.django_db

URL = reverse("office:reports")
MARCH = {"tu": "2026-03-01", "den": "2026-03-31"}


def _official(agency, role, *, subtree=True, name="Cán bộ thử nghiệm"):
    user = UserFactory(official=True, full_name=name)
    RoleGrantFactory(user=user, agency=agency, role=role, includes_subtree=subtree)
    return user


@pytest.fixture
def city(world):
    """The world's city with two wards, and dossiers at the service centre for the Department
    of Construction: one still processing, one decided."""
    city = world.centre.parent
    world.ward_a = AgencyFactory(
        name="UBND phường Ba Đình", kind=AgencyKind.COMMUNE, parent=city, receives_dossiers=True
    )
    world.ward_b = AgencyFactory(
        name="UBND phường Hoàn Kiếm", kind=AgencyKind.COMMUNE, parent=city, receives_dossiers=True
    )
    world.city = city
    world.processing = received(world, personal_id="001190000031")
    world.decided = decided(world, personal_id="001190000032")
    world.admin = _official(city, Role.SYSTEM_ADMIN, name="Quản trị hệ thống")
    world.reader_a = _official(world.ward_a, Role.REPORT_READER, name="Người xem phường Ba Đình")
    world.department_reader = _official(world.department, Role.REPORT_READER, name="Người xem Sở")
    rebuild()  # the reports' aggregates, from the dossiers made above
    return world


def _get(client, user, url=URL, **params):
    sign_in_official(client, user)
    return client.get(url, params)


def test_leaders_readers_and_admins_reach_it_from_the_navigation(client, city):
    for user in (city.leader, city.department_reader, city.admin):
        client.logout()
        response = _get(client, user, reverse("office:home"))
        assert URL.encode() in response.content, user
        response = _get(client, user, **MARCH)
        assert response.status_code == 200
        assert "Báo cáo, thống kê" in response.content.decode()


def test_others_get_the_forbidden_page(client, city):
    response = _get(client, city.receptionist, **MARCH)
    assert response.status_code == 403
    assert "dành cho lãnh đạo đơn vị" in response.content.decode()
    assert URL.encode() not in _get(client, city.receptionist, reverse("office:home")).content


def test_a_ward_reader_sees_only_their_ward(client, city):
    response = _get(client, city.reader_a, **MARCH)
    assert response.status_code == 200
    body = response.content.decode()
    assert "UBND phường Ba Đình" in body
    assert "UBND phường Hoàn Kiếm" not in body
    assert "Toàn tỉnh" not in body
    # Another ward's figures, its drill and its dossiers, by URL: refused.
    for params in (
        {"co_quan": city.ward_b.pk},
        {"co_quan": city.ward_b.pk, "chi_tieu": "received"},
        {"co_quan": city.city.pk},
        {"co_quan": city.department.pk, "xuat": "csv", "bang": "chi-tiet"},
    ):
        response = _get(client, city.reader_a, **MARCH, **params)
        assert response.status_code == 403, params
        assert "Bạn không được xem số liệu" in response.content.decode()


def test_the_admin_drills_from_the_city_to_a_unit(client, city):
    body = _get(client, city.admin, **MARCH).content.decode()
    assert "Toàn tỉnh" in body
    assert f"co_quan={city.city.pk}" in body  # the top of the tree
    body = _get(client, city.admin, **MARCH, co_quan=city.city.pk).content.decode()
    assert "Sở Xây dựng" in body and "UBND phường Ba Đình" in body
    assert f"co_quan={city.department.pk}" in body
    response = _get(client, city.admin, **MARCH, co_quan=city.department.pk)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Phòng Cấp phép xây dựng" in body  # the department's unit, one level down
    assert 'aria-current="page">Sở Xây dựng' in body  # the trail ends at the department
    # The other breakdowns: by field, procedure and channel.
    for group in ("linh-vuc", "thu-tuc", "kenh"):
        response = _get(client, city.admin, **MARCH, co_quan=city.department.pk, nhom=group)
        assert response.status_code == 200, group
    body = _get(
        client, city.admin, **MARCH, co_quan=city.department.pk, nhom="thu-tuc"
    ).content.decode()
    assert "Cấp giấy phép xây dựng nhà ở riêng lẻ" in body
    assert f"thu_tuc={city.procedure.pk}" in body


def test_an_htmx_request_gets_only_the_body(client, city):
    sign_in_official(client, city.leader)
    response = client.get(URL, MARCH, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body and "Số liệu chính" in body


def test_the_dossiers_behind_a_count_show_applicants_only_to_who_handles_them(client, city):
    before = PersonalDataAccess.objects.count()
    response = _get(client, city.leader, **MARCH, chi_tieu="received")
    body = response.content.decode()
    assert response.status_code == 200
    assert city.processing.code in body and city.decided.code in body
    assert "Trần Thị Bích Ngọc" in body
    assert reverse("office:dossier", args=[city.processing.code]) in body
    logged = PersonalDataAccess.objects.filter(user=city.leader, context="office:reports-dossiers")
    assert set(logged.values_list("dossier_id", flat=True)) == {
        city.processing.pk,
        city.decided.pk,
    }
    client.logout()
    response = _get(client, city.department_reader, **MARCH, chi_tieu="received")
    body = response.content.decode()
    assert city.processing.code in body
    assert "Trần Thị Bích Ngọc" not in body
    assert reverse("office:dossier", args=[city.processing.code]) not in body
    assert PersonalDataAccess.objects.count() == before + 2  # only the leader's reads


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"tu": "2026-13-01"}, "Từ ngày", "Ngày không hợp lệ"),
        ({"den": "31/03/2026"}, "Đến ngày", "Ngày không hợp lệ"),
        ({"tu": "2026-03-10", "den": "2026-03-01"}, "Đến ngày", "Ngày kết thúc phải từ"),
        ({"tu": "2020-01-01", "den": "2026-03-01"}, "Đến ngày", "tối đa ba năm"),
        ({"co_quan": "abc"}, "Cơ quan, đơn vị", "Mã không hợp lệ"),
        ({"co_quan": "99999999"}, "Cơ quan, đơn vị", "Không có cơ quan, đơn vị này"),
        ({"co_quan": "-3"}, "Cơ quan, đơn vị", "Mã không hợp lệ"),
        ({"linh_vuc": "99999999"}, "Lĩnh vực", "Không có lĩnh vực này"),
        ({"thu_tuc": "1e9"}, "Thủ tục", "Mã không hợp lệ"),
        ({"chu_ky": "ngay", "tu": "2026-01-01", "den": "2026-06-30"}, "Chu kỳ", "tối đa 92 ngày"),
        ({"nhom": "tinh"}, "Bảng chi tiết", "Hãy chọn"),
        ({"chi_tieu": "online_share"}, "Chỉ tiêu", "Hãy chọn"),
        ({"trang": "0"}, "Trang", "Mã không hợp lệ"),
        ({"xuat": "csv", "bang": "khong-co"}, "", "Hãy chọn bảng cần tải về"),
    ],
)
def test_bad_parameters_get_a_message_on_their_field(client, city, params, field, message):
    response = _get(client, city.admin, **params)
    body = response.content.decode()
    assert response.status_code == 400
    assert message in body
    if field:
        assert f"<strong>{field}</strong>" in body


def _csv(response) -> list[list[str]]:
    assert response.content.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_every_table_exports_as_csv_and_xlsx(client, city):
    sign_in_official(client, city.admin)
    base = {**MARCH, "co_quan": city.city.pk}
    for table, header in (
        ("so-lieu", "Chỉ tiêu"),
        ("danh-muc", "Chỉ tiêu"),
        ("xu-huong", "Kỳ"),
        ("chi-tiet", "Cơ quan, đơn vị"),
    ):
        response = client.get(URL, {**base, "bang": table, "xuat": "csv"})
        assert response.status_code == 200, table
        assert response["Content-Disposition"].endswith(f'-{table}.csv"')
        rows = _csv(response)
        assert rows[0][0] == header
        response = client.get(URL, {**base, "bang": table, "xuat": "xlsx"})
        assert response.status_code == 200
        rows = read_rows(response.content)
        assert rows[1][0] == header  # under the title line
    # The breakdown's numbers are numbers, and match the page.
    rows = read_rows(client.get(URL, {**base, "bang": "chi-tiet", "xuat": "xlsx"}).content)
    department = next(row for row in rows if row[0] == "Sở Xây dựng")
    assert department[1] == 2  # received
    rows = _csv(client.get(URL, {**base, "bang": "chi-tiet", "xuat": "csv"}))
    assert rows[0][:3] == ["Cơ quan, đơn vị", "Tiếp nhận", "Trực tuyến"]
    assert next(row for row in rows if row[0] == "Sở Xây dựng")[1] == "2"


def test_the_dossier_list_exports_without_applicants_for_a_reader(client, city):
    params = {**MARCH, "chi_tieu": "received", "bang": "ho-so"}
    rows = _csv(_get(client, city.department_reader, **params, xuat="csv"))
    assert rows[0][0] == "Mã hồ sơ" and rows[0][-1] == "Người nộp"
    assert {row[0] for row in rows[1:]} == {city.processing.code, city.decided.code}
    assert all(row[-1] == "" for row in rows[1:])
    client.logout()
    rows = read_rows(_get(client, city.leader, **params, xuat="xlsx").content)
    assert {row[-1] for row in rows[2:]} == {"Trần Thị Bích Ngọc"}
    assert (
        PersonalDataAccess.objects.filter(
            user=city.leader, context="office:reports-export-xlsx"
        ).count()
        == 2
    )


def test_without_a_period_it_reads_this_month_and_says_so(client, city):
    from motcua.office.reporting import today

    day = today()
    body = _get(client, city.leader).content.decode()
    assert f'value="{day.replace(day=1).isoformat()}"' in body
    assert f'value="{day.isoformat()}"' in body
