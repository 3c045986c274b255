"""Reminders: scheduled when something happens, sent once, and only while they still apply."""

import datetime as dt
import zoneinfo
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from interviews.account import reminders, tasks
from interviews.account.reminders import (
    DELIVER,
    SKIP,
    WAIT,
    decide,
    interview_moment,
    letter_moment,
    quiet_end,
    reminder_key,
)
from interviews.letters.services import letter_mark_sent, letter_record_response
from interviews.models import FollowUpLetter, Interview, Reflection, Reminder

from ..conftest import make_interview, make_letter, make_reflection, make_user, run_queued_tasks

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
LONG_AGO = (timezone.now() - timedelta(days=30)).isoformat()
ALL_ON = {
    "remind_cool_off": True,
    "remind_letter": True,
    "remind_interview": True,
    "time_zone": "Europe/Berlin",
}


def task_path(task):
    return f"interviews.account.tasks.{task.func.__name__}"


def queued(task):
    return list(DBTaskResult.objects.filter(task_path=task_path(task)).order_by("enqueued_at"))


def run_worker():
    run_queued_tasks()


@pytest.fixture
def person(db):
    return make_user("sam@example.com", **ALL_ON)


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """Run a reminder task now, in this process, and send whatever mail it queued."""

    def run_task(task, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            result = task.call(**kwargs)
        run_worker()
        return result

    return run_task


def bad_interview(owner, **overrides):
    # Ended four days ago: its 48-hour cool-off is long over.
    fields = {"scheduled_at": timezone.now() - timedelta(days=4), "rating": 1}
    return make_interview(owner=owner, **{**fields, **overrides})


def future_interview(owner, days=3, **overrides):
    return make_interview(
        owner=owner, scheduled_at=timezone.now() + timedelta(days=days), **overrides
    )


# --- The pure decisions -------------------------------------------------------------------


def at(hour, minute=0, day=10):
    return dt.datetime(2026, 12, day, hour, minute, tzinfo=BERLIN)


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (at(23), at(7, day=11)),  # after the start, before midnight
        (at(3), at(7)),  # after midnight
        (at(7), None),  # the end itself is no longer quiet
        (at(12), None),
        (at(22), at(7, day=11)),  # the start itself is quiet
    ],
)
def test_quiet_hours_that_run_past_midnight_end_the_next_morning(moment, expected):
    assert quiet_end(moment, dt.time(22), dt.time(7), BERLIN) == expected


@pytest.mark.parametrize(
    ("moment", "expected"), [(at(13, 30), at(14)), (at(12, 59), None), (at(14), None)]
)
def test_quiet_hours_within_one_day(moment, expected):
    assert quiet_end(moment, dt.time(13), dt.time(14), BERLIN) == expected


def test_quiet_hours_are_read_in_the_persons_zone():
    # 22:30 in Berlin is 21:30 UTC: quiet for someone in Berlin, not for someone in UTC.
    moment = at(22, 30).astimezone(dt.UTC)
    assert quiet_end(moment, dt.time(22), dt.time(7), BERLIN) == at(7, day=11)
    assert quiet_end(moment, dt.time(22), dt.time(7), dt.UTC) is None


def test_no_quiet_hours_without_both_times():
    assert quiet_end(at(23), None, None, BERLIN) is None
    assert quiet_end(at(23), dt.time(22), None, BERLIN) is None


def test_the_interview_reminder_is_at_six_the_evening_before_in_the_persons_zone():
    # 00:30 on the 11th in Berlin is still the 10th in UTC: the evening before is the 10th.
    interview = at(0, 30, day=11).astimezone(dt.UTC)
    assert interview_moment(interview, BERLIN) == at(18)


def test_the_letter_reminder_is_at_nine_the_chosen_days_after_sending():
    assert letter_moment(dt.date(2026, 12, 3), 7, BERLIN) == at(9)


