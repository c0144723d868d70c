from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.accounts.choices import AccountKind
from motcua.accounts.validators import validate_personal_id, validate_phone, validate_tax_code


class User(AbstractUser):
    """A person who signs in: a citizen, someone acting for an organisation, or an official.

    Officials' powers come from role grants on agencies (agencies.RoleGrant), never from
    this row. `identity_subject` is the stable technical id the national identity (VNeID
    through the national portal's single sign-on) gives the person.
    """

    kind = models.CharField(
        _("loại tài khoản"), max_length=20, choices=AccountKind.choices, default=AccountKind.CITIZEN
    )
    full_name = models.CharField(_("họ và tên"), max_length=200, blank=True)
    phone = models.CharField(
        _("số điện thoại"), max_length=20, blank=True, validators=[validate_phone]
    )
    personal_id = models.CharField(
        _("số định danh cá nhân"),
        max_length=12,
        blank=True,
        null=True,
        unique=True,
        validators=[validate_personal_id],
        help_text=_("12 chữ số, in trên thẻ căn cước."),
    )
    tax_code = models.CharField(
        _("mã số thuế"), max_length=14, blank=True, validators=[validate_tax_code]
    )
    organisation_name = models.CharField(_("tên tổ chức"), max_length=300, blank=True)
    identity_subject = models.CharField(
        _("mã định danh điện tử (VNeID)"),
        max_length=200,
        blank=True,
        null=True,
        unique=True,
        help_text=_("Mã định danh ổn định do hệ thống định danh quốc gia cấp."),
    )

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")

    def __str__(self) -> str:
        return self.full_name or self.username

    def clean(self) -> None:
        super().clean()
        # Empty strings would collide on the unique columns; store absence as NULL.
        self.personal_id = self.personal_id or None
        self.identity_subject = self.identity_subject or None
        if self.kind == AccountKind.ORGANISATION and not self.tax_code:
            raise ValidationError({"tax_code": _("Tài khoản tổ chức phải có mã số thuế.")})

    def get_full_name(self) -> str:
        return self.full_name or super().get_full_name()


class ApiClient(models.Model):
    """Another system calling our API (a kiosk, a postal operator's system, an integrator).

    It acts through its own service user, whose role grants follow its scopes on its agency
    (and that agency's subtree), so the same permission rules apply to it as to an official.
    The key is shown once; only its SHA-256 is stored (keys are long and random, so a slow hash
    buys nothing).
    """

    name = models.CharField(_("tên"), max_length=100, unique=True)
    user = models.OneToOneField(User, on_delete=models.PROTECT, related_name="api_client")
    agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        related_name="api_clients",
        verbose_name=_("cơ quan"),
    )
    scopes = models.JSONField(_("phạm vi"), default=list)
    key_prefix = models.CharField(max_length=12, unique=True)
    key_hash = models.CharField(max_length=64)
    is_active = models.BooleanField(_("đang hoạt động"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    # Requests per API_CLIENT_RATE_WINDOW_SECONDS; empty: API_CLIENT_RATE_LIMIT (api/ratelimit.py).
    rate_limit = models.PositiveIntegerField(
        _("giới hạn số yêu cầu"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(1_000_000)],
        help_text=_(
            "Số yêu cầu tối đa trong mỗi khoảng thời gian giới hạn; để trống để dùng mức mặc định."
        ),
    )

    class Meta:
        verbose_name = _("ứng dụng kết nối API")
        verbose_name_plural = _("ứng dụng kết nối API")

    def __str__(self) -> str:
        return self.name

    def has_scope(self, scope: str) -> bool:
        return scope in self.scopes

    @property
    def is_national_portal(self) -> bool:
        """The national public service portal's own integration: the only client that may file
        dossiers through that channel (Channel.NATIONAL_PORTAL). Marked by its dedicated scope,
        accounts.apiclients.NATIONAL_PORTAL_SCOPE, given when the client is created."""
        from motcua.accounts.apiclients import NATIONAL_PORTAL_SCOPE

        return self.has_scope(NATIONAL_PORTAL_SCOPE)
