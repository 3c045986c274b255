"""Dates read the same everywhere: the year only when it is not this year, in the user's zone."""

import datetime as dt
import zoneinfo

import pytest
from django.template import Context, Template
from django.utils import timezone

from interviews.web import dates

TODAY = dt.date(2026, 12, 1)
LONDON = zoneinfo.ZoneInfo("Europe/London")
TOKYO = zoneinfo.ZoneInfo("Asia/Tokyo")


@pytest.mark.parametrize(
    ("formatter", "value", "expected"),
    [
        (dates.day, dt.date(2026, 12, 1), "Tue 1 Dec"),
        (dates.day, dt.date(2027, 12, 1), "Wed 1 Dec 2027"),
        (dates.day, dt.date(2025, 3, 4), "Tue 4 Mar 2025"),
        (dates.day_time, dt.datetime(2026, 12, 1, 9, 30), "Tue 1 Dec, 09:30"),
        (dates.day_time, dt.datetime(2027, 12, 1, 9, 30), "Wed 1 Dec 2027, 09:30"),
        (dates.day_time, dt.date(2027, 1, 5), "Tue 5 Jan 2027"),
        (dates.short_date, dt.date(2026, 1, 5), "5 Jan"),
        (dates.short_date, dt.date(2025, 1, 5), "5 Jan 2025"),
        (dates.long_date, dt.date(2026, 6, 30), "30 June"),
        (dates.long_date, dt.date(2027, 6, 30), "30 June 2027"),
        (dates.long_day, dt.date(2026, 12, 1), "Tuesday 1 December"),
        (dates.long_day, dt.date(2024, 12, 1), "Sunday 1 December 2024"),
        (dates.long_day_time, dt.datetime(2026, 12, 4, 18, 5), "Friday 4 December, 18:05"),
        (dates.long_day_time, dt.datetime(2027, 1, 1, 0, 0), "Friday 1 January 2027, 00:00"),
    ],
)
def test_dates_show_the_year_only_when_it_is_not_this_year(formatter, value, expected):
    assert formatter(value, today=TODAY) == expected


def test_nothing_formats_as_nothing():
    assert dates.day(None, today=TODAY) == ""
    assert dates.day_time("", today=TODAY) == ""


def test_an_aware_time_is_shown_in_the_active_zone():
    # 23:30 in London on 31 Dec 2026 is already 2027 in Tokyo.
    moment = dt.datetime(2026, 12, 31, 23, 30, tzinfo=LONDON)
    with timezone.override(LONDON):
        assert dates.day_time(moment, today=TODAY) == "Thu 31 Dec, 23:30"
    with timezone.override(TOKYO):
        assert dates.day_time(moment, today=TODAY) == "Fri 1 Jan 2027, 08:30"


def test_this_year_is_the_year_of_today_in_the_active_zone(time_machine_at_new_year):
    moment = dt.datetime(2027, 1, 1, 3, 0, tzinfo=dt.UTC)
    # At 23:00 UTC on New Year's Eve it is already 2027 in Tokyo but still 2026 in London.
    with timezone.override(TOKYO):
        assert dates.day(moment) == "Fri 1 Jan"
    with timezone.override(LONDON):
        assert dates.day(moment) == "Fri 1 Jan 2027"


@pytest.fixture
def time_machine_at_new_year(monkeypatch):
    instant = dt.datetime(2026, 12, 31, 23, 0, tzinfo=dt.UTC)
    monkeypatch.setattr(timezone, "now", lambda: instant)


def render(source, **context):
    return Template("{% load rebound_dates %}" + source).render(Context(context))


def test_template_filters_format_in_the_users_zone(time_machine_at_new_year):
    moment = dt.datetime(2027, 3, 2, 9, 30, tzinfo=dt.UTC)
    with timezone.override(TOKYO):
        assert render("{{ when|day_time }}", when=moment) == "Tue 2 Mar, 18:30"
        assert render("{{ when|day }}", when=moment) == "Tue 2 Mar"
        assert render("{{ when|long_day_time }}", when=moment) == "Tuesday 2 March, 18:30"
    with timezone.override(LONDON):
        assert render("{{ when|day_time }}", when=moment) == "Tue 2 Mar 2027, 09:30"
        assert render("{{ when|short_date }}", when=moment.date()) == "2 Mar 2027"
        assert render("{{ when|long_date }}", when=moment.date()) == "2 March 2027"
        assert render("{{ when|long_day }}", when=moment.date()) == "Tuesday 2 March 2027"
        assert render("{{ when|day_time|default:'-' }}", when=None) == "-"


def test_template_filters_respect_localtime_off(time_machine_at_new_year):
    moment = dt.datetime(2026, 12, 1, 9, 30, tzinfo=dt.UTC)
    source = "{% load rebound_dates tz %}{{ when|day_time }}/"
    source += "{% localtime off %}{{ when|day_time }}{% endlocaltime %}"
    # In Tokyo it is already 2027, so December 2026 shows its year.
    with timezone.override(TOKYO):
        text = Template(source).render(Context({"when": moment}))
    assert text == "Tue 1 Dec 2026, 18:30/Tue 1 Dec 2026, 09:30"
