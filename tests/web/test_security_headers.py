"""Headers and cookies under production settings, read off real responses."""

import time
from datetime import timedelta

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse

from interviews.models import Application, Lesson
from interviews.web.middleware import REFRESHED_KEY

from ..conftest import PASSWORD, make_application, make_interview, make_reflection


def csp_directives(response):
    policy = response["Content-Security-Policy"]
    return {
        name: value
        for name, _, value in (part.strip().partition(" ") for part in policy.split(";"))
        if name
    }


def test_policy_allows_only_the_site_itself(alice_client):
    response = alice_client.get(reverse("interviews:dashboard"), secure=True)
    directives = csp_directives(response)
    assert directives["default-src"] == "'none'"
    assert directives["form-action"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert directives["base-uri"] == "'none'"
    for value in directives.values():
        assert "unsafe" not in value
        assert "*" not in value
        assert "http:" not in value


def test_responses_carry_hsts_nosniff_frame_referrer_and_cross_origin_headers(alice_client):
    response = alice_client.get(reverse("interviews:dashboard"), secure=True)
    hsts = dict(
        part.strip().partition("=")[::2]
        for part in response["Strict-Transport-Security"].split(";")
    )
    assert int(hsts["max-age"]) >= 31536000
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] in {
        "same-origin",
        "strict-origin-when-cross-origin",
        "no-referrer",
    }
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"


def test_pages_with_personal_data_are_not_stored_by_caches(alice_client):
    response = alice_client.get(reverse("interviews:dashboard"), secure=True)
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_log_in_sets_secure_lax_cookies_and_an_httponly_session(client, alice):
    client.get(reverse("account_login"), secure=True)
    response = client.post(
        reverse("account_login"),
        {"login": "alice@example.com", "password": PASSWORD},
        secure=True,
    )
    session = response.cookies["sessionid"]
    assert session["secure"]
    assert session["httponly"]
    assert session["samesite"] == "Lax"
    csrf = client.cookies["csrftoken"]
    assert csrf["secure"]
    assert csrf["samesite"] == "Lax"


def test_sessions_end_after_the_idle_timeout_which_visits_push_back(
    settings, alice_client, monkeypatch
):
    from interviews.web import middleware

    assert settings.SESSION_COOKIE_AGE == 60 * 60 * 24 * 14
    # A visit soon after logging in does not write the session again...
    again = alice_client.get(reverse("interviews:dashboard"), secure=True)
    assert "sessionid" not in again.cookies
    # ...but one after the refresh interval pushes the idle timeout back.
    later = time.time() + middleware.SESSION_REFRESH_SECONDS + 1
    monkeypatch.setattr(middleware.time, "time", lambda: later)
    refreshed = alice_client.get(reverse("interviews:dashboard"), secure=True)
    assert refreshed.cookies["sessionid"]["max-age"] == settings.SESSION_COOKIE_AGE


def let_time_pass(client, seconds):
    """Age the client's stored session by seconds, as if that long had gone by."""
    key = client.cookies["sessionid"].value
    store = SessionStore(session_key=key)
    data = store.load()
    data[REFRESHED_KEY] -= seconds
    Session.objects.filter(session_key=key).update(
        session_data=store.encode(data),
        expire_date=F("expire_date") - timedelta(seconds=seconds),
    )


def signed_in(client):
    return client.get(reverse("interviews:dashboard"), secure=True).status_code == 200


@pytest.fixture
def short_session(settings, client, alice):
    """Return a client signed in as alice with a two-minute idle timeout."""
    settings.SESSION_COOKIE_AGE = 120
    client.force_login(alice)
    return client


def test_a_short_idle_timeout_holds_for_a_user_active_every_25_seconds(short_session):
    for _ in range(8):  # 200 s in all, well past the 120 s timeout
        let_time_pass(short_session, 25)
        assert signed_in(short_session)


def test_a_short_idle_timeout_lets_100_idle_seconds_pass_a_minute_after_log_in(short_session):
    let_time_pass(short_session, 59)
    assert signed_in(short_session)
    let_time_pass(short_session, 100)
    assert signed_in(short_session)


def test_a_short_idle_timeout_ends_the_session_after_121_idle_seconds(short_session):
    let_time_pass(short_session, 30)
    assert signed_in(short_session)
    let_time_pass(short_session, 121)
    assert not signed_in(short_session)


def test_a_short_idle_timeout_still_does_not_save_the_session_on_every_request(short_session):
    assert signed_in(short_session)
    again = short_session.get(reverse("interviews:dashboard"), secure=True)
    assert "sessionid" not in again.cookies


def test_request_and_upload_sizes_are_capped(settings):
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE <= 3 * 1024 * 1024
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE <= 3 * 1024 * 1024
    assert settings.DATA_UPLOAD_MAX_NUMBER_FIELDS <= 1000


def test_too_many_sign_ups_from_one_address_get_a_friendly_page(client, db, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "signup": "2/m/ip"}
    for number in range(2):
        client.post(
            reverse("account_signup"),
            {"email": f"n{number}@example.com", "password1": PASSWORD, "password2": PASSWORD},
        )
    response = client.post(
        reverse("account_signup"),
        {"email": "n9@example.com", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 429
    assert b"too many attempts" in response.content
    assert b"Skip to main content" in response.content


def test_too_many_password_reset_requests_get_a_friendly_page(client, alice, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "reset_password": "2/m/ip"}
    statuses = [
        client.post(reverse("account_reset_password"), {"email": "alice@example.com"}).status_code
        for _ in range(3)
    ]
    assert statuses[-1] == 429


@pytest.mark.parametrize(
    ("builder", "field", "limit"),
    [
        (lambda user: make_application(owner=user), "notes", 10000),
        (
            lambda user: make_reflection(interview=make_interview(owner=user)).lessons.get(),
            "action",
            2000,
        ),
    ],
)
def test_text_longer_than_its_limit_is_refused_by_the_database(alice, builder, field, limit):
    row = builder(alice)
    model = type(row)
    with pytest.raises(IntegrityError), transaction.atomic():
        model.objects.filter(pk=row.pk).update(**{field: "x" * (limit + 1)})
    assert model in {Application, Lesson}
