"""Only the roles that handle dossiers (reception, specialist, unit leader, result return) see
dossiers and their applicants' personal data, in the office and through the API alike. A report
reader lists dossiers without personal data; a catalog or system administrator sees none."""

from __future__ import annotations

import pytest
from django.urls import reverse

from motcua.accounts.tests.factories import UserFactory
from motcua.agencies.choices import Role
from motcua.agencies.tests.factories import RoleGrantFactory
from motcua.office.tests.helpers import assigned
from motcua.testing import sign_in_official

pytestmark = pytest.mark.django_db

NAME, PERSONAL_ID, PHONE, ADDRESS = "Trần Thị Bích Ngọc", "001190012345", "0912345678", "Hàng Bạc"
ALL = {"hang": "tat-ca"}


def official_with(role, agency, *, superuser=False):
    user = UserFactory(official=True, is_superuser=superuser)
    RoleGrantFactory(user=user, agency=agency, role=role, includes_subtree=True)
    return user


def no_personal_data(page: str) -> None:
    for value in (NAME, PERSONAL_ID, PHONE, ADDRESS):
        assert value not in page


@pytest.fixture
def dossier(world):
    return assigned(world)


@pytest.fixture
def city(world):
    return world.centre.parent


def test_a_handler_lists_and_opens_the_dossier_with_its_applicant(client, world, dossier):
    sign_in_official(client, world.receptionist)
    page = client.get(reverse("office:queues"), ALL).content.decode()
    assert dossier.code in page and NAME in page
    assert reverse("office:dossier", args=[dossier.code]) in page
    assert (
        client.get(reverse("office:queues"), {**ALL, "q": PERSONAL_ID})
        .context["page"]
        .paginator.count
        == 1
    )
    assert (
        PERSONAL_ID in client.get(reverse("office:dossier", args=[dossier.code])).content.decode()
    )


@pytest.mark.parametrize(
    "role,superuser",
    [(Role.CATALOG_ADMIN, False), (Role.SYSTEM_ADMIN, True), (Role.SYSTEM_ADMIN, False)],
)
def test_an_administrator_sees_no_dossier_and_no_applicant(client, city, dossier, role, superuser):
    admin = official_with(role, city, superuser=superuser)
    sign_in_official(client, admin)
    for queue in ("tat-ca", "cho-tiep-nhan", "cua-toi"):
        response = client.get(reverse("office:queues"), {"hang": queue})
        assert response.status_code == 200
        page = response.content.decode()
        no_personal_data(page)
        assert reverse("office:dossier", args=[dossier.code]) not in page
    if not superuser:
        assert client.get(reverse("office:queues"), ALL).context["page"].paginator.count == 0
    home = client.get(reverse("office:home")).content.decode()
    no_personal_data(home)
    for name in ("office:dossier", "office:lookup_slip"):
        assert client.get(reverse(name, args=[dossier.code])).status_code == 404
    # Nor through the API with the same session.
    listed = client.get("/api/v1/dossiers")
    assert listed.status_code == 200 and listed.json()["count"] == 0
    assert client.get(f"/api/v1/dossiers/{dossier.code}").status_code == 404


def test_a_report_reader_lists_dossiers_without_personal_data(client, city, dossier):
    reader = official_with(Role.REPORT_READER, city)
    sign_in_official(client, reader)
    response = client.get(reverse("office:queues"), ALL)
    page = response.content.decode()
    assert response.context["page"].paginator.count == 1
    assert dossier.code in page and dossier.procedure.name in page
    no_personal_data(page)
    # No way in to the dossier itself, nor to whose it is by searching.
    assert reverse("office:dossier", args=[dossier.code]) not in page
    assert client.get(reverse("office:dossier", args=[dossier.code])).status_code == 404
    for query in (PERSONAL_ID, "Bích Ngọc", "bich ngoc"):
        found = client.get(reverse("office:queues"), {**ALL, "q": query})
        assert found.context["page"].paginator.count == 0, query
    by_code = client.get(reverse("office:queues"), {**ALL, "q": dossier.code})
    assert by_code.context["page"].paginator.count == 1
    # The figures are theirs to see.
    assert client.get(reverse("office:load")).status_code == 200
    # The API shows them nothing: its answers carry personal data.
    assert client.get("/api/v1/dossiers").json()["count"] == 0
    assert client.get(f"/api/v1/dossiers/{dossier.code}").status_code == 404


def test_a_reader_who_also_handles_some_dossiers_sees_personal_data_only_in_those(
    client, world, city, dossier
):
    # The specialist also reads the reports of the whole city: the dossier they work on shows
    # its applicant; another agency's dossier is listed without one.
    RoleGrantFactory(
        user=world.specialist, agency=city, role=Role.REPORT_READER, includes_subtree=True
    )
    from motcua.dossiers import services
    from motcua.dossiers.tests.fixtures import pdf, vn

    elsewhere = services.create_dossier(
        procedure=world.procedure,
        case=world.case,
        channel="online",
        applicant=world.applicant(name="Lý Văn Khác", personal_id="001190099999"),
        receiving_agency=world.other,
        form_data={"dien_tich": "80"},
        uploads=[services.Upload("DON", pdf()), services.Upload("GCN", pdf())],
        now=vn(2026, 3, 2, 9),
    ).dossier
    sign_in_official(client, world.specialist)
    page = client.get(reverse("office:queues"), ALL).content.decode()
    assert dossier.code in page and NAME in page
    assert elsewhere.code in page and "Lý Văn Khác" not in page
    assert reverse("office:dossier", args=[elsewhere.code]) not in page
    found = client.get(reverse("office:queues"), {**ALL, "q": "001190099999"})
    assert found.context["page"].paginator.count == 0
