"""The simulator's own storage: orders, their tracking events, the webhooks it sent."""

from django.db import models


class Order(models.Model):
    order_id = models.CharField(max_length=20, unique=True)
    reference = models.CharField(max_length=60, unique=True)
    service = models.CharField(max_length=20)
    status = models.CharField(max_length=30)
    request = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)
    next_at = models.FloatField(null=True, blank=True)  # unix time of its next step, if moving

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.order_id} ({self.status})"


class Event(models.Model):
    event_id = models.CharField(max_length=20, unique=True)
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="events")
    status = models.CharField(max_length=30)
    at = models.DateTimeField()
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.event_id} {self.status}"

    def as_dict(self) -> dict:
        return {
            "event_id": self.event_id,
            "status": self.status,
            "at": self.at.isoformat(),
            "note": self.note,
        }


class Send(models.Model):
    """One webhook attempt (or one update lost on purpose: outcome "lost")."""

    event_id = models.CharField(max_length=20)
    attempt = models.PositiveSmallIntegerField()
    outcome = models.CharField(max_length=200)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.event_id} #{self.attempt}: {self.outcome}"
