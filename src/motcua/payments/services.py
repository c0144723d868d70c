"""Every change to what a dossier owes and pays, one function per action (docs/payments.md).

Each runs in a transaction, checks who may act, appends an event to the dossier's audit chain
and writes an outbox event. Confirming a payment goes through one path (`apply_notice`),
whether the news came from a notification or from reconciliation's question, and applies it
exactly once: the payment's row is locked, a payment already confirmed never changes, and the
provider's transaction id is unique per provider in the database.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.dossiers import services as dossier_services
from motcua.dossiers.choices import DossierStatus, PauseReason
from motcua.dossiers.errors import DossierError, NotFound, TransitionRefused
from motcua.dossiers.models import Dossier
from motcua.dossiers.policies import ApplicantProof, check
from motcua.events.services import AUDIT_HEAD_FIELDS, append_audit, emit
from motcua.payments import fees, policies, providers, receipt_services
from motcua.payments.choices import (
    COUNTER_METHODS,
    NotificationOutcome,
    ObligationStage,
    ObligationStatus,
    PaymentMethod,
    PaymentStatus,
)
from motcua.payments.models import Obligation, Payment, PaymentNotification, Refund
from motcua.payments.providers.base import (
    ABANDONED,
    FAILED,
    PAID,
    UNKNOWN,
    MessageError,
    Notice,
    Provider,
    SignatureError,
)

log = logging.getLogger(__name__)

# Dossiers whose fees may be given back.
REFUNDABLE_STATUSES = (DossierStatus.REFUSED, DossierStatus.WITHDRAWN, DossierStatus.STOPPED)

# Audit actions on the dossier's chain (office/presenting shows them with these labels).
ACTIONS = {
    "fees_assessed": gettext_lazy("Tính phí, lệ phí"),
    "payment_requested": gettext_lazy("Yêu cầu thực hiện nghĩa vụ tài chính"),
    "payment_started": gettext_lazy("Bắt đầu thanh toán trực tuyến"),
    "payment_confirmed": gettext_lazy("Đã thanh toán"),
    "payment_failed": gettext_lazy("Thanh toán không thành công"),
    "payment_expired": gettext_lazy(
        "Huỷ hoá đơn thanh toán quá hạn mà đơn vị thanh toán không biết"
    ),
    "refund": gettext_lazy("Hoàn trả phí, lệ phí"),
    # Electronic receipts (payments/receipt_services.py)
    "receipt_issued": gettext_lazy("Lập biên lai điện tử"),
    "receipt_cancelled": gettext_lazy("Huỷ biên lai điện tử"),
    "receipt_replaced": gettext_lazy("Thay thế biên lai điện tử"),
}


def _now(now: datetime | None) -> datetime:
    moment = now or timezone.now()
    if timezone.is_naive(moment):
        raise ValueError("now must be timezone-aware")
    return moment


def _lock(dossier: Dossier) -> Dossier:
    try:
        return Dossier.objects.select_for_update().get(pk=dossier.pk)
    except Dossier.DoesNotExist as exc:
        raise NotFound(_("Không tìm thấy hồ sơ.")) from exc


def _audit(dossier: Dossier, *, actor, action: str, data: dict, now: datetime) -> None:
    """One event on the dossier's chain; the caller holds the dossier's row lock."""
    append_audit(
        dossier,
        actor=actor,
        action=action,
        from_status=dossier.status,
        to_status=dossier.status,
        data=data,
        now=now,
    )
    dossier.save(update_fields=list(AUDIT_HEAD_FIELDS))


# --- what is owed -------------------------------------------------------------------------------


def breakdown_for(dossier: Dossier) -> fees.Breakdown:
    """What the dossier's procedure snapshot says it owes for its e-form and sets."""
    return fees.compute(
        dossier.procedure_snapshot["fees"],
        form_data=dossier.form_data,
        sets_count=dossier.sets_count,
    )


def check_fees(snapshot: dict, form_data: dict, sets_count: int) -> None:
    """Refuse, on its field, a submission whose fees cannot be computed."""
    from motcua.dossiers.snapshots import read_snapshot

    try:
        fees.compute(read_snapshot(snapshot)["fees"], form_data=form_data, sets_count=sets_count)
    except fees.FeeError as exc:
        raise DossierError(exc.message, field=exc.field or "form_data") from exc


