"""Complaints and petitions citizens send on the national portal reach us by poll (the
simulator as its own process), once each by the portal's id, even when a push brought them
first; the answer then goes back to the portal with the portal's id."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from motcua.dossiers.tests.fixtures import received
from motcua.feedback import services as feedback
from motcua.feedback.choices import ComplaintSource, ComplaintStatus
from motcua.feedback.models import Complaint
from motcua.integrations.national_portal import mapping
from motcua.integrations.national_portal.complaint_poll import stored_cursor
from motcua.integrations.national_portal.tests.conftest import drain
from motcua.integrations.national_portal.tests.inbound_helpers import connect, integration_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def portal(settings, world, national_portal_sim):
    connect(settings, national_portal_sim)
    settings.NATIONAL_PORTAL_RETRY_BASE = 0.05
    settings.NATIONAL_PORTAL_RETRY_MAX = 0.4
    integration_client(world)
    return national_portal_sim


def test_the_poll_takes_each_complaint_once_and_skips_what_is_not_ours(world, portal):
    dossier = received(world)
    about_dossier = portal.send_complaint(
        LoaiPAKN=1,
        MaHoSo=dossier.code,
        HoTen="Trần Thị Bích Ngọc",
        SoDienThoai="0912345678",
        TieuDe="Chưa được hẹn lại",
        NoiDung="Hồ sơ quá hạn mà chưa có văn bản xin lỗi.",
    )
    about_procedure = portal.send_complaint(
        LoaiPAKN=2,
        MaTTHC=world.procedure.code,
        HoTen="Lê Thị Hoa",
        Email="hoa@example.vn",
        TieuDe="Nên cho nộp bản vẽ bản điện tử",
        NoiDung="Đề nghị nhận bản vẽ dạng PDF.",
    )
    portal.send_complaint(
        MaTTHC="9.999999", HoTen="Ai đó", TieuDe="Không phải của tỉnh", NoiDung="…"
    )

    call_command("poll_national_portal")

    taken = {c.external_id: c for c in Complaint.objects.all()}
    assert set(taken) == {about_dossier["MaPAKN"], about_procedure["MaPAKN"]}
    first = taken[about_dossier["MaPAKN"]]
    assert first.source == ComplaintSource.NATIONAL_PORTAL and first.dossier == dossier
    assert first.agency == dossier.responsible_agency and first.contact_phone == "0912345678"
    second = taken[about_procedure["MaPAKN"]]
    assert second.kind == "petition" and second.procedure == world.procedure
    assert stored_cursor()

    # Listed again (the cursor lost, as after a restore): still one complaint each.
    from motcua.integrations.national_portal.inbound_models import PollCursor

    PollCursor.objects.filter(name="new_complaints").delete()
    call_command("poll_national_portal")
    assert Complaint.objects.count() == 2
    assert {c["times_listed"] for c in portal.complaints()} == {2}


def test_a_pushed_complaint_polled_later_is_one_and_its_answer_goes_back(
    client, world, portal, outbound
):
    from motcua.integrations.national_portal.inbound import integration_client as api_client_of

    mapping.load_defaults()
    sent = portal.send_complaint(
        LoaiPAKN=1,
        MaTTHC=world.procedure.code,
        HoTen="Lê Thị Hoa",
        Email="hoa@example.vn",
        TieuDe="Hướng dẫn không rõ",
        NoiDung="Trang thủ tục thiếu mẫu đơn.",
    )
    api_client = api_client_of()
    pushed, _created = feedback.receive_from_national_portal(
        feedback.ComplaintData(
            kind="complaint",
            title="Hướng dẫn không rõ",
            content="Trang thủ tục thiếu mẫu đơn.",
            contact_name="Lê Thị Hoa",
            contact_email="hoa@example.vn",
        ),
        external_id=sent["MaPAKN"],
        actor=api_client.user,
        client=api_client,
        procedure=world.procedure,
    )
    call_command("poll_national_portal")
    assert list(Complaint.objects.values_list("pk", flat=True)) == [pushed.pk]

    feedback.answer_complaint(pushed, actor=world.leader, answer="Đã bổ sung mẫu đơn.")
    drain()
    [held] = portal.complaints()
    assert held["province_code"] == pushed.code
    assert held["province_status"] == "Đã trả lời"
    assert Complaint.objects.get().status == ComplaintStatus.ANSWERED
