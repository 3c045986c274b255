"""Letter pages write dates the way the rest of Rebound does: the year only when it is not
this year."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from interviews.models import FollowUpLetter

from ..conftest import make_interview, make_letter


def at_noon(day):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12)))


@pytest.fixture
def today():
    return timezone.localdate()


def pages(letter):
    return [
        reverse("interviews:letter_list"),
        reverse("interviews:letter_detail", args=[letter.pk]),
        reverse("interviews:letter_update", args=[letter.pk]),
        reverse("interviews:letter_create", args=[letter.interview.pk]),
    ]


def test_a_letter_from_this_year_shows_no_year(alice, alice_client, today):
    day = today - dt.timedelta(days=1) if today.day > 1 or today.month > 1 else today
    interview = make_interview(owner=alice, rating=1, scheduled_at=at_noon(day))
    letter = make_letter(interview=interview, status=FollowUpLetter.Status.SENT, sent_on=day)
    for url in pages(letter):
        text = alice_client.get(url).text
        assert f"{day:%B} {day.year}" not in text, url
        assert f"{day:%b} {day.year}" not in text, url
        assert f"{day.day} {day:%b}" in text, url


def test_a_letter_from_another_year_shows_its_year(alice, alice_client, today):
    day = today.replace(year=today.year - 1, day=min(today.day, 28))
    interview = make_interview(owner=alice, rating=1, scheduled_at=at_noon(day))
    letter = make_letter(interview=interview, status=FollowUpLetter.Status.SENT, sent_on=day)
    for url in pages(letter):
        text = alice_client.get(url).text
        assert str(day.year) in text, url
