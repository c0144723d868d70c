from django.urls import include, path

from . import control, protocol

urlpatterns = [
    path("healthz", protocol.healthz, name="healthz"),
    path("api/v1/residents/check", protocol.check, name="check"),
    path("control/", control.control, name="control"),
    path("control/api/residents", control.residents_api),
    path("control/api/queries", control.queries_api),
    path("control/api/reset", control.reset_api),
    path("", include("simulators.kit.urls")),
]
