"""Publishing, withdrawing, importing and editing procedures go through audited services, from
the admin and from the import command alike."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse

from motcua.accounts.tests.factories import UserFactory
from motcua.agencies.choices import Role
from motcua.agencies.tests.factories import AgencyFactory, RoleGrantFactory
from motcua.catalog import services
from motcua.catalog.choices import PublicationStatus
from motcua.catalog.models import Procedure
from motcua.catalog.records import export_json, procedures_for_export
from motcua.catalog.tests.factories import ProcedureFactory, complete_procedure
from motcua.catalog.tests.test_catalog_admin import change_url, post_change, upload_json
from motcua.dossiers.tests.fixtures import vn
from motcua.events.models import OutboxEvent, ReferenceAuditEvent
from motcua.events.reference import verify_reference_chain
from motcua.testing import sign_in_official

pytestmark = pytest.mark.django_db

NOW = vn(2026, 3, 2, 14)


@pytest.fixture
def catalog_admin():
    """A catalog administrator of the whole province, with the admin's catalog permissions."""
    from django.contrib.auth.models import Permission

    user = RoleGrantFactory(
        agency=AgencyFactory(), role=Role.CATALOG_ADMIN, includes_subtree=True
    ).user
    user.user_permissions.add(*Permission.objects.filter(content_type__app_label="catalog"))
    return user


def audits(**filters) -> list[tuple[str, str]]:
    return list(
        ReferenceAuditEvent.objects.filter(**filters)
        .order_by("seq")
        .values_list("action", "subject_key")
    )


def test_publishing_and_withdrawing_are_audited_and_announced(catalog_admin):
    procedure = complete_procedure(draft=True)

    services.publish_procedure(procedure, actor=catalog_admin, now=NOW)
    assert Procedure.objects.get(pk=procedure.pk).status == PublicationStatus.PUBLISHED
    services.withdraw_procedure(procedure, actor=catalog_admin, reason="Đã bị bãi bỏ", now=NOW)
    assert Procedure.objects.get(pk=procedure.pk).status == PublicationStatus.WITHDRAWN
    services.publish_procedure(procedure, actor=catalog_admin, now=NOW)

    assert audits() == [
        ("procedure_published", procedure.code),
        ("procedure_withdrawn", procedure.code),
        ("procedure_published", procedure.code),
    ]
    withdrawn = ReferenceAuditEvent.objects.get(action="procedure_withdrawn")
    assert withdrawn.data == {
        "from_status": "published",
        "to_status": "withdrawn",
        "note": "Đã bị bãi bỏ",
    }
    types = list(OutboxEvent.objects.order_by("pk").values_list("type", flat=True))
    assert types == [
        "catalog.procedure_published",
        "catalog.procedure_withdrawn",
        "catalog.procedure_published",
    ]
    assert OutboxEvent.objects.first().payload["code"] == procedure.code
    assert verify_reference_chain() == []


def test_a_procedure_that_breaks_the_publication_rule_is_not_published(catalog_admin):
    procedure = ProcedureFactory(status=PublicationStatus.DRAFT)  # no case at all
    with pytest.raises(ValidationError) as caught:
        services.publish_procedure(procedure, actor=catalog_admin)
    assert caught.value.message_dict["status"] == [
        "Thủ tục đã công bố phải có ít nhất một trường hợp."
    ]
    assert Procedure.objects.get(pk=procedure.pk).status == PublicationStatus.DRAFT
    assert not ReferenceAuditEvent.objects.exists() and not OutboxEvent.objects.exists()


def test_a_status_goes_only_where_the_life_of_a_procedure_allows(catalog_admin):
    draft = complete_procedure(draft=True)
    with pytest.raises(ValidationError):
        services.withdraw_procedure(draft, actor=catalog_admin)
    published = complete_procedure()
    with pytest.raises(ValidationError):
        services.publish_procedure(published, actor=catalog_admin)
    assert services.status_change_error("published", "draft")
    assert services.status_change_error("withdrawn", "published") is None
    assert not ReferenceAuditEvent.objects.exists()


def test_only_a_catalog_administrator_of_the_whole_province_changes_the_catalog():
    procedure = complete_procedure(draft=True)
    city = AgencyFactory()
    department = AgencyFactory(parent=city)
    refused = [
        RoleGrantFactory(agency=department, role=Role.CATALOG_ADMIN, includes_subtree=True).user,
        RoleGrantFactory(agency=city, role=Role.CATALOG_ADMIN, includes_subtree=False).user,
        RoleGrantFactory(agency=city, role=Role.SYSTEM_ADMIN, includes_subtree=True).user,
        UserFactory(),
    ]
    for actor in refused:
        with pytest.raises(PermissionDenied):
            services.publish_procedure(procedure, actor=actor)
        with pytest.raises(PermissionDenied):
            services.import_procedures("[]", actor=actor)
    assert Procedure.objects.get(pk=procedure.pk).status == PublicationStatus.DRAFT


def test_an_import_records_each_procedure_written(catalog_admin):
    existing, new = complete_procedure(), complete_procedure()
    content = export_json(procedures_for_export([existing.code, new.code]))
    new.delete()

    report = services.import_procedures(content, actor=catalog_admin, now=NOW)

    assert report.complete
    assert sorted(audits(action="procedure_imported")) == sorted(
        [("procedure_imported", existing.code), ("procedure_imported", new.code)]
    )
    by_code = {e.subject_key: e for e in ReferenceAuditEvent.objects.all()}
    assert by_code[new.code].data["outcome"] == "created"
    assert by_code[existing.code].data["from_status"] == "published"
    assert OutboxEvent.objects.filter(type="catalog.procedure_imported").count() == 2


