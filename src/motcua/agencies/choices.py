from django.db import models
from django.utils.translation import gettext_lazy as _


class AgencyKind(models.TextChoices):
    PEOPLES_COMMITTEE = "peoples_committee", _("Ủy ban nhân dân")
    DEPARTMENT = "department", _("Sở, ban, ngành")
    DISTRICT = "district", _("Cấp huyện")
    COMMUNE = "commune", _("Cấp xã (xã, phường, đặc khu)")
    SERVICE_CENTRE = "service_centre", _("Trung tâm phục vụ hành chính công")
    SERVICE_BRANCH = "service_branch", _("Chi nhánh trung tâm phục vụ hành chính công")
    UNIT = "unit", _("Phòng, đơn vị trực thuộc")
    OTHER = "other", _("Khác")


class Role(models.TextChoices):
    """What an official may do, granted on an agency (and optionally its subtree)."""

    RECEPTION = "reception", _("Tiếp nhận hồ sơ")
    SPECIALIST = "specialist", _("Chuyên viên xử lý")
    UNIT_LEADER = "unit_leader", _("Lãnh đạo đơn vị")
    RESULT_RETURN = "result_return", _("Trả kết quả")
    CATALOG_ADMIN = "catalog_admin", _("Quản trị danh mục thủ tục")
    REPORT_READER = "report_reader", _("Xem báo cáo")
    SYSTEM_ADMIN = "system_admin", _("Quản trị hệ thống")


# The roles that handle dossiers, and so see them with their applicants' personal data.
HANDLING_ROLES = frozenset({Role.RECEPTION, Role.SPECIALIST, Role.UNIT_LEADER, Role.RESULT_RETURN})


class CommuneKind(models.TextChoices):
    WARD = "ward", _("Phường")
    COMMUNE = "commune", _("Xã")
    SPECIAL_ZONE = "special_zone", _("Đặc khu")
