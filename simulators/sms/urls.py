from django.urls import include, path

from . import control, protocol

urlpatterns = [
    path("healthz", protocol.healthz, name="healthz"),
    path("v1/messages", protocol.messages, name="messages"),
    path("v1/messages/<str:sms_id>", protocol.message, name="message"),
    path("", control.control, name="control"),
    path("control/", control.control),
    path("control/api/messages", control.messages_api),
    path("control/api/reset", control.reset_api),
    path("", include("simulators.kit.urls")),
]
