"""Ownership: querysets and access.py only ever reach the user's own rows."""

import pytest
from django.http import Http404

from interviews import access
from interviews.models import (
    Application,
    CaughtOutQuestion,
    FollowUpLetter,
    Interview,
    Lesson,
    Reflection,
)

from .conftest import make_interview, make_letter, make_reflection


@pytest.fixture
def alices_rows(alice):
    interview = make_interview(owner=alice, rating=1)
    reflection = make_reflection(interview=interview, lessons=1, questions=1)
    letter = make_letter(interview=interview)
    return {
        "application": interview.application,
        "interview": interview,
        "reflection": reflection,
        "question": reflection.questions.get(),
        "lesson": reflection.lessons.get(),
        "letter": letter,
    }


@pytest.mark.parametrize(
    ("model", "key"),
    [
        (Application, "application"),
        (Interview, "interview"),
        (Reflection, "reflection"),
        (CaughtOutQuestion, "question"),
        (Lesson, "lesson"),
        (FollowUpLetter, "letter"),
    ],
)
def test_owned_by_returns_only_the_users_rows(alices_rows, alice, mallory, model, key):
    assert list(model.objects.owned_by(alice)) == [alices_rows[key]]
    assert not model.objects.owned_by(mallory).exists()


@pytest.mark.parametrize(
    ("getter", "key"),
    [
        (access.get_application, "application"),
        (access.get_interview, "interview"),
        (access.get_interview_with_recovery, "interview"),
        (access.get_question, "question"),
        (access.get_lesson, "lesson"),
        (access.get_letter, "letter"),
    ],
)
def test_access_gives_the_owner_the_object_and_anyone_else_a_404(
    alices_rows, alice, mallory, getter, key
):
    assert getter(alice, alices_rows[key].pk) == alices_rows[key]
    with pytest.raises(Http404):
        getter(mallory, alices_rows[key].pk)
