"""Tokens and a client for the API tests."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from interviews.models import ApiToken

# Alice's one row of everything, all sharing one primary key, from the page walk.
from ..test_authorization import alices_everything  # noqa: F401

ALL_SCOPES = [scope.value for scope in ApiToken.Scope]


def make_token(*, owner, scopes=ALL_SCOPES, expires_in=timedelta(days=30), **overrides):
    """Return (token, secret): a saved token for owner and the secret that opens it."""
    token = ApiToken(
        owner=owner,
        name=overrides.pop("name", "tests"),
        scopes=list(scopes),
        expires_at=timezone.now() + expires_in,
        **overrides,
    )
    secret = token.issue()
    token.save()
    return token, secret


class ApiClient(Client):
    """A test client that sends one bearer token and JSON bodies."""

    def __init__(self, secret=None, **kwargs):
        super().__init__(**kwargs)
        self.secret = secret

    def generic(self, method, path, data="", content_type="application/json", **extra):
        if self.secret is not None:
            headers = extra.get("headers") or {}
            extra["headers"] = {"Authorization": f"Bearer {self.secret}", **headers}
        return super().generic(method, path, data, content_type, **extra)

    # Bodies are JSON (a dict is encoded as such) unless a test says otherwise.
    def post(self, path, data=None, content_type="application/json", **extra):
        return super().post(path, data, content_type, **extra)

    def patch(self, path, data="", content_type="application/json", **extra):
        return super().patch(path, data, content_type, **extra)


def api_client(user, scopes=ALL_SCOPES):
    return ApiClient(make_token(owner=user, scopes=scopes)[1])


@pytest.fixture
def alice_api(alice):
    return api_client(alice)


@pytest.fixture
def mallory_api(mallory):
    return api_client(mallory)
