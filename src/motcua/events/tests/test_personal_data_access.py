"""Every read of personal data is logged: the office queue searched by personal ID, the admin's
dossier list and page, the API's list and action answers; the data-protection officer reads the
log, read-only, and exports it."""

from __future__ import annotations

import csv
import io

import pytest
from django.db import DatabaseError, connection, transaction
from django.test import Client
from django.urls import reverse

from motcua.accounts.apiclients import create_api_client
from motcua.accounts.tests.factories import UserFactory
from motcua.agencies.choices import Role
from motcua.agencies.tests.factories import RoleGrantFactory
from motcua.dossiers.tests.fixtures import received, submit_online
from motcua.events.models import PersonalDataAccess
from motcua.events.services import log_personal_data_access
from motcua.testing import sign_in_official

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    sign_in_official(client, UserFactory(is_staff=True, is_superuser=True, username="dpo"))
    return client


def accesses(context: str):
    return PersonalDataAccess.objects.filter(context=context)


def test_an_office_queue_searched_by_personal_id_logs_each_dossier_shown(world, client):
    mine = received(world)
    received(world, name="Lê Văn Bình", personal_id="001085000777")
    sign_in_official(client, world.specialist)
    response = client.get(reverse("office:queues"), {"q": "001190012345", "hang": "tat-ca"})
    assert response.status_code == 200
    logged = accesses("office:queue-search")
    shown = [row.dossier.pk for row in response.context["rows"]]
    assert shown and mine.pk in shown
    assert sorted(logged.values_list("dossier_id", flat=True)) == sorted(shown)
    assert set(logged.values_list("user", "query")) == {(world.specialist.pk, "001190012345")}


def test_a_search_that_finds_nobody_is_still_logged(world, client):
    sign_in_official(client, world.specialist)
    client.get(reverse("office:queues"), {"q": "079099000001"})
    assert list(accesses("office:queue-search").values_list("dossier", "query")) == [
        (None, "079099000001")
    ]


def test_the_plain_queue_without_a_search_is_not_logged(world, client):
    received(world)
    sign_in_official(client, world.specialist)
    client.get(reverse("office:queues"))
    assert not accesses("office:queue-search").exists()


def test_the_admin_dossier_list_and_page_are_logged(world, client):
    # A superuser who also works at the centre's reception desk: the admin shows them the
    # dossiers the desk sees, and logs each one.
    desk_admin = UserFactory(is_staff=True, is_superuser=True, username="desk-admin")
    RoleGrantFactory(user=desk_admin, agency=world.centre, role=Role.RECEPTION)
    admin_client = sign_in_official(client, desk_admin)
    dossier = received(world)
    other = received(world, name="Lê Văn Bình", personal_id="001085000777")
    listing = admin_client.get(reverse("admin:dossiers_dossier_changelist"))
    assert listing.status_code == 200
    assert sorted(accesses("admin:list").values_list("dossier", "query")) == sorted(
        [(dossier.pk, ""), (other.pk, "")]
    )
    admin_client.get(reverse("admin:dossiers_dossier_changelist"), {"q": dossier.code})
    assert list(accesses("admin:list").filter(query=dossier.code).values_list("dossier")) == [
        (dossier.pk,)
    ]
    page = admin_client.get(reverse("admin:dossiers_dossier_change", args=[dossier.pk]))
    assert page.status_code == 200
    assert list(accesses("admin:dossier").values_list("dossier", flat=True)) == [dossier.pk]


def test_a_superuser_who_handles_no_dossier_sees_none_in_the_admin(world, admin_client):
    dossier = received(world)
    listing = admin_client.get(reverse("admin:dossiers_dossier_changelist"))
    assert listing.status_code == 200
    assert dossier.code not in listing.content.decode()
    assert dossier.applicant_personal_id not in listing.content.decode()
    page = admin_client.get(reverse("admin:dossiers_dossier_change", args=[dossier.pk]))
    assert page.status_code == 302  # the admin's answer for an object it cannot find
    assert dossier.applicant_name not in admin_client.get(page.url).content.decode()
    assert not accesses("admin:dossier").exists()


def test_the_api_list_and_an_action_answer_are_logged(world):
    dossier = submit_online(world).dossier
    submit_online(world, name="Lê Văn Bình", personal_id="001085000777")
    _, key = create_api_client(
        "Ki-ốt trung tâm", agency=world.centre, scopes=["dossiers:read", "dossiers:receive"]
    )
    api = Client(HTTP_X_API_KEY=key)
    listed = api.get("/api/v1/dossiers", {"q": "001190012345"})
    assert listed.status_code == 200 and listed.json()["count"] == 1
    assert list(accesses("api:list").values_list("dossier", "query")) == [
        (dossier.pk, "001190012345")
    ]
    answer = api.post(
        f"/api/v1/dossiers/{dossier.code}/receive",
        {"version": dossier.version},
        content_type="application/json",
    )
    assert answer.status_code == 200, answer.content
    assert accesses("api:dossiers:receive").filter(dossier=dossier).count() == 1


def test_the_access_log_is_read_only_in_the_admin_and_exported_as_csv(world, admin_client):
    dossier = received(world)
    other = received(world, name="Lê Văn Bình", personal_id="001085000777")
    log_personal_data_access(world.specialist, dossier, context="office")
    log_personal_data_access(world.receptionist, other, context="office")
    log_personal_data_access(world.receptionist, None, context="office:lookup", query="=1+1")
    changelist = reverse("admin:events_personaldataaccess_changelist")
    page = admin_client.get(changelist)
    assert page.status_code == 200 and "export.csv" in page.content.decode()
    one = PersonalDataAccess.objects.first()
    assert admin_client.get(reverse("admin:events_personaldataaccess_add")).status_code == 403
    change = admin_client.post(
        reverse("admin:events_personaldataaccess_change", args=[one.pk]), {"context": "x"}
    )
    assert change.status_code == 403
    assert PersonalDataAccess.objects.filter(context="x").count() == 0

    export = admin_client.get(
        reverse("admin:events_personaldataaccess_export"), {"q": "001190012345"}
    )
    assert export.status_code == 200 and export["Content-Type"].startswith("text/csv")
    assert "no-store" in export["Cache-Control"]
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
    assert rows[0][0] == "Thời điểm"
    assert [(row[1], row[3], row[4]) for row in rows[1:]] == [
        (world.specialist.username, dossier.code, "001190012345")
    ]
    everything = admin_client.get(reverse("admin:events_personaldataaccess_export"))
    rows = list(csv.reader(io.StringIO(everything.content.decode("utf-8-sig"))))
    assert len(rows) == 1 + PersonalDataAccess.objects.count()
    assert ["'=1+1"] == [row[5] for row in rows[1:] if row[5]]  # no formula in a spreadsheet


def test_the_export_needs_the_right_to_view_the_log(world, client):
    sign_in_official(client, UserFactory(is_staff=True))
    response = client.get(reverse("admin:events_personaldataaccess_export"))
    assert response.status_code == 403


def test_postgresql_refuses_to_change_the_access_log(world):
    if connection.vendor != "postgresql":
        pytest.skip("the append-only triggers exist on PostgreSQL only")
    log_personal_data_access(world.specialist, received(world), context="office")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        PersonalDataAccess.objects.update(context="x")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        PersonalDataAccess.objects.all().delete()
