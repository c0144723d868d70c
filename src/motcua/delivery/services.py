"""Every change of the public postal service, one function per action. Each runs in a
transaction, asks its guard (delivery/policies.py), writes its audit record (the dossier's
chain for what concerns a dossier, the reference chain for the tariff and the zones) and its
outbox event.

The postal operator is reached only by the adapter (integrations/postal): it calls
`open_order` (our row, before the operator hears of it), `order_registered` (the operator's
answer), `apply_tracking` (a webhook or a poll) and `order_cancelled`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from motcua.agencies.models import Commune
from motcua.delivery import policies, tariffs, tracking
from motcua.delivery.choices import OrderStatus, PostalOption, PostalService, Zone
from motcua.delivery.models import CommuneZone, PostalOrder, PostalRequest, Tariff, TrackingUpdate
from motcua.dossiers import services as dossier_services
from motcua.dossiers.choices import Action, DossierStatus, ReturnChannel
from motcua.dossiers.errors import DossierError, NotFound
from motcua.dossiers.models import Dossier
from motcua.dossiers.policies import ApplicantProof, check
from motcua.events.reference import moment, record_change
from motcua.events.services import AUDIT_HEAD_FIELDS, append_audit, emit

SUBJECT_TARIFF = "postal_tariff"
SUBJECT_ZONE = "postal_zone"
MAX_WEIGHT_GRAMS = 100_000
MAX_PRICE = 100_000_000


# --- the tariff and the zones (reference data) -------------------------------------------------


def _tariff_key(zone: str, service: str, max_weight_grams: int) -> str:
    return f"{service}:{zone}:{max_weight_grams}"


def set_tariff(
    *,
    actor,
    zone: str,
    service: str,
    max_weight_grams: int,
    price: int,
    now: datetime | None = None,
) -> Tariff:
    """Add a row to the tariff, or change the price of an existing one."""
    now = moment(now)
    errors = {}
    if zone not in Zone.values:
        errors["zone"] = [_("Vùng không hợp lệ.")]
    if service not in PostalService.values:
        errors["service"] = [_("Dịch vụ không hợp lệ.")]
    if not isinstance(max_weight_grams, int) or not 0 < max_weight_grams <= MAX_WEIGHT_GRAMS:
        errors["max_weight_grams"] = [
            _("Khối lượng phải là số gam từ 1 đến %(max)d.") % {"max": MAX_WEIGHT_GRAMS}
        ]
    if not isinstance(price, int) or not 0 <= price <= MAX_PRICE:
        errors["price"] = [_("Giá cước phải là số đồng từ 0 đến %(max)d.") % {"max": MAX_PRICE}]
    if errors:
        raise DossierError(_("Dòng cước chưa hợp lệ."), errors=errors)
    with transaction.atomic():
        check(policies.can_edit_tariffs(actor))
        row = (
            Tariff.objects.select_for_update()
            .filter(zone=zone, service=service, max_weight_grams=max_weight_grams)
            .first()
        )
        before = row.price if row is not None else None
        if row is None:
            row = Tariff(zone=zone, service=service, max_weight_grams=max_weight_grams)
        elif before == price:
            return row
        row.price = price
        row.updated_at = now
        row.save()
        key = _tariff_key(zone, service, max_weight_grams)
        record_change(
            actor=actor,
            action="set" if before is None else "change",
            subject_type=SUBJECT_TARIFF,
            subject_key=key,
            data={"price": price, "before": before},
            event_type="postal.tariff_changed",
            payload={"price": price},
            now=now,
        )
    return row


def delete_tariff(row: Tariff, *, actor, now: datetime | None = None) -> None:
    now = moment(now)
    with transaction.atomic():
        check(policies.can_edit_tariffs(actor))
        key = _tariff_key(row.zone, row.service, row.max_weight_grams)
        deleted, _rows = Tariff.objects.filter(pk=row.pk).delete()
        if not deleted:
            return
        record_change(
            actor=actor,
            action="delete",
            subject_type=SUBJECT_TARIFF,
            subject_key=key,
            data={"before": row.price},
            event_type="postal.tariff_changed",
            now=now,
        )


def assign_zone(*, actor, commune: Commune, zone: str, now: datetime | None = None) -> CommuneZone:
    """Put `commune` in `zone` (an identical assignment records nothing)."""
    now = moment(now)
    if zone not in Zone.values:
        raise DossierError(_("Vùng không hợp lệ."), field="zone")
    with transaction.atomic():
        check(policies.can_edit_tariffs(actor))
        row = CommuneZone.objects.select_for_update().filter(commune=commune).first()
        before = row.zone if row is not None else None
        if before == zone:
            return row
        row = row or CommuneZone(commune=commune)
        row.zone, row.updated_at = zone, now
        row.save()
        record_change(
            actor=actor,
            action="assign",
            subject_type=SUBJECT_ZONE,
            subject_key=commune.code,
            data={"zone": zone, "before": before},
            event_type="postal.zone_assigned",
            payload={"zone": zone},
            now=now,
        )
    return row


def unassign_zone(row: CommuneZone, *, actor, now: datetime | None = None) -> None:
    """Back to the default of the commune's kind."""
    now = moment(now)
    with transaction.atomic():
        check(policies.can_edit_tariffs(actor))
        deleted, _rows = CommuneZone.objects.filter(pk=row.pk).delete()
        if deleted:
            record_change(
                actor=actor,
                action="unassign",
                subject_type=SUBJECT_ZONE,
                subject_key=row.commune_id,
                data={"before": row.zone},
                event_type="postal.zone_assigned",
                now=now,
            )


