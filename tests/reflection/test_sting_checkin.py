"""The sting check-in: one tap on day 3 and day 14, its reminder, its prompt and its lines."""

import zoneinfo
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from interviews.account import tasks
from interviews.account.today import today_reminders
from interviews.dashboard.charts import sting_chart
from interviews.models import Interview, Reminder, StingCheck
from interviews.reflection import checkin, sting

from ..account.test_reminders import queued
from ..conftest import logged_in, make_interview, make_reflection, make_user

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


def bad(owner, days_ago=4, **overrides):
    when = timezone.now() - timedelta(days=days_ago)
    return make_interview(owner=owner, scheduled_at=when, rating=1, **overrides)


def url(interview):
    return reverse("interviews:sting_check", args=[interview.pk])


# --- The page -----------------------------------------------------------------------------


def test_the_page_asks_with_eleven_buttons_while_day_three_is_open(alice, alice_client):
    interview = bad(alice)
    page = alice_client.get(url(interview)).content.decode()
    assert "How big does it feel now?" in page
    for number in range(11):
        assert f'name="intensity" value="{number}"' in page


def test_one_tap_records_the_open_day_and_goes_back_to_the_interview(alice, alice_client):
    interview = bad(alice)
    response = alice_client.post(url(interview), {"intensity": "4", "note": "Smaller now."})
    assert response.status_code == 302
    assert response["Location"] == interview.get_absolute_url()
    check = StingCheck.objects.get(interview=interview)
    assert (check.day, check.intensity, check.note) == (3, 4, "Smaller now.")


def test_the_server_picks_the_day_so_day_fourteen_is_recorded_on_day_fifteen(alice, alice_client):
    interview = bad(alice, days_ago=15)
    alice_client.post(url(interview), {"intensity": "2", "day": "3"})
    assert StingCheck.objects.get(interview=interview).day == 14


def test_a_second_answer_the_same_window_replaces_the_first(alice, alice_client):
    interview = bad(alice)
    alice_client.post(url(interview), {"intensity": "7"})
    alice_client.post(url(interview), {"intensity": "5"})
    assert list(StingCheck.objects.values_list("intensity", flat=True)) == [5]


