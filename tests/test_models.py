"""Model rules: bad interviews, cool-off windows, recovery stages and constraints."""

from datetime import UTC, datetime, timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from interviews.models import FollowUpLetter, Interview, Profile, RecoveryStage, Reflection

from .conftest import make_application, make_interview, make_letter, make_reflection


@pytest.mark.parametrize(
    ("rating", "marked_bad", "expected"),
    [
        (1, False, True),
        (2, False, True),
        (3, False, False),
        (5, False, False),
        (None, False, False),
        (4, True, True),
        (None, True, True),
    ],
)
def test_went_badly_follows_rating_or_the_users_mark(alice, rating, marked_bad, expected):
    interview = make_interview(owner=alice, rating=rating, marked_bad=marked_bad)
    assert interview.went_badly is expected


def test_cool_off_until_is_end_plus_the_users_hours_in_their_time_zone(alice):
    alice.profile.time_zone = "America/New_York"
    alice.profile.cool_off_hours = 24
    alice.profile.save()
    start = datetime(2026, 7, 1, 14, 0, tzinfo=UTC)
    interview = make_interview(owner=alice, scheduled_at=start, duration_minutes=60, rating=1)
    interview = Interview.objects.owned_by(alice).get(pk=interview.pk)
    until = interview.cool_off_until
    assert until == start + timedelta(hours=25)
    assert str(until.tzinfo) == "America/New_York"
    assert (until.hour, until.minute) == (11, 0)


def test_a_good_interview_has_no_cool_off_or_recovery(alice):
    interview = make_interview(owner=alice, rating=4)
    assert interview.cool_off_until is None
    assert interview.recovery() is None


def fetch(alice, interview):
    return Interview.objects.owned_by(alice).with_recovery().get(pk=interview.pk)


def test_recovery_is_logged_inside_the_cool_off_window(alice):
    interview = make_interview(owner=alice, rating=1, scheduled_at=timezone.now())
    recovery = fetch(alice, interview).recovery()
    assert recovery.stage == RecoveryStage.LOGGED
    assert recovery.reached == (True, False, False, False, False, False)


def test_recovery_is_cooled_off_when_the_window_passed_or_the_user_says_so(alice):
    old = make_interview(owner=alice, rating=2, scheduled_at=timezone.now() - timedelta(days=5))
    assert fetch(alice, old).recovery().stage == RecoveryStage.COOLED_OFF
    recent = make_interview(
        owner=alice, rating=2, scheduled_at=timezone.now(), cool_off_confirmed=True
    )
    assert fetch(alice, recent).recovery().stage == RecoveryStage.COOLED_OFF


def test_recovery_reaches_reflected_with_causes_and_lessons(alice):
    interview = make_interview(owner=alice, rating=1)
    make_reflection(interview=interview, intensity_after=None, follow_up="")
    assert fetch(alice, interview).recovery().stage == RecoveryStage.REFLECTED


def test_a_draft_reflection_does_not_count(alice):
    interview = make_interview(owner=alice, rating=1)
    make_reflection(interview=interview, status=Reflection.Status.DRAFT)
    assert fetch(alice, interview).recovery().stage == RecoveryStage.COOLED_OFF


def test_recovery_reaches_forgiven_after_the_forgive_yourself_step(alice):
    interview = make_interview(owner=alice, rating=1)
    make_reflection(interview=interview, follow_up="")
    assert fetch(alice, interview).recovery().stage == RecoveryStage.FORGIVEN


def test_recovery_reaches_followed_up_by_a_sent_letter_or_no_letter_on_purpose(alice):
    sent = make_interview(owner=alice, rating=1)
    make_reflection(interview=sent)
    make_letter(interview=sent, status=FollowUpLetter.Status.SENT)
    assert fetch(alice, sent).recovery().stage == RecoveryStage.FOLLOWED_UP
    none = make_interview(owner=alice, rating=1)
    make_reflection(interview=none, follow_up=Reflection.FollowUp.NONE)
    assert fetch(alice, none).recovery().stage == RecoveryStage.FOLLOWED_UP
    draft = make_interview(owner=alice, rating=1)
    make_reflection(interview=draft)
    make_letter(interview=draft)
    assert fetch(alice, draft).recovery().stage == RecoveryStage.FORGIVEN


