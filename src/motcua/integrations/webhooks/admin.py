"""Webhooks in the admin: each subscription with its deliveries, and each delivery's state,
attempts and last answer; administrators replay a delivery (the "Gửi lại" action, through
services.replay_delivery: checked and audited)."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from motcua.integrations.webhooks import services
from motcua.integrations.webhooks.models import (
    CONSUMER_PREFIX,
    Attempt,
    Subscription,
    WebhookDelivery,
)
from motcua.lib.admin import ReadOnlyAdmin


@admin.register(Subscription)
class SubscriptionAdmin(ReadOnlyAdmin):
    list_display = ("client", "url", "types_shown", "is_active", "created_at", "deliveries_link")
    list_filter = ("is_active",)
    search_fields = ("client__name", "url")
    list_select_related = ("client",)
    fields = (
        "client",
        "url",
        "event_types",
        "description",
        "is_active",
        "created_at",
        "deleted_at",
        "deliveries_link",
    )
    readonly_fields = fields

    @admin.display(description=_("loại sự kiện"))
    def types_shown(self, obj):
        return ", ".join(obj.event_types)

    @admin.display(description=_("lượt gửi"))
    def deliveries_link(self, obj):
        url = reverse("admin:webhooks_webhookdelivery_changelist") + f"?subscription={obj.pk}"
        return format_html('<a href="{}">{}</a>', url, _("Xem các lượt gửi"))


class SubscriptionFilter(admin.SimpleListFilter):
    title = _("đăng ký webhook")
    parameter_name = "subscription"

    def lookups(self, request, model_admin):
        return [
            (str(s.pk), str(s))
            for s in Subscription.objects.select_related("client").order_by("pk")[:200]
        ]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(consumer=f"{CONSUMER_PREFIX}{self.value()}")
        return queryset


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(ReadOnlyAdmin):
    list_display = (
        "pk",
        "subscription_shown",
        "event_type",
        "dossier_code",
        "status",
        "attempts",
        "next_attempt_at",
        "last_answer",
    )
    list_filter = (SubscriptionFilter, "status")
    actions = ["replay"]

    def get_queryset(self, request):
        last = Attempt.objects.filter(delivery=OuterRef("pk")).order_by("-at", "-pk")
        return (
            super()
            .get_queryset(request)
            .filter(consumer__startswith=CONSUMER_PREFIX)
            .select_related("event")
            .annotate(
                last_status=Subquery(last.values("status_code")[:1]),
                last_text=Subquery(last.values("answer")[:1]),
                last_error_text=Subquery(last.values("error")[:1]),
            )
            .order_by("-pk")
        )

    @admin.display(description=_("đăng ký"))
    def subscription_shown(self, obj):
        return obj.consumer

    @admin.display(description=_("loại sự kiện"))
    def event_type(self, obj):
        return obj.event.type

    @admin.display(description=_("hồ sơ"))
    def dossier_code(self, obj):
        return obj.event.subject

    @admin.display(description=_("trả lời gần nhất"))
    def last_answer(self, obj):
        if obj.last_status:
            return f"{obj.last_status} {obj.last_text or ''}".strip()[:200]
        return (obj.last_error_text or obj.last_error or "")[:200]

    @admin.action(description=_("Gửi lại các lượt gửi đã chọn"))
    def replay(self, request, queryset):
        done = 0
        for delivery in queryset.select_related("event"):
            try:
                services.replay_delivery(delivery, actor=request.user)
            except (PermissionDenied, ValidationError) as exc:
                message = exc.messages[0] if isinstance(exc, ValidationError) else str(exc)
                self.message_user(request, message, messages.ERROR)
                continue
            done += 1
        if done:
            self.message_user(
                request, _("Đã xếp lại %(count)d lượt gửi.") % {"count": done}, messages.SUCCESS
            )