def load_zones(*, actor, rows: Iterable[tuple[str, str]], now: datetime | None = None) -> int:
    """Assign zones from (commune code, zone) pairs (a data file: delivery/data/). Returns how
    many changed. Unknown communes are refused with their code."""
    now = moment(now)
    rows = list(rows)
    communes = Commune.objects.in_bulk([code for code, _zone in rows])
    missing = [code for code, _zone in rows if code not in communes]
    if missing:
        raise DossierError(
            _("Không có xã, phường mã %(codes)s.") % {"codes": ", ".join(missing[:5])},
            field="commune",
        )
    changed = 0
    with transaction.atomic():
        for code, zone in rows:
            before = CommuneZone.objects.filter(commune_id=code).values_list("zone", flat=True)
            if list(before) != [zone]:
                assign_zone(actor=actor, commune=communes[code], zone=zone, now=now)
                changed += 1
    return changed


def load_tariff(*, actor, rows: Iterable[tariffs.Rate], now: datetime | None = None) -> int:
    """Set every row of a tariff (a data file: delivery/data/); returns how many rows."""
    count = 0
    with transaction.atomic():
        for rate in rows:
            set_tariff(
                actor=actor,
                zone=rate.zone,
                service=rate.service,
                max_weight_grams=rate.max_weight_grams,
                price=rate.price,
                now=now,
            )
            count += 1
    return count


# --- reads the services share ----------------------------------------------------------------


def current_rates() -> list[tariffs.Rate]:
    return [
        tariffs.Rate(row.zone, row.service, row.max_weight_grams, row.price)
        for row in Tariff.objects.all()
    ]


def zone_of_commune(commune: Commune) -> str:
    assigned = CommuneZone.objects.filter(commune=commune).values_list("zone", flat=True).first()
    return tariffs.zone_of(commune.kind, assigned)


# --- the applicant's choice ------------------------------------------------------------------


def _audit(dossier: Dossier, *, actor, action: str, data: dict, now: datetime) -> Dossier:
    """Append a postal event to the dossier's own audit chain and announce it, in the caller's
    transaction; the dossier's status and version are not touched (an official's open page
    stays current)."""
    locked = Dossier.objects.select_for_update().get(pk=dossier.pk)
    append_audit(
        locked,
        actor=actor,
        action=action,
        from_status=locked.status,
        to_status=locked.status,
        data=data,
        now=now,
    )
    locked.save(update_fields=list(AUDIT_HEAD_FIELDS))
    emit(
        f"dossier.{action}",
        subject=locked.code or f"#{locked.pk}",
        dossier=locked,
        payload={"code": locked.code, "status": locked.status, "at": now.isoformat(), **data},
        now=now,
    )
    return locked


