from django.urls import include, path

from . import views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("national/thanh-toan", views.pay, {"provider": "national"}, name="national_pay"),
    path("national/chon", views.choose, {"provider": "national"}, name="national_choose"),
    path("national/api/giao-dich", views.national_query, name="national_query"),
    path("provincial/pay", views.pay, {"provider": "provincial"}, name="provincial_pay"),
    path("provincial/chon", views.choose, {"provider": "provincial"}, name="provincial_choose"),
    path("provincial/api/query", views.provincial_query, name="provincial_query"),
    path("control/", views.control, name="control"),
    path("", include("simulators.kit.urls")),
    path("control/api/state", views.state_api),
    path("control/api/choose", views.choose_api),
    path("control/api/resend", views.resend_api),
    path("control/api/reset", views.reset_api),
]
