"""The dashboard's readiness checklists: what to do before each upcoming interview."""

from dataclasses import dataclass
from datetime import date, datetime
from functools import cached_property

from ..library import leitner, queue
from ..models import PRACTICE_BOX_MIN, Interview, Lesson

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
        return leitner.company_key(self.company)

    @property
    def category_label(self):
        return Lesson.Category(self.category).label if self.category in Lesson.Category else ""


@dataclass(frozen=True)
class PracticeQuestion:
    """A question to practise, with the company and kind of interview it belongs to, if any.

    It carries what the Leitner order reads (a card), so the checklist and the practice page
    put questions in one order.
    """

    pk: int
    question: str
    times_practised: int
    company: str
    kind: str
    box: int = PRACTICE_BOX_MIN
    due_on: date | None = None
    last_practised_at: datetime | None = None
    application_pk: int | None = None


@dataclass(frozen=True)
class Entry:
    """An action or question on one checklist, and why it is there."""

    item: OpenAction | PracticeQuestion
    # "company" for the same company, "kind" for the same kind of interview, "" for the rest.
    match: str


@dataclass(frozen=True)
class Checklist:
    """One upcoming interview and what to do before it: its own matches first."""

    interview: Interview
    actions: list[Entry]
    questions: list[Entry]
    matching_actions: int
    matching_questions: int
    # Every open action and every question, for the links to the pages that list them all.
    all_actions: int
    all_questions: int

    @property
    def more_actions(self):
        return self.all_actions - len(self.actions)

    @property
    def more_questions(self):
        return self.all_questions - len(self.questions)

    @property
    def is_empty(self):
        return not (self.actions or self.questions)


MATCH_ORDER = {"company": 0, "kind": 1, "": 2}


def checklist(interview, open_actions, questions, tz=None):
    """Return the readiness checklist for one upcoming interview.

    Actions: same company first, then the same kind of interview, then the rest, capped to a
    short list: what matters for this interview leads, and the rest fills the space left.
    Questions: only those due by the interview's day, in the practice page's Leitner order.
    """
    company, kind = leitner.company_key(interview.application.company), interview.kind
    # "Other" names no kind of interview, so two of them have nothing in common.
    if kind == Interview.Kind.OTHER:
        kind = None

    def match(item):
        if company and item.company_key == company:
            return "company"
        return "kind" if kind and item.kind == kind else ""

    actions = [Entry(item, match(item)) for item in open_actions]
    # Within a group the newest lesson comes first: it is the freshest memory.
    actions.sort(key=lambda entry: (MATCH_ORDER[entry.match], -entry.item.pk))
    # The interview's own day, in its owner's time zone (fetched with the interview).
    target = leitner.Target.for_interview(
        interview, tz or interview.application.owner.profile.tzinfo
    )
    to_practise = [
        Entry(item, leitner.match(item, target))
        for item in leitner.due_cards(questions, today=target.on, target=target)
    ]
    return Checklist(
        interview=interview,
        actions=actions[:ACTIONS_SHOWN],
        questions=to_practise[:QUESTIONS_SHOWN],
        matching_actions=sum(1 for entry in actions if entry.match),
        matching_questions=sum(1 for entry in to_practise if entry.match),
        all_actions=len(actions),
        all_questions=len(to_practise),
    )


def coming_up(user, upcoming, *, lessons=None, questions=None):
    """Return the next few interviews, each with its readiness checklist.

    lessons and questions, if given, narrow what the checklists draw on (a mentor link shows
    only the applications it covers); by default they are all of the user's.
    """
    if lessons is None:
        lessons = Lesson.objects.owned_by(user)
    # Plain rows rather than model objects: there can be hundreds, and only a few are shown.
    open_actions = [
        OpenAction(*row)
        for row in lessons.filter(done=False).values_list(
            "pk",
            "action",
            "category",
            "reflection__interview__application__company",
            "reflection__interview__kind",
        )
    ]
    rows = queue.question_rows(user, "question", "times_practised", questions=questions)
    cards = [
        PracticeQuestion(pk, question, times, company, kind, box, due_on, last, application)
        for pk, box, due_on, last, application, kind, company, question, times in rows
    ]
    tz = user.profile.tzinfo
    shown = upcoming[:UPCOMING_SHOWN]
    return [checklist(interview, open_actions, cards, tz) for interview in shown]
