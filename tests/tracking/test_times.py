"""Times the clocks skip or repeat: read in the user's zone, explained, and saved as chosen."""

import re
import zoneinfo
from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from interviews.models import Interview
from interviews.tracking.times import read_wall_time

from ..conftest import make_application, make_interview

LONDON = "Europe/London"
NEW_YORK = "America/New_York"
LORD_HOWE = "Australia/Lord_Howe"  # Its clocks move by half an hour.
ZONES = [LONDON, NEW_YORK, LORD_HOWE, "Asia/Kolkata", "UTC"]

# (zone, wall time entered, the valid time offered, its UTC moment)
SKIPPED = [
    (LONDON, "2027-03-28T01:30", "02:30 BST", datetime(2027, 3, 28, 1, 30, tzinfo=UTC)),
    (NEW_YORK, "2027-03-14T02:30", "03:30 EDT", datetime(2027, 3, 14, 7, 30, tzinfo=UTC)),
    (LORD_HOWE, "2027-10-03T02:15", "02:45 +11", datetime(2027, 10, 2, 15, 45, tzinfo=UTC)),
]
# (zone, wall time entered, first label, its UTC moment, second label, its UTC moment)
REPEATED = [
    (
        LONDON,
        "2027-10-31T01:30",
        "01:30 BST (first)",
        datetime(2027, 10, 31, 0, 30, tzinfo=UTC),
        "01:30 GMT (second)",
        datetime(2027, 10, 31, 1, 30, tzinfo=UTC),
    ),
    (
        NEW_YORK,
        "2027-11-07T01:30",
        "01:30 EDT (first)",
        datetime(2027, 11, 7, 5, 30, tzinfo=UTC),
        "01:30 EST (second)",
        datetime(2027, 11, 7, 6, 30, tzinfo=UTC),
    ),
    (
        LORD_HOWE,
        "2027-04-04T01:45",
        "01:45 +11 (first)",
        datetime(2027, 4, 3, 14, 45, tzinfo=UTC),
        "01:45 +1030 (second)",
        datetime(2027, 4, 3, 15, 15, tzinfo=UTC),
    ),
]


def wall(text):
    return datetime.strptime(text, "%Y-%m-%dT%H:%M")


# The pure reading of a wall-clock time


@pytest.mark.parametrize(("zone", "entered", "offered", "moment"), SKIPPED)
def test_a_skipped_time_has_no_moment_and_offers_the_one_after_the_change(
    zone, entered, offered, moment
):
    reading = read_wall_time(wall(entered), zoneinfo.ZoneInfo(zone))
    assert reading.is_gap
    assert reading.change.goes_forward
    assert reading.change.before <= wall(entered) < reading.change.after
    assert reading.shifted.astimezone(UTC) == moment
    assert f"{reading.shifted:%H:%M} {reading.shifted.tzname()}" == offered


@pytest.mark.parametrize(("zone", "entered", "_first", "first", "_second", "second"), REPEATED)
def test_a_repeated_time_has_two_moments_in_order(zone, entered, _first, first, _second, second):
    reading = read_wall_time(wall(entered), zoneinfo.ZoneInfo(zone))
    assert reading.is_fold
    assert not reading.change.goes_forward
    # An aware time in a repeated hour never equals one in another zone, so compare in UTC.
    assert tuple(moment.astimezone(UTC) for moment in reading.moments) == (first, second)


@settings(max_examples=300, deadline=None)
@given(
    zone=st.sampled_from(ZONES),
    moment=st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2035, 12, 31)),
)
def test_every_wall_time_reads_as_the_moments_that_show_it(zone, moment):
    tz = zoneinfo.ZoneInfo(zone)
    entered = moment.replace(second=0, microsecond=0)
    reading = read_wall_time(entered, tz)
    for aware in reading.moments:
        assert aware.astimezone(UTC).astimezone(tz).replace(tzinfo=None) == entered
    if reading.is_gap:
        change = reading.change
        assert change.before <= entered < change.after
        assert reading.shifted.replace(tzinfo=None) == entered + (change.after - change.before)
    if reading.is_fold:
        first, second = reading.moments
        assert first < second
        assert reading.change.after <= entered < reading.change.before


@settings(max_examples=200, deadline=None)
@given(
    zone=st.sampled_from(ZONES),
    moment=st.datetimes(
        min_value=datetime(2020, 1, 1), max_value=datetime(2035, 12, 31), timezones=st.just(UTC)
    ),
)
def test_every_moment_is_among_the_readings_of_its_own_wall_time(zone, moment):
    tz = zoneinfo.ZoneInfo(zone)
    moment = moment.replace(second=0, microsecond=0)
    local = moment.astimezone(tz)
    reading = read_wall_time(local.replace(tzinfo=None), tz)
    assert moment in [aware.astimezone(UTC) for aware in reading.moments]


# The interview form


def url(name, obj):
    return reverse(f"interviews:{name}", args=[obj.pk])


