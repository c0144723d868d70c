"""The error pages a visitor meets: CSRF failure, 403, 404 and 500, in Vietnamese and styled;
and the demo (DEBUG on) answering a 404 with the site's page, not Django's technical one."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client, RequestFactory
from django.views.defaults import permission_denied, server_error

pytestmark = pytest.mark.django_db


def test_a_csrf_failure_is_explained_in_vietnamese_on_the_sites_page():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/tra-cuu/", {"code": "H26", "secret": "X"})
    html = response.content.decode()
    assert response.status_code == 403
    assert "Phiên làm việc đã hết hạn" in html and "css/motcua.css" in html
    assert "CSRF verification failed" not in html


def test_a_missing_page_is_the_sites_404(client, settings):
    settings.DEBUG = False
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


@pytest.mark.parametrize("demo_pages", [True, False])
def test_the_demo_serves_the_sites_404_and_a_developer_may_ask_for_djangos(
    client, settings, demo_pages
):
    settings.DEBUG = True
    settings.DEMO_ERROR_PAGES = demo_pages
    response = client.get("/khong-co-trang-nay/")
    html = response.content.decode()
    assert response.status_code == 404
    assert ("Không tìm thấy trang" in html) is demo_pages
    assert ("Using the URLconf" in html) is not demo_pages


def test_403_and_500_are_in_vietnamese():
    request = RequestFactory().get("/")
    request.user = None
    request.session = {}
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    forbidden = permission_denied(request, PermissionDenied())
    assert forbidden.status_code == 403
    assert "Không có quyền truy cập" in forbidden.content.decode()
    failed = server_error(request)
    assert failed.status_code == 500
    assert "Hệ thống đang gặp sự cố" in failed.content.decode()
    assert "css/error.css" in failed.content.decode()