def test_recovery_is_ready_when_every_action_is_done(alice):
    interview = make_interview(owner=alice, rating=1)
    reflection = make_reflection(interview=interview, lessons=2, follow_up="none")
    reflection.lessons.update(done=True, done_at=timezone.now())
    recovery = fetch(alice, interview).recovery()
    assert recovery.stage == RecoveryStage.READY
    assert recovery.progress == 1
    assert recovery.is_ready


def test_recovery_query_count_is_fixed_for_a_list(alice, django_assert_num_queries):
    for _ in range(5):
        interview = make_interview(owner=alice, rating=1)
        make_reflection(interview=interview, lessons=2)
        make_letter(interview=interview)
    with django_assert_num_queries(3):
        stages = [i.recovery().stage for i in Interview.objects.owned_by(alice).with_recovery()]
    assert stages == [RecoveryStage.FORGIVEN] * 5


@pytest.mark.parametrize("rating", [0, 6])
def test_rating_outside_one_to_five_is_rejected_by_the_database(alice, rating):
    application = make_application(owner=alice)
    with pytest.raises(IntegrityError), transaction.atomic():
        Interview.objects.create(
            application=application, scheduled_at=timezone.now(), rating=rating
        )


def test_intensity_over_ten_is_rejected_by_the_database(alice):
    interview = make_interview(owner=alice)
    with pytest.raises(IntegrityError), transaction.atomic():
        Reflection.objects.create(interview=interview, intensity_before=11)


@pytest.mark.parametrize(
    ("status", "completed_at"),
    [(Reflection.Status.COMPLETE, None), (Reflection.Status.DRAFT, timezone.now())],
)
def test_a_reflections_status_and_completion_time_agree_in_the_database(
    alice, status, completed_at
):
    interview = make_interview(owner=alice)
    with pytest.raises(IntegrityError), transaction.atomic():
        Reflection.objects.create(interview=interview, status=status, completed_at=completed_at)


@pytest.mark.parametrize(
    ("status", "sent_on"),
    [(FollowUpLetter.Status.SENT, None), (FollowUpLetter.Status.DRAFT, timezone.localdate())],
)
def test_a_letters_status_and_sent_day_agree_in_the_database(alice, status, sent_on):
    interview = make_interview(owner=alice)
    with pytest.raises(IntegrityError), transaction.atomic():
        FollowUpLetter.objects.create(
            interview=interview, kind="thank_you", status=status, sent_on=sent_on
        )


@pytest.mark.parametrize(("done", "done_at"), [(True, None), (False, timezone.now())])
def test_an_actions_done_flag_and_done_time_agree_in_the_database(alice, done, done_at):
    lesson = make_reflection(interview=make_interview(owner=alice)).lessons.get()
    lesson.done, lesson.done_at = done, done_at
    with pytest.raises(IntegrityError), transaction.atomic():
        lesson.save()


def test_only_one_reflection_per_interview(alice):
    interview = make_interview(owner=alice)
    Reflection.objects.create(interview=interview)
    with pytest.raises(IntegrityError), transaction.atomic():
        Reflection.objects.create(interview=interview)


@pytest.mark.parametrize("hours", [11, 169])
def test_cool_off_hours_outside_12_to_168_are_rejected(alice, hours):
    with pytest.raises(IntegrityError), transaction.atomic():
        Profile.objects.filter(user=alice).update(cool_off_hours=hours)


def test_unknown_time_zone_falls_back_to_utc(alice):
    alice.profile.time_zone = "Mars/Olympus_Mons"
    assert str(alice.profile.tzinfo) == "UTC"


def test_an_interview_booked_inside_a_bad_ones_cool_off_window_clashes(alice):
    bad = make_interview(owner=alice, rating=1, scheduled_at=timezone.now() - timedelta(hours=2))
    soon = make_interview(owner=alice, scheduled_at=timezone.now() + timedelta(hours=20))
    later = make_interview(owner=alice, scheduled_at=timezone.now() + timedelta(days=5))
    bad_ones = list(Interview.objects.owned_by(alice).went_badly())
    assert bad_ones == [bad]
    assert soon.cool_off_clash(bad_ones) == bad
    assert later.cool_off_clash(bad_ones) is None
    assert bad.cool_off_clash(bad_ones) is None
