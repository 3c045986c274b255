"""An application's history page: its timeline, a change recorded by hand, archiving, the CSV."""

import csv
import io
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from interviews.models import Application, StatusChange
from interviews.tracking.csv_export import HISTORY_COLUMNS
from interviews.tracking.history import merge_timeline

from ..conftest import (
    QUERY_BUDGET,
    logged_in,
    make_application,
    make_interview,
    make_letter,
    make_user,
)

BERLIN = ZoneInfo("Europe/Berlin")


def history_url(application):
    return reverse("interviews:application_history", args=[application.pk])


def archive_url(application):
    return reverse("interviews:application_archive", args=[application.pk])


def entries(application):
    return list(StatusChange.objects.filter(application=application))


@pytest.fixture
def berliner(db):
    """A user whose clock is Berlin's, so local days and UTC days can differ."""
    return make_user("berlin@example.com", time_zone="Europe/Berlin")


@pytest.fixture
def an_application(alice):
    application = make_application(owner=alice, status=Application.Status.WISHLIST)
    # Added three weeks ago, so a back-dated change has room.
    added = timezone.now() - timedelta(days=21)
    Application.objects.filter(pk=application.pk).update(created_at=added)
    StatusChange.objects.filter(application=application).update(changed_at=added)
    return Application.objects.get(pk=application.pk)


def days_ago(days, zone=None):
    return timezone.localdate(timezone.now(), zone) - timedelta(days=days)


# The timeline


def test_the_owner_sees_status_changes_interviews_and_letters_in_date_order(alice, an_application):
    interview = make_interview(
        application=an_application, scheduled_at=timezone.now() - timedelta(days=5)
    )
    make_letter(
        interview=interview, status="sent", sent_on=timezone.localdate() - timedelta(days=4)
    )
    an_application.status = Application.Status.APPLIED
    an_application.status_changed_at = timezone.now() - timedelta(days=10)
    an_application.status_note = "Through their careers page"
    an_application.save()

    response = logged_in(alice).get(history_url(an_application))

    assert response.status_code == 200
    kinds = [entry.kind for entry in response.context["timeline"]]
    # Added 21 days ago, applied 10 days ago, interview 5 days ago, letter 4 days ago.
    assert kinds == ["status", "status", "interview", "letter"]
    html = response.content.decode()
    assert "Through their careers page" in html
    assert "Thank-you letter sent" in html


def test_merge_timeline_orders_a_letter_sent_on_a_day_by_that_day(alice, an_application):
    interview = make_interview(
        application=an_application, scheduled_at=timezone.now() - timedelta(days=2)
    )
    make_letter(
        interview=interview, status="sent", sent_on=timezone.localdate() - timedelta(days=9)
    )
    interview = type(interview).objects.prefetch_related("letters").get(pk=interview.pk)
    timeline = merge_timeline(entries(an_application), [interview])
    assert [entry.kind for entry in timeline] == ["status", "letter", "interview"]


def test_the_timeline_takes_the_same_queries_for_one_change_or_many(alice, an_application):
    make_letter(interview=make_interview(application=an_application))
    client = logged_in(alice)
    client.get(history_url(an_application))  # warm the session and profile
    with CaptureQueriesContext(connection) as one:
        client.get(history_url(an_application))
    for days, status in enumerate(["applied", "interviewing", "offer", "rejected"] * 5, start=1):
        an_application.status = status
        an_application.status_changed_at = timezone.now() - timedelta(days=20 - days)
        an_application.save()
        interview = make_interview(application=an_application)
        make_letter(interview=interview)
    with CaptureQueriesContext(connection) as many:
        response = client.get(history_url(an_application))
    assert len(response.context["timeline"]) > 40
    assert len(many) == len(one) <= QUERY_BUDGET


def test_an_anonymous_visitor_is_sent_to_log_in(client, an_application):
    response = client.get(history_url(an_application))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("method", ["get", "post"])
