from django.db import models


class Signature(models.Model):
    """One signing request the gateway answered (or refused)."""

    at = models.DateTimeField(auto_now_add=True)
    service_id = models.CharField(max_length=100)
    digest = models.CharField(max_length=128)
    answer = models.CharField(max_length=20)

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.at:%H:%M:%S} {self.answer}"
