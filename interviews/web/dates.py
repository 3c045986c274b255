"""How Rebound writes dates: the weekday and day, and the year only when it is not this year.

Aware times are shown in the active time zone (the user's, set by the middleware), and "this
year" is the year of today in that zone. Templates use these through the rebound_dates filters;
messages call them directly.
"""

import datetime as dt

from django.utils import dateformat, timezone

# Each style: (this year, another year).
DAY = ("D j M", "D j M Y")
DAY_TIME = ("D j M, H:i", "D j M Y, H:i")
SHORT_DATE = ("j M", "j M Y")
LONG_DATE = ("j F", "j F Y")
LONG_DAY = ("l j F", "l j F Y")
LONG_DAY_TIME = ("l j F, H:i", "l j F Y, H:i")


def _local(value):
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def _format(value, style, today, *, with_time=True):
    if value in (None, ""):
        return ""
    value = _local(value)
    if today is None:
        today = timezone.localdate()
    this_year, other_year = style
    if not isinstance(value, dt.datetime) and with_time:
        # A plain date has no time to show: fall back to the same style without it.
        this_year, other_year = (fmt.removesuffix(", H:i") for fmt in style)
    return dateformat.format(value, this_year if value.year == today.year else other_year)


def day(value, *, today=None):
    """Return "Tue 1 Dec", or "Tue 1 Dec 2027" outside this year."""
    return _format(value, DAY, today)


def day_time(value, *, today=None):
    """Return "Tue 1 Dec, 09:30", or "Tue 1 Dec 2027, 09:30" outside this year."""
    return _format(value, DAY_TIME, today)


def short_date(value, *, today=None):
    """Return "1 Dec", or "1 Dec 2027" outside this year."""
    return _format(value, SHORT_DATE, today)


def long_date(value, *, today=None):
    """Return "1 December", or "1 December 2027" outside this year."""
    return _format(value, LONG_DATE, today)


def long_day(value, *, today=None):
    """Return "Tuesday 1 December", or "Tuesday 1 December 2027" outside this year."""
    return _format(value, LONG_DAY, today)


def long_day_time(value, *, today=None):
    """Return "Tuesday 1 December, 09:30", or with the year outside this year."""
    return _format(value, LONG_DAY_TIME, today)