def assess_submission(dossier: Dossier, *, actor, now=None) -> Obligation | None:
    """What the dossier owes at submission, from its snapshot: written once, and written again
    only while nothing has been paid or started (a dossier resubmitted after completion may
    declare another area). Called by the dossiers' submission services inside their
    transaction, with the dossier locked. A fee that cannot be computed (a missing area) is a
    field-level refusal of the submission. A dossier that owes nothing gets no obligation."""
    now = _now(now)
    try:
        breakdown = breakdown_for(dossier)
    except fees.FeeError as exc:
        raise DossierError(exc.message, field=exc.field or "form_data") from exc
    items = breakdown.as_list()
    status = ObligationStatus.OPEN if breakdown.total else ObligationStatus.NOTHING_DUE
    with transaction.atomic():
        obligation = Obligation.objects.filter(
            dossier=dossier, stage=ObligationStage.SUBMISSION
        ).first()
        if obligation is None and not breakdown.total:
            return None  # nothing owed, nothing to record
        if obligation is not None:
            if obligation.items == items or obligation.payments.exists():
                return obligation
            obligation.items, obligation.total, obligation.status = items, breakdown.total, status
            obligation.save(update_fields=["items", "total", "status"])
        else:
            obligation = Obligation.objects.create(
                dossier=dossier,
                stage=ObligationStage.SUBMISSION,
                status=status,
                items=items,
                total=breakdown.total,
                created_at=now,
                created_by=actor if getattr(actor, "pk", None) else None,
            )
        _audit(
            dossier,
            actor=actor,
            action="fees_assessed",
            data={"obligation": obligation.pk, "total": breakdown.total, "items": items},
            now=now,
        )
        emit(
            "payment.assessed",
            subject=dossier.code or str(dossier.pk),
            payload={"obligation": obligation.pk, "total": breakdown.total},
            dossier=dossier,
            now=now,
        )
    return obligation


@dataclass(frozen=True)
class RequestedItem:
    name: str
    amount: int
    code: str = ""


def request_payment(
    dossier: Dossier,
    *,
    actor,
    items: list[RequestedItem],
    note: str,
    now=None,
    expected_version=None,
) -> Obligation:
    """An amount known only during processing (a land-use levy): the official who may pause
    the dossier asks for it; the dossier pauses for its financial obligation and resumes by
    itself when the amount is paid."""
    now = _now(now)
    lines = [item for item in items if item.name.strip()]
    if not lines:
        raise DossierError(_("Hãy ghi ít nhất một khoản phải nộp."), field="items")
    for item in lines:
        if not isinstance(item.amount, int) or isinstance(item.amount, bool) or item.amount <= 0:
            raise DossierError(_("Số tiền phải là số nguyên dương (đồng)."), field="amount")
    if not note or not note.strip():
        raise DossierError(_("Hãy ghi nội dung, căn cứ của khoản phải nộp."), field="note")
    breakdown = fees.Breakdown(
        tuple(
            fees.Item(
                code=item.code.strip(),
                name=item.name.strip(),
                quantity=fees.Decimal(1),
                unit_amount=item.amount,
                amount=item.amount,
            )
            for item in lines
        )
    )
    with transaction.atomic():
        dossier_services.pause_dossier(
            dossier,
            actor=actor,
            reason=PauseReason.FINANCIAL,
            note=note.strip(),
            now=now,
            expected_version=expected_version,
        )
        dossier = _lock(dossier)
        obligation = Obligation.objects.create(
            dossier=dossier,
            stage=ObligationStage.PROCESSING,
            items=breakdown.as_list(),
            total=breakdown.total,
            note=note.strip(),
            created_at=now,
            created_by=actor,
        )
        _audit(
            dossier,
            actor=actor,
            action="payment_requested",
            data={"obligation": obligation.pk, "total": breakdown.total, "note": note.strip()},
            now=now,
        )
        emit(
            "payment.requested",
            subject=dossier.code,
            payload={"obligation": obligation.pk, "total": breakdown.total},
            dossier=dossier,
            now=now,
        )
    return obligation


def _paid_on(obligation: Obligation) -> int:
    return (
        obligation.payments.filter(status=PaymentStatus.CONFIRMED).aggregate(s=Sum("amount"))["s"]
        or 0
    )


def outstanding(obligation: Obligation) -> int:
    if obligation.status in (ObligationStatus.NOTHING_DUE, ObligationStatus.CANCELLED):
        return 0
    return max(obligation.total - _paid_on(obligation), 0)


# --- paying online ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Started:
    payment: Payment
    redirect_url: str