def test_another_users_application_history_is_404_and_records_nothing(
    mallory_client, an_application, method
):
    before = entries(an_application)
    response = getattr(mallory_client, method)(
        history_url(an_application), {"status": "rejected", "on": str(days_ago(1))}
    )
    assert response.status_code == 404
    assert entries(an_application) == before


def test_the_history_page_refuses_other_methods(alice, an_application):
    assert logged_in(alice).put(history_url(an_application)).status_code == 405


# Recording a change by hand


def record(client, application, **data):
    return client.post(history_url(application), {"status": "applied", "note": "", **data})


def test_a_back_dated_change_is_recorded_on_that_day_and_sets_the_status(berliner):
    application = make_application(owner=berliner, status=Application.Status.WISHLIST)
    Application.objects.filter(pk=application.pk).update(
        created_at=timezone.now() - timedelta(days=30)
    )
    day = days_ago(7, BERLIN)

    response = record(
        logged_in(berliner), application, on=str(day), at="", note="Applied on their site"
    )

    assert response.status_code == 302
    assert response["Location"] == history_url(application)
    application.refresh_from_db()
    assert application.status == Application.Status.APPLIED
    change = StatusChange.objects.get(application=application, to_status="applied")
    assert (change.from_status, change.to_status) == ("wishlist", "applied")
    assert change.note == "Applied on their site"
    # A day without a time is that day's midday on the user's own clock.
    assert change.changed_at == datetime.combine(day, datetime.min.time().replace(hour=12), BERLIN)


def test_a_given_time_is_read_on_the_users_clock(berliner):
    application = make_application(owner=berliner, status=Application.Status.APPLIED)
    Application.objects.filter(pk=application.pk).update(
        created_at=timezone.now() - timedelta(days=30)
    )
    day = days_ago(3, BERLIN)
    record(logged_in(berliner), application, status="rejected", on=str(day), at="08:15")
    change = StatusChange.objects.get(application=application, to_status="rejected")
    assert timezone.localtime(change.changed_at, BERLIN).replace(tzinfo=None) == datetime(
        day.year, day.month, day.day, 8, 15
    )


def test_a_note_about_the_current_status_is_recorded_without_moving_it(alice, an_application):
    response = record(
        logged_in(alice), an_application, status="wishlist", on=str(days_ago(2)), note="Still keen"
    )
    assert response.status_code == 302
    an_application.refresh_from_db()
    assert an_application.status == Application.Status.WISHLIST
    last = StatusChange.objects.filter(application=an_application).order_by("-pk").first()
    assert (last.from_status, last.to_status, last.note) == ("wishlist", "wishlist", "Still keen")
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("Added to the history" in text for text in messages)


def test_a_change_recorded_today_without_a_time_is_dated_now(alice, an_application):
    record(logged_in(alice), an_application, on=str(timezone.localdate()))
    change = StatusChange.objects.get(application=an_application, to_status="applied")
    assert timezone.now() - change.changed_at < timedelta(minutes=1)


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"on": "FUTURE"}, "on", "This date is in the future. Give the day it happened."),
        ({"on": "BEFORE"}, "on", "This is before the application began"),
        ({"on": ""}, "on", "Give the day it happened."),
        ({"on": "3rd of March"}, "on", "Give the day as a date, e.g. 2026-03-03."),
        ({"on": "0001-01-01"}, "on", "Choose a date between"),
        ({"on": "TODAY", "at": "25:99"}, "at", "Give the time as hours and minutes"),
        ({"on": "TODAY", "status": "sacked"}, "status", "Select a valid choice"),
        ({"on": "TODAY", "note": "x" * 1001}, "note", "at most 1000 characters"),
    ],
)
def test_a_change_that_cannot_be_right_is_refused_with_a_clear_message_and_nothing_saved(
    alice, an_application, data, field, message
):
    days = {"FUTURE": -2, "BEFORE": 30, "TODAY": 0}
    data = {
        key: str(days_ago(days[value])) if value in days else value for key, value in data.items()
    }
    before = entries(an_application)

    response = record(logged_in(alice), an_application, **data)

    assert response.status_code == 200
    errors = response.context["form"].errors[field]
    assert any(message in error for error in errors), errors
    assert message.split("(")[0] in response.content.decode().replace("&#x27;", "'")
    assert entries(an_application) == before
    an_application.refresh_from_db()
    assert an_application.status == Application.Status.WISHLIST


