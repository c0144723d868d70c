"""Electronic receipts (biên lai điện tử): templates and series an administrator defines per
agency, one receipt for every confirmed payment, numbered without gaps or repeats per series,
and the cancellation or replacement of a wrong one (docs/payments.md, "Biên lai điện tử").

Every function here is a service: it takes `actor` and `now`, runs in a transaction, asks its
guard (payments/receipt_policies.py), and writes its audit record and its outbox event in the
same transaction. Templates and series are reference data: the reference chain
(events/reference.py). A receipt belongs to a dossier's money: its issue, cancellation and
replacement are events of the dossier's own chain.

**Where a receipt is issued.** In the transaction that confirms the payment, not by an outbox
consumer: the outbox carries news to outside systems (docs/architecture.md), while a receipt is
part of the payment itself: the payer who comes back from the gateway downloads it at once,
and the day's receipts always add up to the day's payments. The confirming service calls
`issue_receipt_for_payment` as the last write of its transaction (after the dossier's own
audit event, as dossier codes are taken last), so the series' counter row is locked as briefly
as possible. A payment whose agency has no active series yet is confirmed all the same; its
receipt is issued when the administrator creates the series (`create_series` issues every
receipt owed), and the reconciliation report shows it missing until then.

**Numbers.** The series row is locked (SELECT ... FOR UPDATE) and its `last_number` advanced
in the issuing transaction: two payments at once wait for each other, and a rolled-back payment
rolls its number back, so the numbers of a series run 1, 2, 3… without a gap or a repeat (the
database's unique constraint on series and number backs it). It is the counter pattern of
dossier codes (dossiers/codes.py), on a row that also says whether the series is in use.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.dossiers.errors import DossierError, NotAllowed, NotFound, TransitionRefused
from motcua.dossiers.models import Dossier
from motcua.events.reference import record_change
from motcua.events.services import AUDIT_HEAD_FIELDS, append_audit, emit
from motcua.payments import receipt_policies as policies
from motcua.payments import receipts as concept
from motcua.payments.choices import PaymentStatus
from motcua.payments.models import (
    Payment,
    Receipt,
    ReceiptCancellation,
    ReceiptSeries,
    ReceiptTemplate,
)

SUBJECT_TEMPLATE = "receipt_template"
SUBJECT_SERIES = "receipt_series"
REASON_MAX = 1000


def _moment(now: datetime | None) -> datetime:
    value = now or timezone.now()
    if timezone.is_naive(value):
        raise ValueError("now must be timezone-aware")
    return value


def _name_of(actor) -> str:
    if actor is None:
        return ""
    return actor.get_full_name() or actor.get_username()


# --- Templates and series (reference data) -------------------------------------------------


def create_template(
    *, agency, code: str, name: str = "", actor, now: datetime | None = None
) -> ReceiptTemplate:
    """Define a receipt template (mẫu số) for `agency`, as the agency registered it."""
    now = _moment(now)
    refusal = policies.refuse_receipt_setup(actor, agency)
    if refusal:
        raise NotAllowed(refusal)
    code = concept.normalise_code(code)
    if not concept.valid_code(code):
        raise DossierError(
            _(
                "Mẫu số gồm chữ in hoa, chữ số và các dấu “/”, “.”, “-”, tối đa 30 ký tự "
                "(ví dụ 01BLP0-001)."
            ),
            field="code",
        )
    name = " ".join((name or "").split())[:200] or concept.DEFAULT_TEMPLATE_NAME
    with transaction.atomic():
        if ReceiptTemplate.objects.filter(agency=agency, code=code).exists():
            raise DossierError(
                _("Cơ quan này đã có mẫu biên lai số %(code)s.") % {"code": code}, field="code"
            )
        template = ReceiptTemplate.objects.create(
            agency=agency, code=code, name=name, created_at=now, created_by=actor
        )
        facts = {"agency": agency.code, "code": code, "name": name}
        record_change(
            actor=actor,
            action="receipt_template_created",
            subject_type=SUBJECT_TEMPLATE,
            subject_key=f"{agency.code}:{code}",
            data={"after": facts},
            event_type="receipt.template_created",
            payload=facts,
            now=now,
        )
    return template


def create_series(
    *, template: ReceiptTemplate, code: str, number_width: int = 7, actor, now=None
) -> ReceiptSeries:
    """Open a series (ký hiệu) of `template`: it becomes the agency's series in use, and the
    series in use until now is closed (its numbers stay as they are). Receipts owed for
    payments already confirmed without one are issued in it at once."""
    now = _moment(now)
    agency = template.agency
    refusal = policies.refuse_receipt_setup(actor, agency)
    if refusal:
        raise NotAllowed(refusal)
    code = concept.normalise_code(code)
    if not concept.valid_code(code):
        raise DossierError(
            _(
                "Ký hiệu gồm chữ in hoa, chữ số và các dấu “/”, “.”, “-”, tối đa 30 ký tự "
                "(ví dụ C26TBL)."
            ),
            field="code",
        )
    if number_width not in concept.NUMBER_WIDTHS:
        raise DossierError(_("Số chữ số của số biên lai phải từ 4 đến 10."), field="number_width")
    with transaction.atomic():
        if ReceiptSeries.objects.filter(template=template, code=code).exists():
            raise DossierError(
                _("Mẫu %(template)s đã có ký hiệu %(code)s.")
                % {"template": template.code, "code": code},
                field="code",
            )
        previous = (
            ReceiptSeries.objects.select_for_update().filter(agency=agency, active=True).first()
        )
        if previous is not None:
            previous.active, previous.closed_at = False, now
            previous.save(update_fields=["active", "closed_at"])
        series = ReceiptSeries.objects.create(
            template=template,
            agency=agency,
            code=code,
            number_width=number_width,
            created_at=now,
            created_by=actor,
        )
        facts = {
            "agency": agency.code,
            "template": template.code,
            "code": code,
            "number_width": number_width,
            "closed": f"{previous.template.code} {previous.code}" if previous else None,
        }
        record_change(
            actor=actor,
            action="receipt_series_opened",
            subject_type=SUBJECT_SERIES,
            subject_key=f"{agency.code}:{template.code}:{code}",
            data={"after": facts},
            event_type="receipt.series_opened",
            payload=facts,
            now=now,
        )
    issue_missing_receipts(agency, now=now)
    return series


def close_series(series: ReceiptSeries, *, actor, now: datetime | None = None) -> ReceiptSeries:
    """Stop using `series`: the agency issues no receipt until another series is opened."""
    now = _moment(now)
    refusal = policies.refuse_receipt_setup(actor, series.agency)
    if refusal:
        raise NotAllowed(refusal)
    with transaction.atomic():
        locked = (
            ReceiptSeries.objects.select_for_update().select_related("template").get(pk=series.pk)
        )
        if not locked.active:
            return locked
        locked.active, locked.closed_at = False, now
        locked.save(update_fields=["active", "closed_at"])
        facts = {
            "agency": locked.agency.code,
            "template": locked.template.code,
            "code": locked.code,
            "last_number": locked.last_number,
        }
        record_change(
            actor=actor,
            action="receipt_series_closed",
            subject_type=SUBJECT_SERIES,
            subject_key=f"{locked.agency.code}:{locked.template.code}:{locked.code}",
            data={"before": {**facts, "active": True}},
            event_type="receipt.series_closed",
            payload=facts,
            now=now,
        )
    return locked


# --- Issuing ---------------------------------------------------------------------------------


def _lock_dossier(dossier_id: int) -> Dossier:
    return Dossier.objects.select_for_update().get(pk=dossier_id)


def _audit(dossier: Dossier, *, actor, action: str, data: dict, now: datetime) -> None:
    """One event of the dossier's chain for a receipt; the dossier's status does not change."""
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


def _facts(receipt: Receipt) -> dict:
    return {
        "receipt": receipt.pk,
        "template": receipt.template_code,
        "series": receipt.series_code,
        "number": receipt.number_text,
        "total": receipt.total,
        "payment": receipt.payment_id,
    }


def _emit(event_type: str, receipt: Receipt, dossier: Dossier, now: datetime, **extra) -> None:
    emit(
        event_type,
        subject=f"{receipt.template_code} {receipt.series_code} {receipt.number_text}"[:100],
        dossier=dossier,
        payload={**_facts(receipt), "dossier": dossier.code, "at": now.isoformat(), **extra},
        now=now,
    )


def _procedure_name(dossier: Dossier) -> str:
    snapshot = dossier.procedure_snapshot or {}
    return str((snapshot.get("procedure") or {}).get("name") or "")[:500]


def _new_receipt(
    payment: Payment,
    dossier: Dossier,
    series: ReceiptSeries,
    *,
    payer: dict,
    replaces: Receipt | None,
    actor,
    now: datetime,
) -> Receipt:
    """Take the series' next number (its row is locked by the caller) and write the receipt."""
    series.last_number += 1
    series.save(update_fields=["last_number"])
    number_text = series.number_text(series.last_number)
    agency = series.agency
    lines = concept.lines_of(payment.items, total=payment.amount, fallback_name=payment.fee_name)
    issuer = actor if actor is not None else payment.recorded_by
    return Receipt.objects.create(
        series=series,
        number=series.last_number,
        payment=payment,
        dossier=dossier,
        replaces=replaces,
        agency=agency,
        agency_code=agency.code,
        agency_name=agency.name,
        agency_parent_name=agency.parent.name if agency.parent_id else "",
        template_code=series.template.code,
        template_name=series.template.name,
        series_code=series.code,
        number_text=number_text,
        payer_name=payer["name"],
        payer_id_number=payer["id_number"],
        payer_address=payer["address"],
        dossier_code=dossier.code or payment.dossier_code,
        procedure_code=payment.procedure_code,
        procedure_name=_procedure_name(dossier),
        items=[line.as_dict() for line in lines],
        total=payment.amount,
        total_words=concept.words_of(payment.amount),
        method=payment.method,
        paid_at=payment.confirmed_at,
        issued_at=now,
        issued_by=issuer,
        issued_by_name=_name_of(issuer),
        search_text=concept.search_text_of(
            number_text=number_text,
            series_code=series.code,
            payer_name=payer["name"],
            payer_id_number=payer["id_number"],
            dossier_code=dossier.code or payment.dossier_code,
        ),
    )


