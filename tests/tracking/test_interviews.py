"""Interviews: booking, time zones, how it went, cool-off windows and next steps."""

import zoneinfo
from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from interviews.models import Interview

from ..conftest import make_application, make_interview, make_reflection

NEW_YORK = zoneinfo.ZoneInfo("America/New_York")


def url(name, obj):
    return reverse(f"interviews:{name}", args=[obj.pk])


def form_data(**overrides):
    data = {
        "kind": "technical",
        "scheduled_at": "2026-01-15T09:00",
        "duration_minutes": "60",
        "format": "video",
        "interviewers": "Sam Rivera",
        "notes": "",
        "rating": "",
        "outcome": "pending",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def local_input(moment):
    """Return a moment as the browser's datetime-local value in the active (UTC) zone."""
    return timezone.localtime(moment, UTC).strftime("%Y-%m-%dT%H:%M")


@pytest.fixture
def new_yorker(alice):
    alice.profile.time_zone = "America/New_York"
    alice.profile.save()
    return alice


# Booking


def test_owner_adds_an_interview_and_the_application_moves_to_interviewing(alice_client, alice):
    application = make_application(owner=alice, status="applied")
    response = alice_client.post(url("interview_create", application), form_data())
    interview = Interview.objects.get()
    assert interview.application == application
    assert response["Location"] == interview.get_absolute_url()
    application.refresh_from_db()
    assert application.status == "interviewing"


def test_adding_an_interview_leaves_a_later_status_alone(alice_client, alice):
    application = make_application(owner=alice, status="offer")
    alice_client.post(url("interview_create", application), form_data())
    application.refresh_from_db()
    assert application.status == "offer"


def test_interview_form_for_another_users_application_is_404(mallory_client, alice):
    application = make_application(owner=alice)
    assert mallory_client.get(url("interview_create", application)).status_code == 404
    assert mallory_client.put(url("interview_create", application)).status_code == 404
    assert mallory_client.post(url("interview_create", application), form_data()).status_code == (
        404
    )
    assert not Interview.objects.exists()


# Time zones


@pytest.mark.parametrize(
    ("entered", "stored_utc"),
    [
        ("2026-01-15T09:00", datetime(2026, 1, 15, 14, 0, tzinfo=UTC)),
        ("2026-07-15T09:00", datetime(2026, 7, 15, 13, 0, tzinfo=UTC)),
    ],
    ids=["winter", "summer"],
)
def test_time_is_entered_and_shown_in_the_users_zone(alice_client, new_yorker, entered, stored_utc):
    application = make_application(owner=new_yorker)
    alice_client.post(url("interview_create", application), form_data(scheduled_at=entered))
    interview = Interview.objects.get()
    assert interview.scheduled_at == stored_utc

    edit = alice_client.get(url("interview_update", interview)).content.decode()
    assert f'value="{entered}"' in edit
    assert "America/New_York" in edit
    detail = alice_client.get(url("interview_detail", interview)).content.decode()
    assert ", 09:00</time>" in detail
    assert ", 14:00</time>" not in detail
    assert ", 13:00</time>" not in detail


def test_editing_keeps_the_time_in_the_users_zone(alice_client, new_yorker):
    interview = make_interview(
        owner=new_yorker, scheduled_at=datetime(2026, 1, 15, 14, 0, tzinfo=UTC)
    )
    alice_client.post(
        url("interview_update", interview), form_data(scheduled_at="2026-01-15T10:30")
    )
    interview.refresh_from_db()
    assert interview.scheduled_at == datetime(2026, 1, 15, 15, 30, tzinfo=UTC)


# How it went, cool-off and next steps


@pytest.mark.parametrize("rating", ["1", "2"])
def test_rating_it_badly_shows_the_cool_off_end_and_next_steps(alice_client, new_yorker, rating):
    start = timezone.now() - timedelta(hours=2)
    interview = make_interview(owner=new_yorker, scheduled_at=start)
    response = alice_client.post(
        url("interview_update", interview),
        form_data(
            scheduled_at=timezone.localtime(start, NEW_YORK).strftime("%Y-%m-%dT%H:%M"),
            rating=rating,
        ),
        follow=True,
    )
    content = response.content.decode()
    interview.refresh_from_db()
    assert interview.rating == int(rating)
    until = (interview.ends_at + timedelta(hours=48)).astimezone(NEW_YORK)
    assert f"Cooling off until {until.strftime('%a %-d %b, %H:%M')}" in content
    assert reverse("interviews:reflect", args=[interview.pk]) in content
    assert "Reflect on this interview" in content
    assert reverse("interviews:letter_create", args=[interview.pk]) in content
    assert "Thank you for being honest about how it went." in content
    assert content.count('<li class="recovery-step') == 6


def test_marking_it_bad_starts_the_road_back_whatever_the_rating(alice_client, alice):
    interview = make_interview(owner=alice)
    alice_client.post(
        url("interview_update", interview),
        form_data(scheduled_at=local_input(interview.scheduled_at), rating="4", marked_bad="on"),
    )
    content = alice_client.get(url("interview_detail", interview)).content.decode()
    assert reverse("interviews:reflect", args=[interview.pk]) in content
    # It was three days ago: the window closed before it was logged, so it goes unmentioned.
    assert "Cooling off until" not in content
    assert "Your cool-off time ended on" not in content
    assert "Road back: stage 2 of 6, Cooled off" in content


def test_a_good_interview_offers_no_reflection(alice_client, alice):
    interview = make_interview(owner=alice, rating=4)
    content = alice_client.get(url("interview_detail", interview)).content.decode()
    assert reverse("interviews:reflect", args=[interview.pk]) not in content
    assert "Your road back" not in content


def test_an_unrated_past_interview_asks_how_it_went(alice_client, alice):
    interview = make_interview(owner=alice)
    content = alice_client.get(url("interview_detail", interview)).content.decode()
    assert "Say how it went" in content


def test_recovery_bar_shows_the_stage_reached(alice_client, alice):
    interview = make_interview(owner=alice, rating=1)
    make_reflection(interview=interview, follow_up="none")
    content = alice_client.get(url("interview_detail", interview)).content.decode()
    assert "Road back: stage 5 of 6, Followed up" in content
    assert "Read your reflection" in content


def test_booking_inside_a_cool_off_window_warns_gently_but_saves(alice_client, alice):
    bad = make_interview(owner=alice, rating=1, scheduled_at=timezone.now() - timedelta(hours=3))
    soon = timezone.now() + timedelta(hours=20)
    response = alice_client.post(
        url("interview_create", bad.application),
        form_data(scheduled_at=local_input(soon)),
        follow=True,
    )
    assert Interview.objects.count() == 2
    content = response.content.decode()
    assert "A gentle heads-up" in content
    assert "inside your cool-off time after the technical interview at Northwind" in content
    assert 'class="alert alert-warning"' in content


@pytest.mark.parametrize("how", ["create", "update"])
def test_logging_a_bad_interview_after_its_window_speaks_of_it_in_the_past(
    alice_client, alice, how
):
    five_days_ago = timezone.now() - timedelta(days=5)
    data = form_data(scheduled_at=local_input(five_days_ago), rating="2")
    if how == "create":
        application = make_application(owner=alice)
        response = alice_client.post(url("interview_create", application), data, follow=True)
    else:
        interview = make_interview(owner=alice, scheduled_at=five_days_ago)
        response = alice_client.post(url("interview_update", interview), data, follow=True)
    content = response.content.decode()
    assert Interview.objects.get().rating == 2
    assert "runs until" not in content
    assert "Thank you for being honest about how it went." in content
    assert "cool-off time has already passed" in content


def test_a_bad_interview_logged_inside_its_window_says_when_it_ends(alice_client, alice):
    interview = make_interview(owner=alice, scheduled_at=timezone.now() - timedelta(hours=2))
    response = alice_client.post(
        url("interview_update", interview),
        form_data(scheduled_at=local_input(interview.scheduled_at), rating="1"),
        follow=True,
    )
    assert "your cool-off runs until" in response.content.decode()


def test_logging_a_past_interview_inside_a_window_long_gone_does_not_warn(alice_client, alice):
    bad = make_interview(owner=alice, rating=1, scheduled_at=timezone.now() - timedelta(days=9))
    inside = bad.scheduled_at + timedelta(hours=20)
    response = alice_client.post(
        url("interview_create", bad.application),
        form_data(scheduled_at=local_input(inside)),
        follow=True,
    )
    assert Interview.objects.count() == 2
    assert b"A gentle heads-up" not in response.content
    assert b"runs until" not in response.content


def test_booking_after_the_cool_off_window_does_not_warn(alice_client, alice):
    bad = make_interview(owner=alice, rating=1, scheduled_at=timezone.now() - timedelta(hours=3))
    later = timezone.now() + timedelta(days=5)
    response = alice_client.post(
        url("interview_create", bad.application),
        form_data(scheduled_at=local_input(later)),
        follow=True,
    )
    assert Interview.objects.count() == 2
    assert b"A gentle heads-up" not in response.content
    assert b"cool-off time after" not in response.content


def test_another_users_bad_interview_does_not_warn(alice_client, alice, mallory):
    make_interview(owner=mallory, rating=1, scheduled_at=timezone.now() - timedelta(hours=3))
    application = make_application(owner=alice)
    response = alice_client.post(
        url("interview_create", application),
        form_data(scheduled_at=local_input(timezone.now() + timedelta(hours=20))),
        follow=True,
    )
    assert b"A gentle heads-up" not in response.content


# Bad input


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"scheduled_at": ""}, "scheduled_at", "Choose the date and time of the interview."),
        ({"scheduled_at": "next Tuesday"}, "scheduled_at", "Enter a date and time"),
        ({"duration_minutes": "4"}, "duration_minutes", "at least 5 minutes"),
        ({"duration_minutes": "721"}, "duration_minutes", "at most 720 minutes"),
        ({"rating": "6"}, "rating", "Choose a rating from 1 to 5."),
        ({"rating": "0"}, "rating", "Choose a rating from 1 to 5."),
        (
            {"scheduled_at": "9999-12-31T23:00", "duration_minutes": "720"},
            "scheduled_at",
            "Choose a date between 1970 and 2100.",
        ),
        ({"scheduled_at": "1969-12-31T09:00"}, "scheduled_at", "between 1970 and 2100"),
    ],
)
def test_bad_interview_input_comes_back_with_errors_and_saves_nothing(
    alice_client, alice, overrides, field, message
):
    application = make_application(owner=alice)
    response = alice_client.post(
        url("interview_create", application), form_data(interviewers="Priya", **overrides)
    )
    assert response.status_code == 200
    assert field in response.context["form"].errors
    content = response.content.decode()
    assert message in content
    assert 'value="Priya"' in content
    assert "nothing has been saved yet" in content
    assert not Interview.objects.exists()


