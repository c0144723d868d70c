"""What the gateway keeps: the bills it was sent and every notification it sent back."""

from django.db import models


class Bill(models.Model):
    PENDING, PAID, FAILED, ABANDONED = "pending", "paid", "failed", "abandoned"
    STATUSES = [
        (PENDING, "Chờ thanh toán"),
        (PAID, "Đã thanh toán"),
        (FAILED, "Thất bại"),
        (ABANDONED, "Người nộp bỏ thanh toán"),
    ]

    provider = models.CharField(max_length=20)  # national, provincial
    code = models.CharField(max_length=100)
    merchant = models.CharField(max_length=60)
    amount = models.BigIntegerField()
    data = models.JSONField(default=dict)
    notify_url = models.CharField(max_length=500)
    return_url = models.CharField(max_length=500)
    status = models.CharField(max_length=20, choices=STATUSES, default=PENDING)
    transaction = models.CharField(max_length=40, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["provider", "code"], name="one_bill_per_code")
        ]
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.provider} {self.code}"

    def as_dict(self) -> dict:
        return {
            "provider": self.provider,
            "bill": self.code,
            "merchant": self.merchant,
            "amount": self.amount,
            "status": self.status,
            "transaction": self.transaction,
            "data": self.data,
            "notify_url": self.notify_url,
            "return_url": self.return_url,
        }


class Sent(models.Model):
    """A notification sent, with Motcua's HTTP answer (0: unreachable)."""

    bill = models.ForeignKey(Bill, on_delete=models.CASCADE, related_name="sent")
    at = models.DateTimeField(auto_now_add=True)
    body = models.TextField()
    tampered = models.BooleanField(default=False)
    answer = models.IntegerField(default=0)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.bill_id} {self.answer}"

    def as_dict(self) -> dict:
        return {
            "provider": self.bill.provider,
            "bill": self.bill.code,
            "at": self.at.isoformat(),
            "tampered": self.tampered,
            "answer": self.answer,
        }
