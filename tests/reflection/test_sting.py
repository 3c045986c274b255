"""The sting check-ins' windows and an interview's line: pure, no database."""

import datetime as dt
import zoneinfo

import pytest

from interviews.reflection import sting

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
AUCKLAND = zoneinfo.ZoneInfo("Pacific/Auckland")
# 10:00 in Berlin on 1 Dec 2026.
INTERVIEW = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)


def local(day, hour=12, tz=BERLIN):
    return dt.datetime(2026, 12, 1, hour, tzinfo=tz) + dt.timedelta(days=day)


@pytest.mark.parametrize(
    ("days_after", "expected"),
    [
        (0, None),
        (2, None),
        (3, 3),
        (13, 3),
        (14, 14),
        (27, 14),
        (28, None),
        (60, None),
    ],
)
def test_each_check_in_is_open_from_its_day_until_the_next(days_after, expected):
    assert sting.open_day(INTERVIEW, BERLIN, local(days_after)) == expected


def test_the_first_minute_of_day_three_is_open_and_the_last_of_day_two_is_not():
    start = dt.datetime(2026, 12, 4, 0, 0, tzinfo=BERLIN)
    assert sting.open_day(INTERVIEW, BERLIN, start) == 3
    assert sting.open_day(INTERVIEW, BERLIN, start - dt.timedelta(minutes=1)) is None


def test_days_are_counted_in_the_persons_time_zone():
    # 23:30 UTC on 30 Nov is already 1 Dec in Auckland: day 3 there begins a day earlier.
    late = dt.datetime(2026, 11, 30, 23, 30, tzinfo=dt.UTC)
    now = dt.datetime(2026, 12, 3, 23, 0, tzinfo=AUCKLAND)
    assert sting.interview_day(late, AUCKLAND) == dt.date(2026, 12, 1)
    assert sting.interview_day(late, dt.UTC) == dt.date(2026, 11, 30)
    assert sting.open_day(late, AUCKLAND, now) is None
    assert sting.open_day(late, dt.UTC, now) == 3


def test_the_window_edges_are_midnights_in_the_persons_zone():
    assert sting.opens_at(INTERVIEW, 3, BERLIN) == dt.datetime(2026, 12, 4, tzinfo=BERLIN)
    assert sting.closes_at(INTERVIEW, 3, BERLIN) == dt.datetime(2026, 12, 15, tzinfo=BERLIN)
    assert sting.closes_at(INTERVIEW, 14, BERLIN) == dt.datetime(2026, 12, 29, tzinfo=BERLIN)


def test_the_reminder_asks_at_six_in_the_evening_of_the_check_in_day():
    assert sting.reminder_moment(INTERVIEW, 3, BERLIN) == dt.datetime(
        2026, 12, 4, 18, 0, tzinfo=BERLIN
    )
    assert sting.reminder_moment(INTERVIEW, 14, BERLIN) == dt.datetime(
        2026, 12, 15, 18, 0, tzinfo=BERLIN
    )


def test_a_line_keeps_missing_points_missing():
    assert sting.line_points(before=8, after=None, checks={14: 2}) == (8, None, None, 2)
    assert sting.line_points(before=None, after=None, checks={}) == (None,) * 4


def test_a_line_with_no_points_is_empty():
    assert sting.StingLine("Northwind", dt.date(2026, 12, 1), (None,) * 4).is_empty
    assert not sting.StingLine("Northwind", dt.date(2026, 12, 1), (None, 0, None, None)).is_empty
