"""Getting ready for the next interview: practising questions and ticking off actions."""

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from ..dashboard import cache as dashboard_cache
from ..models import CaughtOutQuestion, Lesson, Practice
from . import leitner


def question_practise(*, question, result=Practice.Result.WELL, now=None):
    """Log one practice of the question and move it to its next Leitner box.

    Well moves it up a box, shaky back to box 1; it is next due that box's interval after
    today in the user's own time zone.
    """
    now = now or timezone.now()
    with transaction.atomic():
        # Locked, so two quick clicks (or two tabs) each move the box from the other's result.
        locked = CaughtOutQuestion.objects.select_for_update(of=("self",)).select_related(
            "owner__profile"
        )
        current = locked.get(pk=question.pk)
        box = leitner.next_box(current.box, result)
        today = timezone.localtime(now, current.owner.profile.tzinfo).date()
        Practice.objects.create(question=current, result=result, practised_at=now)
        CaughtOutQuestion.objects.filter(pk=question.pk).update(
            times_practised=F("times_practised") + 1,
            last_practised_at=now,
            box=box,
            due_on=leitner.due_on_after(box, today),
        )
        dashboard_cache.changed(current.owner_id)
    question.refresh_from_db(fields=["times_practised", "last_practised_at", "box", "due_on"])
    return question


def action_mark(*, lesson, done, now=None):
    """Mark a lesson's action done (remembering when) or open it again."""
    with transaction.atomic():
        # Marking a done action done again keeps the day it was first done.
        Lesson.objects.filter(pk=lesson.pk).exclude(done=done).update(
            done=done, done_at=(now or timezone.now()) if done else None
        )
        dashboard_cache.changed_for(lesson)
    lesson.refresh_from_db(fields=["done", "done_at"])
    return lesson