def quote_postal(
    *,
    option: str,
    recipient_name: str,
    phone: str,
    address: str,
    commune: Commune | None,
    weight_grams: int | None,
) -> tuple[str, tariffs.Quote]:
    """Check where the postman goes and quote `option` there: the commune's zone and the
    prices. The one rule behind the portal's postal page and the reception desk; raises
    DossierError with field-level messages."""
    recipient_name, phone, address = recipient_name.strip(), phone.strip(), address.strip()
    errors = {}
    if not recipient_name or len(recipient_name) > 300:
        errors["recipient_name"] = [_("Hãy nhập họ tên người gửi, nhận (tối đa 300 ký tự).")]
    if not phone or len(phone) > 20 or not phone.replace(" ", "").lstrip("+").isdigit():
        errors["phone"] = [_("Hãy nhập số điện thoại để bưu tá liên hệ.")]
    if not address or len(address) > 500:
        errors["address"] = [_("Hãy nhập số nhà, đường, thôn, xóm (tối đa 500 ký tự).")]
    if commune is None:
        errors["commune"] = [_("Hãy chọn xã, phường.")]
    rates = current_rates()
    if weight_grams not in tariffs.weight_classes(rates):
        errors["weight_grams"] = [_("Hãy chọn một nấc khối lượng trong bảng cước.")]
    if errors:
        raise DossierError(_("Thông tin bưu chính chưa đầy đủ."), errors=errors)
    zone = zone_of_commune(commune)
    try:
        quote = tariffs.quote(rates, zone=zone, option=option, weight_grams=weight_grams)
    except tariffs.NoRate:
        raise DossierError(
            _("Bảng cước chưa có giá cho vùng “%(zone)s” ở nấc khối lượng này.")
            % {"zone": Zone(zone).label},
            field="weight_grams",
        ) from None
    return zone, quote


def choose_postal_service(
    dossier: Dossier,
    *,
    actor,
    option: str,
    recipient_name: str = "",
    phone: str = "",
    address: str = "",
    commune: Commune | None = None,
    weight_grams: int | None = None,
    proof: ApplicantProof | None = None,
    now: datetime | None = None,
) -> PostalRequest | None:
    """The applicant chooses one of the three options (or none: `option` empty) for their
    draft, with the address the postman goes to. The prices are quoted from the tariff of the
    commune's zone and kept. Choosing delivery sets the result to come by post."""
    now = moment(now)
    if not policies.postal_offered(dossier.procedure):
        if option:
            raise policies.not_offered()
    if option and option not in PostalOption.values:
        raise DossierError(_("Hãy chọn một hình thức bưu chính trong danh sách."), field="option")
    recipient_name, phone, address = recipient_name.strip(), phone.strip(), address.strip()
    quote = None
    zone = ""
    if option:
        zone, quote = quote_postal(
            option=option,
            recipient_name=recipient_name,
            phone=phone,
            address=address,
            commune=commune,
            weight_grams=weight_grams,
        )
    with transaction.atomic():
        check(policies.can_choose(actor, dossier, proof))
        wants_delivery = bool(option) and PostalService.DELIVERY in PostalOption(option).services
        channel = dossier.requested_return_channel
        if wants_delivery:
            channel = ReturnChannel.POST
        elif channel == ReturnChannel.POST:
            channel = ReturnChannel.COUNTER
        # Through the dossier's own service: its guard, its status rule, its audit event.
        dossier = dossier_services.update_draft(
            dossier, actor=actor, proof=proof, requested_return_channel=channel, now=now
        )
        request = PostalRequest.objects.filter(dossier=dossier).first()
        if not option:
            if request is not None:
                request.delete()
                _audit(
                    dossier, actor=actor, action=Action.POSTAL_CHOOSE, data={"option": ""}, now=now
                )
            return None
        request = request or PostalRequest(dossier=dossier)
        request.option = option
        request.recipient_name = recipient_name
        request.phone = phone
        request.address = address
        request.commune = commune
        request.zone = zone
        request.weight_grams = weight_grams
        request.collection_price = quote.collection
        request.delivery_price = quote.delivery
        request.chosen_at = now
        request.save()
        _audit(
            dossier,
            actor=actor,
            action=Action.POSTAL_CHOOSE,
            data={
                "option": option,
                "commune": commune.code,
                "zone": zone,
                "weight_grams": weight_grams,
                "collection_price": quote.collection,
                "delivery_price": quote.delivery,
            },
            now=now,
        )
    return request


