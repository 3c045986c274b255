"""When a bad interview's sting check-ins are open, and the points of its line.

Pure: no database, no request. Days are counted in the person's own time zone from the
local day of the interview. Each check-in is open from its day until the next one's day
(the last until CLOSES_ON), and a missed one is simply not asked any more.
"""

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from ..models import StingCheck

# The check-in days, in order, and the day the last one closes.
DAYS = tuple(StingCheck.Day.values)
CLOSES_ON = 28
# The moment a reminder asks, on the check-in's day, in the person's time zone.
REMINDER_TIME = dt.time(18, 0)

# The four moments of an interview's line, left to right.
MOMENTS = (
    _("Right after"),
    _("End of reflection"),
    _("Day 3"),
    _("Day 14"),
)


def interview_day(scheduled_at, tz):
    """Return the day the interview took place, as that day is in tz."""
    return scheduled_at.astimezone(tz).date()


def closes_after(day):
    """Return the day (counted from the interview) on which check-in `day` stops being asked."""
    later = [other for other in DAYS if other > day]
    return later[0] if later else CLOSES_ON


def days_since(scheduled_at, tz, now):
    """Return how many days have passed since the interview's day, counted in tz."""
    return (now.astimezone(tz).date() - interview_day(scheduled_at, tz)).days


def open_day(scheduled_at, tz, now):
    """Return the check-in day open at now (3 or 14), or None when none is."""
    elapsed = days_since(scheduled_at, tz, now)
    for day in DAYS:
        if day <= elapsed < closes_after(day):
            return day
    return None


def opens_at(scheduled_at, day, tz):
    """Return the start of check-in `day`: midnight in tz, `day` days after the interview."""
    start = interview_day(scheduled_at, tz) + dt.timedelta(days=day)
    return dt.datetime.combine(start, dt.time.min, tz)


def closes_at(scheduled_at, day, tz):
    """Return the moment check-in `day` stops being asked."""
    return opens_at(scheduled_at, closes_after(day), tz)


def reminder_moment(scheduled_at, day, tz):
    """Return REMINDER_TIME in tz on the check-in's day."""
    start = interview_day(scheduled_at, tz) + dt.timedelta(days=day)
    return dt.datetime.combine(start, REMINDER_TIME, tz)


@dataclass(frozen=True)
class StingLine:
    """One bad interview's sting, at the four moments; None where nothing was recorded."""

    label: str
    when: dt.date
    values: tuple[int | None, int | None, int | None, int | None]

    @property
    def is_empty(self):
        return all(value is None for value in self.values)

    def at_check_in(self, day):
        """Return the answer to check-in `day` (3 or 14), or None: they follow the two before."""
        return self.values[len(MOMENTS) - len(DAYS) + DAYS.index(day)]


def line_points(*, before, after, checks):
    """Return the four values of a line: before and after the reflection, then each check-in.

    checks maps a check-in day to its intensity; a day without an answer stays None, so a
    missing point is left out rather than guessed.
    """
    return (before, after, *(checks.get(day) for day in DAYS))
