import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _


def new_link_nonce() -> str:
    """A fresh nonce of the public download link (results/links.py)."""
    return secrets.token_urlsafe(16)


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
    # Signed into the public download link's token; a new one revokes every earlier link.
    link_nonce = models.CharField(_("khóa liên kết tải về"), max_length=32, default=new_link_nonce)
    link_renewed_at = models.DateTimeField(
        _("thời điểm đổi liên kết tải về"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("kết quả đã ký số")
        verbose_name_plural = _("kết quả đã ký số")

    def __str__(self) -> str:
        return self.code