def test_a_future_interview_cannot_be_rated_yet(alice_client, alice):
    application = make_application(owner=alice)
    future = local_input(timezone.now() + timedelta(days=2))
    response = alice_client.post(
        url("interview_create", application),
        form_data(scheduled_at=future, rating="1", marked_bad="on"),
    )
    errors = response.context["form"].errors
    assert "rating" in errors
    assert "marked_bad" in errors
    assert not Interview.objects.exists()


def test_bad_edit_leaves_the_interview_as_it_was(alice_client, alice):
    interview = make_interview(owner=alice, duration_minutes=45)
    response = alice_client.post(
        url("interview_update", interview),
        form_data(scheduled_at=local_input(interview.scheduled_at), duration_minutes="0"),
    )
    assert response.status_code == 200
    interview.refresh_from_db()
    assert interview.duration_minutes == 45


# Deleting


def test_delete_asks_first_then_returns_to_the_application(alice_client, alice):
    interview = make_interview(owner=alice)
    page = alice_client.get(url("interview_delete", interview))
    assert b"Yes, delete it" in page.content
    assert Interview.objects.filter(pk=interview.pk).exists()
    response = alice_client.post(url("interview_delete", interview))
    assert response["Location"] == interview.application.get_absolute_url()
    assert not Interview.objects.filter(pk=interview.pk).exists()


# Access rules for every view


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("interview_detail", "get"),
        ("interview_detail", "post"),
        ("interview_update", "get"),
        ("interview_update", "post"),
        ("interview_delete", "get"),
        ("interview_delete", "post"),
    ],
)
def test_other_users_interview_is_404_and_unchanged(mallory_client, alice, name, method):
    interview = make_interview(owner=alice, duration_minutes=45)
    data = form_data(duration_minutes="90", rating="1")
    response = getattr(mallory_client, method)(url(name, interview), data)
    assert response.status_code == 404
    interview.refresh_from_db()
    assert (interview.duration_minutes, interview.rating) == (45, None)


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("interview_create", "put"),
        ("interview_detail", "post"),
        ("interview_update", "delete"),
        ("interview_delete", "put"),
    ],
)
def test_wrong_method_is_405(alice_client, alice, name, method):
    interview = make_interview(owner=alice)
    target = interview.application if name == "interview_create" else interview
    assert getattr(alice_client, method)(url(name, target)).status_code == 405
    assert Interview.objects.count() == 1
