from django.urls import include, path

from . import views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("api/v1/certificates", views.certificates, name="certificates"),
    path("api/v1/sign", views.sign, name="sign"),
    path("control/", views.control, name="control"),
    path("", include("simulators.kit.urls")),
    path("control/api/state", views.state_api),
]
