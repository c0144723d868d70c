"""The leaders' dashboard's reading of a request and its tables: nothing here computes a figure.

`ReportFilter` reads the GET parameters of the protocol (`tu`, `den`, `co_quan`, `linh_vuc`,
`thu_tuc`) and the page's own (`chu_ky`, `nhom`, `chi_tieu`, `trang`); a bad value gives a
message on that field, never an error page. The figures come from `motcua.reports` (figures,
service index); the tables here only lay them out, once for the page and its exports.
"""

from __future__ import annotations

from datetime import date, timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from motcua.agencies.models import Agency
from motcua.catalog.models import Field, Procedure
from motcua.workdays.zone import VIETNAM

# The longest period one page reads, and the longest read day by day.
MAX_DAYS = 3 * 366
MAX_DAYS_BY_DAY = 92

GRAINS = {"ngay": "day", "tuan": "week", "thang": "month"}
GRAIN_LABELS = (("ngay", _("Theo ngày")), ("tuan", _("Theo tuần")), ("thang", _("Theo tháng")))
BREAKDOWNS = {"co-quan": "agency", "linh-vuc": "field", "thu-tuc": "procedure", "kenh": "channel"}
BREAKDOWN_LABELS = (
    ("co-quan", _("Theo cơ quan, đơn vị")),
    ("linh-vuc", _("Theo lĩnh vực")),
    ("thu-tuc", _("Theo thủ tục")),
    ("kenh", _("Theo kênh nộp")),
)

# Every figure of reports.figures.DossierFigures, in the order the page lists them.
FIGURE_LABELS = {
    "received": _("Hồ sơ tiếp nhận"),
    "received_counter": _("Tiếp nhận trực tiếp"),
    "received_online": _("Tiếp nhận trực tuyến"),
    "received_national_portal": _("Tiếp nhận qua Cổng Dịch vụ công quốc gia"),
    "received_post": _("Tiếp nhận qua bưu chính công ích"),
    "online_share": _("Tỷ lệ hồ sơ trực tuyến (%)"),
    "received_late": _("Tiếp nhận muộn"),
    "finished": _("Đã giải quyết"),
    "finished_early": _("Giải quyết trước hạn"),
    "finished_on_time": _("Giải quyết đúng hạn"),
    "finished_late": _("Giải quyết quá hạn"),
    "overdue_now": _("Đang quá hạn"),
    "in_progress": _("Đang giải quyết"),
    "processing_days_mean": _("Thời gian giải quyết trung bình (ngày làm việc)"),
    "processing_days_p90": _("Thời gian giải quyết của 90% hồ sơ (ngày làm việc)"),
    "supplemented": _("Phải bổ sung"),
    "second_supplement": _("Yêu cầu bổ sung lần hai trở lên"),
    "apologised": _("Có văn bản xin lỗi, hẹn lại"),
    "stopped": _("Dừng giải quyết"),
    "withdrawn": _("Rút hồ sơ"),
    "refused": _("Từ chối tiếp nhận"),
    "paid_online": _("Thanh toán trực tuyến"),
    "postal": _("Dùng dịch vụ bưu chính"),
    "electronic_result": _("Có kết quả điện tử"),
    "digitised": _("Được số hóa"),
    "reused": _("Tái sử dụng dữ liệu đã số hóa"),
    "population_checked": _("Đối chiếu Cơ sở dữ liệu quốc gia về dân cư"),
    "synced": _("Đồng bộ lên Cổng Dịch vụ công quốc gia"),
    "sync_lag_p50_seconds": _("Độ trễ đồng bộ, trung vị (giây)"),
    "sync_lag_p95_seconds": _("Độ trễ đồng bộ, 95% (giây)"),
}
# The figures that are not counts of dossiers (no list behind them).
MEASURES = frozenset(
    {
        "online_share",
        "processing_days_mean",
        "processing_days_p90",
        "sync_lag_p50_seconds",
        "sync_lag_p95_seconds",
    }
)
COUNTS = tuple(name for name in FIGURE_LABELS if name not in MEASURES)

DATE_ERROR = _("Ngày không hợp lệ; hãy ghi theo dạng năm-tháng-ngày, ví dụ 2026-03-01.")
ID_ERROR = _("Mã không hợp lệ; phải là một số nguyên dương.")


def today() -> date:
    return timezone.now().astimezone(VIETNAM).date()


