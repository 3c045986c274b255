"""The settings page: time zone, cool-off window, calendar link and the links to your data."""

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from interviews.account.zones import canonical_zones
from interviews.models import Profile

SETTINGS_URL = reverse("interviews:settings")
REGENERATE_URL = reverse("interviews:calendar_regenerate")


def profile_values(user):
    profile = Profile.objects.get(user=user)
    return profile.time_zone, profile.cool_off_hours, profile.calendar_token


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_owner_sees_their_settings_and_private_calendar_link(alice_client, alice):
    response = alice_client.get(SETTINGS_URL)

    assert response.status_code == 200
    html = response.content.decode()
    feed = reverse("interviews:calendar_feed", args=[alice.profile.calendar_token])
    assert f'value="http://testserver{feed}"' in html
    assert 'name="cool_off_hours"' in html
    assert 'value="48"' in html
    assert '<option value="UTC" selected>UTC</option>' in html


def test_time_zone_list_holds_every_canonical_zone_grouped_by_region(alice_client):
    html = alice_client.get(SETTINGS_URL).content.decode()

    for zone in canonical_zones():
        assert f'<option value="{zone}"' in html, zone
    assert '<optgroup label="Europe">' in html
    buenos_aires = "America/Argentina/Buenos_Aires"
    assert f'<option value="{buenos_aires}">America/Argentina/Buenos Aires</option>' in html
    assert html.index('<optgroup label="Africa">') < html.index('<optgroup label="Europe">')


def test_page_links_to_exports_imports_account_and_data_pages(alice_client):
    html = alice_client.get(SETTINGS_URL).content.decode()

    for name in [
        "interviews:applications_export",
        "interviews:interviews_export",
        "interviews:applications_import",
        "interviews:data_export",
        "interviews:data_import",
        "interviews:account_delete",
        "account_change_password",
        "account_email",
    ]:
        assert f'href="{reverse(name)}' in html, name
    for name in ["interviews:logout_everywhere", "interviews:calendar_regenerate"]:
        assert f'<form method="post" action="{reverse(name)}"' in html, name


def test_saving_time_zone_and_cool_off_hours(alice_client, alice):
    response = alice_client.post(
        SETTINGS_URL, {"time_zone": "Europe/Berlin", "cool_off_hours": "72"}
    )

    assert response.status_code == 302
    assert response["Location"] == SETTINGS_URL
    assert messages_of(response) == ["Your settings are saved."]
    time_zone, cool_off_hours, _token = profile_values(alice)
    assert (time_zone, cool_off_hours) == ("Europe/Berlin", 72)


@pytest.mark.parametrize(
    ("time_zone", "hours", "field", "message"),
    [
        ("Mars/Olympus_Mons", "48", "time_zone", "Choose a time zone from the list."),
        ("", "48", "time_zone", "This field is required."),
        ("Europe/Berlin", "11", "cool_off_hours", "Choose at least 12 hours."),
        ("Europe/Berlin", "169", "cool_off_hours", "Choose at most 168 hours (one week)."),
        ("Europe/Berlin", "two days", "cool_off_hours", "Enter a whole number."),
    ],
)
def test_bad_values_come_back_with_errors_and_nothing_is_saved(
    alice_client, alice, time_zone, hours, field, message
):
    before = profile_values(alice)

    response = alice_client.post(SETTINGS_URL, {"time_zone": time_zone, "cool_off_hours": hours})

    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert message in response.content.decode()
    assert f'value="{hours}"' in response.content.decode()
    assert profile_values(alice) == before


def test_saving_changes_only_the_signed_in_users_profile(mallory_client, alice, mallory):
    alices = profile_values(alice)

    mallory_client.post(SETTINGS_URL, {"time_zone": "Asia/Tokyo", "cool_off_hours": "24"})

    assert profile_values(alice) == alices
    assert profile_values(mallory)[:2] == ("Asia/Tokyo", 24)


def test_another_users_page_never_shows_alices_calendar_link(mallory_client, alice):
    html = mallory_client.get(SETTINGS_URL).content.decode()

    assert alice.profile.calendar_token not in html


@pytest.mark.parametrize(
    ("url", "method"),
    [
        (SETTINGS_URL, "put"),
        (SETTINGS_URL, "delete"),
        (REGENERATE_URL, "get"),
        (REGENERATE_URL, "put"),
    ],
)
def test_wrong_method_is_refused(alice_client, alice, url, method):
    before = profile_values(alice)

    assert getattr(alice_client, method)(url).status_code == 405
    assert profile_values(alice) == before


def test_new_calendar_link_replaces_the_old_one(alice_client, alice):
    old_token = alice.profile.calendar_token

    response = alice_client.post(REGENERATE_URL)

    assert response.status_code == 302
    assert response["Location"] == SETTINGS_URL + "#calendar"
    assert "the old link no longer works" in messages_of(response)[0]
    new_token = profile_values(alice)[2]
    assert new_token != old_token
    assert new_token in alice_client.get(SETTINGS_URL).content.decode()


def test_making_a_new_link_leaves_other_users_links_alone(alice, mallory):
    alices = profile_values(alice)
    other = Client()
    other.force_login(mallory)
    mallorys_token = profile_values(mallory)[2]

    other.post(REGENERATE_URL)

    assert profile_values(alice) == alices
    assert profile_values(mallory)[2] != mallorys_token
