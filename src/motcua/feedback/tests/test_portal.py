"""The portal's rating and complaint pages: the applicant's own, nobody else's."""

from __future__ import annotations

import pytest
from django.urls import reverse

from motcua.dossiers.tests.fixtures import received
from motcua.feedback.models import Complaint, Rating
from motcua.feedback.tests.conftest import advance_to_return, owned_dossier

pytestmark = pytest.mark.django_db

RATING = {
    "access": "5",
    "procedure": "4",
    "attitude": "5",
    "timeliness": "2",
    "result": "4",
    "overall": "satisfied",
    "comment": "Nhanh gọn.",
}


def test_the_owner_rates_from_the_tracking_page_and_a_stranger_cannot(
    client, world, citizen, other_citizen
):
    dossier = owned_dossier(world, citizen)
    client.force_login(citizen)
    detail = client.get(reverse("portal:track_detail", args=[dossier.code]))
    rate_url = reverse("portal:feedback_rate", args=[dossier.code])
    assert rate_url in detail.content.decode()
    page = client.get(rate_url)
    assert page.status_code == 200 and "Thái độ, tinh thần phục vụ" in page.content.decode()
    answer = client.post(rate_url, RATING)
    assert answer.status_code == 302
    rating = Rating.objects.get()
    assert rating.timeliness == 2 and rating.rated_by == citizen
    assert "Bạn đã đánh giá lúc" in client.get(rate_url).content.decode()
    assert client.post(rate_url, {**RATING, "overall": "unsatisfied"}).status_code == 200
    assert Rating.objects.get().overall == "satisfied"
    rating_url = reverse("portal:feedback_rating", args=[rating.pk])
    assert client.get(rating_url).status_code == 302

    client.force_login(other_citizen)
    assert client.get(rating_url).status_code == 404
    # The dossier's page itself is not theirs: they are sent to the lookup form.
    assert client.post(rate_url, RATING)["Location"].startswith(reverse("portal:track"))
    assert Rating.objects.count() == 1


def test_a_rating_with_a_missing_score_says_which(client, world, citizen):
    dossier = owned_dossier(world, citizen)
    client.force_login(citizen)
    answer = client.post(
        reverse("portal:feedback_rate", args=[dossier.code]), {**RATING, "attitude": ""}
    )
    assert answer.status_code == 422
    assert 'id="attitude-error"' in answer.content.decode()
    assert not Rating.objects.exists()


def test_a_guest_complains_and_only_their_session_sees_it(client, world):
    url = reverse("portal:feedback_complain")
    assert client.get(url).status_code == 200
    refused = client.post(url, {"kind": "complaint", "title": "", "content": ""})
    assert refused.status_code == 422
    sent = client.post(
        url,
        {
            "kind": "complaint",
            "procedure": world.procedure.code,
            "title": "Hướng dẫn không rõ",
            "content": "Trang thủ tục thiếu mẫu đơn.",
            "contact_name": "Lê Thị Hoa",
            "contact_phone": "0987654321",
        },
    )
    assert sent.status_code == 302
    complaint = Complaint.objects.get()
    page = client.get(reverse("portal:feedback_complaint", args=[complaint.code]))
    assert page.status_code == 200 and "Hướng dẫn không rõ" in page.content.decode()
    assert complaint.code in client.get(reverse("portal:feedback_mine")).content.decode()

    client.logout()  # a new session, as another visitor
    stranger = client.get(reverse("portal:feedback_complaint", args=[complaint.code]))
    assert stranger.status_code == 404


def test_a_dossier_complaint_needs_the_dossier_tracked(client, world, citizen, other_citizen):
    dossier = owned_dossier(world, citizen)
    url = reverse("portal:feedback_complain") + f"?ho_so={dossier.code}"
    client.force_login(other_citizen)
    assert client.get(url).status_code == 302
    client.force_login(citizen)
    sent = client.post(
        url, {"kind": "petition", "title": "Kiến nghị", "content": "Nên gửi SMS khi có kết quả."}
    )
    assert sent.status_code == 302
    complaint = Complaint.objects.get()
    assert complaint.dossier == dossier and complaint.submitter == citizen
    client.force_login(other_citizen)
    assert (
        client.get(reverse("portal:feedback_complaint", args=[complaint.code])).status_code == 404
    )


