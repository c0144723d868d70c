"""The simulator's storage: the residents it knows and the checks it answered."""

from django.db import models


class Resident(models.Model):
    personal_id = models.CharField(max_length=12, unique=True)
    ma_csdl = models.CharField(max_length=40, unique=True)
    name = models.CharField(max_length=300)
    birth_date = models.DateField()
    sex = models.CharField(max_length=10, blank=True)
    address = models.CharField(max_length=500, blank=True)
    commune_code = models.CharField(max_length=10, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.personal_id} {self.name}"

    def as_dict(self) -> dict:
        return {
            "personal_id": self.personal_id,
            "ma_csdl": self.ma_csdl,
            "name": self.name,
            "birth_date": self.birth_date.isoformat(),
            "sex": self.sex,
            "address": self.address,
            "commune_code": self.commune_code,
        }


class Query(models.Model):
    """One check answered (what was asked, what was answered)."""

    personal_id = models.CharField(max_length=40)
    result = models.CharField(max_length=20)
    fields = models.JSONField(default=list)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.personal_id}: {self.result}"
