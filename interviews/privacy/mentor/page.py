"""What a mentor link's page shows: only the applications it covers and only the parts ticked.

Every read starts from the owner's own querysets and is narrowed to the covered applications,
so the page takes the same number of queries however much there is to show.
"""

from dataclasses import dataclass, field

from django.db.models import Q

from ...access import profile_for
from ...dashboard.readiness import coming_up
from ...models import CaughtOutQuestion, Interview, Lesson, Reflection


@dataclass(frozen=True)
class Feelings:
    """How an interview felt, in the words of the reflection's choices, and how big it was."""

    felt: list[str]
    before: int | None
    after: int | None
    checks: list = field(default_factory=list)


@dataclass(frozen=True)
class PrivatePart:
    """The private answers of one finished reflection, each present only if its box is ticked."""

    interview: Interview
    feelings: Feelings | None
    kind_words: str
    traps: list[str]
    reframe: str

    @property
    def is_empty(self):
        return not (self.feelings or self.kind_words or self.traps or self.reframe)


@dataclass(frozen=True)
class MentorPage:
    """Everything the mentor page shows; None for a part the link does not show."""

    name: str
    link: object
    checklists: list | None = None
    lessons: list | None = None
    questions: list | None = None
    private: list | None = None

    @property
    def shows_private(self):
        return self.private is not None

    @property
    def is_empty(self):
        parts = (self.checklists, self.lessons, self.questions, self.private)
        return not any(parts)


def covered_application_ids(link):
    """Return the ids of the applications the link covers, or None when it covers them all."""
    ids = [application.pk for application in link.applications.all()]
    return ids or None


def _within(queryset, path, ids):
    return queryset if ids is None else queryset.filter(**{f"{path}__in": ids})


def lessons_for(owner, ids):
    """Return the lessons of the covered applications, open actions first."""
    return _within(Lesson.objects.owned_by(owner), "reflection__interview__application_id", ids)


def questions_for(owner, ids):
    """Return the questions of the covered applications, from reflections or added by hand."""
    questions = CaughtOutQuestion.objects.owned_by(owner).with_company()
    if ids is None:
        return questions
    return questions.filter(
        Q(reflection__interview__application_id__in=ids) | Q(application_id__in=ids)
    )


def readiness(owner, ids, now):
    """Return the checklists of the next covered interviews, from covered lessons and questions."""
    upcoming = _within(Interview.objects.owned_by(owner).upcoming(now), "application_id", ids)
    return coming_up(
        owner, upcoming, lessons=lessons_for(owner, ids), questions=questions_for(owner, ids)
    )


def _feelings(reflection, labels):
    felt = Feelings(
        felt=[str(labels.get(value, value)) for value in reflection.feelings_before or []],
        before=reflection.intensity_before,
        after=reflection.intensity_after,
        checks=list(reflection.interview.sting_checks.all()),
    )
    empty = not felt.felt and felt.before is None and felt.after is None and not felt.checks
    return None if empty else felt


def private_parts(owner, ids, link):
    """Return what the ticked private boxes show, one entry per finished reflection."""
    reflections = _within(
        Reflection.objects.owned_by(owner).filter(status=Reflection.Status.COMPLETE),
        "interview__application_id",
        ids,
    ).order_by("-interview__scheduled_at", "-pk")
    if link.shows_feelings:
        reflections = reflections.prefetch_related("interview__sting_checks")
    feelings = dict(Reflection.Feeling.choices)
    traps = dict(Reflection.ThinkingTrap.choices)
    parts = []
    for reflection in reflections:
        part = PrivatePart(
            interview=reflection.interview,
            feelings=_feelings(reflection, feelings) if link.shows_feelings else None,
            kind_words=reflection.kind_words if link.shows_kind_words else "",
            traps=[str(traps.get(value, value)) for value in reflection.thinking_traps or []]
            if link.shows_thinking_traps
            else [],
            reframe=reflection.reframe if link.shows_thinking_traps else "",
        )
        if not part.is_empty:
            parts.append(part)
    return parts


def mentor_page(link, now):
    """Return what the link shows today: the owner's name if given, and the parts ticked."""
    owner = link.owner
    ids = covered_application_ids(link)
    shows_private = link.shows_feelings or link.shows_kind_words or link.shows_thinking_traps
    return MentorPage(
        name=profile_for(owner).display_name.strip(),
        link=link,
        checklists=readiness(owner, ids, now) if link.shows_readiness else None,
        lessons=list(lessons_for(owner, ids)) if link.shows_lessons else None,
        questions=list(questions_for(owner, ids)) if link.shows_questions else None,
        private=private_parts(owner, ids, link) if shows_private else None,
    )
