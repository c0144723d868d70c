"""The catalog in step with the national database (the simulator's catalog, built from ours):
the differences procedure by procedure, applied through the audited catalog import, on the
office page and by the command."""

from __future__ import annotations

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from motcua.accounts.tests.factories import UserFactory
from motcua.agencies.choices import Role
from motcua.agencies.tests.factories import RoleGrantFactory
from motcua.catalog.models import Procedure
from motcua.catalog.tests.factories import ProcedureFactory
from motcua.events.models import ReferenceAuditEvent
from motcua.integrations.national_portal import catalog_sync
from motcua.integrations.national_portal.tests.inbound_helpers import connect
from motcua.testing import sign_in_official


@pytest.fixture
def portal(settings, world, national_portal_sim, client):
    connect(settings, national_portal_sim)
    detail = client.get(f"/api/v1/procedures/{world.procedure.code}").json()
    assert national_portal_sim.load_catalog([detail]) == 1
    return national_portal_sim


@pytest.fixture
def catalog_admin(world):
    user = UserFactory(official=True, full_name="Vũ Thị Danh Mục")
    RoleGrantFactory(
        user=user, agency=world.centre.parent, role=Role.CATALOG_ADMIN, includes_subtree=True
    )
    return user


def by_code(diffs):
    return {diff.code: diff for diff in diffs}


def test_a_catalog_the_portal_holds_as_ours_shows_no_difference(world, portal):
    catalog = catalog_sync.fetch()
    diffs = by_code(catalog_sync.compare(catalog))
    assert diffs[world.procedure.code].kind == catalog_sync.SAME, diffs[world.procedure.code]
    # The portal's agencies and fields are the ones our procedure names: all known here.
    assert [item["MaCoQuan"] for item in catalog.agencies] == [world.department.code]
    assert catalog.fields and catalog_sync.unknown_references(catalog) == {
        "agencies": [],
        "fields": [],
    }


def test_agencies_and_fields_unknown_here_are_named(world, portal):
    catalog = catalog_sync.fetch()
    # Our field and agency change their codes: the portal's now name ones we do not know.
    type(world.procedure.field).objects.filter(pk=world.procedure.field_id).update(code="KHAC")
    type(world.department).objects.filter(pk=world.department.pk).update(code="000.99.98.H26")
    unknown = catalog_sync.unknown_references(catalog)
    assert [item["MaCoQuan"] for item in unknown["agencies"]] == [catalog.agencies[0]["MaCoQuan"]]
    assert [item["MaLinhVuc"] for item in unknown["fields"]] == [catalog.fields[0]["MaLinhVuc"]]


def test_a_record_changed_on_the_portal_shows_what_changed_and_applies(
    world, portal, catalog_admin
):
    ours_only = ProcedureFactory(name="Thủ tục chỉ có ở tỉnh")
    portal.control(
        "POST",
        f"catalog/{world.procedure.code}",
        {"TENTTHC": "Cấp giấy phép xây dựng (sửa đổi)", "THOIGIANGIAIQUYET": 12},
    ).raise_for_status()
    catalog = catalog_sync.fetch()
    diffs = by_code(catalog_sync.compare(catalog))
    changed = diffs[world.procedure.code]
    assert changed.kind == catalog_sync.CHANGED
    assert {change.part for change in changed.changes} == {"name", "cases"}
    name = next(change for change in changed.changes if change.part == "name")
    assert name.local == "Cấp giấy phép xây dựng nhà ở riêng lẻ"
    assert name.national == "Cấp giấy phép xây dựng (sửa đổi)"
    assert diffs[ours_only.code].kind == catalog_sync.MISSING

    schema = world.procedure.eform_schema
    report = catalog_sync.apply(catalog, [world.procedure.code], actor=catalog_admin)
    assert report.complete, report.records
    procedure = Procedure.objects.get(pk=world.procedure.pk)
    assert procedure.name == "Cấp giấy phép xây dựng (sửa đổi)"
    case = procedure.cases.get()
    assert case.pk == world.case.pk and case.code == "TH1"
    assert case.time_limit_value == Decimal("12")
    # What the national shape has no place for stays.
    assert procedure.eform_schema == schema
    assert procedure.steps.count() == 3
    assert ReferenceAuditEvent.objects.filter(
        action="procedure_imported", subject_key=procedure.code
    ).exists()
    assert Procedure.objects.filter(pk=ours_only.pk).exists()  # missing: never deleted
    after = by_code(catalog_sync.compare(catalog_sync.fetch()))
    assert after[world.procedure.code].kind == catalog_sync.SAME


def test_only_a_catalog_administrator_applies(world, portal):
    catalog = catalog_sync.fetch()
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        catalog_sync.apply(catalog, [world.procedure.code], actor=world.receptionist)


def test_the_office_page_shows_the_differences_and_applies_the_chosen(
    client, world, portal, catalog_admin
):
    portal.control(
        "POST", f"catalog/{world.procedure.code}", {"YEUCAU": "Điều kiện mới của Trung ương"}
    ).raise_for_status()
    sign_in_official(client, catalog_admin)
    url = reverse("office:national_catalog")
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert world.procedure.code in html and "Điều kiện mới của Trung ương" in html
    assert "Yêu cầu, điều kiện" in html
    answer = client.post(url, {"code": [world.procedure.code]})
    assert answer.status_code == 200
    assert Procedure.objects.get(pk=world.procedure.pk).conditions == "Điều kiện mới của Trung ương"
    assert "Danh mục của tỉnh đã khớp" in answer.content.decode()


def test_the_office_page_is_for_catalog_administrators(client, world, portal):
    sign_in_official(client, world.receptionist)
    assert client.get(reverse("office:national_catalog")).status_code == 403


def test_the_command_dry_run_shows_and_changes_nothing(world, portal, catalog_admin):
    portal.control(
        "POST", f"catalog/{world.procedure.code}", {"TENTTHC": "Tên mới"}
    ).raise_for_status()
    out = StringIO()
    call_command("sync_national_catalog", "--dry-run", stdout=out)
    assert "changed" in out.getvalue() and "Tên mới" in out.getvalue()
    assert Procedure.objects.get(pk=world.procedure.pk).name != "Tên mới"
    call_command("sync_national_catalog", "--actor", catalog_admin.username, stdout=StringIO())
    assert Procedure.objects.get(pk=world.procedure.pk).name == "Tên mới"
