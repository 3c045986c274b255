"""Every page needs a login unless it is public on purpose."""

import pytest
from django.conf import settings
from django.shortcuts import resolve_url

from .urlwalk import iter_routes, private_routes


def test_the_walk_finds_the_project_routes():
    names = {route.name for route in iter_routes()}
    assert {"home", "healthz", "interviews:dashboard", "account_login"} <= names


@pytest.mark.parametrize("route", private_routes(), ids=lambda route: route.name)
@pytest.mark.parametrize("method", ["get", "post"])
def test_anonymous_visitor_is_sent_to_log_in(client, db, route, method):
    url = route.build({})
    response = getattr(client, method)(url)
    assert response.status_code == 302, url
    assert response["Location"].startswith(resolve_url(settings.LOGIN_URL) + "?next=")
