"""Structured request logs: one JSON line per request, with nothing private in it."""

import io
import json
import logging
import sys

import psycopg
import pytest
from allauth.account.utils import user_pk_to_url_str
from django.db import DatabaseError, DataError, connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import URLResolver, get_resolver, reverse

from interviews.web.request_log import SECRET_URL_KWARGS, JsonFormatter

from ..conftest import PASSWORD, make_application

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


# Every log line, whichever logger wrote it, goes through the console handler of LOGGING.


@pytest.fixture
def log_output():
    """Return what LOGGING's console handler writes, its filters and formatter included."""
    handler = logging.getHandlerByName("console")
    stream = io.StringIO()
    previous = handler.setStream(stream)
    yield stream
    handler.setStream(previous)


def secret_routes():
    """Yield (name, kwargs) for every named route with a secret in its path."""

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = pattern.namespace or namespace
                yield from walk(pattern.url_patterns, inner)
            elif SECRET_URL_KWARGS & set(pattern.pattern.regex.groupindex):
                name = f"{namespace}:{pattern.name}" if namespace else pattern.name
                yield name, sorted(pattern.pattern.regex.groupindex)

    return list(walk(get_resolver().url_patterns, None))


def test_the_url_walk_finds_the_feed_reset_and_confirmation_routes():
    names = {name for name, _ in secret_routes()}
    assert {
        "interviews:calendar_feed",
        "account_reset_password_from_key",
        "account_confirm_email",
    } <= names


@pytest.mark.parametrize(("name", "kwargs"), secret_routes())
def test_any_logger_masks_every_secret_route_and_drops_query_strings(log_output, name, kwargs):
    secret = "Zq7SecretValue1"
    path = reverse(name, kwargs=dict.fromkeys(kwargs, secret))
    logging.getLogger("rebound.elsewhere").warning("GET %s?q=private+search HTTP/1.1", path)
    output = log_output.getvalue()
    assert "rebound.elsewhere" in output
    assert secret not in output
    assert "Zq7" not in output
    assert "private" not in output
    assert "[secret]" in output


def test_reset_key_is_masked_even_when_it_holds_the_user_id(request_log, client, alice):
    uid = user_pk_to_url_str(alice)
    key = f"{uid}ab{uid}cd-{uid}ef{uid}"
    client.get(reverse("account_reset_password_from_key", kwargs={"uidb36": uid, "key": key}))
    (record,) = request_records(request_log)
    assert record.path == "/accounts/password/reset/key/[secret]-[secret]/"


def test_a_request_error_line_masks_the_calendar_token(log_output, alice, monkeypatch):
    def broken(*args, **kwargs):
        raise ValueError("the feed broke")

    monkeypatch.setattr("interviews.tracking.feed.interviews_calendar", broken)
    token = alice.profile.calendar_token
    response = Client(raise_request_exception=False).get(
        reverse("interviews:calendar_feed", args=[token])
    )
    assert response.status_code == 500
    output = log_output.getvalue()
    assert "django.request" in output
    assert "ValueError: the feed broke" in output
    assert "/calendar/[secret].ics" in output
    assert token not in output


def test_sql_and_its_parameters_are_never_logged_even_at_debug(log_output, alice, monkeypatch):
    monkeypatch.setattr(logging.getLogger("django.db.backends"), "level", logging.DEBUG)
    with CaptureQueriesContext(connection):  # logs queries as DEBUG=True would
        make_application(owner=alice, company="Secretive Widgets Ltd")
    output = log_output.getvalue()
    assert "django.db.backends" in output
    assert "Secretive Widgets" not in output
    assert "INSERT" not in output


def log_database_error(error):
    """Log error as Django logs a view's unhandled exception."""
    try:
        raise error
    except DatabaseError:
        logging.getLogger("django.request").error(
            "Internal Server Error: %s", "/interviews/1/reflect/", exc_info=True
        )


def test_a_database_error_logs_no_value_from_its_message_detail_or_context(log_output):
    message = (
        'invalid input syntax for type json: "I cried in the car park"\n'
        'DETAIL:  Token "I" is invalid.\n'
        "CONTEXT:  JSON data, line 1: I cried in the car park"
    )
    try:
        try:
            raise psycopg.errors.InvalidTextRepresentation(message)
        except psycopg.Error as cause:
            raise DataError(*cause.args) from cause
    except DataError as error:
        log_database_error(error)
    output = log_output.getvalue()
    assert "django.db.utils.DataError" in output
    assert "invalid input syntax for type json" in output
    assert "cried" not in output
    assert "car park" not in output


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's own error text")
def test_a_real_postgresql_error_logs_none_of_the_text_that_caused_it(log_output, db):
    # A NUL in a JSON value, as in a reflection's feelings: PostgreSQL quotes the text back.
    feeling = json.dumps({"feeling": " ".join(["I", "cried", "in the car park\x00"])})
    with pytest.raises(DataError) as caught, transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT %s::jsonb", [feeling])
    assert "CONTEXT" in str(caught.value)
    assert "cried" in str(caught.value)
    log_database_error(caught.value)
    output = log_output.getvalue()
    assert "DataError" in output
    assert "cried" not in output
    assert "car park" not in output