def test_a_dry_run_or_a_failed_import_records_nothing(catalog_admin):
    procedure = complete_procedure()
    content = export_json(procedures_for_export([procedure.code]))
    services.import_procedures(content, actor=catalog_admin, dry_run=True)
    good = json.loads(content)[0]
    bad = dict(good, MATTHC="1.200000", TENTTHC="")
    report = services.import_procedures(json.dumps([good, bad]), actor=catalog_admin)
    assert not report.imported
    assert not ReferenceAuditEvent.objects.exists() and not OutboxEvent.objects.exists()


def test_the_import_command_runs_in_the_name_of_a_catalog_administrator(tmp_path, catalog_admin):
    procedure = complete_procedure()
    path = tmp_path / "catalog.json"
    path.write_text(export_json(procedures_for_export([procedure.code])), encoding="utf-8")

    outsider = UserFactory(official=True)
    with pytest.raises(CommandError, match="Chỉ quản trị danh mục"):
        call_command("import_catalog", str(path), "--user", outsider.username, stdout=StringIO())
    with pytest.raises(CommandError, match="Không có tài khoản"):
        call_command("import_catalog", str(path), "--user", "khong-co", stdout=StringIO())
    assert not ReferenceAuditEvent.objects.exists()

    call_command("import_catalog", str(path), "--user", catalog_admin.username, stdout=StringIO())
    audit = ReferenceAuditEvent.objects.get()
    assert (audit.action, audit.actor) == ("procedure_imported", catalog_admin)


# --- the admin ---------------------------------------------------------------------------


@pytest.fixture
def catalog_client(client, catalog_admin):
    sign_in_official(client, catalog_admin)
    return client


def test_publishing_in_the_admin_goes_through_the_service(catalog_client, catalog_admin):
    procedure = complete_procedure(draft=True)
    response = post_change(catalog_client, procedure, status="published", name="Tên mới")
    assert response.status_code == 302
    procedure.refresh_from_db()
    assert (procedure.status, procedure.name) == ("published", "Tên mới")
    assert audits() == [
        ("procedure_edited", procedure.code),
        ("procedure_published", procedure.code),
    ]
    edited = ReferenceAuditEvent.objects.get(action="procedure_edited")
    assert edited.actor == catalog_admin and edited.data == {"changed": ["name"]}
    assert OutboxEvent.objects.filter(type="catalog.procedure_changed").count() == 1


def test_the_admin_refuses_putting_a_published_procedure_back_to_draft(catalog_client):
    procedure = complete_procedure()
    response = post_change(catalog_client, procedure, status="draft")
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["status"] == [
        "Không thể chuyển thủ tục từ “Đã công bố” sang “Dự thảo”."
    ]
    assert not ReferenceAuditEvent.objects.exists()


def test_the_admin_actions_publish_and_withdraw_each_procedure(catalog_client):
    ready, empty = complete_procedure(draft=True), ProcedureFactory(status="draft")
    url = reverse("admin:catalog_procedure_changelist")
    response = catalog_client.post(
        url,
        {"action": "publish_selected", "_selected_action": [ready.pk, empty.pk]},
        follow=True,
    )
    text = response.content.decode()
    assert f"{empty.code}: Thủ tục đã công bố phải có ít nhất một trường hợp." in text
    assert Procedure.objects.get(pk=ready.pk).status == "published"
    assert Procedure.objects.get(pk=empty.pk).status == "draft"
    catalog_client.post(url, {"action": "withdraw_selected", "_selected_action": [ready.pk]})
    assert Procedure.objects.get(pk=ready.pk).status == "withdrawn"
    assert audits() == [
        ("procedure_published", ready.code),
        ("procedure_withdrawn", ready.code),
    ]


def test_the_admin_deletes_a_draft_through_the_service_and_never_a_published_one(catalog_client):
    draft, published = complete_procedure(draft=True), complete_procedure()
    delete = reverse("admin:catalog_procedure_delete", args=[published.pk])
    assert catalog_client.post(delete, {"post": "yes"}).status_code == 403
    delete = reverse("admin:catalog_procedure_delete", args=[draft.pk])
    assert catalog_client.post(delete, {"post": "yes"}).status_code == 302
    assert not Procedure.objects.filter(pk=draft.pk).exists()
    assert audits() == [("procedure_deleted", draft.code)]


def test_the_admin_import_page_imports_through_the_service(catalog_client, catalog_admin):
    procedure = complete_procedure()
    content = export_json(procedures_for_export([procedure.code]))
    Procedure.objects.all().delete()
    response = catalog_client.post(
        reverse("admin:catalog_procedure_import"), {"file": upload_json(content)}
    )
    assert response.status_code == 200
    audit = ReferenceAuditEvent.objects.get()
    assert (audit.action, audit.actor, audit.subject_key) == (
        "procedure_imported",
        catalog_admin,
        procedure.code,
    )


def test_a_staff_member_without_the_catalog_role_only_reads_procedures(client):
    from django.contrib.auth.models import Permission

    staff = UserFactory(official=True)
    staff.user_permissions.add(*Permission.objects.filter(content_type__app_label="catalog"))
    sign_in_official(client, staff)
    procedure = complete_procedure(draft=True)
    page = client.get(change_url(procedure))
    assert page.status_code == 200 and not page.context["has_change_permission"]
    assert client.post(change_url(procedure), {"status": "published"}).status_code == 403
    assert Procedure.objects.get(pk=procedure.pk).status == "draft"