def record_desk_delivery(
    dossier: Dossier,
    *,
    actor,
    recipient_name: str,
    phone: str,
    address: str,
    commune: Commune | None,
    weight_grams: int | None,
    now: datetime | None = None,
) -> PostalRequest:
    """Reception records, for a dossier it received at the counter with the result by post,
    where the postman takes the result, and the price quoted for it by the same rule as the
    portal's page (`quote_postal`). The delivery order then goes there (not to the applicant's
    own address) at this price."""
    now = moment(now)
    if not policies.postal_offered(dossier.procedure):
        raise policies.not_offered()
    zone, quote = quote_postal(
        option=PostalOption.DELIVER,
        recipient_name=recipient_name,
        phone=phone,
        address=address,
        commune=commune,
        weight_grams=weight_grams,
    )
    with transaction.atomic():
        check(policies.can_record_at_desk(actor, dossier))
        if dossier.requested_return_channel != ReturnChannel.POST:
            raise DossierError(
                _("Hồ sơ không đăng ký nhận kết quả qua bưu chính."), field="return_channel"
            )
        request = PostalRequest.objects.filter(dossier=dossier).first() or PostalRequest(
            dossier=dossier
        )
        request.option = PostalOption.DELIVER
        request.recipient_name = recipient_name.strip()
        request.phone = phone.strip()
        request.address = address.strip()
        request.commune = commune
        request.zone = zone
        request.weight_grams = weight_grams
        request.collection_price = None
        request.delivery_price = quote.delivery
        request.chosen_at = now
        request.save()
        _audit(
            dossier,
            actor=actor,
            action=Action.POSTAL_CHOOSE,
            data={
                "option": PostalOption.DELIVER,
                "commune": commune.code,
                "zone": zone,
                "weight_grams": weight_grams,
                "collection_price": None,
                "delivery_price": quote.delivery,
                "at_desk": True,
            },
            now=now,
        )
    return request


# --- orders (called by the postal adapter) ---------------------------------------------------


def _order_fields(dossier: Dossier, service: str) -> dict | None:
    """Where an order of `service` goes, from the applicant's postal request, or for a result
    by post asked at the counter, from the applicant's own address."""
    if service == PostalService.DELIVERY and dossier.requested_return_channel != ReturnChannel.POST:
        return None  # the result's channel decides: the applicant may have changed their mind
    request = PostalRequest.objects.filter(dossier=dossier).select_related("commune").first()
    if request is not None:
        if service not in PostalOption(request.option).services:
            return None
        return {
            "recipient_name": request.recipient_name,
            "phone": request.phone,
            "address": request.address,
            "commune": request.commune,
            "zone": request.zone,
            "weight_grams": request.weight_grams,
            "price": request.collection_price
            if service == PostalService.COLLECTION
            else request.delivery_price,
        }
    if service != PostalService.DELIVERY:
        return None
    if dossier.applicant_commune is None or not dossier.applicant_address:
        return None
    rates = current_rates()
    classes = tariffs.weight_classes(rates)
    zone = zone_of_commune(dossier.applicant_commune)
    weight = classes[0] if classes else 0
    try:
        price = tariffs.price(rates, zone=zone, service=service, weight_grams=weight)
    except (tariffs.NoRate, ValueError):
        price = None
    return {
        "recipient_name": dossier.applicant_name,
        "phone": dossier.applicant_phone,
        "address": dossier.applicant_address,
        "commune": dossier.applicant_commune,
        "zone": zone,
        "weight_grams": weight,
        "price": price,
    }


def order_wanted(dossier: Dossier, service: str) -> bool:
    """Whether the dossier asks for an order of `service` (the adapter asks before opening)."""
    return (
        policies.postal_offered(dossier.procedure) and _order_fields(dossier, service) is not None
    )


def open_order(
    dossier: Dossier, service: str, *, actor=None, now: datetime | None = None
) -> PostalOrder | None:
    """Write the order of `service` for `dossier` before the operator hears of it; an order
    already open for it is returned as it is (a retried delivery makes no second order).
    `actor` None: the outbox worker, on the system's behalf. None when no order is wanted."""
    now = moment(now)
    fields = _order_fields(dossier, service)
    if fields is None or not policies.postal_offered(dossier.procedure):
        return None
    reference = f"MC-{dossier.pk}-{'T' if service == PostalService.COLLECTION else 'K'}"
    with transaction.atomic():
        existing = PostalOrder.objects.select_for_update().filter(reference=reference).first()
        if existing is not None:
            return existing
        order = PostalOrder.objects.create(
            dossier=dossier,
            agency=dossier.receiving_agency,
            service=service,
            reference=reference,
            created_at=now,
            **fields,
        )
        _audit(
            dossier,
            actor=actor,
            action=Action.POSTAL_ORDER,
            data={"service": service, "reference": reference, "zone": order.zone},
            now=now,
        )
    return order


