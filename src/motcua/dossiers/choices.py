from django.db import models
from django.utils.translation import gettext_lazy as _


class DossierStatus(models.TextChoices):
    """The one list of statuses for the whole product (docs/domain.md)."""

    DRAFT = "draft", _("Đang soạn")
    SUBMITTED = "submitted", _("Chờ tiếp nhận")
    RETURNED_FOR_COMPLETION = "returned_for_completion", _("Trả lại để hoàn thiện")
    REFUSED = "refused", _("Từ chối tiếp nhận")
    PROCESSING = "processing", _("Đang xử lý")
    PAUSED = "paused", _("Tạm dừng")
    DECIDED = "decided", _("Có kết quả")
    RETURNED = "returned", _("Đã trả kết quả")
    WITHDRAWN = "withdrawn", _("Đã rút hồ sơ")
    STOPPED = "stopped", _("Dừng giải quyết")


FINAL_STATUSES = {
    DossierStatus.REFUSED,
    DossierStatus.RETURNED,
    DossierStatus.WITHDRAWN,
    DossierStatus.STOPPED,
}
CLOCK_RUNNING = {DossierStatus.PROCESSING}


class Channel(models.TextChoices):
    COUNTER = "counter", _("Trực tiếp tại bộ phận một cửa")
    ONLINE = "online", _("Trực tuyến")
    NATIONAL_PORTAL = "national_portal", _("Cổng Dịch vụ công quốc gia")
    POST = "post", _("Dịch vụ bưu chính công ích")


class ApplicantKind(models.TextChoices):
    CITIZEN = "citizen", _("Công dân")
    ORGANISATION = "organisation", _("Tổ chức, doanh nghiệp")


class Outcome(models.TextChoices):
    APPROVED = "approved", _("Giải quyết")
    REJECTED = "rejected", _("Không giải quyết (có lý do)")


class PauseReason(models.TextChoices):
    SUPPLEMENT = "supplement", _("Yêu cầu bổ sung, hoàn thiện hồ sơ")
    FINANCIAL = "financial", _("Chờ thực hiện nghĩa vụ tài chính")
    APPLICANT_REQUEST = "applicant_request", _("Theo đề nghị của người nộp hồ sơ")


class StopReasonKind(models.TextChoices):
    """Why a dossier is stopped ("dừng giải quyết"): the applicant asked for it, or the agency
    stops it for a reason the law allows."""

    APPLICANT_REQUEST = "applicant_request", _("Theo đề nghị của người nộp hồ sơ")
    LEGAL_REASON = "legal_reason", _("Cơ quan dừng giải quyết theo quy định của pháp luật")


# The longest reason for a stop kept (the API states it as its limit).
STOP_REASON_MAX = 2000


class DocumentForm(models.TextChoices):
    ORIGINAL = "original", _("Bản chính")
    COPY = "copy", _("Bản sao")
    CERTIFIED_COPY = "certified_copy", _("Bản sao chứng thực")
    ELECTRONIC_COPY = "electronic_copy", _("Bản sao điện tử")
    # The declaration the procedure's e-form replaces (catalog.models.filled_by_eform): its
    # answers, filled in online or typed at the desk. Set by the services, never chosen.
    EFORM = "eform", _("Biểu mẫu điện tử")

    @classmethod
    def asked(cls, spec: dict) -> str:
        """The form the procedure asks for a document (a snapshot's document: its number of
        originals and copies): the e-form for the declaration it replaces, the original when
        it asks for one, else a copy."""
        if spec.get("eform"):
            return cls.EFORM
        return cls.ORIGINAL if spec.get("originals", 1) else cls.COPY

    @classmethod
    def receivable(cls) -> list[tuple[str, str]]:
        """The forms reception chooses from for a paper or an upload (not the e-form)."""
        return [(value, label) for value, label in cls.choices if value != cls.EFORM]