def _bill(dossier: Dossier, obligation: Obligation, amount: int) -> dict:
    snapshot = dossier.procedure_snapshot
    items = [item for item in obligation.items if item.get("amount")]
    first = items[0] if len(items) == 1 else None
    agency = dossier.receiving_agency
    return {
        "service_type": (
            "nghia_vu_tai_chinh" if obligation.stage == ObligationStage.PROCESSING else "phi_le_phi"
        ),
        "beneficiary_account": settings.PAYMENT_BENEFICIARY_ACCOUNT,
        "beneficiary_bank": settings.PAYMENT_BENEFICIARY_BANK,
        "fee_code": (first or {}).get("code", "") if first else "",
        "fee_name": (first or {}).get("name", "")
        if first
        else _("Phí, lệ phí hồ sơ %(code)s") % {"code": dossier.code},
        "agency": agency,
        "agency_code": agency.code,
        "agency_name": agency.name,
        "dossier_code": dossier.code or "",
        "procedure_code": snapshot["procedure"]["code"],
        "payer_name": dossier.applicant_name,
        "payer_id_number": dossier.applicant_personal_id or dossier.applicant_tax_code,
        "payer_address": dossier.applicant_address,
        "items": [
            {"code": i.get("code", ""), "name": i.get("name", ""), "amount": i["amount"]}
            for i in items
        ],
        "amount": amount,
    }


def start_online_payment(
    dossier: Dossier,
    *,
    provider_name: str,
    actor=None,
    proof: ApplicantProof | None = None,
    obligation: Obligation | None = None,
    now=None,
) -> Started:
    """A bill for what the dossier still owes, and the signed address of the provider's page.
    Starting again with the same provider reuses the bill still pending there (a second click
    makes no second bill). Nothing is paid until the provider says so."""
    now = _now(now)
    provider = providers.get(provider_name)
    if provider is None:
        raise DossierError(_("Hình thức thanh toán này không được hỗ trợ."), field="provider")
    with transaction.atomic():
        dossier = _lock(dossier)
        check(policies.can_pay_online(actor, dossier, proof))
        if dossier.status in REFUNDABLE_STATUSES or not dossier.code:
            raise TransitionRefused(
                _("Hồ sơ ở trạng thái “%(status)s” không thanh toán được.")
                % {"status": DossierStatus(dossier.status).label},
                field="status",
            )
        open_ones = dossier.obligations.filter(status=ObligationStatus.OPEN)
        if obligation is not None:
            open_ones = open_ones.filter(pk=obligation.pk)
        obligation = open_ones.order_by("created_at", "pk").first()
        if obligation is None:
            raise TransitionRefused(_("Hồ sơ không còn khoản nào phải nộp."), field="obligation")
        amount = outstanding(obligation)
        if amount <= 0:
            raise TransitionRefused(_("Hồ sơ không còn khoản nào phải nộp."), field="obligation")
        payment = obligation.payments.filter(
            status=PaymentStatus.PENDING, provider=provider.name, amount=amount
        ).first()
        if payment is None:
            number = dossier.payments.count() + 1
            payment = Payment.objects.create(
                dossier=dossier,
                obligation=obligation,
                method=provider.method,
                provider=provider.name,
                bill_code=f"{dossier.code}-TT{number:02d}",
                created_at=now,
                updated_at=now,
                **_bill(dossier, obligation, amount),
            )
            _audit(
                dossier,
                actor=actor,
                action="payment_started",
                data={
                    "payment": payment.pk,
                    "bill": payment.bill_code,
                    "provider": provider.name,
                    "amount": amount,
                },
                now=now,
            )
    base = settings.PAYMENT_PUBLIC_URL.rstrip("/")
    url = provider.redirect_url(
        payment,
        return_url=f"{base}/thanh-toan/{provider.name}/ket-qua",
        notify_url=f"{base}/api/v1/payments/{provider.name}/notify",
        now=now,
    )
    return Started(payment=payment, redirect_url=url)


# --- what a provider tells us -------------------------------------------------------------------


@dataclass(frozen=True)
class Applied:
    outcome: str  # NotificationOutcome
    payment: Payment | None


