import csv

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseBadRequest
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.events.models import AuditEvent, Delivery, PersonalDataAccess, ReferenceAuditEvent
from motcua.lib.admin import ReadOnlyAdmin


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ("dossier", "seq", "at", "actor_name", "action", "from_status", "to_status")
    list_filter = ("action",)
    list_select_related = ("dossier",)


@admin.register(Delivery)
class DeliveryAdmin(ReadOnlyAdmin):
    list_display = ("event", "consumer", "status", "attempts", "next_attempt_at", "last_error")
    list_filter = ("status", "consumer")


@admin.register(ReferenceAuditEvent)
class ReferenceAuditEventAdmin(ReadOnlyAdmin):
    """Changes to roles, the agency tree, the catalog and the calendar, as sealed."""

    list_display = ("seq", "at", "actor_name", "action", "subject_type", "subject_key")
    list_filter = ("action", "subject_type")
    search_fields = ("subject_key", "actor_name")


@admin.register(PersonalDataAccess)
class PersonalDataAccessAdmin(ReadOnlyAdmin):
    """The personal-data access log for the data-protection officer: read-only, searchable by
    the applicant's personal ID, the dossier's code or the official, and exported as CSV with
    the same filters (the "Xuất CSV" button)."""

    list_display = ("at", "user", "dossier", "query", "context")
    search_fields = (
        "=dossier__applicant_personal_id",
        "=dossier__code",
        "=query",
        "user__username",
    )
    date_hierarchy = "at"
    list_select_related = ("user", "dossier")
    change_list_template = "admin/events/personaldataaccess/change_list.html"

    def get_urls(self):
        export = path(
            "export.csv",
            self.admin_site.admin_view(self.export_csv),
            name="events_personaldataaccess_export",
        )
        return [export, *super().get_urls()]

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "export_url": reverse("admin:events_personaldataaccess_export"),
        }
        return super().changelist_view(request, extra_context)

    def export_csv(self, request):
        """Every access matching the list's filters and search, oldest first."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        try:
            changelist = self.get_changelist_instance(request)
        except IncorrectLookupParameters:
            return HttpResponseBadRequest(_("Bộ lọc không hợp lệ."))
        rows = changelist.queryset.order_by("at", "pk").select_related("user", "dossier")
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        response["Content-Disposition"] = (
            f'attachment; filename="truy-cap-du-lieu-ca-nhan-{stamp}.csv"'
        )
        response["Cache-Control"] = "no-store"
        response.write("\ufeff")  # a byte-order mark, so spreadsheet programs read UTF-8
        writer = csv.writer(response)
        writer.writerow(
            [
                _("Thời điểm"),
                _("Tài khoản"),
                _("Họ tên"),
                _("Mã hồ sơ"),
                _("Số định danh của người nộp"),
                _("Nội dung tìm kiếm"),
                _("Nơi truy cập"),
            ]
        )
        for access in rows.iterator(chunk_size=2000):
            dossier = access.dossier
            writer.writerow(
                [
                    timezone.localtime(access.at).isoformat(timespec="seconds"),
                    access.user.username,
                    access.user.get_full_name(),
                    dossier.code if dossier else "",
                    dossier.applicant_personal_id if dossier else "",
                    _csv_safe(access.query),
                    access.context,
                ]
            )
        return response


def _csv_safe(value: str) -> str:
    """A search typed by a user must not run as a formula in a spreadsheet."""
    return f"'{value}" if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value