def _active_series(agency_id: int) -> ReceiptSeries | None:
    return (
        ReceiptSeries.objects.select_for_update(of=("self",))
        .select_related("template", "agency__parent")
        .filter(agency_id=agency_id, active=True)
        .first()
    )


def issue_receipt_for_payment(
    payment: Payment, *, actor=None, now: datetime | None = None
) -> Receipt | None:
    """The receipt of a confirmed payment: issued now in the collecting agency's series in use,
    or the one it already has (a repeated call issues nothing). None when the agency has no
    series in use yet (`create_series` issues it later). `actor`: the official who took the
    money at the counter; None for an online payment (the system issues it). Called by the
    confirming service as the last write of its transaction."""
    now = _moment(now)
    with transaction.atomic():
        dossier = _lock_dossier(payment.dossier_id)
        locked = Payment.objects.select_for_update().get(pk=payment.pk)
        if locked.status != PaymentStatus.CONFIRMED or locked.confirmed_at is None:
            raise TransitionRefused(_("Chỉ lập biên lai cho khoản đã thanh toán."), field="payment")
        existing = Receipt.objects.filter(payment=locked, replaces__isnull=True).first()
        if existing is not None:
            return existing
        series = _active_series(locked.agency_id)
        if series is None:
            return None
        receipt = _new_receipt(
            locked,
            dossier,
            series,
            payer={
                "name": locked.payer_name,
                "id_number": locked.payer_id_number,
                "address": locked.payer_address,
            },
            replaces=None,
            actor=actor,
            now=now,
        )
        _audit(dossier, actor=actor, action="receipt_issued", data=_facts(receipt), now=now)
        _emit("receipt.issued", receipt, dossier, now)
    return receipt