def receive_notification(provider_name: str, body: bytes, headers: dict, *, now=None) -> Applied:
    """A server-to-server notification, as it arrived. Forged, malformed, unknown, mismatched,
    repeated or late notifications are kept with their outcome and change nothing."""
    now = _now(now)
    provider = providers.get(provider_name)
    if provider is None:
        raise NotFound(_("Không có đơn vị thanh toán này."))
    try:
        notice = provider.read_notification(body, headers)
    except SignatureError:
        _keep(provider, None, NotificationOutcome.BAD_SIGNATURE, now, body=_raw(body))
        return Applied(NotificationOutcome.BAD_SIGNATURE, None)
    except MessageError as exc:
        _keep(provider, None, NotificationOutcome.MISMATCH, now, body={"error": str(exc)})
        return Applied(NotificationOutcome.MISMATCH, None)
    return apply_notice(provider, notice, source="notification", now=now)


def _raw(body: bytes) -> dict:
    return {"raw": body[:2000].decode("utf-8", "replace")}


def _keep(provider, notice, outcome, now, *, payment=None, source="notification", body=None):
    PaymentNotification.objects.create(
        provider=provider.name,
        received_at=now,
        bill_code=notice.bill_code[:60] if notice else "",
        provider_transaction_id=notice.transaction_id[:100] if notice else "",
        payment=payment,
        outcome=outcome,
        source=source,
        body=body if body is not None else (notice.body if notice else {}),
    )


def apply_notice(provider: Provider, notice: Notice, *, source: str, now=None) -> Applied:
    """Apply what a provider verifiably said about a bill, exactly once.

    - paid: the bill's amount must match; the payment is confirmed with the provider's
      transaction id (unique per provider), the obligation is settled when fully paid, the
      dossier resumes if it waited for it, and `payment.confirmed` is announced. A payment
      already confirmed is never changed again (a repeat is a duplicate; anything else is
      ignored).
    - failed / abandoned: a pending payment ends so; a confirmed one stays confirmed.
    - unknown, asked by reconciliation about a pending bill older than
      PAYMENT_EXPIRE_UNKNOWN_AFTER_MINUTES: the provider never heard of it (the payer never
      reached its page), so it is abandoned (`payment_expired` in the audit trail, and
      `payment.expired` announced) and the applicant may start again with a new bill.
    - pending / unknown otherwise: nothing changes.
    """
    now = _now(now)
    try:
        with transaction.atomic():
            return _apply(provider, notice, source=source, now=now)
    except IntegrityError:
        # Another payment already carries this transaction id: the money was applied once.
        with transaction.atomic():
            _keep(provider, notice, NotificationOutcome.DUPLICATE, now, source=source)
        return Applied(NotificationOutcome.DUPLICATE, None)


def _apply(provider: Provider, notice: Notice, *, source: str, now: datetime) -> Applied:
    payment = (
        Payment.objects.select_for_update()
        .filter(bill_code=notice.bill_code, provider=provider.name)
        .first()
    )
    if payment is None:
        _keep(provider, notice, NotificationOutcome.UNKNOWN_BILL, now, source=source)
        return Applied(NotificationOutcome.UNKNOWN_BILL, None)
    if notice.outcome == PAID:
        if notice.amount != payment.amount or not notice.transaction_id:
            _keep(
                provider, notice, NotificationOutcome.MISMATCH, now, payment=payment, source=source
            )
            log.warning("payment %s: notice does not match the bill", payment.bill_code)
            return Applied(NotificationOutcome.MISMATCH, payment)
        if payment.status == PaymentStatus.CONFIRMED:
            same = payment.provider_transaction_id == notice.transaction_id
            outcome = NotificationOutcome.DUPLICATE if same else NotificationOutcome.IGNORED
            _keep(provider, notice, outcome, now, payment=payment, source=source)
            return Applied(outcome, payment)
        _confirm(payment, transaction_id=notice.transaction_id, actor=None, now=now)
        _keep(provider, notice, NotificationOutcome.APPLIED, now, payment=payment, source=source)
        return Applied(NotificationOutcome.APPLIED, payment)
    if notice.outcome in (FAILED, ABANDONED) and payment.status == PaymentStatus.PENDING:
        payment.status = (
            PaymentStatus.FAILED if notice.outcome == FAILED else PaymentStatus.ABANDONED
        )
        payment.updated_at = now
        if source == "reconciliation":
            payment.last_checked_at = now
        payment.save(update_fields=["status", "updated_at", "last_checked_at"])
        dossier = _lock(payment.dossier)
        _audit(
            dossier,
            actor=None,
            action="payment_failed",
            data={"payment": payment.pk, "bill": payment.bill_code, "outcome": notice.outcome},
            now=now,
        )
        _keep(provider, notice, NotificationOutcome.APPLIED, now, payment=payment, source=source)
        return Applied(NotificationOutcome.APPLIED, payment)
    if (
        notice.outcome == UNKNOWN
        and source == "reconciliation"
        and payment.status == PaymentStatus.PENDING
        and payment.created_at
        <= now - timedelta(minutes=settings.PAYMENT_EXPIRE_UNKNOWN_AFTER_MINUTES)
    ):
        _expire(payment, now=now)
        _keep(provider, notice, NotificationOutcome.APPLIED, now, payment=payment, source=source)
        return Applied(NotificationOutcome.APPLIED, payment)
    if source == "reconciliation":
        payment.last_checked_at = now
        payment.save(update_fields=["last_checked_at"])
    _keep(provider, notice, NotificationOutcome.IGNORED, now, payment=payment, source=source)
    return Applied(NotificationOutcome.IGNORED, payment)