def test_from_the_dashboard_the_answer_goes_back_there_and_nowhere_else(alice, alice_client):
    interview = bad(alice)
    response = alice_client.post(url(interview), {"intensity": "3", "back": "dashboard"})
    assert response["Location"] == reverse("interviews:dashboard")
    response = alice_client.post(url(interview), {"intensity": "3", "back": "https://evil.test/"})
    assert response["Location"] == interview.get_absolute_url()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"intensity": "11"}, "Choose a number from 0 to 10."),
        ({"intensity": "-1"}, "Choose a number from 0 to 10."),
        ({"intensity": "many"}, "Choose a number from 0 to 10."),
        ({}, "Choose a number from 0 to 10."),
        ({"intensity": "3", "note": "x" * 301}, "Keep it to 300 characters."),
    ],
)
def test_a_bad_answer_is_refused_with_a_clear_message_and_saves_nothing(
    alice, alice_client, data, message
):
    interview = bad(alice)
    response = alice_client.post(url(interview), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not StingCheck.objects.exists()


@pytest.mark.parametrize("days_ago", [1, 2, 28, 40])
def test_outside_the_windows_nothing_is_asked_and_nothing_saved(alice, alice_client, days_ago):
    interview = bad(alice, days_ago=days_ago)
    assert "no check-in open" in alice_client.get(url(interview)).content.decode()
    response = alice_client.post(url(interview), {"intensity": "3"})
    assert response.status_code == 400
    assert "This check-in has closed" in response.content.decode()
    assert not StingCheck.objects.exists()


def test_an_interview_that_went_well_has_no_check_in(alice, alice_client):
    interview = make_interview(
        owner=alice, scheduled_at=timezone.now() - timedelta(days=4), rating=4
    )
    assert alice_client.post(url(interview), {"intensity": "3"}).status_code == 400
    assert not StingCheck.objects.exists()


def test_another_persons_interview_is_not_found(alice, mallory):
    interview = bad(alice)
    assert logged_in(mallory).post(url(interview), {"intensity": "3"}).status_code == 404
    assert not StingCheck.objects.exists()


# --- Which check-ins are open --------------------------------------------------------------


@pytest.mark.parametrize(
    ("days_ago", "day"), [(2, None), (3, 3), (13, 3), (14, 14), (27, 14), (28, None)]
)
def test_open_check_ins_follow_the_windows(alice, days_ago, day):
    interview = bad(alice, days_ago=days_ago)
    found = checkin.open_check_ins(alice)
    assert [(item.interview.pk, item.day) for item in found] == (
        [(interview.pk, day)] if day else []
    )


def test_an_answered_check_in_is_no_longer_open(alice):
    interview = bad(alice)
    checkin.sting_record(interview=interview, day=3, intensity=6)
    assert checkin.open_check_ins(alice) == []


def test_open_check_ins_take_a_fixed_number_of_queries(alice, django_assert_num_queries):
    for days_ago in (4, 5, 15, 16):
        bad(alice, days_ago=days_ago)
    with django_assert_num_queries(2):
        assert len(checkin.open_check_ins(alice)) == 4


# --- The lines -----------------------------------------------------------------------------


def test_an_interviews_line_reads_reflection_and_check_ins_with_gaps(alice):
    interview = bad(alice, days_ago=20)
    make_reflection(interview=interview, intensity_before=9, intensity_after=6)
    checkin.sting_record(interview=interview, day=14, intensity=2)
    assert checkin.interview_line(interview).values == (9, 6, None, 2)


def test_the_chart_draws_a_line_per_interview_and_tables_every_value():
    lines = [
        sting.StingLine("Acme", timezone.now().date(), (9, 6, 4, 2)),
        sting.StingLine("Globex", timezone.now().date(), (8, None, 5, None)),
    ]
    chart = sting_chart(
        lines,
        sting.MOMENTS,
        chart_id="c",
        title="T",
        description="D",
        label_of=lambda line: line.label,
    )
    assert chart.rows == [
        ["Acme", "9", "6", "4", "2"],
        ["Globex", "8", "not recorded", "5", "not recorded"],
    ]
    # Acme is one polyline; Globex's gap leaves no line at all, only its points.
    assert str(chart.svg).count("<polyline") == 1
    assert str(chart.svg).count("<circle") == 6


def test_no_chart_without_a_single_point():
    empty = sting.StingLine("Acme", timezone.now().date(), (None, None, None, None))
    assert (
        sting_chart([empty], sting.MOMENTS, chart_id="c", title="T", description="D", label_of=str)
        is None
    )


def test_the_interview_page_shows_its_line_and_the_way_to_answer(alice, alice_client):
    interview = bad(alice, days_ago=4)
    make_reflection(interview=interview, intensity_before=8, intensity_after=5)
    page = alice_client.get(interview.get_absolute_url()).content.decode()
    assert "How big it felt" in page
    assert url(interview) in page
    checkin.sting_record(interview=interview, day=3, intensity=3)
    page = alice_client.get(interview.get_absolute_url()).content.decode()
    assert url(interview) not in page
    assert "<td>3</td>" in page


def test_the_dashboard_asks_and_draws_unless_the_prompt_is_turned_off(alice, alice_client):
    interview = bad(alice, days_ago=4)
    make_reflection(interview=interview, intensity_before=8, intensity_after=5)
    page = alice_client.get(reverse("interviews:dashboard")).content.decode()
    assert 'name="back" value="dashboard"' in page
    assert "How the sting fades" in page
    alice.profile.ask_sting_on_dashboard = False
    alice.profile.save()
    page = alice_client.get(reverse("interviews:dashboard")).content.decode()
    assert 'name="back" value="dashboard"' not in page
    assert "How the sting fades" in page


def asked_on(page, interviews):
    """Return the interviews whose check-in the page asks, in the page's order."""
    shown = [i for i in interviews if f'action="{url(i)}"' in page]
    return sorted(shown, key=lambda i: page.index(f'action="{url(i)}"'))


def test_the_dashboard_asks_the_three_closing_soonest_and_counts_the_rest(alice, alice_client):
    # Day 13 closes first, day 4 last: each window stays open until day 14.
    interviews = [bad(alice, days_ago=days) for days in (4, 13, 6, 12, 5, 11)]
    page = alice_client.get(reverse("interviews:dashboard")).content.decode()
    assert asked_on(page, interviews) == [interviews[1], interviews[3], interviews[5]]
    assert "3 more check-ins are open" in page

    alice_client.post(url(interviews[1]), {"intensity": "4", "back": "dashboard"})
    page = alice_client.get(reverse("interviews:dashboard")).content.decode()
    assert asked_on(page, interviews) == [interviews[3], interviews[5], interviews[2]]
    assert "2 more check-ins are open" in page


# --- The reminder --------------------------------------------------------------------------


@pytest.fixture
def person(db):
    return make_user("sam@example.com", remind_sting=True, time_zone="Europe/Berlin")


def test_a_bad_interview_schedules_its_two_check_ins_at_six_in_the_evening(
    person, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        interview = bad(person, days_ago=0)
    jobs = queued(tasks.remind_sting_check)
    assert [job.args_kwargs["kwargs"]["day"] for job in jobs] == [3, 14]
    for job in jobs:
        day = job.args_kwargs["kwargs"]["day"]
        assert job.run_after == sting.reminder_moment(interview.scheduled_at, day, BERLIN)
        assert job.run_after.astimezone(BERLIN).hour == 18


def test_a_good_interview_schedules_no_check_in(person, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        make_interview(owner=person, rating=Interview.Rating.WELL)
    assert queued(tasks.remind_sting_check) == []


@pytest.fixture
def run(worker):
    """Run the reminder task now, then send whatever mail it queued."""

    def run_task(task, **kwargs):
        with worker():
            result = task.call(**kwargs)
        return result

    return run_task


def sting_kwargs(interview, day=3):
    return {
        "interview_id": interview.pk,
        "day": day,
        "scheduled_at": interview.scheduled_at.isoformat(),
        "logged_at": (interview.scheduled_at - timedelta(hours=1)).isoformat(),
    }


def test_a_due_check_in_reminder_is_delivered_with_its_link(person, run):
    interview = bad(person, days_ago=5)
    assert run(tasks.remind_sting_check, **sting_kwargs(interview)) == "delivered and mailed"
    reminder = Reminder.objects.get()
    assert reminder.kind == Reminder.Kind.STING_CHECK
    # Asked on the dashboard already: Today does not list it twice.
    assert today_reminders(person) == []
    person.profile.ask_sting_on_dashboard = False
    person.profile.save()
    (item,) = today_reminders(person)
    assert item.url == url(interview)
    checkin.sting_record(interview=interview, day=3, intensity=4)
    assert today_reminders(person) == []


def test_no_check_in_reminder_once_answered_moved_closed_or_off(person, run):
    interview = bad(person, days_ago=5)
    checkin.sting_record(interview=interview, day=3, intensity=4)
    assert run(tasks.remind_sting_check, **sting_kwargs(interview)) == "skipped: answered"
    moved = bad(person, days_ago=5)
    kwargs = sting_kwargs(moved)
    moved.scheduled_at -= timedelta(hours=3)
    moved.save()
    assert run(tasks.remind_sting_check, **kwargs) == "skipped: moved"
    late = bad(person, days_ago=16)
    assert run(tasks.remind_sting_check, **sting_kwargs(late)) == "skipped: too late"
    person.profile.remind_sting = False
    person.profile.save()
    assert run(tasks.remind_sting_check, **sting_kwargs(bad(person))) == "skipped: turned off"
    assert not Reminder.objects.exists()


def test_the_reminder_settings_turn_both_on_and_off(alice, alice_client):
    data = {
        "letter_reminder_days": 7,
        "remind_sting": "on",
        "remind_in_app": "on",
    }
    alice_client.post(reverse("interviews:reminder_settings"), data)
    alice.profile.refresh_from_db()
    assert (alice.profile.remind_sting, alice.profile.ask_sting_on_dashboard) == (True, False)
    alice_client.post(
        reverse("interviews:reminder_settings"),
        {**data, "remind_sting": "", "ask_sting_on_dashboard": "on"},
    )
    alice.profile.refresh_from_db()
    assert (alice.profile.remind_sting, alice.profile.ask_sting_on_dashboard) == (False, True)