def form_data(**overrides):
    data = {
        "kind": "technical",
        "scheduled_at": "2027-01-15T09:00",
        "duration_minutes": "60",
        "format": "video",
        "interviewers": "",
        "notes": "",
        "rating": "",
        "outcome": "pending",
    }
    data.update(overrides)
    return data


def living_in(user, zone):
    user.profile.time_zone = zone
    user.profile.save()
    return user


@pytest.mark.parametrize(("zone", "entered", "offered", "moment"), SKIPPED)
def test_a_skipped_time_is_explained_and_the_valid_one_offered(
    alice_client, alice, zone, entered, offered, moment
):
    application = make_application(owner=living_in(alice, zone))
    response = alice_client.post(
        url("interview_create", application), form_data(scheduled_at=entered)
    )
    assert response.status_code == 200
    assert not Interview.objects.exists()
    content = response.content.decode()
    assert "does not exist in " + zone in content
    assert "the clocks go forward from" in content
    assert f"Did you mean {offered}?" in content
    assert "couldn’t be interpreted" not in content
    assert "couldn't be interpreted" not in content
    assert 'name="time_choice" value="shifted"' in content
    assert f"{offered}, just after the clocks go forward" in content

    data = form_data(scheduled_at=entered, time_choice="shifted")
    response = alice_client.post(url("interview_create", application), data)
    assert response.status_code == 302
    assert Interview.objects.get().scheduled_at == moment


@pytest.mark.parametrize(
    ("zone", "entered", "first_label", "first", "second_label", "second"), REPEATED
)
def test_a_repeated_time_asks_which_and_saves_the_chosen_one(
    alice_client, alice, zone, entered, first_label, first, second_label, second
):
    application = make_application(owner=living_in(alice, zone))
    response = alice_client.post(
        url("interview_create", application), form_data(scheduled_at=entered)
    )
    assert response.status_code == 200
    assert not Interview.objects.exists()
    content = response.content.decode()
    assert "happens twice in " + zone in content
    assert "the clocks go back from" in content
    assert first_label in content
    assert second_label in content

    for choice, moment in (("first", first), ("second", second)):
        data = form_data(scheduled_at=entered, time_choice=choice)
        response = alice_client.post(url("interview_create", application), data)
        assert response.status_code == 302
        assert Interview.objects.latest("pk").scheduled_at == moment


def test_an_ordinary_time_asks_nothing_and_ignores_a_left_over_answer(alice_client, alice):
    application = make_application(owner=living_in(alice, LONDON))
    form = alice_client.get(url("interview_create", application)).content.decode()
    assert "time_choice" not in form
    data = form_data(scheduled_at="2027-07-01T10:00", time_choice="second")
    assert alice_client.post(url("interview_create", application), data).status_code == 302
    assert Interview.objects.get().scheduled_at == datetime(2027, 7, 1, 9, 0, tzinfo=UTC)


def test_editing_the_second_of_a_repeated_time_keeps_it(alice_client, alice):
    living_in(alice, LONDON)
    second = datetime(2027, 10, 31, 1, 30, tzinfo=UTC)
    interview = make_interview(owner=alice, scheduled_at=second)
    content = alice_client.get(url("interview_update", interview)).content.decode()
    assert 'value="2027-10-31T01:30"' in content
    assert re.search(r'value="second"[^>]*checked', content)
    assert not re.search(r'value="first"[^>]*checked', content)
    data = form_data(scheduled_at="2027-10-31T01:30", time_choice="second", notes="Room 4")
    assert alice_client.post(url("interview_update", interview), data).status_code == 302
    interview.refresh_from_db()
    assert interview.scheduled_at == second
    assert interview.notes == "Room 4"


def test_a_left_over_answer_of_the_wrong_kind_asks_again(alice_client, alice):
    application = make_application(owner=living_in(alice, LONDON))
    data = form_data(scheduled_at="2027-03-28T01:30", time_choice="second")
    response = alice_client.post(url("interview_create", application), data)
    assert response.status_code == 200
    assert not Interview.objects.exists()
    assert "Did you mean 02:30 BST?" in response.content.decode()


def test_the_flash_after_saving_a_repeated_time_names_its_zone(alice_client, alice):
    application = make_application(owner=living_in(alice, LONDON))
    data = form_data(scheduled_at="2027-10-31T01:30", time_choice="second")
    response = alice_client.post(url("interview_create", application), data, follow=True)
    assert "Added the interview on Sun 31 Oct 2027, 01:30 GMT." in response.content.decode()


def test_a_time_in_another_year_carries_its_year_and_this_year_does_not(alice_client, alice):
    application = make_application(owner=alice)
    now = datetime.now(UTC)
    this_year = (now + timedelta(days=1)).replace(hour=9, minute=0)
    if this_year.year != now.year:
        this_year -= timedelta(days=2)
    data = form_data(scheduled_at=this_year.strftime("%Y-%m-%dT%H:%M"))
    content = alice_client.post(
        url("interview_create", application), data, follow=True
    ).content.decode()
    assert f"Added the interview on {this_year:%a} {this_year.day} {this_year:%b}, 09:00" in content
