from django.urls import include, path

from . import control, protocol

urlpatterns = [
    path("healthz", protocol.healthz, name="healthz"),
    path("v1/orders", protocol.order_list, name="orders"),
    path("v1/orders/<str:order_id>", protocol.order_detail, name="order"),
    path("v1/orders/<str:order_id>/cancel", protocol.order_cancel, name="order_cancel"),
    path("control/", control.control, name="control"),
    path("control/orders/<str:order_id>/advance", control.advance_form, name="control_advance"),
    path("control/api/orders/<str:order_id>/advance", control.advance_api),
    path("control/api/resend", control.resend_api),
    path("control/api/state", control.state_api),
    path("control/api/reset", control.reset_api),
    path("", include("simulators.kit.urls")),
]
