"""What helped: how the person's own interviews went after they prepared, against when not.

Honest evidence, not advice. Only interviews that have happened and have a rating count.
Each comparison splits them in two (earlier actions all done before it, or not; questions
practised in the fortnight before it, or not) and says in words how the ratings compare,
with how many interviews stand behind each side. Below MIN_EVIDENCE interviews on either
side it says nothing at all: a figure from three interviews is noise. Two queries, however
many interviews there are.
"""

from bisect import bisect_left
from dataclasses import dataclass
from datetime import timedelta
from statistics import fmean

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from ..models import Interview, Lesson, Practice

MIN_EVIDENCE = 5
# Practice in the two weeks before an interview counts as practising for it.
PRACTICE_WINDOW = timedelta(days=14)
# A difference of average ratings (1 to 5) smaller than this reads as "about the same".
SAME_WITHIN = 0.3

BETTER = "better"
SAME = "same"
WORSE = "worse"
WORDINGS = {
    BETTER: _("went a little better"),
    SAME: _("went about the same"),
    WORSE: _("went a little worse"),
}


@dataclass(frozen=True)
class Comparison:
    """One way of preparing, and how interviews went with it and without it."""

    topic: str
    done: int
    not_done: int
    # BETTER, SAME or WORSE; None when either side has fewer than MIN_EVIDENCE interviews.
    outcome: str | None

    @property
    def shown(self):
        return self.outcome is not None

    @property
    def wording(self):
        return WORDINGS[self.outcome] if self.outcome else ""

    @property
    def total(self):
        return self.done + self.not_done


@dataclass(frozen=True)
class Evidence:
    actions: Comparison
    questions: Comparison

    @property
    def comparisons(self):
        return [self.actions, self.questions]

    @property
    def minimum(self):
        return MIN_EVIDENCE

    @property
    def any_shown(self):
        return any(comparison.shown for comparison in self.comparisons)


def compare(topic, done_ratings, not_done_ratings):
    """Return the comparison of two groups of ratings, in words, or none below MIN_EVIDENCE."""
    done, not_done = len(done_ratings), len(not_done_ratings)
    if min(done, not_done) < MIN_EVIDENCE:
        return Comparison(topic, done, not_done, None)
    difference = fmean(done_ratings) - fmean(not_done_ratings)
    outcome = BETTER if difference > 0 else WORSE
    return Comparison(topic, done, not_done, SAME if abs(difference) < SAME_WITHIN else outcome)


def split(interviews, lessons):
    """Return the ratings split by earlier actions done and by questions practised.

    `interviews` are (scheduled_at, rating, practised) rows; `lessons` are (the lesson's
    interview's scheduled_at, done_at or None) rows. An interview with no earlier lesson
    has no actions to have done, so it sits out the actions comparison.
    """
    # Sorted by when their interview was, the lessons before an interview are a prefix; the
    # latest done_at of each prefix (None once any is open) says whether all were done.
    lessons = sorted(lessons, key=lambda lesson: lesson[0])
    starts = [lesson_at for lesson_at, _done_at in lessons]
    latest_done, latest = [], None
    for _lesson_at, done_at in lessons:
        if done_at is None or (latest_done and latest_done[-1] is None):
            latest = None
        else:
            latest = done_at if latest is None else max(latest, done_at)
        latest_done.append(latest)
    actions = {True: [], False: []}
    questions = {True: [], False: []}
    for scheduled_at, rating, practised in interviews:
        questions[bool(practised)].append(rating)
        earlier = bisect_left(starts, scheduled_at)
        if earlier:
            done_by = latest_done[earlier - 1]
            actions[done_by is not None and done_by < scheduled_at].append(rating)
    return actions, questions


def what_helped(user, now):
    """Return how the user's rated past interviews went with and without preparing."""
    practised = Practice.objects.owned_by(user).filter(
        practised_at__lt=OuterRef("scheduled_at"),
        practised_at__gte=OuterRef("scheduled_at") - PRACTICE_WINDOW,
    )
    interviews = list(
        Interview.objects.owned_by(user)
        .past(now)
        .filter(rating__isnull=False)
        .annotate(practised=Exists(practised))
        .order_by()
        .values_list("scheduled_at", "rating", "practised")
    )
    lessons = list(
        Lesson.objects.owned_by(user)
        .order_by()
        .values_list("reflection__interview__scheduled_at", "done_at")
    )
    actions, questions = split(interviews, lessons)
    return Evidence(
        actions=compare("actions", actions[True], actions[False]),
        questions=compare("questions", questions[True], questions[False]),
    )
