"""The sting check-ins: which are open for a person, recording one, and the lines they draw.

The rule of when a check-in is open lives in sting.py; this module reads and writes the
database around it, each read in a fixed number of queries.
"""

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.formats import date_format

from ..models import Interview, StingCheck
from . import sting

# The most interviews the dashboard draws together: more lines could not be told apart.
DASHBOARD_LINES = 6


@dataclass(frozen=True)
class OpenCheckIn:
    """A bad interview whose check-in for `day` is open and not yet answered."""

    interview: Interview
    day: int
    closes_at: dt.datetime
    days_since: int

    @property
    def company(self):
        return self.interview.application.company


def _bad_interviews(user):
    return (
        Interview.objects.owned_by(user)
        .went_badly()
        .select_related("reflection")
        .prefetch_related(Prefetch("sting_checks", queryset=StingCheck.objects.order_by("day")))
    )


def open_day_for(interview, now, tz):
    """Return the check-in day open for interview at now, or None (also when it went well)."""
    if not interview.went_badly:
        return None
    return sting.open_day(interview.scheduled_at, tz, now)


def open_check_ins(user, now=None):
    """Return the open, unanswered check-ins of the user's bad interviews, soonest closing first."""
    now = now or timezone.now()
    tz = user.profile.tzinfo
    # No check-in is open once CLOSES_ON days have passed; a day's slack covers any zone.
    since = now - dt.timedelta(days=sting.CLOSES_ON + 1)
    found = []
    for interview in _bad_interviews(user).filter(scheduled_at__gte=since, scheduled_at__lt=now):
        day = sting.open_day(interview.scheduled_at, tz, now)
        if day is None or any(check.day == day for check in interview.sting_checks.all()):
            continue
        found.append(
            OpenCheckIn(
                interview,
                day,
                closes_at=sting.closes_at(interview.scheduled_at, day, tz),
                days_since=sting.days_since(interview.scheduled_at, tz, now),
            )
        )
    return sorted(found, key=lambda item: (item.closes_at, item.interview.pk))


def sting_record(*, interview, day, intensity, note="", now=None):
    """Record (or change) the answer to check-in `day` of interview, and return it."""
    with transaction.atomic():
        check, _created = StingCheck.objects.update_or_create(
            interview=interview,
            day=day,
            defaults={"intensity": intensity, "note": note, "answered_at": now or timezone.now()},
        )
    return check


def line_of(interview, tz):
    """Return the interview's line; its reflection and check-ins are read as prefetched."""
    reflection = interview.reflection_or_none
    return sting.StingLine(
        label=interview.application.company,
        when=sting.interview_day(interview.scheduled_at, tz),
        values=sting.line_points(
            before=reflection.intensity_before if reflection else None,
            after=reflection.intensity_after if reflection else None,
            checks={check.day: check.intensity for check in interview.sting_checks.all()},
        ),
    )


def interview_line(interview):
    """Return one interview's line, reading its check-ins in one query."""
    owner = interview.application.owner
    interview = _bad_interviews(owner).get(pk=interview.pk)
    return line_of(interview, owner.profile.tzinfo)


def recent_lines(user, limit=DASHBOARD_LINES):
    """Return the lines of the user's latest bad interviews that have at least two points.

    One point is not yet a line: a sting can only be seen fading from a second answer on.
    """
    lines = []
    tz = user.profile.tzinfo
    for interview in _bad_interviews(user).order_by("-scheduled_at", "-pk")[: limit * 4]:
        line = line_of(interview, tz)
        if sum(value is not None for value in line.values) >= 2:
            lines.append(line)
        if len(lines) == limit:
            break
    return lines


def line_label(line):
    """Return "Acme, 3 Nov 2026": which interview a line is, in the words of the table."""
    return f"{line.label}, {date_format(line.when, 'j M Y')}"