def decision(**overrides):
    fields = {
        "now": at(12),
        "applies": True,
        "due_at": at(11),
        "logged_at": at(8),
        "quiet": (None, None),
        "tz": BERLIN,
    }
    return decide(**{**fields, **overrides})


def test_a_due_reminder_that_applies_is_delivered():
    assert decision().action == DELIVER


def test_a_reminder_that_no_longer_applies_is_skipped_with_its_reason():
    result = decision(applies="answered")
    assert (result.action, result.reason) == (SKIP, "answered")


def test_a_reminder_not_due_yet_waits_for_its_moment():
    result = decision(due_at=at(15))
    assert (result.action, result.at) == (WAIT, at(15))


def test_a_reminder_inside_quiet_hours_waits_for_their_end():
    result = decision(quiet=(dt.time(11), dt.time(13)))
    assert (result.action, result.at) == (WAIT, at(13))


def test_a_reminder_past_its_deadline_or_quiet_past_it_is_skipped():
    assert decision(deadline=at(11, 30)).action == SKIP
    assert decision(deadline=at(12, 30), quiet=(dt.time(11), dt.time(13))).action == SKIP


def test_a_reminder_whose_moment_had_passed_when_recorded_is_skipped():
    assert decision(logged_at=at(11, 30)).action == SKIP


def test_moving_an_interview_gives_its_reminder_a_new_key():
    kind = Reminder.Kind.INTERVIEW_TOMORROW
    assert reminder_key(kind, 3, at(9)) != reminder_key(kind, 3, at(10))
    assert reminder_key(kind, 3, at(9)) == reminder_key(kind, 3, at(9).astimezone(dt.UTC))


# --- Scheduling when something happens ----------------------------------------------------


