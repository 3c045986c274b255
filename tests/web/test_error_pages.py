"""Friendly error pages that leak nothing. This module is also the URLconf of its tests."""

import pytest
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.http import Http404
from django.template.loader import render_to_string
from django.test import Client
from django.urls import path

from rebound.urls import urlpatterns as site_urlpatterns

SECRET = "secret-detail-4711"


@login_not_required
def raise_not_found(request):
    raise Http404(f"No Interview matches the given query: {SECRET}")


@login_not_required
def raise_permission_denied(request):
    raise PermissionDenied(SECRET)


@login_not_required
def raise_bad_request(request):
    raise SuspiciousOperation(SECRET)


@login_not_required
def raise_server_error(request):
    raise RuntimeError(SECRET)


urlpatterns = [
    *site_urlpatterns,
    path("boom/404/", raise_not_found),
    path("boom/403/", raise_permission_denied),
    path("boom/400/", raise_bad_request),
    path("boom/500/", raise_server_error),
]

pytestmark = pytest.mark.urls(__name__)

HEADINGS = {
    400: "Something in that request didn’t look right",
    403: "This page isn’t open to you",
    404: "We couldn’t find that page",
    500: "Something went wrong on our side",
}


@pytest.fixture
def quiet_client(client):
    # Let the 500 handler answer, as it does in production, instead of re-raising.
    client.raise_request_exception = False
    return client


def assert_friendly(response, status):
    page = response.content.decode()
    assert response.status_code == status
    assert HEADINGS[status] in page
    assert page.count("<h1") == 1
    assert SECRET not in page
    assert "Traceback" not in page
    assert "boom/" not in page
    assert 'href="/"' in page


@pytest.mark.parametrize("status", [400, 403, 404, 500])
def test_error_page_is_friendly_and_leaks_nothing(quiet_client, db, status):
    response = quiet_client.get(f"/boom/{status}/?token={SECRET}")
    assert_friendly(response, status)


@pytest.mark.parametrize("status", [400, 403, 404, 500])
def test_error_page_leaks_nothing_to_a_signed_in_user(quiet_client, alice, status):
    quiet_client.force_login(alice)
    response = quiet_client.get(f"/boom/{status}/")
    assert_friendly(response, status)


def test_unknown_address_gets_the_404_page_without_echoing_the_path(client, db):
    response = client.get(f"/no-such-page-{SECRET}/")
    assert_friendly(response, 404)


def test_signed_in_user_is_offered_the_way_back_to_the_dashboard(alice_client):
    page = alice_client.get("/no-such-page/").content.decode()
    assert "Go to your dashboard" in page
    assert "alice@example.com" in page


def test_bad_host_header_gets_the_400_page(client, db):
    response = client.get("/", headers={"host": f"{SECRET}.example.net"})
    assert_friendly(response, 400)


def test_failed_csrf_check_gets_a_friendly_page(db):
    response = Client(enforce_csrf_checks=True).post("/accounts/login/", {"login": "x"})
    page = response.content.decode()
    assert response.status_code == 403
    assert "That form could not be checked" in page
    assert "CSRF cookie not set" not in page


def test_500_page_renders_without_any_context_or_request():
    page = render_to_string("500.html")
    assert HEADINGS[500] in page
    assert "<script" not in page
