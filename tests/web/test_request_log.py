"""Structured request logs: one JSON line per request, with nothing private in it."""

import json
import logging
import sys

import pytest
from django.test import Client
from django.urls import reverse

from interviews.web.request_log import JsonFormatter

from ..conftest import PASSWORD

LOGGER = "rebound.request"
MIDDLEWARE = "interviews.web.request_log.RequestLogMiddleware"


@pytest.fixture
def request_log(settings, caplog, monkeypatch):
    """Listen to the request logger, which production settings install after static files."""
    assert settings.MIDDLEWARE.index(MIDDLEWARE) == 2
    # caplog listens on the root logger, whatever LOGGING says about propagation.
    monkeypatch.setattr(logging.getLogger(LOGGER), "propagate", True)
    caplog.set_level(logging.INFO, logger=LOGGER)
    return caplog


def request_records(caplog):
    return [record for record in caplog.records if record.name == LOGGER]


def as_json(record):
    return json.loads(JsonFormatter().format(record))


def test_one_json_line_per_request_with_method_path_status_duration_and_user(
    request_log, alice_client, alice
):
    alice_client.get(reverse("interviews:dashboard") + "?q=private-search")
    (record,) = request_records(request_log)
    line = JsonFormatter().format(record)
    entry = json.loads(line)
    assert "\n" not in line
    assert entry["logger"] == LOGGER
    assert entry["level"] == "INFO"
    assert entry["method"] == "GET"
    assert entry["path"] == "/dashboard/"
    assert entry["status"] == 200
    assert isinstance(entry["duration_ms"], float)
    assert entry["duration_ms"] >= 0
    assert entry["user_id"] == alice.pk
    assert "private-search" not in line


def test_anonymous_request_logs_a_null_user(request_log, client, db):
    client.get(reverse("home"))
    (record,) = request_records(request_log)
    assert as_json(record)["user_id"] is None
    assert as_json(record)["status"] == 200


def test_post_logs_no_password_letter_body_query_or_form_data(request_log, alice_client):
    letter_body = "Dear Sam, I froze and I am sorry about the system design answer."
    Client().post(reverse("account_login"), {"login": "alice@example.com", "password": PASSWORD})
    alice_client.post(
        reverse("interviews:account_delete") + "?next=/private/",
        {"password": "wrong-but-private-42", "body": letter_body, "what_happened": "I froze."},
    )
    records = request_records(request_log)
    assert [(record.method, record.path) for record in records] == [
        ("POST", reverse("account_login")),
        ("POST", reverse("interviews:account_delete")),
    ]
    output = request_log.text + "".join(JsonFormatter().format(r) for r in records)
    for private in (
        PASSWORD,
        "wrong-but-private-42",
        letter_body,
        "I froze",
        "/private/",
        "alice@example.com",
    ):
        assert private not in output


def test_secret_calendar_token_in_the_path_is_masked(request_log, alice_client, alice):
    token = alice.profile.calendar_token
    alice_client.get(reverse("interviews:calendar_feed", args=[token]))
    (record,) = request_records(request_log)
    assert token not in JsonFormatter().format(record)
    assert record.path == "/calendar/[secret].ics"


def test_a_not_found_request_is_logged_with_its_status(request_log, alice_client):
    alice_client.get("/no-such-page/")
    (record,) = request_records(request_log)
    assert record.status == 404
    assert record.path == "/no-such-page/"


def test_json_formatter_includes_the_traceback_of_an_error():
    try:
        raise ValueError("boom")
    except ValueError:
        record = logging.LogRecord(
            "rebound.test", logging.ERROR, __file__, 1, "failed %s", ("once",), sys.exc_info()
        )
    entry = json.loads(JsonFormatter().format(record))
    assert entry["message"] == "failed once"
    assert "ValueError: boom" in entry["exception"]
    assert "method" not in entry
