"""Getting ready for the next interview: practising questions and ticking off actions."""

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from ..models import CaughtOutQuestion, Lesson


def question_practise(*, question, now=None):
    """Count one more practice of the question and remember when it was."""
    now = now or timezone.now()
    with transaction.atomic():
        # F() keeps two quick clicks (or two tabs) from losing a count.
        CaughtOutQuestion.objects.filter(pk=question.pk).update(
            times_practised=F("times_practised") + 1, last_practised_at=now
        )
    question.refresh_from_db(fields=["times_practised", "last_practised_at"])
    return question


def action_mark(*, lesson, done, now=None):
    """Mark a lesson's action done (remembering when) or open it again."""
    with transaction.atomic():
        # Marking a done action done again keeps the day it was first done.
        Lesson.objects.filter(pk=lesson.pk).exclude(done=done).update(
            done=done, done_at=(now or timezone.now()) if done else None
        )
    lesson.refresh_from_db(fields=["done", "done_at"])
    return lesson