def _expire(payment: Payment, *, now: datetime) -> None:
    """A locked pending bill the provider says it never heard of, long enough after it was
    made: abandoned, audited and announced. Nothing was paid, so nothing else changes."""
    payment.status = PaymentStatus.ABANDONED
    payment.updated_at = now
    payment.last_checked_at = now
    payment.save(update_fields=["status", "updated_at", "last_checked_at"])
    dossier = _lock(payment.dossier)
    _audit(
        dossier,
        actor=None,
        action="payment_expired",
        data={"payment": payment.pk, "bill": payment.bill_code, "outcome": UNKNOWN},
        now=now,
    )
    emit(
        "payment.expired",
        subject=dossier.code or str(dossier.pk),
        payload={
            "payment": payment.pk,
            "dossier": dossier.code,
            "bill": payment.bill_code,
            "provider": payment.provider,
            "amount": payment.amount,
        },
        dossier=dossier,
        now=now,
    )


def _confirm(payment: Payment, *, transaction_id: str, actor, now: datetime) -> None:
    """Confirm a locked payment, settle its obligation, resume the dossier, announce it."""
    dossier = _lock(payment.dossier)
    payment.status = PaymentStatus.CONFIRMED
    payment.provider_transaction_id = transaction_id
    payment.confirmed_at = now
    payment.updated_at = now
    payment.save(update_fields=["status", "provider_transaction_id", "confirmed_at", "updated_at"])
    obligation = payment.obligation
    settled = False
    if obligation is not None and obligation.status == ObligationStatus.OPEN:
        if _paid_on(obligation) >= obligation.total:
            obligation.status = ObligationStatus.PAID
            obligation.paid_at = now
            obligation.save(update_fields=["status", "paid_at"])
            settled = True
    _audit(
        dossier,
        actor=actor,
        action="payment_confirmed",
        data={
            "payment": payment.pk,
            "bill": payment.bill_code,
            "method": payment.method,
            "provider": payment.provider,
            "transaction": transaction_id,
            "amount": payment.amount,
        },
        now=now,
    )
    emit(
        "payment.confirmed",
        subject=dossier.code or str(dossier.pk),
        payload={
            "payment": payment.pk,
            "dossier": dossier.code,
            "amount": payment.amount,
            "method": payment.method,
            "bill": payment.bill_code,
            "provider": payment.provider,
        },
        dossier=dossier,
        now=now,
    )
    if (
        settled
        and dossier.status == DossierStatus.PAUSED
        and not dossier.obligations.filter(
            stage=ObligationStage.PROCESSING, status=ObligationStatus.OPEN
        ).exists()
    ):
        dossier_services.end_financial_pause(
            dossier,
            actor=actor,
            note=_("Đã thực hiện nghĩa vụ tài chính (%(bill)s).") % {"bill": payment.bill_code},
            now=now,
        )
    # The receipt, as the last write of the transaction: the agency's receipt series stays
    # locked only until the commit (payments/receipt_services.py).
    receipt_services.issue_receipt_for_payment(payment, actor=actor, now=now)


def record_return(provider_name: str, params: dict) -> Payment | None:
    """The browser came back from the provider: its signature is checked and the bill it
    names is looked up, but the return confirms nothing (only a notification or a query
    does). None when the signature does not verify."""
    provider = providers.get(provider_name)
    if provider is None:
        return None
    try:
        notice = provider.verify_return(params)
    except (SignatureError, MessageError):
        return None
    return Payment.objects.filter(bill_code=notice.bill_code, provider=provider.name).first()


# --- at the counter -------------------------------------------------------------------------


