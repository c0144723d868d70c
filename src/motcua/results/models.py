from django.db import models
from django.utils.translation import gettext_lazy as _


class SignedResult(models.Model):
    """A result document as the applicant receives it: the PDF the system made, signed, and
    the code printed on it (and in its QR code) by which anyone can verify it."""

    document = models.OneToOneField(
        "dossiers.ResultDocument", on_delete=models.PROTECT, related_name="signed"
    )
    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.PROTECT, related_name="signed_results"
    )
    code = models.CharField(_("mã xác thực"), max_length=20, unique=True)
    file = models.OneToOneField("dossiers.DossierFile", on_delete=models.PROTECT, related_name="+")
    signer_name = models.CharField(_("người ký số"), max_length=300)
    source = models.CharField(_("nguồn khóa"), max_length=20)
    signed_at = models.DateTimeField(_("thời điểm ký"))

    class Meta:
        verbose_name = _("kết quả đã ký số")
        verbose_name_plural = _("kết quả đã ký số")

    def __str__(self) -> str:
        return self.code
