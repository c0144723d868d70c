from django.urls import path

from motcua.portal import (
    feedback_views,
    notification_views,
    open_data_views,
    postal_views,
    receipt_views,
    signin_views,
    submission_views,
    tracking_views,
    verify_views,
    views,
)
from motcua.portal import payment_receipt_views as receipt_pdf_views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("dang-nhap/", signin_views.SignInView.as_view(), name="login"),
    path("dang-xuat/", signin_views.SignOutView.as_view(), name="logout"),
    path("thu-tuc/", views.procedure_list, name="procedure_list"),
    path("thu-tuc/<str:code>/", views.procedure_detail, name="procedure_detail"),
    path(
        "thu-tuc/<str:code>/mau-don/<int:document_id>/",
        views.form_download,
        name="form_download",
    ),
    # Applying online
    path("thu-tuc/<str:code>/nop-truc-tuyen/", submission_views.start, name="submission_start"),
    path(
        "thu-tuc/<str:code>/nop-truc-tuyen/noi-nop/",
        submission_views.place_options,
        name="place_options",
    ),
    path("xa-phuong/", submission_views.commune_options, name="commune_options"),
    path("nop-ho-so/<int:pk>/to-khai/", submission_views.draft_form, name="draft_form"),
    path("nop-ho-so/<int:pk>/giay-to/", submission_views.draft_documents, name="draft_documents"),
    path("nop-ho-so/<int:pk>/kiem-tra/", submission_views.draft_review, name="draft_review"),
    path("nop-ho-so/<int:pk>/nop/", submission_views.draft_submit, name="draft_submit"),
    path("nop-ho-so/<int:pk>/buu-chinh/", postal_views.draft_postal, name="draft_postal"),
    path("nop-ho-so/<int:pk>/da-nop/", receipt_views.submitted, name="submitted"),
    path(
        "nop-ho-so/<int:pk>/giay-bien-nhan/",
        receipt_views.acknowledgement,
        name="acknowledgement",
    ),
    path(
        "nop-ho-so/<int:pk>/giay-bien-nhan.pdf",
        receipt_views.acknowledgement_pdf,
        name="acknowledgement_pdf",
    ),
    # Tracking
    path("tra-cuu/", tracking_views.track, name="track"),
    path("tra-cuu/<str:code>/", tracking_views.track_detail, name="track_detail"),
    path("tra-cuu/<str:code>/bo-sung/", tracking_views.track_supplement, name="track_supplement"),
    path(
        "tra-cuu/<str:code>/ket-qua/<int:document_id>/",
        tracking_views.track_result_file,
        name="track_result_file",
    ),
    path("tra-cuu/<str:code>/rut/", tracking_views.track_withdraw, name="track_withdraw"),
    path(
        "tra-cuu/<str:code>/bien-lai/<int:pk>.pdf",
        receipt_pdf_views.track_receipt_pdf,
        name="track_receipt_pdf",
    ),
    path("tra-cuu/<str:code>/thanh-toan/", tracking_views.track_pay, name="track_pay"),
    path(
        "thanh-toan/<str:provider>/ket-qua",
        tracking_views.payment_return,
        name="payment_return",
    ),
    path("ho-so-cua-toi/", tracking_views.my_dossiers, name="my_dossiers"),
    path("thong-bao/", notification_views.inbox, name="notifications"),
    path("thong-bao/<int:pk>/da-doc/", notification_views.read, name="notification_read"),
    path(
        "thong-bao/cach-nhan/",
        notification_views.preferences,
        name="notification_preferences",
    ),
    path("thong-bao/dia-chi/", notification_views.add_contact, name="notification_contact"),
    path("thong-bao/xac-nhan/", notification_views.confirm, name="notification_confirm"),
    path("xac-nhan-lien-lac/", notification_views.guest_confirm, name="notification_guest_confirm"),
    path("xac-thuc-ket-qua/", verify_views.verify_result, name="verify_result"),
    path("ket-qua/<str:code>/<str:token>/", verify_views.result_download, name="result_download"),
    # Ratings, complaints and petitions (docs/feedback.md)
    path("tra-cuu/<str:code>/danh-gia/", feedback_views.rate, name="feedback_rate"),
    path("danh-gia/<int:pk>/", feedback_views.rating_detail, name="feedback_rating"),
    path("phan-anh-kien-nghi/", feedback_views.complain, name="feedback_complain"),
    path(
        "phan-anh-kien-nghi/tra-cuu/",
        feedback_views.complaint_lookup,
        name="feedback_complaint_lookup",
    ),
    path(
        "phan-anh-kien-nghi/<str:code>/",
        feedback_views.complaint_detail,
        name="feedback_complaint",
    ),
    path("y-kien-cua-toi/", feedback_views.mine, name="feedback_mine"),
    # Open data (docs/open-data.md)
    path("du-lieu-mo/", open_data_views.open_data_page, name="open_data"),
]
