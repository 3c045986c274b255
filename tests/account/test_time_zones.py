"""Time zones: canonical zones only, read from the tz data; old names still work."""

import zoneinfo
from importlib import resources

import pytest
from django.urls import reverse

from interviews.account.forms import time_zone_choices
from interviews.account.zones import canonical_zone, canonical_zones
from interviews.models import Profile, User

from ..conftest import PASSWORD

SETTINGS_URL = reverse("interviews:settings")
SIGNUP_URL = reverse("account_signup")


def listed_zones():
    names = []
    for value, label in time_zone_choices():
        if isinstance(label, (list, tuple)):
            names.extend(name for name, _label in label)
        else:
            names.append(value)
    return names


def zone_tab_names():
    text = resources.files("tzdata").joinpath("zoneinfo", "zone.tab").read_text()
    return {line.split("\t")[2] for line in text.splitlines() if line and not line.startswith("#")}


def test_time_zone_list_leaves_out_aliases_and_oddities():
    names = listed_zones()
    for odd in ["Factory", "Zulu", "localtime", "Europe/Kiev", "Asia/Calcutta", "GB", "EST5EDT"]:
        assert odd not in names, odd
    assert not [name for name in names if name.startswith(("US/", "Etc/", "SystemV/"))]
    assert names[0] == "UTC"
    assert names.count("UTC") == 1
    for wanted in ["Europe/Kyiv", "Europe/London", "America/New_York", "Asia/Kolkata"]:
        assert wanted in names, wanted


def test_time_zone_list_is_every_country_zone_of_the_tz_data():
    assert set(listed_zones()) == zone_tab_names() | {"UTC"}
    assert len(listed_zones()) == len(set(listed_zones()))
    assert set(canonical_zones()) <= zoneinfo.available_timezones()


@pytest.mark.parametrize(
    ("name", "canonical"),
    [
        ("Europe/Kiev", "Europe/Kyiv"),
        ("US/Eastern", "America/New_York"),
        ("Asia/Calcutta", "Asia/Kolkata"),
        ("Zulu", "UTC"),
        ("Etc/UTC", "UTC"),
        ("GB", "Europe/London"),
        ("Europe/Berlin", "Europe/Berlin"),
        ("Etc/GMT+5", None),
        ("Factory", None),
        ("Mars/Olympus_Mons", None),
    ],
)
def test_an_old_name_finds_its_canonical_zone(name, canonical):
    assert canonical_zone(name) == canonical


def test_settings_show_an_old_zone_name_as_its_canonical_zone(alice_client, alice):
    Profile.objects.filter(user=alice).update(time_zone="Europe/Kiev")
    html = alice_client.get(SETTINGS_URL).content.decode()
    assert '<option value="Europe/Kyiv" selected>Europe/Kyiv</option>' in html
    assert 'value="Europe/Kiev"' not in html


def test_settings_accept_an_old_zone_name_and_store_the_canonical_one(alice_client, alice):
    response = alice_client.post(SETTINGS_URL, {"time_zone": "Europe/Kiev", "cool_off_hours": "48"})
    assert response.status_code == 302
    assert Profile.objects.get(user=alice).time_zone == "Europe/Kyiv"


def test_settings_keep_a_valid_zone_the_list_does_not_hold(alice_client, alice):
    Profile.objects.filter(user=alice).update(time_zone="Etc/GMT+5")
    html = alice_client.get(SETTINGS_URL).content.decode()
    assert '<option value="Etc/GMT+5" selected>Etc/GMT+5</option>' in html
    response = alice_client.post(SETTINGS_URL, {"time_zone": "Etc/GMT+5", "cool_off_hours": "24"})
    assert response.status_code == 302
    profile = Profile.objects.get(user=alice)
    assert (profile.time_zone, profile.cool_off_hours) == ("Etc/GMT+5", 24)
    # Another user's odd zone is no choice for anyone else.
    Profile.objects.filter(user=alice).update(time_zone="UTC")
    assert 'value="Etc/GMT+5"' not in alice_client.get(SETTINGS_URL).content.decode()


def signup(client, **extra):
    data = {"email": "new@example.com", "password1": PASSWORD, "password2": PASSWORD}
    data.update(extra)
    return client.post(SIGNUP_URL, data)


def test_sign_up_asks_the_time_zone_and_guesses_none(client, db):
    html = client.get(SIGNUP_URL).content.decode()
    assert 'name="time_zone"' in html
    assert '<option value="" selected>' in html
    assert "js/time_zone_guess.js" in html


def test_sign_up_saves_the_chosen_time_zone(client, db):
    assert signup(client, time_zone="Europe/Berlin").status_code == 302
    assert User.objects.get(email="new@example.com").profile.time_zone == "Europe/Berlin"


def test_sign_up_stores_an_old_zone_name_as_its_canonical_zone(client, db):
    assert signup(client, time_zone="Asia/Calcutta").status_code == 302
    assert User.objects.get(email="new@example.com").profile.time_zone == "Asia/Kolkata"


@pytest.mark.parametrize("time_zone", ["", "Mars/Olympus_Mons", "Factory"])
def test_sign_up_without_a_time_zone_from_the_list_says_so_and_creates_nothing(
    client, db, time_zone
):
    response = signup(client, time_zone=time_zone)
    assert response.status_code == 200
    assert "Choose your time zone from the list." in response.content.decode()
    assert not User.objects.exists()
