"""Writes of the reflection wizard, each in one transaction."""

from collections import defaultdict

from django.db import transaction
from django.utils import timezone

from ..dashboard import cache as dashboard_cache
from ..letters.services import letter_start
from ..models import CaughtOutQuestion, Interview, Lesson, Reflection, WizardDraft


def _questions_replace(reflection, items, owner):
    """Make the reflection's questions match items, keeping practice counts of unchanged ones."""
    existing = defaultdict(list)
    for question in reflection.questions.all():
        existing[question.question].append(question)
    new = []
    for item in items:
        matches = existing.get(item["question"])
        if not matches:
            new.append(CaughtOutQuestion(owner=owner, reflection=reflection, **item))
            continue
        question = matches.pop(0)
        if (question.what_i_said, question.better_answer) != (
            item["what_i_said"],
            item["better_answer"],
        ):
            question.what_i_said = item["what_i_said"]
            question.better_answer = item["better_answer"]
            question.save(update_fields=["what_i_said", "better_answer"])
    stale = [question.pk for left in existing.values() for question in left]
    CaughtOutQuestion.objects.filter(pk__in=stale).delete()
    CaughtOutQuestion.objects.bulk_create(new)
    dashboard_cache.changed(owner.pk)


def _lessons_replace(reflection, items):
    """Make the reflection's lessons match items, keeping the done flag of unchanged ones."""
    existing = defaultdict(list)
    for lesson in reflection.lessons.all():
        existing[(lesson.text, lesson.action)].append(lesson)
    new = []
    for item in items:
        matches = existing.get((item["text"], item["action"]))
        if not matches:
            new.append(Lesson(reflection=reflection, **item))
            continue
        lesson = matches.pop(0)
        if lesson.category != item["category"]:
            lesson.category = item["category"]
            lesson.save(update_fields=["category"])
    stale = [lesson.pk for left in existing.values() for lesson in left]
    Lesson.objects.filter(pk__in=stale).delete()
    Lesson.objects.bulk_create(new)
    dashboard_cache.changed_for(reflection)


def _letter_for(interview, follow_up):
    """Return the draft letter for the chosen follow-up, reusing one already started."""
    if follow_up in ("", Reflection.FollowUp.NONE):
        return None
    existing = interview.letters.filter(kind=follow_up).order_by("-created_at", "-id").first()
    return existing or letter_start(interview=interview, kind=follow_up)


def reflection_complete(*, owner, interview, data):
    """Save the finished reflection, its questions, lessons and chosen letter, all or nothing.

    Running it twice with the same answers leaves one reflection and one letter, so a
    double click or a replayed POST is harmless. The wizard draft goes in the same
    transaction, so it survives any failure.
    """
    with transaction.atomic():
        # Lock the interview so two finishes of the same reflection run one after the other.
        interview = (
            Interview.objects.select_for_update(of=("self",))
            .select_related("application__owner__profile")
            .get(pk=interview.pk, application__owner=owner)
        )
        reflection = Reflection.objects.filter(interview=interview).first()
        if reflection is None:
            reflection = Reflection(interview=interview)
        for name in Reflection.ANSWER_FIELDS:
            setattr(reflection, name, data[name])
        if not reflection.is_complete:
            reflection.status = Reflection.Status.COMPLETE
            reflection.completed_at = timezone.now()
        reflection.save()
        _questions_replace(reflection, data["questions"], owner)
        _lessons_replace(reflection, data["lessons"])
        if interview.is_cooling_off() and not interview.cool_off_confirmed:
            # Working through the whole reflection is the user saying they took the time.
            interview.cool_off_confirmed = True
            interview.save(update_fields=["cool_off_confirmed", "updated_at"])
        letter = _letter_for(interview, data["follow_up"])
        WizardDraft.objects.filter(owner=owner, interview=interview).delete()
    return reflection, letter


def draft_discard(*, owner, interview):
    """Throw away the unfinished answers; a finished reflection stays as it is."""
    with transaction.atomic():
        WizardDraft.objects.filter(owner=owner, interview=interview).delete()