def test_booking_an_interview_schedules_its_reminder_for_the_evening_before(
    person, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        interview = future_interview(person)
    (job,) = queued(tasks.remind_interview_tomorrow)
    assert job.run_after == interview_moment(interview.scheduled_at, BERLIN)
    assert job.args_kwargs["kwargs"]["interview_id"] == interview.pk
    assert job.args_kwargs["kwargs"]["scheduled_at"] == interview.scheduled_at.isoformat()
    assert queued(tasks.remind_cool_off_ended) == []


def test_the_reminder_is_scheduled_only_once_the_booking_is_committed(
    person, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        future_interview(person)
        assert queued(tasks.remind_interview_tomorrow) == []
    assert callbacks


def test_moving_an_interview_schedules_a_new_reminder_and_the_old_one_does_nothing(
    person, django_capture_on_commit_callbacks, run
):
    with django_capture_on_commit_callbacks(execute=True):
        interview = future_interview(person, days=1)
    with django_capture_on_commit_callbacks(execute=True):
        interview = Interview.objects.get(pk=interview.pk)
        interview.scheduled_at += timedelta(days=5)
        interview.save()
    times = {
        job.args_kwargs["kwargs"]["scheduled_at"]: job
        for job in queued(tasks.remind_interview_tomorrow)
    }
    assert len(times) == 2
    moved = times.pop(interview.scheduled_at.isoformat())
    assert moved.run_after == interview_moment(interview.scheduled_at, BERLIN)
    (old,) = times.values()
    result = run(tasks.remind_interview_tomorrow, **old.args_kwargs["kwargs"])
    assert result == "skipped: moved"
    assert not Reminder.objects.exists()


def test_editing_an_interview_without_moving_it_schedules_nothing_more(
    person, django_capture_on_commit_callbacks
):
    interview = future_interview(person)
    with django_capture_on_commit_callbacks(execute=True):
        interview = Interview.objects.get(pk=interview.pk)
        interview.notes = "Bring the portfolio."
        interview.save()
    assert queued(tasks.remind_interview_tomorrow) == []


def test_logging_a_bad_interview_schedules_the_end_of_its_cool_off(
    person, django_capture_on_commit_callbacks
):
    interview = make_interview(owner=person, scheduled_at=timezone.now() - timedelta(hours=2))
    assert queued(tasks.remind_cool_off_ended) == []
    with django_capture_on_commit_callbacks(execute=True):
        interview = Interview.objects.get(pk=interview.pk)
        interview.rating = Interview.Rating.BADLY
        interview.save()
    (job,) = queued(tasks.remind_cool_off_ended)
    assert job.run_after == interview.cool_off_until
    assert job.args_kwargs["kwargs"]["interview_id"] == interview.pk


def test_a_good_interview_schedules_no_cool_off(person, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        make_interview(owner=person, rating=Interview.Rating.WELL)
    assert queued(tasks.remind_cool_off_ended) == []


def test_marking_a_letter_sent_schedules_the_unanswered_reminder(
    person, django_capture_on_commit_callbacks
):
    letter = make_letter(interview=bad_interview(person))
    assert queued(tasks.remind_letter_unanswered) == []
    sent_on = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        letter_mark_sent(letter=FollowUpLetter.objects.get(pk=letter.pk), sent_on=sent_on)
    (job,) = queued(tasks.remind_letter_unanswered)
    assert job.run_after == letter_moment(sent_on, 7, BERLIN)
    assert job.args_kwargs["kwargs"] == {
        "letter_id": letter.pk,
        "sent_on": sent_on.isoformat(),
        "logged_at": job.args_kwargs["kwargs"]["logged_at"],
    }


def test_editing_a_draft_letter_schedules_nothing(person, django_capture_on_commit_callbacks):
    letter = make_letter(interview=bad_interview(person))
    with django_capture_on_commit_callbacks(execute=True):
        letter.body = "Dear Sam, thank you again."
        letter.save()
    assert queued(tasks.remind_letter_unanswered) == []


def test_reminders_are_scheduled_even_while_turned_off(db, django_capture_on_commit_callbacks):
    # The task looks when it runs: turning a kind on later still catches what is booked.
    quiet = make_user("quiet@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        future_interview(quiet)
    assert len(queued(tasks.remind_interview_tomorrow)) == 1


# --- Delivering, once ---------------------------------------------------------------------


def test_a_due_cool_off_reminder_is_recorded_and_mailed_with_its_next_step(person, run, settings):
    settings.REBOUND_BASE_URL = "https://rebound.example.com"
    interview = bad_interview(person)
    result = run(tasks.remind_cool_off_ended, interview_id=interview.pk, logged_at=LONG_AGO)
    assert result == "delivered and mailed"
    (reminder,) = Reminder.objects.all()
    assert (reminder.owner, reminder.kind, reminder.interview) == (
        person,
        Reminder.Kind.COOL_OFF_ENDED,
        interview,
    )
    assert reminder.emailed_at is not None
    assert reminder.dismissed_at is None
    (sent,) = mail.outbox
    assert sent.to == ["sam@example.com"]
    assert f"https://rebound.example.com/interviews/{interview.pk}/reflect/" in sent.body
    (html, mimetype) = sent.alternatives[0]
    assert mimetype == "text/html"
    assert f'href="https://rebound.example.com/interviews/{interview.pk}/reflect/"' in html
    assert "Northwind" in sent.subject


def test_the_mail_carries_a_one_click_unsubscribe(person, run, settings):
    settings.REBOUND_BASE_URL = "https://rebound.example.com"
    run(tasks.remind_cool_off_ended, interview_id=bad_interview(person).pk, logged_at=LONG_AGO)
    (sent,) = mail.outbox
    header = sent.extra_headers["List-Unsubscribe"]
    assert header.startswith("<https://rebound.example.com/reminders/unsubscribe/")
    assert header.endswith("/>")
    assert sent.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert header[1:-1] in sent.body


def test_running_a_reminder_twice_records_and_mails_it_once(person, run):
    interview = bad_interview(person)
    kwargs = {"interview_id": interview.pk, "logged_at": LONG_AGO}
    assert run(tasks.remind_cool_off_ended, **kwargs) == "delivered and mailed"
    assert run(tasks.remind_cool_off_ended, **kwargs) == "skipped: already delivered"
    assert Reminder.objects.count() == 1
    assert len(mail.outbox) == 1


def test_a_worker_that_dies_mid_task_leaves_nothing_and_the_retry_sends_once(
    person, run, monkeypatch
):
    interview = bad_interview(person)
    kwargs = {"interview_id": interview.pk, "logged_at": LONG_AGO}
    real_mail = tasks.reminder_mail

    def dies(*args, **kw):
        raise SystemExit("worker killed")

    monkeypatch.setattr(tasks, "reminder_mail", dies)
    with pytest.raises(SystemExit):
        run(tasks.remind_cool_off_ended, **kwargs)
    assert not Reminder.objects.exists()
    assert mail.outbox == []
    monkeypatch.setattr(tasks, "reminder_mail", real_mail)
    assert run(tasks.remind_cool_off_ended, **kwargs) == "delivered and mailed"
    assert run(tasks.remind_cool_off_ended, **kwargs) == "skipped: already delivered"
    assert Reminder.objects.count() == 1
    assert len(mail.outbox) == 1


def test_the_real_worker_runs_a_scheduled_reminder_once(person, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        interview = bad_interview(person, scheduled_at=timezone.now() - timedelta(hours=3))
    (job,) = queued(tasks.remind_cool_off_ended)
    # Let four days pass: the interview was then, and the task was queued back then too.
    Interview.objects.filter(pk=interview.pk).update(
        scheduled_at=timezone.now() - timedelta(days=4)
    )
    job.args_kwargs["kwargs"]["logged_at"] = LONG_AGO
    job.run_after = timezone.now()
    job.save()
    with django_capture_on_commit_callbacks(execute=True):
        run_worker()
    run_worker()
    job.refresh_from_db()
    assert job.return_value == "delivered and mailed"
    assert Reminder.objects.count() == 1
    assert len(mail.outbox) == 1


def test_a_dashboard_only_reminder_is_recorded_without_mail(person, run):
    person.profile.remind_by_email = False
    person.profile.save()
    assert (
        run(tasks.remind_cool_off_ended, interview_id=bad_interview(person).pk, logged_at=LONG_AGO)
        == "delivered"
    )
    (reminder,) = Reminder.objects.all()
    assert reminder.emailed_at is None
    assert reminder.dismissed_at is None
    assert mail.outbox == []


def test_an_email_only_reminder_never_shows_under_today(person, run):
    person.profile.remind_in_app = False
    person.profile.save()
    run(tasks.remind_cool_off_ended, interview_id=bad_interview(person).pk, logged_at=LONG_AGO)
    (reminder,) = Reminder.objects.all()
    assert reminder.dismissed_at is not None
    assert len(mail.outbox) == 1


def test_no_mail_goes_to_an_address_never_verified(person, run):
    person.emailaddress_set.update(verified=False)
    run(tasks.remind_cool_off_ended, interview_id=bad_interview(person).pk, logged_at=LONG_AGO)
    assert Reminder.objects.count() == 1
    assert mail.outbox == []


def test_a_due_letter_reminder_is_delivered(person, run):
    sent_on = timezone.localdate() - timedelta(days=9)
    letter = make_letter(interview=bad_interview(person), status="sent", sent_on=sent_on)
    result = run(
        tasks.remind_letter_unanswered,
        letter_id=letter.pk,
        sent_on=sent_on.isoformat(),
        logged_at=LONG_AGO,
    )
    assert result == "delivered and mailed"
    (reminder,) = Reminder.objects.all()
    assert reminder.letter == letter
    (sent,) = mail.outbox
    assert "9 days ago" in sent.body
    assert f"/letters/{letter.pk}/" in sent.body


def test_a_due_interview_reminder_is_delivered_with_its_time(person, run):
    interview = make_interview(owner=person, scheduled_at=timezone.now() + timedelta(hours=6))
    result = run(
        tasks.remind_interview_tomorrow,
        interview_id=interview.pk,
        scheduled_at=interview.scheduled_at.isoformat(),
        logged_at=LONG_AGO,
    )
    assert result == "delivered and mailed"
    (sent,) = mail.outbox
    local = timezone.localtime(interview.scheduled_at, BERLIN)
    assert local.strftime("%H:%M") in sent.body
    assert "technical interview with Northwind" in sent.body


# --- Doing nothing when it no longer applies ----------------------------------------------


def cool_off(interview):
    return {"interview_id": interview.pk, "logged_at": LONG_AGO}


def test_nothing_for_a_deleted_interview(person, run):
    interview = bad_interview(person)
    kwargs = cool_off(interview)
    interview.delete()
    assert run(tasks.remind_cool_off_ended, **kwargs) == "skipped: gone"
    assert not Reminder.objects.exists()


def test_nothing_once_the_account_is_deleted(person, run):
    kwargs = cool_off(bad_interview(person))
    person.delete()
    assert run(tasks.remind_cool_off_ended, **kwargs) == "skipped: gone"


def test_nothing_for_a_closed_account(person, run):
    kwargs = cool_off(bad_interview(person))
    person.is_active = False
    person.save()
    assert run(tasks.remind_cool_off_ended, **kwargs) == "skipped: account closed"


def tomorrow(user):
    interview = make_interview(owner=user, scheduled_at=timezone.now() + timedelta(hours=6))
    return {
        "interview_id": interview.pk,
        "scheduled_at": interview.scheduled_at.isoformat(),
        "logged_at": LONG_AGO,
    }


@pytest.mark.parametrize(
    ("switch", "task", "make_kwargs"),
    [
        (
            "remind_cool_off",
            tasks.remind_cool_off_ended,
            lambda user: cool_off(bad_interview(user)),
        ),
        ("remind_interview", tasks.remind_interview_tomorrow, tomorrow),
        ("remind_letter", tasks.remind_letter_unanswered, lambda u: letter_kwargs(sent_letter(u))),
    ],
)
def test_nothing_when_that_kind_is_turned_off(person, run, switch, task, make_kwargs):
    setattr(person.profile, switch, False)
    person.profile.save()
    assert run(task, **make_kwargs(person)) == "skipped: turned off"
    assert mail.outbox == []


def test_nothing_with_every_way_of_reminding_turned_off(person, run):
    person.profile.remind_by_email = person.profile.remind_in_app = False
    person.profile.save()
    result = run(tasks.remind_cool_off_ended, **cool_off(bad_interview(person)))
    assert result == "skipped: no way to remind"


def test_nothing_once_the_cool_off_was_taken(person, run):
    interview = bad_interview(person, cool_off_confirmed=True)
    assert run(tasks.remind_cool_off_ended, **cool_off(interview)) == "skipped: cool-off taken"


def test_nothing_once_the_reflection_is_finished(person, run):
    interview = bad_interview(person)
    make_reflection(interview=interview)
    assert run(tasks.remind_cool_off_ended, **cool_off(interview)) == "skipped: reflection finished"


def test_a_begun_reflection_still_gets_the_reminder(person, run):
    interview = bad_interview(person)
    make_reflection(interview=interview, status=Reflection.Status.DRAFT)
    assert run(tasks.remind_cool_off_ended, **cool_off(interview)) == "delivered and mailed"


def test_nothing_for_an_interview_no_longer_marked_bad(person, run):
    interview = bad_interview(person)
    Interview.objects.filter(pk=interview.pk).update(rating=4)
    assert run(tasks.remind_cool_off_ended, **cool_off(interview)) == "skipped: not a bad interview"


def test_nothing_for_a_bad_interview_logged_after_its_cool_off_ended(person, run):
    interview = bad_interview(person)
    result = run(
        tasks.remind_cool_off_ended,
        interview_id=interview.pk,
        logged_at=timezone.now().isoformat(),
    )
    assert result == "skipped: already past when recorded"


def letter_kwargs(letter):
    return {"letter_id": letter.pk, "sent_on": letter.sent_on.isoformat(), "logged_at": LONG_AGO}


def sent_letter(user, days_ago=9):
    sent_on = timezone.localdate() - timedelta(days=days_ago)
    return make_letter(interview=bad_interview(user), status="sent", sent_on=sent_on)


def test_nothing_once_the_letter_got_an_answer(person, run):
    letter = sent_letter(person)
    letter_record_response(letter=letter, response=FollowUpLetter.Response.POSITIVE)
    assert run(tasks.remind_letter_unanswered, **letter_kwargs(letter)) == "skipped: answered"


def test_nothing_for_a_deleted_letter(person, run):
    letter = sent_letter(person)
    kwargs = letter_kwargs(letter)
    letter.delete()
    assert run(tasks.remind_letter_unanswered, **kwargs) == "skipped: gone"


def test_nothing_when_the_letter_is_now_dated_another_day(person, run):
    letter = sent_letter(person)
    kwargs = letter_kwargs(letter)
    letter_mark_sent(letter=letter, sent_on=letter.sent_on - timedelta(days=1))
    assert run(tasks.remind_letter_unanswered, **kwargs) == "skipped: sent on another day"


def test_a_letter_reminder_waits_when_more_days_were_chosen_since(person, run):
    letter = sent_letter(person, days_ago=9)
    person.profile.letter_reminder_days = 14
    person.profile.save()
    result = run(tasks.remind_letter_unanswered, **letter_kwargs(letter))
    assert result == "waiting: not due yet"
    (job,) = queued(tasks.remind_letter_unanswered)
    assert job.run_after == letter_moment(letter.sent_on, 14, BERLIN)
    assert not Reminder.objects.exists()


def test_nothing_for_an_interview_that_was_deleted(person, run):
    interview = future_interview(person, days=0)
    kwargs = {
        "interview_id": interview.pk,
        "scheduled_at": interview.scheduled_at.isoformat(),
        "logged_at": LONG_AGO,
    }
    interview.delete()
    assert run(tasks.remind_interview_tomorrow, **kwargs) == "skipped: gone"


def test_nothing_for_an_interview_that_has_begun(person, run):
    interview = make_interview(owner=person, scheduled_at=timezone.now() - timedelta(minutes=5))
    kwargs = {
        "interview_id": interview.pk,
        "scheduled_at": interview.scheduled_at.isoformat(),
        "logged_at": LONG_AGO,
    }
    assert run(tasks.remind_interview_tomorrow, **kwargs) == "skipped: too late"


# --- Quiet hours --------------------------------------------------------------------------


def test_a_reminder_inside_quiet_hours_is_queued_again_for_their_end(person, run):
    local_now = timezone.localtime(timezone.now(), BERLIN)
    start = (local_now - timedelta(hours=1)).time().replace(second=0, microsecond=0)
    end = (local_now + timedelta(hours=1)).time().replace(second=0, microsecond=0)
    person.profile.quiet_from, person.profile.quiet_until = start, end
    person.profile.save()
    interview = bad_interview(person)
    result = run(tasks.remind_cool_off_ended, **cool_off(interview))
    assert result == "waiting: quiet hours"
    assert not Reminder.objects.exists()
    assert mail.outbox == []
    (job,) = queued(tasks.remind_cool_off_ended)
    assert job.run_after == reminders.quiet_end(timezone.now(), start, end, BERLIN)
    assert job.args_kwargs["kwargs"] == cool_off(interview)
