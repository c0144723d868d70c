import re
from decimal import Decimal

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.db.models import Count, Sum
from django.urls import reverse

from motcua.accounts import second_factor
from motcua.accounts.models import User
from motcua.accounts.second_factor import DEMO_TOTP_KEY_BASE32
from motcua.agencies.choices import AgencyKind, Role
from motcua.agencies.models import Agency, Commune, RoleGrant
from motcua.agencies.validators import AGENCY_CODE_RE
from motcua.catalog.choices import FeeKind, ImplementingLevel, PublicationStatus, StepUnit
from motcua.catalog.fees import fee_amount
from motcua.catalog.models import (
    Fee,
    Field,
    LegalBasis,
    Procedure,
    ProcedureAgency,
    ProcedureCase,
    ProcedureResult,
    ProcessStep,
    RequiredDocument,
)
from motcua.demo.accounts import ACCOUNTS, DEMO_PASSWORD
from motcua.demo.procedures import all_specs
from motcua.demo.procedures.spec import unit_type_for
from motcua.demo.tests.conftest import banner_blocks
from motcua.demo.tests.eform_subset import subset_problems

pytestmark = pytest.mark.django_db


def test_hanoi_has_its_departments_centre_branches_and_126_communes(demo):
    assert Agency.objects.filter(kind=AgencyKind.DEPARTMENT).count() >= 12
    assert Agency.objects.filter(name="Sở Xây dựng Thành phố Hà Nội").exists()
    centre = Agency.objects.get(kind=AgencyKind.SERVICE_CENTRE)
    assert centre.receives_dossiers and "Thứ Bảy" in centre.counter_hours
    assert centre.children.filter(kind=AgencyKind.SERVICE_BRANCH).count() >= 5
    communes = Agency.objects.filter(kind=AgencyKind.COMMUNE)
    assert communes.count() == 126
    assert communes.filter(receives_dossiers=True).count() == 126
    assert set(communes.values_list("commune__code", flat=True)) == set(
        Commune.objects.filter(province_id="01").values_list("code", flat=True)
    )
    hoan_kiem = communes.get(name="Ủy ban nhân dân Phường Hoàn Kiếm")
    assert set(hoan_kiem.children.values_list("name", flat=True)) >= {
        "Phòng Kinh tế, Hạ tầng và Đô thị",
        "Phòng Văn hóa - Xã hội",
    }


def test_every_agency_sits_under_the_city_with_a_unique_illustrative_code(demo):
    root = Agency.objects.get(parent=None)
    assert root.name == "Ủy ban nhân dân Thành phố Hà Nội"
    codes = list(Agency.objects.values_list("code", flat=True))
    assert len(codes) == len(set(codes)) == root.subtree().count()
    assert all(AGENCY_CODE_RE.match(code) for code in codes)
    assert not Agency.objects.filter(code_is_official=True).exists()


def test_at_least_forty_published_procedures_each_complete(demo):
    procedures = Procedure.objects.filter(status=PublicationStatus.PUBLISHED)
    assert procedures.count() >= 40
    for procedure in procedures.prefetch_related("cases__documents", "steps", "results"):
        cases = list(procedure.cases.all())
        assert any(case.documents.all() for case in cases), procedure.code
        assert sum(step.share_percent for step in procedure.steps.all()) == Decimal(100)
        assert 2 <= len(procedure.steps.all()) <= 5, procedure.code
        assert procedure.results.all(), procedure.code
        assert procedure.source and procedure.effective_from
        if procedure.via_online:
            assert procedure.eform_schema, procedure.code
            assert subset_problems(procedure.eform_schema) == [], procedure.code


def test_the_catalog_spans_the_fields_and_a_realistic_level_mix(demo):
    procedures = Procedure.objects.all()
    assert Field.objects.annotate(n=Count("procedures")).filter(n__gt=0).count() >= 15
    online = procedures.filter(service_level__gte=3).count()
    assert 0.75 <= online / procedures.count() < 1
    assert procedures.filter(service_level=2).exists()
    assert procedures.filter(integrated_with_national_portal=True).exists()
    birth = Procedure.objects.get(code="1.001193")
    assert [c.name for c in birth.cases.all()][2] == "Đăng ký khai sinh có yếu tố nước ngoài"
    assert "Thông tư 04/2024/TT-BTP" in birth.cases.first().documents.first().form_name


