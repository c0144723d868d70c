"""Every action through its form on the dossier page: the happy path, and bad input coming
back as the service's messages beside the fields (200, never a 500); a stale version."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from motcua.dossiers import services
from motcua.dossiers.actions import PROVIDE_SUPPLEMENT
from motcua.dossiers.choices import Action, DossierStatus
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.fixtures import pdf, vn
from motcua.office.tests.helpers import assigned, at_last_step, decided, received, submit_online
from motcua.testing import sign_in_official

pytestmark = pytest.mark.django_db
S = DossierStatus


def act(client, dossier, action, version=None, **fields):
    data = {f"{action}-{name}": value for name, value in fields.items()}
    data[f"{action}-version"] = dossier.version if version is None else version
    return client.post(reverse("office:action", args=[dossier.code, action]), data)


def fresh(dossier):
    return Dossier.objects.get(pk=dossier.pk)


def ok(response, dossier):
    assert response.status_code == 302, response.content.decode()[:4000]
    assert response["Location"] == reverse("office:dossier", args=[dossier.code])


def field_error(response, action, field, text):
    assert response.status_code == 200
    page = response.content.decode()
    assert f'id="id_{action}-{field}_error"' in page, page[:200]
    assert text in page
    return page


# --- reception -----------------------------------------------------------------------------


def test_receiving_an_online_dossier_with_the_checklist(client, world):
    dossier = submit_online(world).dossier
    sign_in_official(client, world.receptionist)
    response = act(
        client,
        dossier,
        Action.RECEIVE,
        received_0="on",
        form_0="original",
        quantity_0="1",
        received_1="on",
        form_1="copy",
        quantity_1="2",
        sets_count="1",
    )
    ok(response, dossier)
    dossier = fresh(dossier)
    assert dossier.status == S.PROCESSING
    assert dossier.issued_forms.filter(form="01").exists()
    assert [(d.form, d.quantity) for d in dossier.documents.all()] == [
        ("original", 1),
        ("copy", 2),
    ]
    follow = client.get(response["Location"]).content.decode()
    assert "Đã thực hiện: Tiếp nhận hồ sơ." in follow


def test_receiving_with_a_bad_quantity_shows_the_services_message_on_the_line(client, world):
    dossier = submit_online(world).dossier
    sign_in_official(client, world.receptionist)
    response = act(client, dossier, Action.RECEIVE, received_0="on", form_0="copy", quantity_0="0")
    page = field_error(response, "receive", "received_0", "Số lượng phải từ 1 đến 99.")
    assert "Danh mục giấy tờ chưa hợp lệ." in page
    assert fresh(dossier).status == S.SUBMITTED


def test_returning_for_completion_with_one_list(client, world):
    dossier = submit_online(world).dossier
    sign_in_official(client, world.receptionist)
    ok(
        act(client, dossier, Action.RETURN_FOR_COMPLETION, missing="Bản vẽ\nẢnh hiện trạng"),
        dossier,
    )
    dossier = fresh(dossier)
    assert dossier.status == S.RETURNED_FOR_COMPLETION
    assert dossier.issued_forms.filter(form="02").exists()


def test_returning_for_completion_without_the_list_is_refused_on_the_field(client, world):
    dossier = submit_online(world).dossier
    sign_in_official(client, world.receptionist)
    response = act(client, dossier, Action.RETURN_FOR_COMPLETION, missing="  ")
    field_error(response, "return_for_completion", "missing", "Hãy liệt kê đầy đủ")


def test_refusing_with_reasons_and_without(client, world):
    dossier = submit_online(world).dossier
    sign_in_official(client, world.receptionist)
    field_error(act(client, dossier, Action.REFUSE, reasons=""), "refuse", "reasons", "lý do")
    ok(act(client, dossier, Action.REFUSE, reasons="Không thuộc thẩm quyền"), dossier)
    assert fresh(dossier).status == S.REFUSED


# --- processing ----------------------------------------------------------------------------


def test_the_leader_assigns_from_the_units_officials(client, world):
    dossier = received(world)
    sign_in_official(client, world.leader)
    page = client.get(reverse("office:dossier", args=[dossier.code])).content.decode()
    start = page.index('name="assign-assignee"')
    choices = page[start : page.index("</select>", start)]
    assert f'<option value="{world.specialist.pk}">Phạm Thu Hà</option>' in choices
    assert "Lê Văn Tiếp" not in choices and "Nguyễn Đức Minh" not in choices
    ok(act(client, dossier, Action.ASSIGN, assignee=world.specialist.pk), dossier)
    assert dossier.steps.get(finished_at__isnull=True).assigned_to == world.specialist


def test_the_officials_to_choose_from_are_listed_by_given_name(client, world):
    from motcua.accounts.tests.factories import UserFactory
    from motcua.agencies.choices import Role
    from motcua.agencies.tests.factories import RoleGrantFactory

    for name in ["Lê Thị Mai Phương", "Trần Minh Đức", "Nguyễn Văn An", "Đỗ Văn An"]:
        RoleGrantFactory(
            user=UserFactory(official=True, full_name=name), agency=world.unit, role=Role.SPECIALIST
        )
    dossier = received(world)
    sign_in_official(client, world.leader)
    page = client.get(reverse("office:dossier", args=[dossier.code])).content.decode()
    start = page.index('name="assign-assignee"')
    choices = page[start : page.index("</select>", start)]
    names = [
        "Đỗ Văn An",  # the same given name: the family name decides, Đ before N
        "Nguyễn Văn An",
        "Trần Minh Đức",
        "Phạm Thu Hà",
        "Lê Thị Mai Phương",
    ]
    positions = [choices.index(f">{name}</option>") for name in names]
    assert positions == sorted(positions)


def test_assigning_someone_not_on_the_list_is_a_field_error(client, world):
    dossier = received(world)
    sign_in_official(client, world.leader)
    response = act(client, dossier, Action.ASSIGN, assignee=world.outsider.pk)
    field_error(response, "assign", "assignee", "Hãy chọn")


def test_forwarding_to_the_next_step(client, world):
    dossier = assigned(world)
    sign_in_official(client, world.specialist)
    ok(act(client, dossier, Action.FORWARD, note="Đủ điều kiện"), dossier)
    assert dossier.steps.get(finished_at__isnull=True).name == "Phê duyệt"


def test_forwarding_from_the_last_step_is_refused_with_the_services_message(client, world):
    dossier = at_last_step(world)
    sign_in_official(client, world.leader)
    response = act(client, dossier, Action.FORWARD)
    assert response.status_code == 409
    assert "Đây là bước cuối của quy trình" in response.content.decode()


def test_returning_to_an_earlier_step_needs_a_reason(client, world):
    dossier = at_last_step(world)
    sign_in_official(client, world.leader)
    response = act(client, dossier, Action.RETURN_TO_STEP, order="2", reason="")
    field_error(response, "return_to_step", "reason", "Hãy nêu lý do trả lại bước trước.")
    ok(act(client, dossier, Action.RETURN_TO_STEP, order="2", reason="Thẩm định lại"), dossier)
    assert dossier.steps.get(finished_at__isnull=True).name == "Thẩm định hồ sơ"


def test_pausing_for_a_supplement_needs_the_list(client, world):
    dossier = assigned(world)
    sign_in_official(client, world.specialist)
    response = act(client, dossier, Action.PAUSE, reason="supplement", note="Thiếu", items="")
    field_error(response, "pause", "items", "toàn bộ những gì cần bổ sung")
    response = act(client, dossier, Action.PAUSE, reason="supplement", note="Thiếu", items="Bản vẽ")
    ok(response, dossier)
    dossier = fresh(dossier)
    assert dossier.status == S.PAUSED and dossier.issued_forms.filter(form="02").exists()


def _paused(world):
    dossier = assigned(world)
    services.pause_dossier(
        dossier,
        actor=world.specialist,
        reason="supplement",
        note="Thiếu bản vẽ",
        items=["Bản vẽ"],
        now=vn(2026, 3, 3, 9),
    )
    return fresh(dossier)


def test_resuming_and_a_version_that_is_not_a_number(client, world):
    dossier = _paused(world)
    sign_in_official(client, world.specialist)
    response = act(client, dossier, Action.RESUME, version="abc", note="")
    field_error(response, "resume", "version", "hãy tải lại trang")
    ok(act(client, dossier, Action.RESUME, note="Người nộp đã bổ sung qua điện thoại"), dossier)
    assert fresh(dossier).status == S.PROCESSING


def test_reception_takes_in_a_supplement_at_the_counter(client, world):
    dossier = _paused(world)
    sign_in_official(client, world.receptionist)
    response = act(client, dossier, PROVIDE_SUPPLEMENT, note="")
    field_error(response, PROVIDE_SUPPLEMENT, "files", "Hãy tải lên ít nhất một tệp bổ sung.")
    data = {
        f"{PROVIDE_SUPPLEMENT}-version": dossier.version,
        f"{PROVIDE_SUPPLEMENT}-files": [pdf("ban-ve-1.pdf"), pdf("ban-ve-2.pdf")],
    }
    response = client.post(reverse("office:action", args=[dossier.code, PROVIDE_SUPPLEMENT]), data)
    ok(response, dossier)
    dossier = fresh(dossier)
    assert dossier.status == S.PROCESSING
    assert dossier.files.filter(purpose="supplement").count() == 2


def test_handing_over_to_another_agency_and_not_to_itself(client, world):
    dossier = assigned(world)
    sign_in_official(client, world.leader)
    response = act(client, dossier, Action.HAND_OVER, to_agency=world.unit.pk, reason="x")
    field_error(response, "hand_over", "to_agency", "Hồ sơ đang ở chính cơ quan này.")
    ok(
        act(client, dossier, Action.HAND_OVER, to_agency=world.other.pk, reason="Liên thông"),
        dossier,
    )
    assert dossier.steps.get(finished_at__isnull=True).unit == world.other


def test_deciding_needs_the_result_document_and_records_it(client, world):
    dossier = at_last_step(world)
    sign_in_official(client, world.leader)
    response = act(client, dossier, Action.DECIDE, outcome="approved")
    field_error(response, "decide", "doc_title", "Hãy nhập văn bản kết quả")
    response = act(client, dossier, Action.DECIDE, outcome="rejected", reason="")
    field_error(response, "decide", "reason", "Không giải quyết thì phải nêu rõ lý do.")
    response = act(
        client,
        dossier,
        Action.DECIDE,
        outcome="approved",
        doc_title="Giấy phép xây dựng",
        doc_number="12/GPXD",
        doc_signed_on="2026-03-10",
        doc_signer="Nguyễn Đức Minh",
    )
    ok(response, dossier)
    dossier = fresh(dossier)
    assert dossier.status == S.DECIDED and dossier.result_documents.get().number == "12/GPXD"


def test_a_result_document_too_long_for_its_column_is_a_message_not_a_crash(client, world):
    dossier = at_last_step(world)
    sign_in_official(client, world.leader)
    response = act(
        client,
        dossier,
        Action.DECIDE,
        outcome="approved",
        doc_title="Giấy phép",
        doc_number="1" * 101,
        doc_signed_on="2026-03-10",
        doc_signer="Minh",
    )
    field_error(response, "decide", "doc_title", "số hiệu 100 ký tự")


def test_apologising_with_a_new_date_once(client, world):
    dossier = assigned(world)
    sign_in_official(client, world.leader)
    response = act(
        client, dossier, Action.APOLOGISE, reason="Chờ xác minh", new_due_at="2026-03-01T10:00"
    )
    field_error(response, "apologise", "new_due_at", "Ngày hẹn mới phải sau hạn hiện tại")
    later = timezone.localtime(timezone.now() + timedelta(days=30)).strftime("%Y-%m-%dT%H:%M")
    ok(act(client, dossier, Action.APOLOGISE, reason="Chờ xác minh", new_due_at=later), dossier)
    dossier = fresh(dossier)
    assert dossier.applicant_due_at is not None and dossier.issued_forms.filter(form="04")
    page = client.get(reverse("office:dossier", args=[dossier.code])).content.decode()
    assert reverse("office:action", args=[dossier.code, Action.APOLOGISE]) not in page


def test_returning_the_result_at_the_counter_needs_the_collectors_identity(client, world):
    dossier = decided(world)
    sign_in_official(client, world.returner)
    response = act(client, dossier, Action.RETURN_RESULT, channel="counter")
    field_error(response, "return_result", "collected_by_name", "Hãy nhập họ tên người nhận")
    response = act(
        client,
        dossier,
        Action.RETURN_RESULT,
        channel="counter",
        collected_by_name="Trần Thị Bích Ngọc",
        collected_by_id_number="001190012345",
    )
    ok(response, dossier)
    assert fresh(dossier).status == S.RETURNED


def test_withdrawing_at_the_counter(client, world):
    dossier = assigned(world)
    sign_in_official(client, world.receptionist)
    response = act(client, dossier, Action.WITHDRAW, version="", reason="Xin rút")
    field_error(response, "withdraw", "version", "hãy tải lại trang")
    ok(act(client, dossier, Action.WITHDRAW, reason="Người nộp xin rút"), dossier)
    assert fresh(dossier).status == S.WITHDRAWN


# --- concurrency and permissions -------------------------------------------------------------


def test_a_stale_version_shows_the_services_message_and_the_fresh_page(client, world):
    dossier = received(world)
    seen = dossier.version
    services.assign_step(dossier, actor=world.leader, assignee=world.specialist)
    sign_in_official(client, world.leader)
    response = act(client, dossier, Action.ASSIGN, version=seen, assignee=world.specialist.pk)
    assert response.status_code == 409
    page = response.content.decode()
    assert "Hồ sơ vừa được người khác cập nhật" in page
    current = fresh(dossier).version
    assert f'name="assign-version" value="{current}"' in page
    assert dossier.steps.get(finished_at__isnull=True).assigned_to == world.specialist


def test_an_action_the_official_may_not_take_is_refused_with_the_services_message(client, world):
    dossier = assigned(world)
    sign_in_official(client, world.specialist)
    response = act(client, dossier, Action.DECIDE, outcome="rejected", reason="Không đạt")
    assert response.status_code == 403
    assert "Chỉ lãnh đạo đơn vị đang giải quyết" in response.content.decode()
    assert fresh(dossier).status == S.PROCESSING


def test_an_unknown_action_is_404(client, world):
    dossier = assigned(world)
    sign_in_official(client, world.leader)
    assert client.post(reverse("office:action", args=[dossier.code, "xoa"]), {}).status_code == 404


def test_the_apology_form_says_beforehand_when_it_will_be_recorded_as_late(client, world):
    dossier = assigned(world)  # received in March 2026: long overdue by the real clock
    sign_in_official(client, world.leader)
    page = client.get(reverse("office:dossier", args=[dossier.code])).content.decode()
    assert "sẽ được ghi nhận là xin lỗi muộn" in page
    Dossier.objects.filter(pk=dossier.pk).update(due_at=timezone.now() + timedelta(days=30))
    page = client.get(reverse("office:dossier", args=[dossier.code])).content.decode()
    assert "xin lỗi muộn" not in page and "Ngày hẹn mới chỉ được đặt một lần." in page


def test_the_receive_form_defaults_each_document_to_what_the_procedure_asks(world):
    from motcua.catalog.tests.factories import RequiredDocumentFactory
    from motcua.office.forms import ReceiveForm

    RequiredDocumentFactory(
        case=world.case, code="BV", name="Bản vẽ thiết kế", originals=1, copies=0, is_required=False
    )
    RequiredDocumentFactory(
        case=world.case,
        code="CC",
        name="Giấy tờ tùy thân",
        originals=0,
        copies=1,
        is_required=False,
    )
    dossier = submit_online(world).dossier
    form = ReceiveForm(dossier=dossier, user=world.receptionist)
    defaults = {
        document.code: form.fields[form_name].initial
        for document, _received, form_name, _quantity in form.lines
    }
    # Uploaded online: an electronic copy; not uploaded: the original where it is asked for.
    assert defaults == {
        "DON": "electronic_copy",
        "GCN": "electronic_copy",
        "BV": "original",
        "CC": "copy",
    }
