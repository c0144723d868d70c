"""The national catalog: fetched from a running Motcua's public API, served in the national
record shape (which Motcua's own import reads), and changed on the national side."""

import pytest
from np_client import detail

from motcua.catalog.records_parse import parse_record
from motcua.catalog.tests.factories import (
    ProcedureAgencyFactory,
    complete_procedure,
    rich_procedure,
)


def test_the_catalog_calls(national_portal_sim, portal):
    assert national_portal_sim.load_catalog([detail(), detail("2.000001", "Cấp phép", 5)]) == 2
    listing = portal.share("LayDanhSachTTHC", {})
    assert [(p["MATTHC"], p["MALINHVUC"], p["TENLINHVUC"]) for p in listing["data"]] == [
        ("1.001193", "HT", "Hộ tịch"),
        ("2.000001", "HT", "Hộ tịch"),
    ]
    record = portal.share("LayThuTuc", {"maTTHC": "1.001193"})["data"]
    assert record["TENTTHC"] == "Đăng ký khai sinh"
    assert [c["KENH"] for c in record["CACHTHUCTHUCHIEN"]] == ["1", "2"]
    assert record["CACHTHUCTHUCHIEN"][0]["THOIGIAN"][0]["THOIGIANGIAIQUYET"] == 3
    assert record["COQUANTHUCHIEN"] == [
        {"MADONVI": "000.01.40.H26", "TENDONVI": "UBND Phường Hoàn Kiếm"}
    ]
    assert portal.share("LayThuTuc", {"maTTHC": "9.999"})["error_code"] == 1
    assert portal.share("LayDanhMucCoQuan", {})["data"] == [
        {"MaCoQuan": "000.01.40.H26", "TenCoQuan": "UBND Phường Hoàn Kiếm", "MaCoQuanCha": ""}
    ]
    assert portal.share("LayDanhMucLinhVuc", {})["data"] == [
        {"MaLinhVuc": "HT", "TenLinhVuc": "Hộ tịch"}
    ]


def test_the_national_side_changes_a_record(national_portal_sim, portal):
    national_portal_sim.load_catalog([detail()])
    before = portal.share("LayThuTuc", {"maTTHC": "1.001193"})["data"]
    changed = national_portal_sim.control(
        "POST",
        "catalog/1.001193",
        {"TENTTHC": "Đăng ký khai sinh (sửa đổi)", "THOIGIANGIAIQUYET": 2},
    )
    assert changed.status_code == 200
    after = portal.share("LayThuTuc", {"maTTHC": "1.001193"})["data"]
    assert after["TENTTHC"] == "Đăng ký khai sinh (sửa đổi)"
    assert {t["THOIGIANGIAIQUYET"] for c in after["CACHTHUCTHUCHIEN"] for t in c["THOIGIAN"]} == {2}
    assert after["NGAYCAPNHAT"] >= before["NGAYCAPNHAT"]
    # A refresh from the province keeps the national side's change.
    national_portal_sim.load_catalog([detail()])
    assert portal.share("LayThuTuc", {"maTTHC": "1.001193"})["data"]["TENTTHC"].endswith(
        "(sửa đổi)"
    )
    bad = national_portal_sim.control("POST", "catalog/1.001193", {"THOIGIANGIAIQUYET": -1})
    assert bad.status_code == 400 and bad.json()["field"] == "THOIGIANGIAIQUYET"
    assert national_portal_sim.control("POST", "catalog/9.9", {"TENTTHC": "x"}).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_refresh_fetches_motcuas_public_catalog_and_motcua_reads_the_records(
    national_portal_sim, portal, live_server
):
    rich = rich_procedure(code="1.001193")
    plain = complete_procedure(code="1.000894")
    ProcedureAgencyFactory(procedure=plain)
    national_portal_sim.configure(motcua_url=live_server.url)
    response = national_portal_sim.control("POST", "catalog/refresh")
    assert response.status_code == 200 and response.json() == {"count": 2}
    listing = portal.share("LayDanhSachTTHC", {})["data"]
    assert sorted(p["MATTHC"] for p in listing) == ["1.000894", "1.001193"]
    for procedure in (rich, plain):
        record = portal.share("LayThuTuc", {"maTTHC": procedure.code})["data"]
        parsed, errors = parse_record(record)
        assert errors == []
        assert record["TENTTHC"] == procedure.name
        assert {a["MADONVI"] for a in record["COQUANTHUCHIEN"]} == {
            link.agency.code for link in procedure.implementations.all()
        }
        cases = list(procedure.cases.all())
        assert [t["THOIGIANGIAIQUYET"] for t in record["CACHTHUCTHUCHIEN"][0]["THOIGIAN"]] == [
            float(c.time_limit_value) for c in cases
        ]


def test_refresh_without_motcua_is_an_answer(national_portal_sim):
    national_portal_sim.configure(motcua_url="http://127.0.0.1:9")
    response = national_portal_sim.control("POST", "catalog/refresh")
    assert response.status_code == 502 and response.json()["field"] == "motcua_url"