def test_commune_procedures_run_in_every_commune_and_city_ones_in_their_department(demo):
    for procedure in Procedure.objects.annotate(n=Count("implementations")):
        if procedure.implementing_level == ImplementingLevel.COMMUNE:
            assert procedure.n == 126, procedure.code
            assert not procedure.implementations.exclude(agency__kind=AgencyKind.COMMUNE).exists()
        else:
            assert procedure.n == 1, procedure.code


def test_each_procedure_names_a_unit_its_agencies_have(demo):
    for spec in all_specs():
        procedure = Procedure.objects.get(code=spec.code)
        for agency in procedure.agencies.all()[:3]:
            assert agency.children.filter(unit_type=unit_type_for(spec)).exists(), spec.code
        assert procedure.steps.filter(unit=StepUnit.RESPONSIBLE_UNIT).exists() or (
            spec.process == "same_day"
        )


def test_fees_come_out_as_published_for_copies_and_tiers(demo):
    extract = Fee.objects.get(procedure__code="2.000635")
    assert fee_amount(extract.kind, extract.amount, extract.tiers, quantity=3) == 24_000
    karaoke = Fee.objects.get(procedure__code="1.001029")
    assert karaoke.kind == FeeKind.TIERED
    amounts = {n: fee_amount(karaoke.kind, 0, karaoke.tiers, n) for n in (2, 5, 10, 40)}
    assert amounts == {2: 6_000_000, 5: 12_000_000, 10: 22_000_000, 40: 50_000_000}
    foreign_birth = Fee.objects.get(procedure__code="1.001193")
    assert foreign_birth.case.name.endswith("yếu tố nước ngoài")


@pytest.mark.parametrize(
    "model",
    [Agency, Field, Procedure, ProcedureCase, RequiredDocument, Fee, ProcedureResult,
     LegalBasis, ProcessStep, ProcedureAgency, User, RoleGrant],
    ids=lambda model: model.__name__,
)  # fmt: skip
def test_every_demo_object_passes_full_clean(demo, model):
    objects = list(model.objects.all())
    assert objects
    for obj in objects:
        obj.full_clean()


def test_each_role_has_a_demo_official_and_the_admin_is_a_superuser(demo):
    granted = set(RoleGrant.objects.values_list("role", flat=True))
    assert granted == set(Role.values)
    builder = RoleGrant.objects.get(user__username="chuyenvien.xd").agency
    assert builder.parent.name == "Sở Xây dựng Thành phố Hà Nội"
    assert User.objects.get(username="admin").is_superuser
    assert User.objects.filter(is_staff=True).count() == RoleGrant.objects.count()
    citizen = User.objects.get(username="congdan")
    assert len(citizen.personal_id) == 12 and not citizen.is_staff
    assert User.objects.get(username="doanhnghiep").tax_code


def test_the_catalog_admin_may_edit_the_catalog_and_reception_may_not(demo):
    catalog_admin = authenticate(username="quantri.danhmuc", password=DEMO_PASSWORD)
    reception = authenticate(username="tiepnhan", password=DEMO_PASSWORD)
    assert catalog_admin is not None and reception is not None
    assert catalog_admin.has_perm("catalog.change_procedure")
    assert not reception.has_perm("catalog.change_procedure")


def test_load_demo_prints_its_counts(demo):
    assert f"{Procedure.objects.count():>6}  thủ tục hành chính" in demo
    assert "   126  xã, phường" in demo
    assert f"{Agency.objects.count():>6}  cơ quan, đơn vị" in demo


def test_load_demo_if_empty_leaves_a_loaded_database_alone(demo, capsys):
    before = (Agency.objects.count(), Procedure.objects.count(), User.objects.count())
    call_command("load_demo", "--if-empty")
    call_command("load_demo", "--if-empty")
    assert (Agency.objects.count(), Procedure.objects.count(), User.objects.count()) == before
    assert "bỏ qua" in capsys.readouterr().out


def test_demo_banner_prints_every_account_and_the_port(demo, capsys, monkeypatch):
    monkeypatch.setenv("PORT", "8765")
    call_command("demo_banner")
    out = capsys.readouterr().out
    assert "http://127.0.0.1:8765/api/v1/docs" in out
    assert DEMO_PASSWORD in out
    for account in ACCOUNTS:
        assert account.username in out and account.full_name in out
    assert "chưa nạp" not in out
    assert "Tiếp nhận hồ sơ — Trung tâm Phục vụ hành chính công Thành phố Hà Nội" in out
    assert "sẽ có sau" not in out


