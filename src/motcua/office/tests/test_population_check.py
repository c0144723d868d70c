"""The applicant checked against the national population database at the counter, through
its simulator (a separate process): a match prefills the desk and records MaCSDL, a mismatch
or an unreachable database is recorded, shown and received only with the official's note."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from motcua.dossiers.models import Dossier, IdentityCheck
from motcua.events.models import PersonalDataAccess
from motcua.integrations.national_portal import mapping, payloads, sync
from motcua.office.tests.test_reception import DESK, _post
from motcua.testing import sign_in_official

pytestmark = pytest.mark.django_db

RESIDENT = {
    "personal_id": "001090000111",
    "name": "Nguyễn Văn Quầy",
    "birth_date": "1990-04-12",
    "sex": "nam",
    "address": "Số 5 phố Huế",
    "commune_code": "00070",
    "ma_csdl": "DC-0001-QUAY",
}


@pytest.fixture
def resident(population_sim):
    assert population_sim.add_residents([RESIDENT]) == 1
    return population_sim


def _sync_of(dossier):
    mapping.load_defaults()
    dossier = sync._dossier(dossier.pk)
    codes = mapping.procedure_codes(dossier.procedure_id)
    return payloads.dossier_sync(dossier, status=2, at=timezone.now(), codes=codes)


def test_the_desk_check_prefills_from_the_database_and_is_logged(client, world, resident):
    sign_in_official(client, world.receptionist)
    response = client.get(
        reverse("office:identity_check"),
        {
            "personal_id": "001090000111",
            "name": "nguyễn  văn quầy",
            "birth_date": "1990-04-12",
            "co_quan": world.centre.pk,
        },
        HTTP_HX_REQUEST="true",
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'data-identity-result="match"' in page and "DC-0001-QUAY" in page
    # The database's spelling and address replace what was typed.
    assert 'value="Nguyễn Văn Quầy"' in page and 'value="Số 5 phố Huế"' in page
    assert PersonalDataAccess.objects.filter(
        user=world.receptionist, context="office:population-check", query="001090000111"
    ).exists()
    assert [q["result"] for q in resident.queries()] == ["match"]


def test_a_match_is_recorded_with_its_code_and_synced(client, world, resident):
    sign_in_official(client, world.receptionist)
    response = client.post(reverse(DESK), _post(world, birth_date="1990-04-12"))
    assert response.status_code == 302, response.content.decode()[:2000]
    dossier = Dossier.objects.get()
    check = IdentityCheck.objects.get(dossier=dossier)
    assert check.result == "match" and check.ma_csdl == "DC-0001-QUAY"
    assert check.differing_fields == [] and check.checked_by == world.receptionist
    assert dossier.audit_events.filter(action="identity_check").exists()
    assert _sync_of(dossier)["MaCSDL"] == "DC-0001-QUAY"


def test_a_mismatch_needs_a_note_then_is_recorded_and_shown(client, world, resident):
    sign_in_official(client, world.receptionist)
    response = client.post(reverse(DESK), _post(world, birth_date="1991-04-12"))
    page = response.content.decode()
    assert response.status_code == 200 and not Dossier.objects.exists()
    assert 'id="id_identity_note_error"' in page
    assert "Không khớp với CSDL dân cư" in page and "ngày sinh" in page

    response = client.post(
        reverse(DESK),
        _post(
            world,
            birth_date="1991-04-12",
            identity_note="CCCD ghi ngày sinh 12/04/1991; đã hướng dẫn điều chỉnh dữ liệu.",
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    dossier = Dossier.objects.get()
    check = IdentityCheck.objects.get(dossier=dossier)
    assert check.result == "mismatch" and check.differing_fields == ["birth_date"]
    assert check.ma_csdl == "" and check.note.startswith("CCCD ghi ngày sinh")
    assert _sync_of(dossier)["MaCSDL"] == ""
    page = client.get(reverse("office:dossier", args=[dossier.code])).content.decode()
    assert 'data-identity-result="mismatch"' in page
    assert "Không khớp với CSDL dân cư" in page and "không khớp: ngày sinh" in page
    assert "CCCD ghi ngày sinh 12/04/1991" in page


def test_someone_unknown_to_the_database_is_recorded_as_not_found(client, world, resident):
    sign_in_official(client, world.receptionist)
    response = client.post(
        reverse(DESK),
        _post(
            world, personal_id="001090999999", birth_date="1990-01-01", identity_note="Đã xem CCCD."
        ),
    )
    assert response.status_code == 302
    assert IdentityCheck.objects.get().result == "not_found"


def test_an_unreachable_database_is_recorded_and_reception_goes_on_with_a_note(
    client, world, resident
):
    resident.stop()
    sign_in_official(client, world.receptionist)
    response = client.post(reverse(DESK), _post(world, birth_date="1990-04-12"))
    assert response.status_code == 200 and not Dossier.objects.exists()
    assert "Không kết nối được CSDL dân cư" in response.content.decode()
    response = client.post(
        reverse(DESK),
        _post(world, birth_date="1990-04-12", identity_note="CSDL dân cư không truy cập được."),
    )
    assert response.status_code == 302
    check = IdentityCheck.objects.get()
    assert check.result == "unavailable" and check.note == "CSDL dân cư không truy cập được."
    page = client.get(reverse("office:dossier", args=[check.dossier.code])).content.decode()
    assert 'data-identity-result="unavailable"' in page


def test_a_server_error_is_unavailable_too(client, world, resident):
    resident.set_fault("error_500")
    sign_in_official(client, world.receptionist)
    response = client.post(
        reverse(DESK), _post(world, birth_date="1990-04-12", identity_note="Lỗi hệ thống.")
    )
    assert response.status_code == 302
    assert IdentityCheck.objects.get().result == "unavailable"


def test_without_the_integration_nothing_is_checked(client, world, settings):
    settings.POPULATION_URL = ""
    sign_in_official(client, world.receptionist)
    assert client.post(reverse(DESK), _post(world)).status_code == 302
    assert not IdentityCheck.objects.exists()


def test_a_component_scanned_at_the_counter_is_digitised_and_flagged_in_the_sync(
    client, world, settings
):
    settings.POPULATION_URL = ""
    sign_in_official(client, world.receptionist)
    assert client.post(reverse(DESK), _post(world)).status_code == 302
    dossier = Dossier.objects.get()
    digitised = {d.code: d.digitised for d in dossier.documents.all()}
    assert digitised == {"DON": True, "GCN": False}  # DON was scanned, GCN only on paper
    data = _sync_of(dossier)
    assert data["HoSoCoThanhPhanSoHoa"] == 1
    assert [(d["DuocSoHoa"], d["DuocLayTuKhoDMQG"]) for d in data["TaiLieuNop"]] == [(1, 0)]
    page = client.get(reverse("office:dossier", args=[dossier.code])).content.decode()
    assert page.count("data-digitised") == 1
