"""The control URLs every simulator mounts (its own control page must be named "control")."""

from django.urls import path

from . import control

urlpatterns = [
    path("control/faults/", control.faults_form, name="control_faults_form"),
    path("control/api/faults", control.faults_api, name="control_api_faults"),
    path("control/api/faults/<str:name>", control.fault_api, name="control_api_fault"),
]
