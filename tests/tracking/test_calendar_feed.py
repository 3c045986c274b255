"""The private calendar feed: the secret link is the only key, and the events are right."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from interviews.models import Interview, Profile

from ..conftest import QUERY_BUDGET, make_application, make_interview

BERLIN = ZoneInfo("Europe/Berlin")


def feed_url(user):
    return reverse("interviews:calendar_feed", args=[Profile.objects.get(user=user).calendar_token])


def events_of(response):
    return Calendar.from_ical(response.content).walk("VEVENT")


@pytest.fixture
def alices_interviews(alice):
    northwind = make_application(owner=alice, company="Northwind", role="Backend developer")
    contoso = make_application(owner=alice, company="Contoso", role="Data analyst")
    technical = make_interview(
        application=northwind,
        kind=Interview.Kind.TECHNICAL,
        scheduled_at=datetime(2026, 3, 5, 15, 30, tzinfo=BERLIN),
        duration_minutes=45,
        interviewers="Sam Rivera, Ana Costa",
    )
    screen = make_interview(
        application=contoso,
        kind=Interview.Kind.PHONE_SCREEN,
        scheduled_at=datetime(2026, 7, 1, 9, 0, tzinfo=UTC),
        duration_minutes=30,
        format=Interview.Format.PHONE,
    )
    return technical, screen


def test_anonymous_calendar_app_reads_the_feed_with_the_right_token(client, alice):
    make_interview(owner=alice)

    response = client.get(feed_url(alice))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= cache_control
    assert len(events_of(response)) == 1


def test_feed_has_one_event_per_interview_with_utc_times_uids_and_details(
    client, alice, alices_interviews
):
    technical, screen = alices_interviews

    calendar = Calendar.from_ical(client.get(feed_url(alice)).content)
    events = {str(event["UID"]): event for event in calendar.walk("VEVENT")}

    assert calendar["VERSION"] == "2.0"
    assert set(events) == {f"interview-{technical.pk}@rebound", f"interview-{screen.pk}@rebound"}
    first = events[f"interview-{technical.pk}@rebound"]
    # 15:30 in Berlin in March (CET, UTC+1) is 14:30 UTC.
    assert first.decoded("DTSTART") == datetime(2026, 3, 5, 14, 30, tzinfo=UTC)
    assert first.decoded("DTEND") == datetime(2026, 3, 5, 15, 15, tzinfo=UTC)
    assert first.decoded("DTSTART").tzinfo.utcoffset(None) == timedelta(0)
    assert str(first["SUMMARY"]) == "Technical interview — Northwind"
    assert str(first["DESCRIPTION"]) == (
        "Role: Backend developer\nInterviewers: Sam Rivera, Ana Costa\nFormat: Video"
    )
    assert first.decoded("DTSTAMP") == technical.updated_at.astimezone(UTC).replace(microsecond=0)
    assert str(first["URL"]) == f"http://testserver{technical.get_absolute_url()}"
    second = events[f"interview-{screen.pk}@rebound"]
    assert str(second["SUMMARY"]) == "Phone screen — Contoso"
    assert second.decoded("DTEND") == datetime(2026, 7, 1, 9, 30, tzinfo=UTC)
    assert str(second["DESCRIPTION"]) == "Role: Data analyst\nFormat: Phone"


def test_uids_stay_the_same_from_one_fetch_to_the_next(client, alice, alices_interviews):
    def uids():
        return [str(event["UID"]) for event in events_of(client.get(feed_url(alice)))]

    assert uids() == uids()


def test_feed_shows_only_the_token_owners_interviews(client, alice, mallory, alices_interviews):
    make_interview(owner=mallory, application=make_application(owner=mallory, company="Globex"))

    mallorys = events_of(client.get(feed_url(mallory)))
    alices = events_of(client.get(feed_url(alice)))

    assert [str(event["SUMMARY"]) for event in mallorys] == ["Technical interview — Globex"]
    assert len(alices) == 2
    assert all("Globex" not in str(event["SUMMARY"]) for event in alices)


def test_signed_in_user_gets_the_feed_of_the_token_not_their_own(
    mallory_client, alice, alices_interviews
):
    response = mallory_client.get(feed_url(alice))

    assert {str(event["SUMMARY"]) for event in events_of(response)} == {
        "Technical interview — Northwind",
        "Phone screen — Contoso",
    }


def test_user_without_interviews_gets_an_empty_calendar(client, alice):
    response = client.get(feed_url(alice))

    assert response.status_code == 200
    assert events_of(response) == []


@pytest.mark.parametrize("token", ["x", "not-a-real-token", "A" * 43])
def test_unknown_token_is_404(client, alice, token):
    response = client.get(reverse("interviews:calendar_feed", args=[token]))

    assert response.status_code == 404


def test_regenerating_the_link_makes_the_old_one_404(alice, alices_interviews):
    owner = Client()
    owner.force_login(alice)
    old_url = feed_url(alice)
    assert Client().get(old_url).status_code == 200

    owner.post(reverse("interviews:calendar_regenerate"))

    assert Client().get(old_url).status_code == 404
    assert len(events_of(Client().get(feed_url(alice)))) == 2


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_wrong_method_is_refused(client, alice, method):
    assert getattr(client, method)(feed_url(alice)).status_code == 405


def test_head_request_is_allowed_for_calendar_apps(client, alice):
    assert client.head(feed_url(alice)).status_code == 200


def test_feed_costs_the_same_queries_for_one_interview_and_fifty(
    client, alice, django_assert_max_num_queries, django_assert_num_queries
):
    application = make_application(owner=alice)
    make_interview(application=application)
    url = feed_url(alice)
    with django_assert_max_num_queries(QUERY_BUDGET) as one:
        assert client.get(url).status_code == 200
    for _ in range(49):
        make_interview(application=application)

    with django_assert_num_queries(len(one)):
        response = client.get(url)

    assert len(events_of(response)) == 50


def test_each_interview_event_has_an_alarm_an_hour_before(client, alice, alices_interviews):
    for event in events_of(client.get(feed_url(alice))):
        (alarm,) = event.walk("VALARM")
        assert str(alarm["ACTION"]) == "DISPLAY"
        assert alarm.decoded("TRIGGER") == -timedelta(hours=1)
        assert str(alarm["DESCRIPTION"]) == str(event["SUMMARY"])


def test_a_bad_interview_adds_an_event_where_its_cool_off_ends(client, alice):
    alice.profile.cool_off_hours = 48
    alice.profile.save()
    northwind = make_application(owner=alice, company="Northwind")
    bad = make_interview(
        application=northwind,
        scheduled_at=datetime(2026, 3, 5, 14, 0, tzinfo=UTC),
        duration_minutes=60,
        rating=1,
    )
    make_interview(application=northwind, scheduled_at=datetime(2026, 3, 9, 9, 0, tzinfo=UTC))

    events = {str(e["UID"]): e for e in events_of(client.get(feed_url(alice)))}

    assert len(events) == 3
    ends = events[f"cool-off-{bad.pk}@rebound"]
    assert ends.decoded("DTSTART") == datetime(2026, 3, 7, 15, 0, tzinfo=UTC)
    assert ends.decoded("DTEND") == datetime(2026, 3, 7, 15, 0, tzinfo=UTC) + timedelta(minutes=15)
    assert str(ends["SUMMARY"]) == "Cool-off ends — Northwind"
    # A marker, not a meeting: it does not make the person look busy.
    assert str(ends["TRANSP"]) == "TRANSPARENT"
    assert str(ends["URL"]) == f"http://testserver{bad.get_absolute_url()}"
    assert ends.walk("VALARM") == []


def test_cool_off_events_cost_no_extra_queries(
    client, alice, django_assert_max_num_queries, django_assert_num_queries
):
    application = make_application(owner=alice)
    make_interview(application=application, rating=1)
    url = feed_url(alice)
    with django_assert_max_num_queries(QUERY_BUDGET) as one:
        assert client.get(url).status_code == 200
    for _ in range(20):
        make_interview(application=application, rating=2)

    with django_assert_num_queries(len(one)):
        response = client.get(url)

    assert len(events_of(response)) == 42