def order_registered(
    order: PostalOrder, *, operator_order_id: str, now: datetime | None = None
) -> PostalOrder:
    """The operator accepted the order under its own id."""
    now = moment(now)
    with transaction.atomic():
        order = PostalOrder.objects.select_for_update().get(pk=order.pk)
        if order.operator_order_id == operator_order_id:
            return order
        order.operator_order_id = operator_order_id[:60]
        order.registered_at = order.registered_at or now
        if order.status == OrderStatus.PENDING:
            order.status, order.status_at = OrderStatus.REGISTERED, now
        order.save()
    return order


def apply_tracking(
    *,
    actor,
    operator_order_id: str,
    event_id: str,
    status: str,
    at: datetime,
    note: str = "",
    now: datetime | None = None,
) -> tuple[PostalOrder, bool]:
    """One tracking update from the operator: recorded once (by its event id), applied when it
    moves the order further along its path (tracking.moves). A result delivered by post closes
    the dossier as returned by post, with the operator's client as the actor. Returns the order
    and whether this update changed it."""
    now = moment(now)
    if status not in tracking.REPORTED:
        raise DossierError(_("Trạng thái đơn hàng không hợp lệ."), field="status")
    if not event_id or len(event_id) > 80:
        raise DossierError(_("Thiếu mã sự kiện."), field="event_id")
    order = (
        PostalOrder.objects.select_related("dossier__receiving_agency")
        .filter(operator_order_id=operator_order_id)
        .first()
        if operator_order_id
        else None
    )
    if order is None:
        raise NotFound(_("Không có đơn hàng bưu chính này."), field="order_id")
    check(policies.can_track(actor, order))
    if not tracking.is_valid(order.service, status):
        raise DossierError(
            _("Trạng thái “%(status)s” không áp dụng cho đơn hàng này.") % {"status": status},
            field="status",
        )
    try:
        with transaction.atomic():
            order = PostalOrder.objects.select_for_update().get(pk=order.pk)
            if TrackingUpdate.objects.filter(event_id=event_id).exists():
                return order, False
            moved = tracking.moves(order.service, order.status, status)
            TrackingUpdate.objects.create(
                order=order,
                event_id=event_id,
                status=status,
                at=at,
                received_at=now,
                applied=moved,
                note=note[:500],
            )
            if not moved:
                return order, False
            before = order.status
            order.status, order.status_at = status, at
            order.save(update_fields=["status", "status_at"])
            dossier = _audit(
                order.dossier,
                actor=actor,
                action=Action.POSTAL_TRACKING,
                data={"reference": order.reference, "from": before, "to": status},
                now=now,
            )
            if (
                status == OrderStatus.DELIVERED
                and order.service == PostalService.DELIVERY
                and dossier.status == DossierStatus.DECIDED
            ):
                dossier_services.return_result(
                    dossier,
                    actor=actor,
                    channel=ReturnChannel.POST,
                    collected_by_name=order.recipient_name,
                    now=min(max(at, dossier.decided_at or at), now),
                )
    except IntegrityError:  # the same event id recorded by a concurrent request
        return PostalOrder.objects.get(pk=order.pk), False
    return order, True


def cancel_order(
    order: PostalOrder, *, actor, reason: str, now: datetime | None = None
) -> PostalOrder:
    """Cancel an order the postman has not taken yet (the adapter has told the operator).
    `actor` None: the system, when the dossier ended before the order was used."""
    now = moment(now)
    reason = reason.strip()
    if not reason or len(reason) > 500:
        raise DossierError(_("Hãy nêu lý do hủy (tối đa 500 ký tự)."), field="reason")
    with transaction.atomic():
        order = PostalOrder.objects.select_for_update().select_related("dossier").get(pk=order.pk)
        if actor is not None:
            check(policies.can_cancel(actor, order))
        if order.status == OrderStatus.CANCELLED:
            return order
        if not tracking.may_cancel(order.status):
            raise DossierError(
                _("Đơn hàng đang ở trạng thái “%(status)s”, không hủy được nữa.")
                % {"status": OrderStatus(order.status).label},
                field="status",
            )
        order.status, order.status_at = OrderStatus.CANCELLED, now
        order.cancelled_at, order.cancelled_by, order.cancel_reason = now, actor, reason
        order.save()
        _audit(
            order.dossier,
            actor=actor,
            action=Action.POSTAL_CANCEL,
            data={"reference": order.reference, "reason": reason},
            now=now,
        )
    return order