def payments_owing_receipts(agency=None):
    """Confirmed payments that have no first receipt (their agency had no series in use)."""
    first_receipts = Receipt.objects.filter(replaces__isnull=True).values("payment_id")
    owing = Payment.objects.filter(status=PaymentStatus.CONFIRMED).exclude(pk__in=first_receipts)
    if agency is not None:
        owing = owing.filter(agency=agency)
    return owing.order_by("confirmed_at", "pk")


def issue_missing_receipts(agency, *, now: datetime | None = None) -> list[Receipt]:
    """Issue the receipts owed for `agency`'s confirmed payments, oldest payment first, each in
    its own transaction (a payment that fails does not hold back the others)."""
    now = _moment(now)
    issued = []
    for payment in payments_owing_receipts(agency):
        receipt = issue_receipt_for_payment(payment, now=now)
        if receipt is None:
            break
        issued.append(receipt)
    return issued


# --- Cancelling and replacing --------------------------------------------------------------


def _clean_reason(reason: str) -> str:
    reason = " ".join((reason or "").split())
    if not reason:
        raise DossierError(_("Hãy ghi lý do huỷ biên lai."), field="reason")
    if len(reason) > REASON_MAX:
        raise DossierError(_("Lý do dài quá %(max)d ký tự.") % {"max": REASON_MAX}, field="reason")
    return reason


