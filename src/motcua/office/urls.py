from django.urls import path

from motcua.office.views import (
    agencies,
    auth,
    dossier,
    files,
    load,
    national_catalog,
    national_portal,
    notifications,
    payments,
    postal,
    queues,
    reception,
)
from motcua.office.views import receipts as receipt_views

app_name = "office"
urlpatterns = [
    path("", auth.home, name="home"),
    path("dang-nhap/", auth.LoginView.as_view(), name="login"),
    path("dang-xuat/", auth.LogoutView.as_view(), name="logout"),
    path("dang-nhap/ma-xac-thuc/", auth.second_factor_view, name="second_factor"),
    path("dang-nhap/thiet-lap-xac-thuc/", auth.enrol, name="enrol"),
    path("tiep-nhan/", reception.desk, name="reception"),
    path("tiep-nhan/thu-tuc/", reception.procedure_search, name="procedure_search"),
    path("tiep-nhan/nguoi-nop/", reception.applicant_lookup, name="applicant_lookup"),
    path("tiep-nhan/da-tiep-nhan/<str:code>/", reception.received, name="received"),
    path("thong-bao/", notifications.inbox, name="notifications"),
    path("thong-bao/<int:pk>/da-doc/", notifications.read, name="notification_read"),
    path("ho-so/", queues.queue_list, name="queues"),
    path("ho-so/<str:code>/", dossier.dossier_detail, name="dossier"),
    path("ho-so/<str:code>/thao-tac/<str:action>/", dossier.dossier_action, name="action"),
    path("ho-so/<str:code>/tep/<int:file_id>/", files.dossier_file, name="file"),
    path("ho-so/<str:code>/phieu-ma-tra-cuu/", reception.lookup_slip, name="lookup_slip"),
    path("ho-so/<str:code>/mau-<str:form>/", files.live_form_html, name="form_html"),
    path("ho-so/<str:code>/mau-<str:form>.pdf", files.live_form_pdf, name="form_pdf"),
    path("ho-so/<str:code>/phieu/<int:issued_id>/", files.issued_form_html, name="issued_html"),
    path("ho-so/<str:code>/phieu/<int:issued_id>.pdf", files.issued_form_pdf, name="issued_pdf"),
    path("don-vi/", load.load_table, name="load"),
    path("hoan-tra/", payments.refunds, name="refunds"),
    path("co-quan/", agencies.agency_options, name="agency_options"),
    # Electronic receipts and the daily payment reconciliation
    path("bien-lai/", receipt_views.receipt_list, name="receipts"),
    path("bien-lai/<int:pk>/", receipt_views.receipt_detail, name="receipt"),
    path("bien-lai/<int:pk>.pdf", receipt_views.receipt_pdf_view, name="receipt_pdf"),
    path(
        "bien-lai/<int:pk>/<str:action>/",
        receipt_views.receipt_correct,
        name="receipt_correct",
    ),
    path("doi-soat-thanh-toan/", receipt_views.reconciliation_report, name="reconciliation"),
    path("buu-chinh/", postal.order_list, name="postal_orders"),
    path("buu-chinh/bao-cao/", postal.order_report, name="postal_report"),
    path("buu-chinh/<int:pk>/huy/", postal.order_cancel, name="postal_cancel"),
    path("danh-muc-quoc-gia/", national_catalog.national_catalog, name="national_catalog"),
    path("dong-bo-cong-quoc-gia/", national_portal.sync_page, name="national_portal_sync"),
    path(
        "dong-bo-cong-quoc-gia/<int:delivery_id>/<str:action>/",
        national_portal.sync_action,
        name="national_portal_sync_action",
    ),
]
