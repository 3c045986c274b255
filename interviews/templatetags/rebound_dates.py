"""Date filters: {{ value|day }} → "Tue 1 Dec", with the year only when it is not this year.

Formatting lives in interviews.web.dates; these filters only hand it template values.
"""

import datetime as dt

from django import template

from ..web import dates

register = template.Library()


def _filter(formatter):
    # expects_localtime: aware times arrive in the active zone unless {% localtime off %}.
    @register.filter(name=formatter.__name__, expects_localtime=True)
    def date_filter(value):
        if isinstance(value, dt.datetime):
            # The template has already put the time in the zone it shows; keep it there.
            value = value.replace(tzinfo=None)
        try:
            return formatter(value)
        except (AttributeError, TypeError, ValueError):
            return ""

    date_filter.__doc__ = formatter.__doc__
    return date_filter


day = _filter(dates.day)
day_time = _filter(dates.day_time)
short_date = _filter(dates.short_date)
long_date = _filter(dates.long_date)
long_day = _filter(dates.long_day)
long_day_time = _filter(dates.long_day_time)
