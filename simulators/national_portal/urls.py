from django.urls import include, path

from . import control, front, protocol

urlpatterns = [
    path("healthz", protocol.healthz, name="healthz"),
    path("api/auth", protocol.auth, name="api_auth"),
    path("api/integration", protocol.integration, name="api_integration"),
    path("api/share", protocol.share, name="api_share"),
    path("files/<str:file_id>", front.file_download, name="file"),
    path("", front.home, name="home"),
    path("thu-tuc/<str:code>/", front.procedure, name="procedure"),
    path("danh-muc/lam-moi/", front.catalog_refresh, name="catalog_refresh"),
    path("ho-so/", front.dossier_list, name="dossier_list"),
    path("ho-so/<str:code>/", front.dossier_page, name="dossier"),
    path("control/", control.page, name="control"),
    path("", include("simulators.kit.urls")),
    path("control/catalog/", control.catalog_form, name="control_catalog_form"),
    path("control/reset/", control.reset_form, name="control_reset_form"),
    path("control/api/reset", control.reset_api),
    path("control/api/config", control.config_api),
    path("control/api/dossiers", control.dossiers_api),
    path("control/api/dossiers/<str:code>", control.dossier_api),
    path("control/api/submissions", control.submissions_api),
    path("control/api/submissions/<str:code>", control.submission_api),
    path("control/api/submissions/<str:code>/push", control.push_api),
    path("control/api/sessions/expire", control.expire_sessions_api),
    path("control/api/figures", control.figures_api),
    path("control/api/calls", control.calls_api),
    path("control/api/catalog", control.catalog_api),
    path("control/api/catalog/refresh", control.catalog_refresh_api),
    path("control/api/catalog/load", control.catalog_load_api),
    path("control/api/catalog/<str:code>", control.catalog_change_api),
]
