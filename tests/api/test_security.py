"""What the API keeps to itself: tokens out of every log, a limit per token, bad input refused."""

import io
import logging
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from interviews.models import Application

from ..conftest import make_application, make_contact, make_interview, make_letter, make_reflection
from .conftest import ApiClient, make_token

API = "/api/v1"


@pytest.fixture
def everything_logged(monkeypatch):
    """Return what LOGGING's console handler writes while every logger speaks at DEBUG."""
    handler = logging.getHandlerByName("console")
    stream = io.StringIO()
    previous = handler.setStream(stream)
    root = logging.getLogger()
    monkeypatch.setattr(root, "level", logging.DEBUG)
    monkeypatch.setattr(handler, "level", logging.DEBUG)
    for name in ("ninja", "django", "django.request", "rebound.request"):
        monkeypatch.setattr(logging.getLogger(name), "level", logging.DEBUG)
    yield stream
    handler.setStream(previous)


def test_no_token_reaches_any_log_even_at_debug(alice, settings, everything_logged):
    settings.DEBUG = True
    _token, secret = make_token(owner=alice)
    client = ApiClient()
    requests = [
        {"Authorization": f"Bearer {secret}"},
        {"Authorization": f"Token {secret}"},  # a scheme the API does not take
        {"Authorization": f"Bearer {secret} extra"},
        {"Authorization": secret},
    ]
    for headers in requests:
        client.get(f"{API}/applications", headers=headers)
    # A token pasted into the address by mistake, and a token in a query string.
    client.get(f"{API}/applications/{secret}", headers={"Authorization": f"Bearer {secret}"})
    client.get(f"{API}/applications?token={secret}")
    output = everything_logged.getvalue()
    assert "rebound.request" in output
    assert secret not in output
    assert secret[10:30] not in output
    assert "[secret]" in output


def test_the_request_log_names_the_tokens_owner(alice, settings, everything_logged):
    _token, secret = make_token(owner=alice)
    ApiClient(secret).get(f"{API}/applications")
    line = [line for line in everything_logged.getvalue().splitlines() if "rebound.request" in line]
    assert f'"user_id": {alice.pk}' in line[-1]


def test_past_the_limit_a_token_is_answered_429_with_retry_after(alice, settings):
    settings.REBOUND_API_REQUESTS_PER_MINUTE = 3
    cache.clear()
    _token, secret = make_token(owner=alice)
    client = ApiClient(secret)
    assert [client.get(f"{API}/applications").status_code for _ in range(3)] == [200] * 3
    refused = client.get(f"{API}/applications")
    assert refused.status_code == 429
    assert refused.json()["error"]["code"] == "rate_limited"
    assert 1 <= int(refused["Retry-After"]) <= 60
    # Each token has its own allowance.
    other = ApiClient(make_token(owner=alice)[1])
    assert other.get(f"{API}/applications").status_code == 200


@pytest.mark.parametrize(
    "body",
    [
        {"company": "Acme\x00", "role": "Engineer"},
        {"company": "Acme", "role": "Engineer", "notes": "a\x00b"},
        {"company": "Acme", "role": "Engineer", "tags": ["x\x00"]},
    ],
)
def test_a_nul_byte_is_refused_as_invalid_and_nothing_is_saved(alice_api, body):
    response = alice_api.post(f"{API}/applications", body)
    assert response.status_code == 422, response.content
    assert response.json()["error"]["code"] == "invalid"
    assert not Application.objects.exists()


def test_malformed_json_gets_400_in_the_one_error_shape(alice_api):
    response = alice_api.post(f"{API}/applications", "{not json", content_type="application/json")
    assert response.status_code == 400
    assert set(response.json()["error"]) >= {"code", "message"}


def test_a_list_pages_with_limit_and_offset_and_refuses_a_limit_out_of_range(alice, alice_api):
    for number in range(7):
        make_application(owner=alice, company=f"Company {number}")
    first = alice_api.get(f"{API}/applications", {"limit": 5}).json()
    second = alice_api.get(f"{API}/applications", {"limit": 5, "offset": 5}).json()
    assert (first["count"], len(first["items"]), len(second["items"])) == (7, 5, 2)
    assert alice_api.get(f"{API}/applications").json()["limit"] == 25
    seen = [item["id"] for item in first["items"] + second["items"]]
    assert sorted(seen) == sorted(Application.objects.values_list("pk", flat=True))
    for limit in (0, 101, "many"):
        response = alice_api.get(f"{API}/applications", {"limit": limit})
        assert response.status_code == 422, limit


def test_applications_filter_by_status_and_archived(alice, alice_api):
    make_application(owner=alice, company="Open", status=Application.Status.APPLIED)
    make_application(owner=alice, company="Offer", status=Application.Status.OFFER)
    make_application(owner=alice, company="Shelved", archived=True)

    def companies(**query):
        items = alice_api.get(f"{API}/applications", query).json()["items"]
        return sorted(item["company"] for item in items)

    assert companies(status="offer") == ["Offer"]
    assert companies(archived="true") == ["Shelved"]
    assert alice_api.get(f"{API}/applications", {"status": "nope"}).status_code == 422
    Application.objects.filter(company="Offer").update(
        updated_at=timezone.now() - timedelta(days=9)
    )
    week_ago = (timezone.now() - timedelta(days=7)).isoformat()
    assert "Offer" not in companies(updated_after=week_ago)
    assert companies(updated_before=week_ago) == ["Offer"]
    assert alice_api.get(f"{API}/applications", {"updated_after": "soon"}).status_code == 422


def test_reflections_need_their_own_scope_even_for_the_owner(alice):
    reflection = make_reflection(interview=make_interview(owner=alice))
    url = f"{API}/reflections/{reflection.pk}"
    reader = ApiClient(make_token(owner=alice, scopes=["read", "write"])[1])
    refused = reader.get(url)
    assert refused.status_code == 403
    assert "reflections" in refused.json()["error"]["message"]
    diarist = ApiClient(make_token(owner=alice, scopes=["reflections"])[1])
    response = diarist.get(url)
    assert response.status_code == 200
    assert response.json()["what_happened"] == reflection.what_happened


@pytest.mark.parametrize(
    "path",
    ["applications", "interviews", "contacts", "letters", "questions", "actions", "reflections"],
)
def test_a_list_costs_the_same_queries_for_one_row_as_for_many(alice, alice_api, settings, path):
    # The rate count in a memory cache, so only the list's own queries are counted.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

    def rows(count):
        for number in range(count):
            application = make_application(owner=alice, company=f"Company {number}")
            interview = make_interview(application=application)
            make_reflection(interview=interview, questions=1)
            interview.contacts.add(make_contact(owner=alice, applications=[application]))
            make_letter(interview=interview)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert alice_api.get(f"{API}/{path}", {"limit": 100}).status_code == 200
        return len(captured)

    rows(1)
    queries()  # the token's first use of the minute writes its last-used time
    one = queries()
    rows(20)
    assert queries() == one
