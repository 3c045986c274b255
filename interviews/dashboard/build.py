"""Assemble the dashboard's sections for one user in a fixed, small number of queries.

Each section function takes the user (and the moment to judge by) and returns plain
data. Rows are fetched once per section and the rest is worked out in Python, so the
page costs the same number of queries for 3 interviews or 3,000. The bigger sections
live in recovering, readiness and insights beside this module.
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Count, F, Q, Subquery
from django.utils import timezone

from ..models import Application, FollowUpLetter, Interview
from .evidence import Evidence, what_helped
from .funnel import Funnel, application_funnel
from .insights import Patterns, Progress, patterns, progress, reflection_summary
from .readiness import UPCOMING_SHOWN, Checklist, coming_up
from .recovering import Clash, Recovering, page_url, recovering, too_soon

WAITING_SHOWN = 6


@dataclass(frozen=True)
class PipelineStage:
    status: str
    label: str
    count: int
    url: str


def pipeline(user):
    """Return the user's applications counted by status, in the order a search moves."""
    counts = dict(
        Application.objects.owned_by(user)
        .values_list("status")
        .annotate(count=Count("pk"))
        .order_by()
    )
    return [
        PipelineStage(
            status,
            label,
            counts.get(status, 0),
            page_url("application_list", query={"status": status}),
        )
        for status, label in Application.Status.choices
    ]


@dataclass(frozen=True)
class Waiting:
    """A sent letter still waiting for an answer."""

    pk: int
    kind: str
    company: str
    days: int

    @property
    def kind_label(self):
        return FollowUpLetter.Kind(self.kind).label if self.kind in FollowUpLetter.Kind else ""

    @property
    def url(self):
        return page_url("letter_detail", self.pk)


def waiting_to_hear(user, today):
    """Return the sent letters still waiting for an answer, longest wait first."""
    letters = (
        FollowUpLetter.objects.owned_by(user)
        .filter(status=FollowUpLetter.Status.SENT, response=FollowUpLetter.Response.AWAITING)
        .order_by(F("sent_on").asc(nulls_last=True), "pk")
        .values_list("pk", "kind", "interview__application__company", "sent_on")
    )
    return [
        Waiting(pk, kind, company, max(0, (today - sent_on).days) if sent_on else 0)
        for pk, kind, company, sent_on in letters
    ]


def upcoming_interviews(user, now, cooling, first):
    """Return the next `first` interviews and any others inside an open cool-off window."""
    # Only a window still open can reach an interview that has not happened yet.
    horizon = max((bad.cool_off_until for bad in cooling), default=now)
    upcoming = Interview.objects.owned_by(user).upcoming(now)
    next_ones = upcoming.values("pk")[:first]
    return list(upcoming.filter(Q(scheduled_at__lt=horizon) | Q(pk__in=Subquery(next_ones))))


@dataclass(frozen=True)
class Dashboard:
    now: datetime
    today: date
    applications: int
    pipeline: list[PipelineStage]
    recovering: Recovering | None = None
    too_soon: list[Clash] = field(default_factory=list)
    coming_up: list[Checklist] = field(default_factory=list)
    progress: Progress | None = None
    patterns: Patterns | None = None
    waiting: list[Waiting] = field(default_factory=list)
    funnel: Funnel | None = None
    evidence: Evidence | None = None

    @property
    def is_new(self):
        return self.applications == 0

    @property
    def waiting_shown(self):
        return self.waiting[:WAITING_SHOWN]

    @property
    def waiting_more(self):
        return max(0, len(self.waiting) - WAITING_SHOWN)


def build_dashboard(user, now=None):
    """Return every section of the user's dashboard."""
    now = now or timezone.now()
    tz = user.profile.tzinfo
    today = timezone.localtime(now, tz).date()
    stages = pipeline(user)
    applications = sum(stage.count for stage in stages)
    if not applications:
        # Nothing else can exist without an application: the welcome is all there is.
        return Dashboard(now=now, today=today, applications=0, pipeline=stages)
    recovery = recovering(user, now)
    upcoming = upcoming_interviews(user, now, recovery.cooling, first=UPCOMING_SHOWN)
    summary = reflection_summary(user)
    return Dashboard(
        now=now,
        today=today,
        applications=applications,
        pipeline=stages,
        recovering=recovery,
        too_soon=too_soon(upcoming, recovery.cooling),
        coming_up=coming_up(user, upcoming),
        progress=progress(user, tz, summary),
        patterns=patterns(user, summary),
        waiting=waiting_to_hear(user, today),
        funnel=application_funnel(user, tz, today),
        evidence=what_helped(user, now),
    )
