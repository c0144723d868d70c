"""The office's complaint pages: the leader's queue, assigning and answering, the figures."""

from __future__ import annotations

import pytest
from django.urls import reverse

from motcua.feedback import services
from motcua.feedback.choices import ComplaintStatus
from motcua.testing import sign_in_official

pytestmark = pytest.mark.django_db


def _complaint(world):
    return services.submit_complaint(
        services.ComplaintData(
            kind="complaint",
            title="Cán bộ hẹn nhiều lần",
            content="Tôi phải đến bộ phận một cửa ba lần.",
            contact_name="Lê Thị Hoa",
            contact_phone="0987654321",
        ),
        actor=None,
        procedure=world.procedure,
    )


def test_the_leader_assigns_and_the_specialist_answers(client, world):
    complaint = _complaint(world)
    detail = reverse("office:feedback_detail", args=[complaint.code])
    sign_in_official(client, world.leader)
    assert complaint.code in client.get(reverse("office:feedback_queue")).content.decode()
    page = client.get(detail)
    assert page.status_code == 200 and "Lê Thị Hoa" in page.content.decode()
    assigned = client.post(
        reverse("office:feedback_act", args=[complaint.code, "assign"]),
        {"assignee": world.specialist.pk},
    )
    assert assigned.status_code == 302
    client.logout()
    sign_in_official(client, world.specialist)
    assert client.get(detail).status_code == 200
    empty = client.post(reverse("office:feedback_act", args=[complaint.code, "answer"]), {})
    assert empty.status_code == 422
    answered = client.post(
        reverse("office:feedback_act", args=[complaint.code, "answer"]),
        {"answer": "Đã nhắc nhở cán bộ và hướng dẫn lại."},
    )
    assert answered.status_code == 302
    complaint.refresh_from_db()
    assert (
        complaint.status == ComplaintStatus.ANSWERED and complaint.answered_by == world.specialist
    )
    refused = client.post(reverse("office:feedback_act", args=[complaint.code, "publish"]))
    assert refused.status_code == 403
    client.logout()
    sign_in_official(client, world.leader)
    figures = client.get(reverse("office:feedback_figures"), {"nam": complaint.received_at.year})
    assert figures.status_code == 200


def test_another_agencys_official_does_not_see_it(client, world):
    complaint = _complaint(world)
    sign_in_official(client, world.outsider)
    assert complaint.code not in client.get(reverse("office:feedback_queue")).content.decode()
    assert client.get(reverse("office:feedback_detail", args=[complaint.code])).status_code == 404
    answer = client.post(
        reverse("office:feedback_act", args=[complaint.code, "answer"]), {"answer": "x"}
    )
    assert answer.status_code == 404