def test_the_banner_sends_officials_to_the_office_and_administrators_to_the_admin(
    demo, capsys, monkeypatch
):
    monkeypatch.setenv("PORT", "8765")
    call_command("demo_banner")
    out = capsys.readouterr().out
    base = "http://127.0.0.1:8765"
    assert f"{base}/can-bo/  (đăng nhập: {base}/can-bo/dang-nhap/)" in out
    assert "giao diện riêng cho cán bộ" not in out
    blocks = banner_blocks(out)
    for username in ("tiepnhan", "chuyenvien.xd", "lanhdao.hoankiem", "trakq", "baocao"):
        assert f"Thử trước tại {base}/can-bo/:" in blocks[username], username
        assert "/admin/" not in blocks[username], username
    assert f"{base}/can-bo/tiep-nhan/" in blocks["tiepnhan.hoankiem"]
    assert f"{base}/can-bo/don-vi/" in blocks["lanhdao.xd"]
    assert f"Thử trước tại {base}/admin/:" in blocks["quantri.danhmuc"]
    assert "/admin/catalog/" in blocks["quantri.danhmuc"]
    assert f"Thử trước trên cổng {base}/:" in blocks["congdan"]
    # The portal's sign-in page when there is one, its tracking page otherwise.
    assert f"{base}/dang-nhap/" in blocks["congdan"] or f"{base}/tra-cuu/" in blocks["congdan"]
    # How to pass the second sign-in step.
    assert DEMO_TOTP_KEY_BASE32 in out and "Mã xác thực" in out


def test_every_demo_official_has_the_published_authenticator_and_citizens_none(demo):
    officials = User.objects.filter(role_grants__isnull=False).distinct()
    assert officials.exists()
    for user in list(officials) + list(User.objects.filter(is_staff=True)):
        assert second_factor.authenticator(user).key == second_factor.DEMO_TOTP_KEY, user
    for username in ("congdan", "doanhnghiep"):
        assert second_factor.authenticator(User.objects.get(username=username)) is None


def test_a_demo_official_passes_the_second_step_with_the_code_the_page_shows(demo, settings):
    from django.test import Client

    settings.DEMO_MODE = True
    client = Client()
    response = client.post(
        reverse("office:login"), {"username": "tiepnhan", "password": DEMO_PASSWORD}
    )
    assert response.status_code == 302
    page = client.get(reverse("office:second_factor")).content.decode()
    code = re.search(r'class="demo-otp-code">(\d{6})<', page).group(1)
    assert client.post(reverse("office:second_factor"), {"code": code}).status_code == 302
    assert client.get(reverse("office:home")).status_code == 200


def test_document_counts_add_up_across_cases(demo):
    totals = RequiredDocument.objects.aggregate(originals=Sum("originals"), copies=Sum("copies"))
    assert totals["originals"] > 0 and totals["copies"] > 0


def test_each_e_form_replaces_its_cases_declaration_and_nothing_else(demo):
    """The demo marks each case's first document of a procedure with an e-form as the
    declaration the e-form replaces; a procedure without one asks for every document."""
    from motcua.catalog.models import filled_by_eform

    birth = RequiredDocument.objects.filter(
        case__procedure__code="1.001193", case__code="TH1"
    ).order_by("order")
    assert [filled_by_eform(d.case.procedure, d) for d in birth] == [True, False, False]
    assert birth[0].name == "Tờ khai đăng ký khai sinh"
    marked = RequiredDocument.objects.filter(filled_by_eform=True)
    assert marked.exists() and not marked.filter(case__procedure__eform_schema={}).exists()
    assert not marked.exclude(order=1).exists()


def test_every_agency_that_receives_dossiers_has_a_receipt_series_in_use(demo):
    from motcua.payments.models import ReceiptSeries

    receiving = Agency.objects.filter(receives_dossiers=True)
    in_use = ReceiptSeries.objects.filter(active=True)
    assert set(in_use.values_list("agency_id", flat=True)) == set(
        receiving.values_list("pk", flat=True)
    )
    assert set(in_use.values_list("code", "template__code")) == {("C26T", "01BLP0-001")}
