from django.db import models
from django.utils.translation import gettext_lazy as _

# The unit of a time limit belongs to the working calendar, below the catalog; it is named here
# too because a procedure's time limit is written in it.
from motcua.workdays.choices import TimeUnit  # noqa: F401


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    PUBLISHED = "published", _("Đã công bố")
    WITHDRAWN = "withdrawn", _("Đã bãi bỏ")


class ImplementingLevel(models.TextChoices):
    """Cấp thực hiện: which level of government carries out the procedure."""

    CENTRAL = "central", _("Cấp trung ương")
    PROVINCE = "province", _("Cấp tỉnh")
    DISTRICT = "district", _("Cấp huyện")
    COMMUNE = "commune", _("Cấp xã")
    OTHER = "other", _("Cơ quan khác")


class ApplicantType(models.TextChoices):
    """Đối tượng thực hiện."""

    CITIZEN = "citizen", _("Công dân Việt Nam")
    FOREIGNER = "foreigner", _("Người nước ngoài")
    OVERSEAS_VIETNAMESE = "overseas", _("Người Việt Nam định cư ở nước ngoài")
    ENTERPRISE = "enterprise", _("Doanh nghiệp")
    ORGANISATION = "organisation", _("Tổ chức (không bao gồm doanh nghiệp, HTX)")
    COOPERATIVE = "cooperative", _("Hợp tác xã")
    PUBLIC_BODY = "public_body", _("Cơ quan nhà nước, đơn vị sự nghiệp công lập")


class Channel(models.TextChoices):
    """Cách thức thực hiện, numbered as the national database numbers them (KENH)."""

    COUNTER = "1", _("Trực tiếp")
    ONLINE = "2", _("Trực tuyến")
    POST = "3", _("Dịch vụ bưu chính")


class ServiceLevel(models.IntegerChoices):
    """Mức độ dịch vụ công trực tuyến under Decree 43/2011."""

    LEVEL_1 = 1, _("Mức độ 1")
    LEVEL_2 = 2, _("Mức độ 2")
    LEVEL_3 = 3, _("Mức độ 3")
    LEVEL_4 = 4, _("Mức độ 4")


class OnlineClass(models.TextChoices):
    """The 2022 classification (Decree 42/2022)."""

    FULL = "full", _("Toàn trình")
    PARTIAL = "partial", _("Một phần")
    NONE = "none", _("Chưa cung cấp trực tuyến")


class FeeKind(models.TextChoices):
    FIXED = "fixed", _("Cố định")
    PER_COPY = "per_copy", _("Theo số bản")
    TIERED = "tiered", _("Theo bậc")


class FeeBasis(models.TextChoices):
    """What a per-unit or tiered fee counts: copies (or sets), a declared value in đồng, or an
    area in square metres. The number comes from the dossier: the e-form field the fee names,
    or the number of sets when it names none."""

    COPIES = "copies", _("Số bản, số bộ")
    VALUE = "value", _("Giá trị (đồng)")
    AREA = "area", _("Diện tích (m²)")


class FeeExemption(models.TextChoices):
    """Kinds of applicant a fee may exempt; the applicant declares theirs in the e-form's
    `doi_tuong_mien_giam` field and reception checks the proof."""

    MERIT = "merit", _("Người có công với cách mạng")
    POOR_HOUSEHOLD = "poor_household", _("Hộ nghèo, hộ cận nghèo")
    ETHNIC_MINORITY = (
        "ethnic_minority",
        _("Đồng bào dân tộc thiểu số ở xã có điều kiện kinh tế - xã hội đặc biệt khó khăn"),
    )
    DISABLED = "disabled", _("Người khuyết tật")
    CHILD = "child", _("Trẻ em dưới 16 tuổi")
    ELDERLY = "elderly", _("Người cao tuổi")


class FeeCategory(models.TextChoices):
    FEE = "fee", _("Phí")
    CHARGE = "charge", _("Lệ phí")


class StepUnit(models.TextChoices):
    """Which unit carries out a step of the internal process, resolved per dossier: the same
    procedure serves every commune, so steps name a unit by its relation to the dossier."""

    RECEIVING = "receiving", _("Bộ phận một cửa tiếp nhận hồ sơ")
    RESPONSIBLE = "responsible", _("Cơ quan chủ trì giải quyết")
    RESPONSIBLE_UNIT = "responsible_unit", _("Phòng chuyên môn của cơ quan chủ trì")
    RESPONSIBLE_LEADER = "responsible_leader", _("Lãnh đạo cơ quan chủ trì")
    COORDINATING = "coordinating", _("Cơ quan phối hợp (liên thông)")
    PARENT = "parent", _("Cơ quan cấp trên của cơ quan chủ trì")
