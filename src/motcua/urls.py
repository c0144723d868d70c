from django.contrib import admin
from django.http import HttpResponse
from django.urls import include, path
from django.views.decorators.http import require_safe

from motcua.api.main import api
from motcua.api.payments import notify as payment_notification


@require_safe
def healthz(request):
    """Liveness: the process answers. Touches no database, so a load balancer's probe stays
    cheap and a database outage does not make every app server look dead at once."""
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path(
        "api/v1/payments/<str:provider>/notify",
        payment_notification,
        name="payment-notification",
    ),
    path("api/v1/", api.urls),
    path("can-bo/", include("motcua.office.urls")),
    path("", include("motcua.portal.urls")),
]
