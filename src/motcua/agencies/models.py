from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from motcua.agencies.choices import AgencyKind, CommuneKind, Role
from motcua.agencies.validators import validate_agency_code
from motcua.lib.collation import vietnamese
from motcua.lib.text import fold


class Province(models.Model):
    """A tỉnh / thành phố trực thuộc trung ương, with its statistical code (since 1 July 2025)."""

    code = models.CharField(_("mã thống kê"), max_length=2, primary_key=True)
    name = models.CharField(_("tên"), max_length=100)

    class Meta:
        ordering = ["code"]
        verbose_name = _("tỉnh, thành phố")
        verbose_name_plural = _("tỉnh, thành phố")

    def __str__(self) -> str:
        return self.name


class Commune(models.Model):
    """A commune-level unit (xã, phường, đặc khu) with its statistical code; used in addresses."""

    code = models.CharField(_("mã thống kê"), max_length=5, primary_key=True)
    name = models.CharField(_("tên"), max_length=100)
    kind = models.CharField(_("loại"), max_length=20, choices=CommuneKind.choices)
    province = models.ForeignKey(
        Province,
        on_delete=models.PROTECT,
        related_name="communes",
        verbose_name=_("tỉnh, thành phố"),
    )
    search_text = models.CharField(max_length=200, editable=False, db_index=True)

    class Meta:
        ordering = ["province_id", vietnamese("name")]
        verbose_name = _("xã, phường")
        verbose_name_plural = _("xã, phường")

    def __str__(self) -> str:
        return f"{self.name}, {self.province.name}"

    def save(self, *args, **kwargs):
        self.search_text = fold(self.name)
        super().save(*args, **kwargs)


class Agency(models.Model):
    """A cơ quan or đơn vị: the People's Committee, a department (Sở), a commune, a service
    centre or a unit inside one. The tree is data, of any depth.

    `path` is a materialised path of zero-padded ids ("000001/000007/") kept by `save()`, so
    "this agency and everything under it" is one indexed prefix query.
    """

    code = models.CharField(
        _("mã định danh điện tử"),
        max_length=20,
        unique=True,
        validators=[validate_agency_code],
        help_text=_("Theo quyết định ban hành mã định danh, ví dụ 000.00.00.H26."),
    )
    code_is_official = models.BooleanField(
        _("mã chính thức"),
        default=True,
        help_text=_(
            "Bỏ chọn khi mã chỉ dùng để minh họa (dữ liệu mẫu), chưa đối chiếu danh sách chính thức."
        ),
    )
    name = models.CharField(_("tên"), max_length=300)
    short_name = models.CharField(_("tên viết tắt"), max_length=100, blank=True)
    kind = models.CharField(_("loại"), max_length=30, choices=AgencyKind.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("cơ quan cấp trên"),
    )
    path = models.CharField(max_length=255, editable=False, db_index=True, default="")
    depth = models.PositiveSmallIntegerField(editable=False, default=0)
    commune = models.ForeignKey(
        Commune,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agencies",
        verbose_name=_("địa bàn (xã, phường)"),
        help_text=_(
            "Với UBND xã, phường: đơn vị hành chính mà cơ quan quản lý; với cơ quan khác: nơi đặt trụ sở."
        ),
    )
    unit_type = models.SlugField(
        _("loại đơn vị chuyên môn"),
        max_length=60,
        blank=True,
        help_text=_(
            "Nhãn để quy trình nội bộ tìm đúng phòng chuyên môn, ví dụ dang-ky-dat-dai, "
            "cap-phep-xay-dung, ho-tich."
        ),
    )
    address = models.CharField(_("địa chỉ"), max_length=300, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=50, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    receives_dossiers = models.BooleanField(_("tiếp nhận hồ sơ"), default=False)
    counter_hours = models.CharField(
        _("giờ mở cửa bộ phận một cửa"),
        max_length=200,
        blank=True,
        help_text=_("Chỉ để thông báo cho người dân; không làm thay đổi thời hạn giải quyết."),
    )
    is_active = models.BooleanField(_("đang hoạt động"), default=True)
    search_text = models.CharField(max_length=400, editable=False, default="")

    class Meta:
        ordering = ["path"]
        verbose_name = _("cơ quan, đơn vị")
        verbose_name_plural = _("cơ quan, đơn vị")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.search_text = fold(f"{self.name} {self.short_name} {self.code}")
        with transaction.atomic():
            old_path = self.path
            super().save(*args, **kwargs)
            new_path = self._own_path()
            if new_path != old_path:
                self.path, self.depth = new_path, new_path.count("/") - 1
                Agency.objects.filter(pk=self.pk).update(path=self.path, depth=self.depth)
                if old_path:
                    self._move_descendants(old_path)

    def _move_descendants(self, old_path: str) -> None:
        for child_pk, child_path in (
            Agency.objects.filter(path__startswith=old_path)
            .exclude(pk=self.pk)
            .values_list("pk", "path")
        ):
            path = self.path + child_path[len(old_path) :]
            Agency.objects.filter(pk=child_pk).update(path=path, depth=path.count("/") - 1)

    def clean(self) -> None:
        super().clean()
        if self.parent_id and self.pk:
            node = self.parent
            while node is not None:
                if node.pk == self.pk:
                    raise ValidationError(
                        {"parent": _("Cơ quan không thể trực thuộc chính nó hoặc cấp dưới của nó.")}
                    )
                node = node.parent

    def _own_path(self) -> str:
        prefix = self.parent.path if self.parent_id else ""
        return f"{prefix}{self.pk:06d}/"

    def subtree(self):
        """This agency and every agency under it, at any depth."""
        return Agency.objects.filter(path__startswith=self.path)

    def ancestors(self):
        ids = [int(part) for part in self.path.strip("/").split("/") if part]
        return Agency.objects.filter(pk__in=ids).order_by("depth")


class RoleGrant(models.Model):
    """An official's role on an agency: "reception at the service centre", "unit leader of the
    Department of Construction and everything under it"."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="role_grants",
        verbose_name=_("cán bộ"),
    )
    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, related_name="role_grants", verbose_name=_("cơ quan")
    )
    role = models.CharField(_("vai trò"), max_length=30, choices=Role.choices)
    includes_subtree = models.BooleanField(_("áp dụng cho các đơn vị trực thuộc"), default=False)
    title = models.CharField(_("chức danh"), max_length=200, blank=True)
    organisation = models.CharField(
        _("tổ chức của người được cấp"),
        max_length=200,
        blank=True,
        help_text=_(
            "Chỉ ghi khi người được cấp không phải cán bộ, công chức của cơ quan, ví dụ nhân "
            "viên doanh nghiệp bưu chính công ích làm việc tại bộ phận một cửa (chỉ với vai trò "
            "tiếp nhận)."
        ),
    )

    class Meta:
        verbose_name = _("vai trò của cán bộ")
        verbose_name_plural = _("vai trò của cán bộ")
        constraints = [
            models.UniqueConstraint(fields=["user", "agency", "role"], name="uniq_role_grant"),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.agency}"

    def clean(self):
        super().clean()
        if self.organisation and self.role != Role.RECEPTION:
            raise ValidationError(
                {"organisation": _("Chỉ vai trò tiếp nhận hồ sơ được cấp cho người ngoài cơ quan.")}
            )
