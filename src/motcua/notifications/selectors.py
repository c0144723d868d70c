"""Reads of notifications, scoped to the person asking."""

from __future__ import annotations

from motcua.notifications.choices import Channel, MessageStatus
from motcua.notifications.models import Contact, Message


def inbox(user, *, limit: int = 50):
    """The in-app messages of `user`, newest first; nobody else's."""
    if user is None or not user.is_authenticated:
        return Message.objects.none()
    return (
        Message.objects.filter(recipient=user, channel=Channel.IN_APP)
        .select_related("dossier")
        .order_by("-created_at", "-pk")[:limit]
    )


def unread_count(user) -> int:
    if user is None or not user.is_authenticated:
        return 0
    return Message.objects.filter(
        recipient=user, channel=Channel.IN_APP, read_at__isnull=True
    ).count()


def message_of(user, pk: int) -> Message | None:
    return Message.objects.filter(recipient=user, channel=Channel.IN_APP, pk=pk).first()


def contacts_of(user):
    return Contact.objects.filter(user=user).order_by("kind", "value")


def pending(event_id: int):
    """The messages of an event still to be sent by e-mail or SMS."""
    return (
        Message.objects.filter(event_id=event_id, status=MessageStatus.PENDING)
        .exclude(channel=Channel.IN_APP)
        .select_related("contact")
        .order_by("pk")
    )


def failing():
    """Messages tried and not yet sent, for administrators."""
    return Message.objects.filter(status=MessageStatus.PENDING, attempts__gt=0).order_by("pk")
