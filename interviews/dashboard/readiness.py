"""The dashboard's readiness checklists: what to do before each upcoming interview."""

from dataclasses import dataclass
from functools import cached_property

from ..models import CaughtOutQuestion, Interview, Lesson

UPCOMING_SHOWN = 5
ACTIONS_SHOWN = 5
QUESTIONS_SHOWN = 3


@dataclass(frozen=True)
class OpenAction:
    """An action not done yet, with the interview its lesson came from."""

    pk: int
    action: str
    category: str
    company: str
    kind: str

    @cached_property
    def company_key(self):
        return _company_key(self.company)

    @property
    def category_label(self):
        return Lesson.Category(self.category).label if self.category in Lesson.Category else ""


@dataclass(frozen=True)
class PracticeQuestion:
    """A question that caught the user out, with the interview it came from."""

    pk: int
    question: str
    times_practised: int
    company: str
    kind: str

    @cached_property
    def company_key(self):
        return _company_key(self.company)


@dataclass(frozen=True)
class Checklist:
    """One upcoming interview and what to do before it."""

    interview: Interview
    actions: list[OpenAction]
    more_actions: int
    questions: list[PracticeQuestion]
    more_questions: int

    @property
    def action_count(self):
        return len(self.actions) + self.more_actions

    @property
    def question_count(self):
        return len(self.questions) + self.more_questions

    @property
    def is_empty(self):
        return not (self.actions or self.questions)


def _company_key(name):
    return name.strip().casefold()


def checklist(interview, open_actions, questions):
    """Return the readiness checklist for one upcoming interview."""
    company, kind = _company_key(interview.application.company), interview.kind

    def relevance(item):
        """Rank a lesson or question: same company, then same kind of interview, then the rest."""
        if item.company_key == company:
            return 0
        return 1 if item.kind == kind else 2

    # Within a group the newest lesson comes first: it is the freshest memory.
    actions = sorted(open_actions, key=lambda item: (relevance(item), -item.pk))
    to_practise = sorted(
        questions, key=lambda item: (item.times_practised, relevance(item), item.pk)
    )
    return Checklist(
        interview,
        actions[:ACTIONS_SHOWN],
        max(0, len(actions) - ACTIONS_SHOWN),
        to_practise[:QUESTIONS_SHOWN],
        max(0, len(to_practise) - QUESTIONS_SHOWN),
    )


def coming_up(user, upcoming):
    """Return the next few interviews, each with its readiness checklist."""
    # Plain rows rather than model objects: there can be hundreds, and only a few are shown.
    open_actions = [
        OpenAction(*row)
        for row in Lesson.objects.owned_by(user)
        .filter(done=False)
        .values_list(
            "pk",
            "action",
            "category",
            "reflection__interview__application__company",
            "reflection__interview__kind",
        )
    ]
    questions = [
        PracticeQuestion(*row)
        for row in CaughtOutQuestion.objects.owned_by(user).values_list(
            "pk",
            "question",
            "times_practised",
            "reflection__interview__application__company",
            "reflection__interview__kind",
        )
    ]
    return [
        checklist(interview, open_actions, questions) for interview in upcoming[:UPCOMING_SHOWN]
    ]