def test_a_guest_rates_with_the_dossiers_lookup_secret(client, world):
    dossier = advance_to_return(world, received(world))
    rate_url = reverse("portal:feedback_rate", args=[dossier.code])
    assert client.get(rate_url).status_code == 302  # not tracked in this session


@pytest.fixture
def fresh_limits(pinned_rate_windows):
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def _guest_complaint(client, world):
    client.post(
        reverse("portal:feedback_complain"),
        {
            "kind": "complaint",
            "procedure": world.procedure.code,
            "title": "Hướng dẫn không rõ",
            "content": "Trang thủ tục thiếu mẫu đơn.",
            "contact_name": "Lê Thị Hoa",
            "contact_phone": "0987654321",
        },
    )
    complaint = Complaint.objects.get()
    page = client.get(reverse("portal:feedback_complaint", args=[complaint.code]))
    secret = page.context["new_secret"]
    return complaint, secret, page.content.decode()


def test_a_guest_follows_their_complaint_elsewhere_with_its_code_and_secret(
    client, world, fresh_limits
):
    complaint, secret, page = _guest_complaint(client, world)
    assert secret and secret in page
    # Shown once, and stored only as its HMAC.
    again = client.get(reverse("portal:feedback_complaint", args=[complaint.code]))
    assert secret not in again.content.decode()
    complaint.refresh_from_db()
    assert complaint.lookup_secret_hash and secret not in complaint.lookup_secret_hash
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM feedback_complaint")
        assert secret not in str(cursor.fetchall())

    client.logout()  # another device
    detail = reverse("portal:feedback_complaint", args=[complaint.code])
    assert client.get(detail).status_code == 404
    lookup = reverse("portal:feedback_complaint_lookup")
    assert client.get(lookup).status_code == 200
    wrong = client.post(lookup, {"code": complaint.code, "secret": "ABCDEFGHJK"})
    assert wrong.status_code == 422
    assert "Mã phản ánh hoặc mật khẩu tra cứu không đúng." in wrong.content.decode()
    assert client.get(detail).status_code == 404
    found = client.post(lookup, {"code": complaint.code.lower(), "secret": secret.lower()})
    assert found["Location"] == detail
    assert "Hướng dẫn không rõ" in client.get(detail).content.decode()


def test_a_signed_in_senders_complaint_has_no_secret(client, world, citizen):
    client.force_login(citizen)
    complaint, secret, _page = _guest_complaint(client, world)
    assert secret is None and complaint.lookup_secret_hash == ""


def test_the_complaint_lookup_is_rate_limited(client, world, settings, fresh_limits):
    complaint, secret, _page = _guest_complaint(client, world)
    settings.LOOKUP_RATE_LIMIT = 3
    lookup = reverse("portal:feedback_complaint_lookup")
    for _attempt in range(3):
        assert client.post(lookup, {"code": complaint.code, "secret": "X"}).status_code == 422
    # The right secret too is refused once the address used its tries.
    assert client.post(lookup, {"code": complaint.code, "secret": secret}).status_code == 429


def test_another_citizen_opens_neither_the_complaint_nor_its_notice(
    client, world, citizen, other_citizen, fresh_limits
):
    """A complaint about a procedure sent signed in: another citizen gets 404 by its page, by
    the API, and finds nothing through the lookup (it has no secret to guess)."""
    client.force_login(citizen)
    complaint, secret, _page = _guest_complaint(client, world)
    assert secret is None
    code = complaint.code
    assert client.get(f"/api/v1/feedback/mine/complaints/{code}").status_code == 200

    client.force_login(other_citizen)
    assert client.get(reverse("portal:feedback_complaint", args=[code])).status_code == 404
    assert client.get(f"/api/v1/feedback/mine/complaints/{code}").status_code == 404
    assert client.get("/api/v1/feedback/mine/complaints").json() == []
    assert code not in client.get(reverse("portal:feedback_mine")).content.decode()
    lookup = client.post(
        reverse("portal:feedback_complaint_lookup"), {"code": code, "secret": "ABCDEFGHJK"}
    )
    assert lookup.status_code == 422
    assert client.get(reverse("portal:feedback_complaint", args=[code])).status_code == 404
