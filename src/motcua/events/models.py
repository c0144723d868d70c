"""The audit trail and the outbox.

AuditEvent: one row per change to a dossier, chained per dossier by an HMAC over canonical JSON
and the previous event's HMAC, so that an edited, deleted or reordered event is detectable
(`manage.py verify_audit`). On PostgreSQL triggers refuse UPDATE, DELETE and TRUNCATE on the
table, and the application's database role may only SELECT and INSERT (docs/deployment.md).

OutboxEvent: what happened, written in the same transaction as the change; one Delivery per
registered consumer carries its own retry state. Workers claim deliveries with
SELECT ... FOR UPDATE SKIP LOCKED; nobody reads the outbox with an id cursor.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.events.choices import UNDELIVERED, DeliveryStatus


class AuditEvent(models.Model):
    """One entry of a dossier's audit trail (nhật ký xử lý hồ sơ). Append-only."""

    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.PROTECT, related_name="audit_events"
    )
    seq = models.PositiveIntegerField(_("số thứ tự"))
    at = models.DateTimeField(_("thời điểm"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    actor_name = models.CharField(_("người thực hiện"), max_length=300, blank=True)
    action = models.CharField(_("thao tác"), max_length=50)
    from_status = models.CharField(_("từ trạng thái"), max_length=30, blank=True)
    to_status = models.CharField(_("sang trạng thái"), max_length=30, blank=True)
    data = models.JSONField(_("chi tiết"), default=dict, blank=True)
    prev_hmac = models.CharField(max_length=64, blank=True)
    hmac = models.CharField(max_length=64)

    class Meta:
        ordering = ["dossier", "seq"]
        verbose_name = _("nhật ký hồ sơ")
        verbose_name_plural = _("nhật ký hồ sơ")
        constraints = [
            models.UniqueConstraint(fields=["dossier", "seq"], name="uniq_audit_seq_per_dossier")
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id}#{self.seq} {self.action}"


class OutboxEvent(models.Model):
    """Something that happened, for the outside world, written in the change's transaction."""

    type = models.CharField(max_length=80, db_index=True)
    subject = models.CharField(max_length=100, blank=True, db_index=True)
    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    payload = models.JSONField(default=dict)
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = _("sự kiện gửi đi")
        verbose_name_plural = _("sự kiện gửi đi")

    def __str__(self) -> str:
        return f"{self.type} {self.subject}"


class Delivery(models.Model):
    """One consumer's delivery of one outbox event, with its retry state."""

    event = models.ForeignKey(OutboxEvent, on_delete=models.CASCADE, related_name="deliveries")
    consumer = models.CharField(max_length=80)
    # The event's dossier, copied here so that an ordered consumer's claim finds an earlier
    # undelivered delivery of the same dossier through one index (claim_deliveries).
    dossier = models.ForeignKey(
        "dossiers.Dossier",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )
    status = models.CharField(
        max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField()
    claimed_until = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    first_failed_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("lượt gửi sự kiện")
        verbose_name_plural = _("lượt gửi sự kiện")
        constraints = [
            models.UniqueConstraint(fields=["event", "consumer"], name="uniq_delivery_per_consumer")
        ]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"]),
            # Only the undelivered rows: small however long the outbox grows.
            models.Index(
                fields=["consumer", "dossier", "event"],
                condition=models.Q(status__in=UNDELIVERED),
                name="delivery_undelivered_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.consumer} ← {self.event_id} ({self.status})"


class PersonalDataAccess(models.Model):
    """One read of personal data by an official or an API client (nhật ký truy cập dữ liệu cá
    nhân): who, when, which dossier, through what, and what was searched. Decree 13/2023/NĐ-CP
    on personal data protection, and the law that succeeds it, expect such processing to be
    recorded and shown to the data-protection officer. Append-only, like the audit trail: on
    PostgreSQL a trigger refuses UPDATE, DELETE and TRUNCATE, and the application's database
    role may only SELECT and INSERT (docs/deployment.md)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người truy cập"),
    )
    # Empty when a search or a lookup found no dossier: the search itself is still a read.
    dossier = models.ForeignKey(
        "dossiers.Dossier",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("hồ sơ"),
    )
    at = models.DateTimeField(_("thời điểm"))
    context = models.CharField(_("nơi truy cập"), max_length=100)
    query = models.CharField(_("nội dung tìm kiếm"), max_length=100, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("truy cập dữ liệu cá nhân")
        verbose_name_plural = _("truy cập dữ liệu cá nhân")
        indexes = [models.Index(fields=["dossier", "at"]), models.Index(fields=["at"])]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.dossier_id or self.query} @ {self.at:%Y-%m-%d %H:%M}"


class ReferenceAuditEvent(models.Model):
    """One change to reference data (roles, the agency tree, the procedure catalog, the working
    calendar), sealed into a single chain for the whole installation. Append-only.

    One global chain rather than one per subject: reference data changes a few times a day, so
    serialising its writers costs nothing, and a subject such as a role grant may disappear
    while its history must stay checkable. `seq` numbers the chain 1, 2, 3… and each `hmac`
    covers the event's content and the previous event's `hmac` (events/chain.py's seal), so an
    edited, deleted or reordered event breaks the chain; `ReferenceAuditHead` holds the last
    link, so a deleted last event shows too. `subject_type` and `subject_key` say what changed
    in words that outlive the row (an agency's code, a procedure's code, a date).
    """

    seq = models.PositiveIntegerField(_("số thứ tự"), unique=True)
    at = models.DateTimeField(_("thời điểm"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    actor_name = models.CharField(_("người thực hiện"), max_length=300, blank=True)
    action = models.CharField(_("thao tác"), max_length=50)
    subject_type = models.CharField(_("loại dữ liệu"), max_length=30)
    subject_key = models.CharField(_("đối tượng"), max_length=200)
    data = models.JSONField(_("chi tiết"), default=dict, blank=True)
    prev_hmac = models.CharField(max_length=64, blank=True)
    hmac = models.CharField(max_length=64)

    class Meta:
        ordering = ["seq"]
        verbose_name = _("nhật ký dữ liệu danh mục")
        verbose_name_plural = _("nhật ký dữ liệu danh mục")
        indexes = [models.Index(fields=["subject_type", "subject_key"])]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.subject_type}:{self.subject_key}"


class ReferenceAuditHead(models.Model):
    """The last link of the reference-data chain: one row, locked by every writer so that two
    changes never take the same number. `seal` is an HMAC of (seq, hmac) under the audit key,
    so the head cannot be set to made-up values without the key."""

    seq = models.PositiveIntegerField(default=0)
    hmac = models.CharField(max_length=64, blank=True)
    seal = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("đầu chuỗi nhật ký dữ liệu danh mục")
        verbose_name_plural = _("đầu chuỗi nhật ký dữ liệu danh mục")

    def __str__(self) -> str:
        return f"#{self.seq}"