class ReportFilter(forms.Form):
    """The period, the place in the agency tree and the field or procedure a page reads."""

    tu = forms.DateField(
        label=_("Từ ngày"),
        required=False,
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": DATE_ERROR},
    )
    den = forms.DateField(
        label=_("Đến ngày"),
        required=False,
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": DATE_ERROR},
    )
    co_quan = forms.IntegerField(
        label=_("Cơ quan, đơn vị"),
        required=False,
        min_value=1,
        max_value=2**31 - 1,
        widget=forms.HiddenInput,
        error_messages={"invalid": ID_ERROR, "min_value": ID_ERROR, "max_value": ID_ERROR},
    )
    linh_vuc = forms.IntegerField(
        label=_("Lĩnh vực"),
        required=False,
        min_value=1,
        max_value=2**31 - 1,
        widget=forms.HiddenInput,
        error_messages={"invalid": ID_ERROR, "min_value": ID_ERROR, "max_value": ID_ERROR},
    )
    thu_tuc = forms.IntegerField(
        label=_("Thủ tục"),
        required=False,
        min_value=1,
        max_value=2**31 - 1,
        widget=forms.HiddenInput,
        error_messages={"invalid": ID_ERROR, "min_value": ID_ERROR, "max_value": ID_ERROR},
    )

    def __init__(self, data=None, *args, **kwargs):
        if data is not None:
            # The period read when none is given (this month up to today), written into the
            # form so that its date fields show it.
            data = data.copy()
            if not data.get("den"):
                data["den"] = today().isoformat()
            if not data.get("tu"):
                try:
                    end = date.fromisoformat(data["den"])
                except ValueError:
                    end = None
                if end is not None:
                    data["tu"] = end.replace(day=1).isoformat()
        super().__init__(data, *args, **kwargs)

    def clean(self):
        data = super().clean()
        end = data.get("den") or (today() if "den" not in self.errors else None)
        start = data.get("tu") or (end.replace(day=1) if end and "tu" not in self.errors else None)
        if start and end:
            if end < start:
                self.add_error("den", _("Ngày kết thúc phải từ ngày bắt đầu trở đi."))
            elif (end - start).days >= MAX_DAYS:
                self.add_error("den", _("Mỗi lần xem tối đa ba năm."))
        data["tu"], data["den"] = start, end
        for name, model, message in (
            ("co_quan", Agency, _("Không có cơ quan, đơn vị này.")),
            ("linh_vuc", Field, _("Không có lĩnh vực này.")),
            ("thu_tuc", Procedure, _("Không có thủ tục này.")),
        ):
            pk = data.get(name)
            if pk:
                found = model.objects.filter(pk=pk).first()
                if found is None:
                    self.add_error(name, message)
                data[name] = found
            else:
                data[name] = None
        return data


class DashboardFilter(ReportFilter):
    """The dashboard's own choices: the trend's grain, the breakdown and the dossier list."""

    chu_ky = forms.ChoiceField(
        label=_("Chu kỳ"), required=False, choices=(("", _("Tự chọn")), *GRAIN_LABELS)
    )
    nhom = forms.ChoiceField(
        label=_("Bảng chi tiết"), required=False, choices=BREAKDOWN_LABELS, widget=forms.HiddenInput
    )
    chi_tieu = forms.ChoiceField(
        label=_("Chỉ tiêu"),
        required=False,
        choices=[(name, FIGURE_LABELS[name]) for name in COUNTS],
        widget=forms.HiddenInput,
    )
    trang = forms.IntegerField(
        label=_("Trang"),
        required=False,
        min_value=1,
        max_value=100_000,
        widget=forms.HiddenInput,
        error_messages={"invalid": ID_ERROR, "min_value": ID_ERROR, "max_value": ID_ERROR},
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("tu"), data.get("den")
        grain = data.get("chu_ky") or ""
        if start and end:
            days = (end - start).days + 1
            if grain == "ngay" and days > MAX_DAYS_BY_DAY:
                self.add_error(
                    "chu_ky",
                    _("Theo ngày chỉ xem được tối đa %(days)s ngày; hãy chọn theo tuần hoặc tháng.")
                    % {"days": MAX_DAYS_BY_DAY},
                )
            if not grain:
                grain = "ngay" if days <= 62 else "tuan" if days <= 366 else "thang"
        data["grain"] = GRAINS.get(grain or "ngay")
        data["chu_ky"] = grain
        data["nhom"] = data.get("nhom") or "co-quan"
        data["trang"] = data.get("trang") or 1
        return data


def error_list(form) -> list[tuple[str, str]]:
    """Each error with the label of its field, for the summary above a page (hidden fields have
    no place of their own)."""
    found = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        for error in errors:
            found.append((str(label), str(error)))
    return found


def period_label(start: date, grain: str) -> str:
    if grain == "month":
        return start.strftime("%m/%Y")
    if grain == "week":
        return start.strftime("%d/%m")
    return start.strftime("%d/%m")


def week_end(start: date) -> date:
    return start + timedelta(days=6)
