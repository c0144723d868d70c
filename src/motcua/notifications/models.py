"""Notifications: the texts sent (templates), who wants what (preferences and confirmed
contacts), and each message with its send. Nothing here is saved except through services.py."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.notifications.choices import Channel, ContactKind, Language, MessageStatus, Topic


class MessageTemplate(models.Model):
    """The text of one topic in one language, edited by administrators. Placeholders in braces
    ({code}, {procedure}, {due}, {what}, {by_when}, {new_due}, {reason}) are filled when the
    message is made; the message keeps the text as sent."""

    topic = models.CharField(_("chủ đề"), max_length=30, choices=Topic.choices)
    language = models.CharField(_("ngôn ngữ"), max_length=2, choices=Language.choices)
    subject = models.CharField(_("tiêu đề"), max_length=200)
    body = models.TextField(_("nội dung"))
    updated_at = models.DateTimeField(_("cập nhật lúc"), null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("mẫu thông báo")
        verbose_name_plural = _("mẫu thông báo")
        ordering = ["topic", "language"]
        constraints = [
            models.UniqueConstraint(fields=["topic", "language"], name="notifications_one_text")
        ]

    def __str__(self) -> str:
        return f"{self.get_topic_display()} ({self.language})"


class Preferences(models.Model):
    """A signed-in person's choice of channels and language. The e-mail and phone used are the
    person's confirmed contacts (Contact); in-app messages need no address."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    language = models.CharField(
        _("ngôn ngữ"), max_length=2, choices=Language.choices, default=Language.VI
    )
    by_email = models.BooleanField(_("nhận qua thư điện tử"), default=True)
    by_sms = models.BooleanField(_("nhận qua SMS"), default=False)
    in_app = models.BooleanField(_("nhận trong ứng dụng"), default=True)

    class Meta:
        verbose_name = _("lựa chọn nhận thông báo")
        verbose_name_plural = _("lựa chọn nhận thông báo")

    def __str__(self) -> str:
        return str(self.user)


class Contact(models.Model):
    """An e-mail address or a phone number, usable only once confirmed with the code sent to
    it. `user` is its owner when a signed-in person added it; a guest's contact (given on the
    dossier and consented at submission) has none. The code itself is never stored: it is
    derived from the secret key, the contact and `code_issued_at` (services.confirmation_code)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notification_contacts",
    )
    kind = models.CharField(_("loại"), max_length=10, choices=ContactKind.choices)
    value = models.CharField(_("địa chỉ"), max_length=254)
    code_issued_at = models.DateTimeField(_("gửi mã lúc"), null=True, blank=True)
    failed_attempts = models.PositiveSmallIntegerField(default=0)
    confirmed_at = models.DateTimeField(_("xác nhận lúc"), null=True, blank=True)
    created_at = models.DateTimeField(_("tạo lúc"))

    class Meta:
        verbose_name = _("địa chỉ liên lạc")
        verbose_name_plural = _("địa chỉ liên lạc")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "value"], name="notifications_contact_once_per_user"
            ),
            models.UniqueConstraint(
                fields=["kind", "value"],
                condition=models.Q(user__isnull=True),
                name="notifications_guest_contact_once",
            ),
        ]

    def __str__(self) -> str:
        return self.value


class Message(models.Model):
    """One message to one recipient on one channel. `key` (event, recipient, channel) is
    unique: the row is written before the send and marked sent after, so a retried outbox
    delivery finds it and never makes a second one. In-app messages are sent by being made."""

    key = models.CharField(max_length=200, unique=True)
    event_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    topic = models.CharField(_("chủ đề"), max_length=30, choices=Topic.choices)
    channel = models.CharField(_("kênh"), max_length=10, choices=Channel.choices)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="notifications",
        verbose_name=_("người nhận"),
    )
    contact = models.ForeignKey(
        Contact, on_delete=models.PROTECT, null=True, blank=True, related_name="messages"
    )
    address = models.CharField(_("địa chỉ"), max_length=254, blank=True)
    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    language = models.CharField(_("ngôn ngữ"), max_length=2, choices=Language.choices)
    subject = models.CharField(_("tiêu đề"), max_length=300)
    body = models.TextField(_("nội dung"))
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=MessageStatus.choices, default=MessageStatus.PENDING
    )
    skip_reason = models.CharField(_("lý do không gửi"), max_length=200, blank=True)
    attempts = models.PositiveSmallIntegerField(_("số lần gửi"), default=0)
    last_error = models.TextField(_("lỗi gần nhất"), blank=True)
    provider_ref = models.CharField(_("mã của nhà cung cấp"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("tạo lúc"))
    sent_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    read_at = models.DateTimeField(_("đọc lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "channel", "read_at"])]

    def __str__(self) -> str:
        return f"{self.subject} → {self.address or self.recipient}"