def _lock_receipt(receipt: Receipt, actor, *, replacing: bool = False) -> tuple[Receipt, Dossier]:
    refusal = policies.refuse_receipt_correction(actor, receipt)
    if refusal:
        raise NotAllowed(refusal)
    dossier = _lock_dossier(receipt.dossier_id)
    try:
        # The payment's row stands for its receipts: whoever cancels or replaces one waits.
        Payment.objects.select_for_update().get(pk=receipt.payment_id)
        locked = Receipt.objects.select_related("payment").get(pk=receipt.pk)
    except Receipt.DoesNotExist as exc:
        raise NotFound(_("Không tìm thấy biên lai.")) from exc
    if Receipt.objects.filter(replaces=locked).exists():
        raise TransitionRefused(_("Biên lai này đã được thay thế."), field="receipt")
    if not replacing and ReceiptCancellation.objects.filter(receipt=locked).exists():
        raise TransitionRefused(_("Biên lai này đã bị huỷ."), field="receipt")
    return locked, dossier


def _cancel(locked: Receipt, *, reason: str, actor, now: datetime) -> ReceiptCancellation:
    return ReceiptCancellation.objects.create(
        receipt=locked,
        reason=reason,
        cancelled_at=now,
        cancelled_by=actor,
        cancelled_by_name=_name_of(actor),
    )


def cancel_receipt(
    receipt: Receipt, *, reason: str, actor, now: datetime | None = None
) -> ReceiptCancellation:
    """Cancel a wrong receipt, with its reason. It stays, marked cancelled; its number is not
    used again."""
    now = _moment(now)
    reason = _clean_reason(reason)
    with transaction.atomic():
        locked, dossier = _lock_receipt(receipt, actor)
        cancellation = _cancel(locked, reason=reason, actor=actor, now=now)
        _audit(
            dossier,
            actor=actor,
            action="receipt_cancelled",
            data={**_facts(locked), "reason": reason},
            now=now,
        )
        _emit("receipt.cancelled", locked, dossier, now, reason=reason)
    return cancellation


def replace_receipt(
    receipt: Receipt,
    *,
    reason: str,
    payer_name: str | None = None,
    payer_id_number: str | None = None,
    payer_address: str | None = None,
    actor,
    now: datetime | None = None,
) -> Receipt:
    """Cancel `receipt` and issue a new one in its place: a new number of the agency's series
    in use, naming the old receipt, with the payer's details corrected as given (the items and
    the amount are the payment's and do not change). A receipt cancelled earlier and not yet
    replaced may be replaced too (its cancellation stays as it was); a receipt is replaced
    once."""
    now = _moment(now)
    reason = _clean_reason(reason)
    payer = {
        "name": " ".join((payer_name if payer_name is not None else receipt.payer_name).split()),
        "id_number": "".join(
            (payer_id_number if payer_id_number is not None else receipt.payer_id_number).split()
        ),
        "address": " ".join(
            (payer_address if payer_address is not None else receipt.payer_address).split()
        ),
    }
    errors = {}
    if not payer["name"]:
        errors["payer_name"] = [_("Hãy nhập tên người nộp tiền.")]
    elif len(payer["name"]) > 300:
        errors["payer_name"] = [_("Tên người nộp tiền dài quá 300 ký tự.")]
    if len(payer["id_number"]) > 20:
        errors["payer_id_number"] = [_("Số giấy tờ dài quá 20 ký tự.")]
    if len(payer["address"]) > 500:
        errors["payer_address"] = [_("Địa chỉ dài quá 500 ký tự.")]
    if errors:
        field, messages = next(iter(errors.items()))
        raise DossierError(messages[0], field=field, errors=errors)
    with transaction.atomic():
        locked, dossier = _lock_receipt(receipt, actor, replacing=True)
        series = _active_series(locked.agency_id)
        if series is None:
            raise TransitionRefused(
                _("Cơ quan thu chưa có ký hiệu biên lai đang dùng; không lập được biên lai mới."),
                field="series",
            )
        if not ReceiptCancellation.objects.filter(receipt=locked).exists():
            _cancel(locked, reason=reason, actor=actor, now=now)
        new = _new_receipt(
            locked.payment, dossier, series, payer=payer, replaces=locked, actor=actor, now=now
        )
        _audit(
            dossier,
            actor=actor,
            action="receipt_replaced",
            data={**_facts(new), "replaces": _facts(locked), "reason": reason},
            now=now,
        )
        _emit("receipt.replaced", new, dossier, now, replaces=locked.pk, reason=reason)
    return new
