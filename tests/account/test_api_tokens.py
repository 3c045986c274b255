"""API tokens in settings: made with their secret shown once, listed, revoked, never another's."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from interviews.account.services import api_token_create, api_token_revoke
from interviews.models import API_TOKEN_NAME_MAX, ApiToken
from interviews.web.limits import PAGE_SIZE

API_APPLICATIONS = "/api/v1/applications"
CREATE = reverse("interviews:api_token_create")
LIST = reverse("interviews:api_token_list")


def valid_form(**overrides):
    data = {"name": "My spreadsheet", "scopes": ["read"], "expires_in": "90"}
    data.update(overrides)
    return data


def make_token(owner, **overrides):
    fields = {"name": "My script", "scopes": ["read"], "expires_in": timedelta(days=30)}
    fields.update(overrides)
    return api_token_create(owner, **fields)[0]


def detail_url(token):
    return reverse("interviews:api_token_detail", args=[token.pk])


def revoke_url(token):
    return reverse("interviews:api_token_revoke", args=[token.pk])


def call_api(secret):
    return Client().get(API_APPLICATIONS, headers={"Authorization": f"Bearer {secret}"})


def secret_on(response):
    return response.context["secret"]


# Making one


def test_the_empty_form_offers_read_and_ninety_days(alice_client):
    response = alice_client.get(CREATE)
    form = response.context["form"]
    assert form["scopes"].value() == ["read"]
    assert form["expires_in"].value() == "90"
    text = response.content.decode()
    assert "private reflections" in text
    for label in ("7 days", "30 days", "90 days", "1 year", "Never"):
        assert label in text


def test_making_a_token_shows_its_secret_once_and_the_secret_opens_the_api(alice_client, alice):
    response = alice_client.post(CREATE, valid_form(scopes=["read", "reflections"]))
    token = ApiToken.objects.get(owner=alice)
    assert response.status_code == 302
    assert response["Location"] == detail_url(token)
    assert token.name == "My spreadsheet"
    assert token.scopes == ["read", "reflections"]
    assert abs(token.expires_at - (timezone.now() + timedelta(days=90))) < timedelta(minutes=1)

    shown = alice_client.get(detail_url(token))
    secret = secret_on(shown)
    assert secret.startswith("rbd_")
    assert secret.encode() in shown.content
    assert b"it will not be shown again" in shown.content
    assert call_api(secret).status_code == 200

    again = alice_client.get(detail_url(token))
    assert secret_on(again) == ""
    assert secret.encode() not in again.content
    assert secret.encode() not in alice_client.get(LIST).content


def test_only_the_digest_of_the_secret_is_stored(alice_client, alice):
    alice_client.post(CREATE, valid_form())
    token = ApiToken.objects.get(owner=alice)
    secret = secret_on(alice_client.get(detail_url(token)))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {ApiToken._meta.db_table} WHERE id = %s", [token.pk])
        row = cursor.fetchone()
    assert not any(secret in str(value) for value in row)
    assert token.digest != secret
    assert secret.startswith(token.hint)
    # Nor does the session keep it once it was shown.
    assert secret not in str(dict(alice_client.session))


@pytest.mark.parametrize(
    ("choice", "days"), [("7", 7), ("30", 30), ("90", 90), ("365", 365), ("never", None)]
)
def test_each_expiry_choice_sets_when_the_token_stops(alice_client, alice, choice, days):
    alice_client.post(CREATE, valid_form(expires_in=choice))
    token = ApiToken.objects.get(owner=alice)
    if days is None:
        assert token.expires_at is None
        assert token.is_live
        assert ApiToken.objects.usable().filter(pk=token.pk).exists()
    else:
        expected = timezone.now() + timedelta(days=days)
        assert abs(token.expires_at - expected) < timedelta(minutes=1)


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"name": ""}, "name", "Give the token a name"),
        ({"name": "   "}, "name", "Give the token a name"),
        ({"name": "x" * (API_TOKEN_NAME_MAX + 1)}, "name", "Keep the name to 100 characters"),
        ({"scopes": []}, "scopes", "Tick at least one thing the token may do."),
        ({"scopes": ["admin"]}, "scopes", "Pick what the token may do from the list."),
        ({"expires_in": ""}, "expires_in", "Choose when the token stops working."),
        (
            {"expires_in": "1000"},
            "expires_in",
            "Choose one of the times listed.",
        ),
    ],
)
def test_bad_input_comes_back_with_a_clear_message_and_saves_nothing(
    alice_client, overrides, field, message
):
    response = alice_client.post(CREATE, valid_form(**overrides))
    assert response.status_code == 200
    assert any(message in error for error in response.context["form"].errors[field])
    assert message.encode() in response.content
    assert not ApiToken.objects.exists()
    assert "api_token_new_secret" not in alice_client.session


def test_a_secret_is_shown_only_on_its_own_tokens_page(alice_client, alice):
    older = make_token(alice, name="Older")
    alice_client.post(CREATE, valid_form())
    new = ApiToken.objects.get(name="My spreadsheet")
    assert secret_on(alice_client.get(detail_url(older))) == ""
    # The first token page opened took the secret out of the session, so it is gone for good.
    assert secret_on(alice_client.get(detail_url(new))) == ""


# The list


def test_the_list_shows_each_tokens_facts_and_state(alice_client, alice):
    live = make_token(alice, name="Live one", scopes=["read", "write"])
    ApiToken.objects.filter(pk=live.pk).update(last_used_at=timezone.now())
    make_token(alice, name="Forever", expires_in=None)
    expired = make_token(alice, name="Old one")
    ApiToken.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - timedelta(days=1))
    api_token_revoke(make_token(alice, name="Gone one"))
    text = alice_client.get(LIST).content.decode()
    for words in ("Live one", "Forever", "Old one", "Gone one", "Live", "Expired", "Revoked"):
        assert words in text
    assert "read, write" in text
    assert f"{live.hint}…" in text
    assert "Never used" in text
    assert "Never<" in text
    assert text.index("Gone one") < text.index("Old one") < text.index("Live one")


def test_the_empty_list_says_what_to_do_and_links_to_the_api_docs(alice_client):
    text = alice_client.get(LIST).content.decode()
    assert "No API tokens yet" in text
    assert reverse("interviews:api_docs") in text
    assert CREATE in text


def test_the_list_is_paginated_newest_first(alice_client, alice):
    for number in range(PAGE_SIZE + 2):
        make_token(alice, name=f"Token {number:02d}")
    first = alice_client.get(LIST).content.decode()
    assert f"Token {PAGE_SIZE + 1:02d}" in first
    assert "Token 00<" not in first
    second = alice_client.get(LIST + "?page=2").content.decode()
    assert "Token 00<" in second
    assert f"Token {PAGE_SIZE + 1:02d}" not in second


def test_the_list_takes_the_same_queries_for_one_token_and_for_many(alice_client, alice):
    def count():
        alice_client.get(LIST)  # warm the session
        with CaptureQueriesContext(connection) as queries:
            assert alice_client.get(LIST).status_code == 200
        return len(queries)

    make_token(alice)
    one = count()
    for _ in range(PAGE_SIZE):
        make_token(alice)
    assert count() == one


def test_the_list_shows_only_her_own_tokens(alice_client, mallory):
    make_token(mallory, name="Zebracorn script")
    assert b"Zebracorn script" not in alice_client.get(LIST).content


def test_the_settings_page_links_to_api_tokens(alice_client):
    response = alice_client.get(reverse("interviews:settings"))
    assert LIST.encode() in response.content


# Revoking


def test_revoking_asks_first_then_the_api_refuses_the_token(alice_client, alice):
    alice_client.post(CREATE, valid_form())
    token = ApiToken.objects.get(owner=alice)
    secret = secret_on(alice_client.get(detail_url(token)))
    assert call_api(secret).status_code == 200

    confirm = alice_client.get(revoke_url(token))
    assert b"Revoke it" in confirm.content
    token.refresh_from_db()
    assert token.revoked_at is None
    assert call_api(secret).status_code == 200

    response = alice_client.post(revoke_url(token), follow=True)
    assert response.redirect_chain == [(LIST, 302)]
    assert b"no longer opens the API" in response.content
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert not token.is_live
    assert call_api(secret).status_code == 401


def test_revoking_twice_keeps_the_first_time(alice_client, alice):
    token = make_token(alice)
    alice_client.post(revoke_url(token))
    token.refresh_from_db()
    first = token.revoked_at
    response = alice_client.post(revoke_url(token))
    assert response["Location"] == LIST
    token.refresh_from_db()
    assert token.revoked_at == first
    assert b"already revoked" in alice_client.get(revoke_url(token)).content


def test_an_expired_token_does_not_open_the_api(alice):
    token, secret = api_token_create(alice, name="x", scopes=["read"], expires_in=timedelta(0))
    assert not token.is_live
    assert call_api(secret).status_code == 401


# Someone else's


def test_another_users_token_is_404_and_stays_live(mallory_client, alice):
    token = make_token(alice, name="Zebracorn script")
    for url in (detail_url(token), revoke_url(token)):
        assert mallory_client.get(url).status_code == 404
        assert mallory_client.post(url).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_a_secret_waiting_in_the_session_is_not_shown_on_another_users_token(
    alice_client, alice, mallory
):
    theirs = make_token(mallory)
    alice_client.post(CREATE, valid_form())
    assert alice_client.get(detail_url(theirs)).status_code == 404
    mine = ApiToken.objects.get(owner=alice)
    assert secret_on(alice_client.get(detail_url(mine))).startswith("rbd_")


def test_wrong_methods_are_refused(alice_client, alice):
    token = make_token(alice)
    assert alice_client.post(LIST).status_code == 405
    assert alice_client.post(detail_url(token)).status_code == 405
    assert alice_client.put(CREATE).status_code == 405
    assert alice_client.delete(revoke_url(token)).status_code == 405