def test_a_time_later_today_is_in_the_future(alice, an_application):
    later = timezone.localtime() + timedelta(hours=2)
    if later.date() != timezone.localdate():
        pytest.skip("two hours from now is tomorrow")
    response = record(
        logged_in(alice), an_application, on=str(later.date()), at=later.strftime("%H:%M")
    )
    assert "in the future" in str(response.context["form"].errors["on"])


# Archiving


def test_the_owner_archives_and_brings_back_an_application(alice, an_application):
    client = logged_in(alice)
    response = client.post(archive_url(an_application), {"archived": "1"})
    assert response.status_code == 302
    assert response["Location"] == an_application.get_absolute_url()
    an_application.refresh_from_db()
    assert an_application.archived
    client.post(archive_url(an_application), {"archived": ""})
    an_application.refresh_from_db()
    assert not an_application.archived


def test_archiving_takes_only_post_and_only_the_owners(alice, mallory_client, an_application):
    assert logged_in(alice).get(archive_url(an_application)).status_code == 405
    assert mallory_client.post(archive_url(an_application), {"archived": "1"}).status_code == 404
    an_application.refresh_from_db()
    assert not an_application.archived


# The history CSV


HISTORY_EXPORT = reverse("interviews:history_export")


def test_the_history_csv_has_one_row_per_change_with_times_on_the_users_clock(berliner, mallory):
    application = make_application(owner=berliner, company="Contoso", role="Analyst")
    Application.objects.filter(pk=application.pk).update(
        created_at=timezone.now() - timedelta(days=30)
    )
    StatusChange.objects.filter(application=application).update(
        changed_at=datetime(2026, 1, 5, 23, 30, tzinfo=ZoneInfo("UTC"))
    )
    application.refresh_from_db()
    application.status = Application.Status.REJECTED
    application.status_changed_at = datetime(2026, 1, 20, 9, 0, tzinfo=BERLIN)
    application.status_note = "=HYPERLINK(bad)"
    application.save()
    make_application(owner=mallory, company="Not hers")

    response = logged_in(berliner).get(HISTORY_EXPORT)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="rebound-history-' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert tuple(rows[0]) == HISTORY_COLUMNS
    assert rows[1:] == [
        ["Contoso", "Analyst", "", "Interviewing", "2026-01-06T00:30+01:00", ""],
        ["Contoso", "Analyst", "Interviewing", "Rejected", "2026-01-20T09:00+01:00",
         "'=HYPERLINK(bad)"],
    ]  # fmt: skip


def test_the_history_csv_is_linked_beside_the_other_csv_downloads(alice):
    response = logged_in(alice).get(reverse("interviews:settings"))
    assert HISTORY_EXPORT in response.content.decode()


def test_the_history_csv_takes_only_get(alice):
    assert logged_in(alice).post(HISTORY_EXPORT).status_code == 405


def test_a_date_only_moment_is_midday(alice):
    from interviews.tracking.history_forms import moment_of

    with timezone.override(BERLIN):
        assert moment_of(date(2026, 3, 3)) == datetime(2026, 3, 3, 12, tzinfo=BERLIN)
        # 02:30 on 29 March 2026 does not exist in Berlin: the clocks jump to 03:00.
        skipped = moment_of(date(2026, 3, 29), datetime(2026, 3, 29, 2, 30).time())
        assert timezone.localtime(skipped, BERLIN).hour == 3
