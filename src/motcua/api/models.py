"""What the API keeps of its own: the answers to submissions made with an Idempotency-Key."""

from __future__ import annotations

from django.db import models


class IdempotencyRecord(models.Model):
    """One `POST /dossiers` made with an Idempotency-Key, kept for 24 hours so a retry gets the
    first answer instead of a second dossier (motcua.api.idempotency).

    Nothing here is in clear: the key is stored as a keyed digest, the request as a keyed
    fingerprint, and the answer's lookup secret sealed with a key derived from the server key
    and the client's Idempotency-Key, so the row alone reveals no secret and no key.
    """

    client = models.CharField(max_length=100)
    key_digest = models.CharField(max_length=64)
    fingerprint = models.CharField(max_length=64)
    status_code = models.PositiveSmallIntegerField()
    response = models.JSONField(help_text="The answer, without its lookup secret.")
    sealed_secret = models.TextField(blank=True)
    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["client", "key_digest"], name="uniq_api_idempotency_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.client}:{self.key_digest[:12]}"
