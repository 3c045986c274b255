"""Finishing the wizard: one transaction, idempotent, editable later, and the recovery stage."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from interviews.models import (
    CaughtOutQuestion,
    FollowUpLetter,
    Interview,
    Lesson,
    RecoveryStage,
    Reflection,
    WizardDraft,
)
from interviews.reflection import services

from ..conftest import make_interview, make_letter, make_reflection
from .walk import answers, formset, post_step, reflect_url, step_url, walk

STEPS = ["feelings", "what_happened", "questions", "lessons", "forgive", "follow_up"]


@pytest.fixture
def interview(alice):
    return make_interview(owner=alice, rating=1, interviewers="Sam Lee")


def stage(alice, interview):
    fresh = Interview.objects.owned_by(alice).with_recovery().get(pk=interview.pk)
    return fresh.recovery().stage


def test_finishing_twice_leaves_one_reflection_and_one_letter(alice_client, interview):
    walk(alice_client, interview, STEPS, answers())

    first = post_step(alice_client, interview, "summary")
    second = post_step(alice_client, interview, "summary")

    assert Reflection.objects.count() == 1
    assert FollowUpLetter.objects.count() == 1
    assert CaughtOutQuestion.objects.count() == 1
    assert Lesson.objects.count() == 1
    assert first["Location"] == second["Location"]
    assert not WizardDraft.objects.exists()


def test_a_failure_while_finishing_saves_nothing_and_keeps_the_draft(
    alice_client, alice, interview, monkeypatch
):
    walk(alice_client, interview, STEPS, answers())
    draft = WizardDraft.objects.get(owner=alice, interview=interview)

    def broken_letter_start(**kwargs):
        raise RuntimeError("mail merge failed")

    monkeypatch.setattr(services, "letter_start", broken_letter_start)
    with pytest.raises(RuntimeError):
        post_step(alice_client, interview, "summary")

    assert not Reflection.objects.exists()
    assert not CaughtOutQuestion.objects.exists()
    assert not Lesson.objects.exists()
    assert not FollowUpLetter.objects.exists()
    kept = WizardDraft.objects.get(pk=draft.pk)
    assert kept.data == draft.data
    interview.refresh_from_db()
    assert not interview.cool_off_confirmed


def test_choosing_no_letter_goes_back_to_the_interview(alice_client, interview):
    walk(alice_client, interview, STEPS, answers(follow_up="none"))

    response = post_step(alice_client, interview, "summary")

    assert response["Location"] == reverse("interviews:interview_detail", args=[interview.pk])
    assert Reflection.objects.get().follow_up == "none"
    assert not FollowUpLetter.objects.exists()


def test_a_letter_already_started_is_reused(alice_client, interview):
    letter = make_letter(interview=interview, kind=FollowUpLetter.Kind.THANK_YOU)
    walk(alice_client, interview, STEPS, answers())

    response = post_step(alice_client, interview, "summary")

    assert response["Location"] == reverse("interviews:letter_detail", args=[letter.pk])
    assert FollowUpLetter.objects.count() == 1


def test_an_apology_letter_is_drafted_from_the_reflection(alice_client, interview):
    walk(alice_client, interview, STEPS, answers(follow_up="apology"))
    post_step(alice_client, interview, "summary")
    letter = FollowUpLetter.objects.get()
    assert letter.kind == FollowUpLetter.Kind.APOLOGY
    assert letter.status == FollowUpLetter.Status.DRAFT
    assert letter.recipient_name == "Sam Lee"
    assert letter.body


def test_editing_a_finished_reflection_changes_it_in_place(alice_client, alice, interview):
    reflection = make_reflection(
        interview=interview,
        lessons=2,
        questions=1,
        causes=["under_prepared", "caught_out"],
        follow_up="none",
    )
    kept_lesson, dropped_lesson = reflection.lessons.order_by("id")
    kept_lesson.done = True
    kept_lesson.done_at = timezone.now()
    kept_lesson.save()
    question = reflection.questions.get()
    question.times_practised = 3
    question.save()

    # Re-opening shows the reflection; its Edit opens the summary with every saved answer,
    # and writes nothing yet.
    assert alice_client.get(reflect_url(interview))["Location"] == reverse(
        "interviews:reflection_detail", args=[interview.pk]
    )
    summary = alice_client.get(step_url(interview, "summary"))
    assert "Lesson 1" in summary.text
    assert "Question 0?" in summary.text
    assert not WizardDraft.objects.exists()

    data = answers()
    changed = {**data["what_happened"], "what_happened-causes": ["under_prepared", "caught_out"]}
    changed["what_happened-what_happened"] = "Looking back, it was mostly the design round."
    post_step(alice_client, interview, "what_happened", changed, query="?then=summary")
    lessons = formset(
        "lessons",
        [
            {"text": "Lesson 0", "category": "knowledge", "action": "Action 0"},
            {"text": "A new lesson", "category": "mindset", "action": "Sleep early."},
        ],
    )
    post_step(alice_client, interview, "lessons", lessons, query="?then=summary")
    response = post_step(alice_client, interview, "summary")

    assert response["Location"] == reverse("interviews:interview_detail", args=[interview.pk])
    assert Reflection.objects.count() == 1
    edited = Reflection.objects.get()
    assert edited.pk == reflection.pk
    assert edited.completed_at == reflection.completed_at
    assert edited.what_happened == "Looking back, it was mostly the design round."
    kept_lesson.refresh_from_db()
    assert (kept_lesson.done, kept_lesson.category) == (True, "knowledge")
    assert not Lesson.objects.filter(pk=dropped_lesson.pk).exists()
    assert list(edited.lessons.order_by("id").values_list("text", flat=True)) == [
        "Lesson 0",
        "A new lesson",
    ]
    assert edited.questions.get().pk == question.pk
    assert edited.questions.get().times_practised == 3
    assert not WizardDraft.objects.exists()


def test_unticking_caught_out_when_editing_drops_the_questions(alice_client, interview):
    make_reflection(interview=interview, questions=2, causes=["caught_out"], follow_up="none")
    data = answers(caught_out=False)
    post_step(
        alice_client, interview, "what_happened", data["what_happened"], query="?then=summary"
    )
    post_step(alice_client, interview, "summary")
    assert not CaughtOutQuestion.objects.exists()
    assert Reflection.objects.get().causes == ["under_prepared", "nerves"]


def test_finishing_a_reopened_reflection_unchanged_keeps_every_answer(alice_client, interview):
    reflection = make_reflection(
        interview=interview,
        lessons=2,
        questions=2,
        causes=["under_prepared", "caught_out"],
        thinking_traps=["catastrophising", "mind_reading"],
        reframe="One hard question is not a verdict.",
        follow_up="none",
    )

    def saved():
        reflection.refresh_from_db()
        return (
            {name: getattr(reflection, name) for name in Reflection.ANSWER_FIELDS},
            list(reflection.questions.values_list("question", "what_i_said", "better_answer")),
            list(reflection.lessons.values_list("text", "category", "action")),
        )

    before = saved()
    response = post_step(alice_client, interview, "summary")

    assert response["Location"] == reverse("interviews:interview_detail", args=[interview.pk])
    assert not WizardDraft.objects.exists()
    assert saved() == before


def test_recovery_moves_from_logged_to_forgiven_when_the_wizard_is_finished(alice_client, alice):
    recent = make_interview(owner=alice, rating=1, scheduled_at=timezone.now() - timedelta(hours=2))
    assert stage(alice, recent) == RecoveryStage.LOGGED

    walk(alice_client, recent, STEPS, answers())
    # A draft is not a reflection yet: the stage waits for Finish.
    assert stage(alice, recent) == RecoveryStage.LOGGED

    post_step(alice_client, recent, "summary")

    assert stage(alice, recent) == RecoveryStage.FORGIVEN
    recent.refresh_from_db()
    assert recent.cool_off_confirmed


def test_choosing_no_letter_on_purpose_reaches_followed_up(alice_client, alice, interview):
    assert stage(alice, interview) == RecoveryStage.COOLED_OFF
    walk(alice_client, interview, STEPS, answers(follow_up="none"))
    post_step(alice_client, interview, "summary")
    assert stage(alice, interview) == RecoveryStage.FOLLOWED_UP


def test_a_step_made_invalid_later_stops_the_finish(alice_client, interview):
    walk(alice_client, interview, STEPS, answers(outside="yes", follow_up="another_chance"))
    # Changing the outside answer means asking for another chance no longer fits.
    data = answers(outside="no")
    post_step(alice_client, interview, "what_happened", data["what_happened"])

    response = post_step(alice_client, interview, "summary")

    assert response.status_code == 400
    assert not Reflection.objects.exists()
    assert alice_client.get(step_url(interview, "summary")).status_code == 302
    follow_up = alice_client.get(step_url(interview, "follow_up"))
    assert "That option doesn" in follow_up.text


def test_reflection_complete_refuses_another_users_interview(alice, mallory, interview):
    data = dict.fromkeys(Reflection.ANSWER_FIELDS, "")
    with pytest.raises(Interview.DoesNotExist):
        services.reflection_complete(owner=mallory, interview=interview, data=data)
    assert not Reflection.objects.exists()
