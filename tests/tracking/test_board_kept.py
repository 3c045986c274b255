"""The board's columns are kept drawn: never stale, never another's, every form still valid."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ..conftest import make_application, make_interview

BOARD = reverse("interviews:application_board")
# Committed writes: a write still in an open transaction keeps the board from being kept.
pytestmark = pytest.mark.django_db(transaction=True)


def application_queries(client):
    """Load the board and return how many of its queries read the applications table."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(BOARD)
    assert response.status_code == 200
    return sum('FROM "interviews_application"' in query["sql"] for query in queries), response


def test_a_second_load_comes_from_the_cache_and_reads_the_same(alice_client, alice):
    make_application(owner=alice, company="Acme")
    read, _first = application_queries(alice_client)
    assert read == 1
    read, second = application_queries(alice_client)
    assert read == 0  # drawn from the cache, not worked out again
    assert b"Acme" in second.content


def test_every_write_of_the_users_rows_shows_on_the_next_board(alice_client, alice):
    acme = make_application(owner=alice, company="Acme")
    assert b"Globex" not in alice_client.get(BOARD).content
    make_application(owner=alice, company="Globex")
    assert b"Globex" in alice_client.get(BOARD).content
    acme.company = "Initech"
    acme.save()
    assert b"Initech" in alice_client.get(BOARD).content
    soon = timezone.now() + timedelta(days=2)
    make_interview(application=acme, scheduled_at=soon)
    assert b"Next interview" in alice_client.get(BOARD).content


def test_a_kept_board_is_never_another_users(alice_client, alice, mallory_client, mallory):
    make_application(owner=alice, company="Acme")
    make_application(owner=mallory, company="Umbrella")
    alice_client.get(BOARD)
    mallory_client.get(BOARD)
    for _ in range(2):
        alice_page = alice_client.get(BOARD).content
        mallory_page = mallory_client.get(BOARD).content
        assert b"Acme" in alice_page
        assert b"Umbrella" not in alice_page
        assert b"Umbrella" in mallory_page
        assert b"Acme" not in mallory_page


def test_a_move_from_a_kept_board_passes_the_csrf_check(alice):
    acme = make_application(owner=alice, company="Acme", status="applied")
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    client.get(BOARD)
    read, page = application_queries(client)
    assert read == 0
    tokens = set(re.findall(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page.content))
    assert tokens
    assert all(len(token) == 64 for token in tokens)
    move = reverse("interviews:application_move", args=[acme.pk])
    response = client.post(move, {"status": "offer", "csrfmiddlewaretoken": tokens.pop().decode()})
    assert response.status_code == 302
    acme.refresh_from_db()
    assert acme.status == "offer"


def test_the_board_with_archived_cards_is_kept_apart_from_the_one_without(alice_client, alice):
    make_application(owner=alice, company="Acme")
    make_application(owner=alice, company="Old firm", archived=True)
    for _ in range(2):
        assert b"Old firm" not in alice_client.get(BOARD).content
        assert b"Old firm" in alice_client.get(BOARD + "?archived=on").content
