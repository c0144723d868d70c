"""The simulator's storage: each SMS taken, under the caller's idempotency key."""

from django.db import models


class Sms(models.Model):
    sms_id = models.CharField(max_length=20, unique=True)
    idempotency_key = models.CharField(max_length=200, unique=True)
    to = models.CharField(max_length=20)
    sender = models.CharField(max_length=20)
    text = models.TextField()
    received_at = models.DateTimeField(auto_now_add=True)
    repeats = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-pk"]

    def __str__(self) -> str:
        return f"{self.sms_id} → {self.to}"

    def as_dict(self, duplicate: bool = False) -> dict:
        return {
            "id": self.sms_id,
            "status": "accepted",
            "to": self.to,
            "sender": self.sender,
            "text": self.text,
            "received_at": self.received_at.isoformat(),
            "repeats": self.repeats,
            "duplicate": duplicate,
        }