class FilePurpose(models.TextChoices):
    DOCUMENT = "document", _("Thành phần hồ sơ")
    SUPPLEMENT = "supplement", _("Hồ sơ bổ sung")
    AUTHORISATION = "authorisation", _("Giấy ủy quyền")
    RESULT = "result", _("Kết quả giải quyết")


class Timeliness(models.TextChoices):
    EARLY = "early", _("Trước hạn")
    ON_TIME = "on_time", _("Đúng hạn")
    LATE = "late", _("Quá hạn")


class ReturnChannel(models.TextChoices):
    COUNTER = "counter", _("Tại bộ phận một cửa")
    ONLINE = "online", _("Trực tuyến")
    POST = "post", _("Qua dịch vụ bưu chính")


class Action(models.TextChoices):
    """What the audit trail calls each service."""

    SAVE_DRAFT = "save_draft", _("Lưu bản nháp")
    SUBMIT = "submit", _("Nộp hồ sơ")
    RETURN_FOR_COMPLETION = "return_for_completion", _("Trả lại để hoàn thiện")
    REFUSE = "refuse", _("Từ chối tiếp nhận")
    RECEIVE = "receive", _("Tiếp nhận")
    ASSIGN = "assign", _("Phân công")
    FORWARD = "forward", _("Chuyển bước")
    RETURN_TO_STEP = "return_to_step", _("Trả về bước trước")
    HAND_OVER = "hand_over", _("Chuyển cơ quan khác")
    PAUSE = "pause", _("Tạm dừng")
    RESUME = "resume", _("Tiếp tục xử lý")
    DECIDE = "decide", _("Có kết quả")
    RETURN_RESULT = "return_result", _("Trả kết quả")
    WITHDRAW = "withdraw", _("Rút hồ sơ")
    STOP = "stop", _("Dừng giải quyết")
    APOLOGISE = "apologise", _("Xin lỗi, hẹn lại")
    ATTACH_FILE = "attach_file", _("Đính kèm tệp")
    WARN_DUE = "warn_due", _("Cảnh báo sắp đến hạn")
    REISSUE_SECRET = "reissue_secret", _("Cấp lại mã tra cứu")
    EXPIRE_DRAFT = "expire_draft", _("Hủy bản nháp bỏ dở")
    # The public postal service (delivery/services.py writes these to the dossier's trail).
    POSTAL_CHOOSE = "postal_choose", _("Chọn dịch vụ bưu chính công ích")
    POSTAL_ORDER = "postal_order", _("Tạo đơn hàng bưu chính")
    POSTAL_TRACKING = "postal_tracking", _("Bưu điện cập nhật hành trình")
    POSTAL_CANCEL = "postal_cancel", _("Hủy đơn hàng bưu chính")
    IDENTITY_CHECK = "identity_check", _("Đối chiếu CSDL dân cư")
    REUSE_DOCUMENT = "reuse_document", _("Lấy giấy tờ từ kho dữ liệu")
    # Signed electronic results (results/services.py).
    RESULT_SIGN = "result_sign", _("Ký số kết quả giải quyết")
    RESULT_LINK_RENEW = "result_link_renew", _("Đổi liên kết tải kết quả điện tử")


class IdentityResult(models.TextChoices):
    """What the national population database said of the applicant's identity."""

    MATCH = "match", _("Khớp với CSDL dân cư")
    MISMATCH = "mismatch", _("Không khớp với CSDL dân cư")
    NOT_FOUND = "not_found", _("Không có trong CSDL dân cư")
    UNAVAILABLE = "unavailable", _("Không kết nối được CSDL dân cư")
    INCOMPLETE = "incomplete", _("Thiếu thông tin để đối chiếu")


class ReuseSource(models.TextChoices):
    """Where a component of a dossier was taken from instead of being handed in again."""

    NONE = "", _("Không tái sử dụng")
    OWN_STORE = "own_store", _("Kho dữ liệu của Motcua")
    NATIONAL_STORE = "national_store", _("Kho dữ liệu cá nhân trên Cổng DVC quốc gia")