def record_counter_payment(
    dossier: Dossier,
    *,
    actor,
    method: str,
    obligation: Obligation | None = None,
    payer_name: str = "",
    now=None,
) -> Payment:
    """Reception or result return takes what the dossier still owes in cash or by card."""
    now = _now(now)
    if method not in COUNTER_METHODS:
        raise DossierError(_("Hình thức thu tại quầy không hợp lệ."), field="method")
    with transaction.atomic():
        dossier = _lock(dossier)
        check(policies.can_record_counter_payment(actor, dossier))
        if dossier.status in REFUNDABLE_STATUSES:
            raise TransitionRefused(
                _("Hồ sơ ở trạng thái “%(status)s” không thu tiền được.")
                % {"status": DossierStatus(dossier.status).label},
                field="status",
            )
        open_ones = dossier.obligations.select_for_update().filter(status=ObligationStatus.OPEN)
        if obligation is not None:
            open_ones = open_ones.filter(pk=obligation.pk)
        obligation = open_ones.order_by("created_at", "pk").first()
        amount = outstanding(obligation) if obligation is not None else 0
        if amount <= 0:
            raise TransitionRefused(_("Hồ sơ không còn khoản nào phải nộp."), field="obligation")
        number = dossier.payments.count() + 1
        payment = Payment.objects.create(
            dossier=dossier,
            obligation=obligation,
            method=method,
            bill_code=f"{dossier.code}-TT{number:02d}",
            recorded_by=actor,
            created_at=now,
            updated_at=now,
            **{
                **_bill(dossier, obligation, amount),
                "payer_name": (payer_name or "").strip()[:300] or dossier.applicant_name,
            },
        )
        _confirm(payment, transaction_id="", actor=actor, now=now)
    return payment


# --- refunds -------------------------------------------------------------------------------


def refund_payment(payment: Payment, *, actor, amount: int, reason: str, now=None) -> Refund:
    """Give back (part of) a confirmed payment of a refused, withdrawn or stopped dossier."""
    now = _now(now)
    if not reason or not reason.strip():
        raise DossierError(_("Hãy ghi lý do hoàn trả."), field="reason")
    if not isinstance(amount, int) or isinstance(amount, bool) or amount <= 0:
        raise DossierError(_("Số tiền hoàn phải là số nguyên dương (đồng)."), field="amount")
    with transaction.atomic():
        dossier = _lock(payment.dossier)
        check(policies.can_refund(actor, dossier))
        payment = Payment.objects.select_for_update().get(pk=payment.pk)
        if dossier.status not in REFUNDABLE_STATUSES:
            raise TransitionRefused(
                _("Chỉ hoàn phí, lệ phí của hồ sơ bị từ chối, đã rút hoặc dừng giải quyết."),
                field="status",
            )
        if payment.status != PaymentStatus.CONFIRMED:
            raise TransitionRefused(_("Khoản thanh toán này chưa được ghi nhận."), field="payment")
        refunded = payment.refunds.aggregate(s=Sum("amount"))["s"] or 0
        if amount > payment.amount - refunded:
            raise DossierError(
                _("Số tiền hoàn vượt quá số còn lại của khoản thanh toán (%(left)s đồng).")
                % {"left": f"{payment.amount - refunded:,}".replace(",", ".")},
                field="amount",
            )
        refund = Refund.objects.create(
            payment=payment,
            dossier=dossier,
            amount=amount,
            reason=reason.strip(),
            refunded_at=now,
            refunded_by=actor,
        )
        _audit(
            dossier,
            actor=actor,
            action="refund",
            data={
                "refund": refund.pk,
                "payment": payment.pk,
                "amount": amount,
                "reason": reason.strip(),
            },
            now=now,
        )
        emit(
            "payment.refunded",
            subject=dossier.code,
            payload={
                "refund": refund.pk,
                "payment": payment.pk,
                "dossier": dossier.code,
                "amount": amount,
            },
            dossier=dossier,
            now=now,
        )
    return refund


# --- reconciliation --------------------------------------------------------------------------


def pending_to_reconcile(*, now=None, older_than_minutes: int | None = None):
    """Online payments still pending, started at least `older_than_minutes` ago."""
    now = _now(now)
    minutes = (
        settings.PAYMENT_RECONCILE_AFTER_MINUTES
        if older_than_minutes is None
        else older_than_minutes
    )
    return Payment.objects.filter(
        status=PaymentStatus.PENDING,
        method__in=[PaymentMethod.NATIONAL_PLATFORM, PaymentMethod.PROVINCIAL_GATEWAY],
        created_at__lte=now - timedelta(minutes=minutes),
    ).order_by("created_at", "pk")
