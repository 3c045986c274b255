"""What helped: the person's own pattern, in words, and nothing from too few interviews."""

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from interviews.dashboard.evidence import (
    BETTER,
    MIN_EVIDENCE,
    SAME,
    WORSE,
    compare,
    split,
    what_helped,
)
from interviews.models import CaughtOutQuestion, Lesson, Practice

from ..conftest import make_application, make_interview, make_reflection

URL = reverse("interviews:dashboard")
DAY = timedelta(days=1)
START = datetime(2027, 1, 1, 9, tzinfo=UTC)


def at(days):
    return START + days * DAY


# The comparison, pure ---------------------------------------------------------------------


def test_below_five_on_either_side_there_is_no_figure_at_all():
    comparison = compare("questions", [5] * 20, [1] * (MIN_EVIDENCE - 1))

    assert comparison.outcome is None
    assert not comparison.shown
    assert comparison.wording == ""


@pytest.mark.parametrize(
    ("done", "not_done", "outcome"),
    [
        ([4, 4, 4, 4, 5], [3, 3, 3, 3, 3], BETTER),
        ([3, 3, 3, 3, 3], [3, 3, 3, 3, 4], SAME),
        ([2, 2, 2, 2, 2], [3, 3, 3, 3, 3], WORSE),
    ],
)
def test_the_two_sides_are_compared_in_words(done, not_done, outcome):
    comparison = compare("actions", done, not_done)

    assert comparison.outcome == outcome
    assert (comparison.done, comparison.not_done, comparison.total) == (5, 5, 10)


def test_actions_count_as_done_only_when_every_earlier_one_was_done_before_the_interview():
    lessons = [
        (at(0), at(2)),  # from the first interview, done on day 2
        (at(5), None),  # from day 5's interview, never done
    ]
    interviews = [
        (at(0), 3, False),  # no earlier lesson: sits out
        (at(1), 2, False),  # the day-0 action was still open
        (at(3), 4, True),  # the day-0 action was done the day before
        (at(6), 1, False),  # the day-5 action is open
    ]

    actions, questions = split(interviews, lessons)

    assert actions == {True: [4], False: [2, 1]}
    assert questions == {True: [4], False: [3, 2, 1]}


def test_an_action_done_after_the_interview_does_not_count_for_it():
    actions, _ = split([(at(3), 5, False)], [(at(0), at(4))])
    assert actions == {True: [], False: [5]}


# From the database ------------------------------------------------------------------------


def rated(owner, when, rating):
    return make_interview(
        application=make_application(owner=owner), scheduled_at=when, rating=rating
    )


def practise_before(interview, days):
    question = CaughtOutQuestion.objects.filter(owner=interview.application.owner).first()
    Practice.objects.create(
        question=question, result="well", practised_at=interview.scheduled_at - days * DAY
    )


def past(days):
    return timezone.now() - days * DAY


def test_interviews_practised_for_in_the_fortnight_before_are_told_apart(alice):
    first = rated(alice, past(600), 3)
    make_reflection(interview=first, lessons=0, questions=1)
    practised = [rated(alice, past(100 - 10 * n), 4) for n in range(5)]
    not_practised = [rated(alice, past(500 - 20 * n), 2) for n in range(5)]
    for interview in practised:
        practise_before(interview, 3)
    # A month before is not practice for this one; neither is the day after.
    practise_before(not_practised[0], 30)
    practise_before(not_practised[1], -1)
    rated(alice, timezone.now() + 3 * DAY, None)  # not happened: left out

    evidence = what_helped(alice, timezone.now())

    assert (evidence.questions.done, evidence.questions.not_done) == (5, 6)
    assert evidence.questions.outcome == BETTER


def test_another_users_interviews_and_practice_do_not_count(alice, mallory):
    for n in range(6):
        interview = rated(mallory, past(10 + n), 5)
        make_reflection(interview=interview, lessons=1, questions=1)
        practise_before(interview, 1)
    rated(alice, past(3), 2)

    evidence = what_helped(alice, timezone.now())

    assert (evidence.questions.done, evidence.questions.not_done) == (0, 1)
    assert (evidence.actions.done, evidence.actions.not_done) == (0, 0)


def test_unrated_past_interviews_are_left_out(alice):
    rated(alice, past(3), None)
    rated(alice, past(4), 4)

    assert what_helped(alice, timezone.now()).questions.total == 1


# On the dashboard -------------------------------------------------------------------------


def actions_history(owner, *, done_before, open_before):
    """Give owner a first interview with one lesson, then rated interviews around its doing."""
    first = rated(owner, past(400), 3)
    lesson = make_reflection(interview=first, lessons=1).lessons.get()
    for n in range(open_before):
        rated(owner, past(300 - n), 2)
    Lesson.objects.filter(pk=lesson.pk).update(done=True, done_at=past(200))
    for n in range(done_before):
        rated(owner, past(100 - n), 4)


def test_the_dashboard_says_in_words_how_interviews_went_with_the_counts(alice, alice_client):
    actions_history(alice, done_before=7, open_before=5)

    html = alice_client.get(URL).content.decode()

    section = html.split('id="evidence-title"')[1].split("</section>")[0]
    assert "What helped" in html
    assert "Interviews after you had done your earlier actions went a little better" in section
    assert "across 12 interviews (7 with them done, 5 without)" in section
    # No average, no percentage: words and counts only.
    assert "%" not in section
    assert "4.0" not in section
    assert "2.0" not in section
    # Nobody practised at all: too few on one side, so that comparison stays silent.
    assert "practised your questions in the two weeks before" not in section
    assert "Once you have rated at least 5 interviews each way" in section


def test_with_fewer_than_five_on_one_side_the_dashboard_shows_no_figure(alice, alice_client):
    actions_history(alice, done_before=7, open_before=MIN_EVIDENCE - 1)

    response = alice_client.get(URL)

    section = response.content.decode().split('id="evidence-title"')[1].split("</section>")[0]
    assert response.context["dashboard"].evidence.actions.outcome is None
    assert "went a little" not in section
    assert "about the same" not in section
    assert "across" not in section
    assert "7" not in section
    assert "4 " not in section
    assert "Once you have rated at least 5 interviews each way" in section


def test_the_evidence_costs_the_same_queries_for_few_and_many_interviews(
    alice,
    mallory,
    alice_client,
    mallory_client,
    django_assert_max_num_queries,
    django_assert_num_queries,
):
    actions_history(alice, done_before=1, open_before=1)
    actions_history(mallory, done_before=30, open_before=30)
    for owner in (alice, mallory):
        make_reflection(interview=rated(owner, past(20), 3), lessons=0, questions=1)

    with django_assert_max_num_queries(2) as few:
        what_helped(alice, timezone.now())
    with django_assert_num_queries(len(few)):
        what_helped(mallory, timezone.now())
