"""Leitner boxes and the one order questions are practised in: pure, no database."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from interviews.library.leitner import (
    INTERVALS,
    Card,
    Target,
    due_cards,
    due_on_after,
    next_box,
    practice_order,
)
from interviews.models import PRACTICE_BOX_MAX, PRACTICE_BOX_MIN, Application, Interview

TODAY = date(2027, 3, 10)
boxes = st.integers(PRACTICE_BOX_MIN, PRACTICE_BOX_MAX)
results = st.sampled_from(["well", "shaky"])


def card(pk, *, box=1, due_on=None, last=None, application=None, kind=None, company=""):
    return Card(pk, box, due_on, last, application, kind, company)


def upcoming(kind, scheduled_at, company="Acme"):
    """Return an unsaved interview at application 7."""
    return Interview(
        application=Application(pk=7, company=company), kind=kind, scheduled_at=scheduled_at
    )


def pks(cards):
    return [c.pk for c in cards]


# Boxes ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("box", "after"), [(1, 2), (2, 3), (3, 4), (4, 5), (5, 5)])
def test_answering_well_moves_up_one_box_and_stops_at_the_top(box, after):
    assert next_box(box, "well") == after


@pytest.mark.parametrize("box", [1, 2, 3, 4, 5])
def test_a_shaky_answer_goes_back_to_box_1(box):
    assert next_box(box, "shaky") == 1


def test_an_unknown_result_is_refused():
    with pytest.raises(ValueError, match="Unknown practice result"):
        next_box(2, "brilliant")


@pytest.mark.parametrize(("box", "days"), [(1, 1), (2, 2), (3, 4), (4, 8), (5, 16)])
def test_each_box_waits_twice_as_long_as_the_one_below(box, days):
    assert due_on_after(box, TODAY) == TODAY + timedelta(days=days)


def test_every_box_has_an_interval():
    assert sorted(INTERVALS) == list(range(PRACTICE_BOX_MIN, PRACTICE_BOX_MAX + 1))


@given(box=boxes, history=st.lists(results, max_size=50))
def test_the_box_always_stays_within_1_to_5(box, history):
    for result in history:
        box = next_box(box, result)
        assert PRACTICE_BOX_MIN <= box <= PRACTICE_BOX_MAX


@given(box=boxes, result=results)
def test_well_never_moves_down_and_shaky_never_moves_up(box, result):
    after = next_box(box, result)
    assert after >= box if result == "well" else after <= box


@given(box=boxes, today=st.dates())
def test_a_practised_question_is_never_due_the_same_day(box, today):
    try:
        due = due_on_after(box, today)
    except OverflowError:
        return  # The last days of the calendar have no tomorrow.
    assert today < due <= today + timedelta(days=16)


# The order --------------------------------------------------------------------------------


def test_without_an_interview_due_questions_come_first_by_box_then_longest_left_alone():
    long_ago = datetime(2027, 1, 1, tzinfo=UTC)
    recently = datetime(2027, 3, 9, tzinfo=UTC)
    cards = [
        card(1, box=1, due_on=TODAY + timedelta(days=1)),
        card(2, box=3, due_on=TODAY, last=long_ago),
        card(3, box=2, due_on=TODAY, last=recently),
        card(4, box=2, due_on=TODAY - timedelta(days=2), last=long_ago),
        card(5, box=2, due_on=None, last=None),
    ]

    assert pks(practice_order(cards, today=TODAY)) == [5, 4, 3, 2, 1]


def test_for_an_interview_due_by_its_day_then_same_company_then_same_kind_then_the_rest():
    target = Target(application_pk=7, kind="technical", on=TODAY + timedelta(days=5))
    cards = [
        card(1, application=7, kind="technical", due_on=TODAY + timedelta(days=6)),
        card(2, application=8, kind="case"),
        card(3, application=8, kind="technical", box=4),
        card(4, application=7, kind="case", box=5, due_on=TODAY + timedelta(days=5)),
        card(5, application=None, kind=None),
    ]

    ordered = practice_order(cards, today=TODAY, target=target)

    assert pks(ordered) == [4, 3, 2, 5, 1]
    assert pks(due_cards(cards, today=TODAY, target=target)) == [4, 3, 2, 5]


def test_another_application_at_the_same_company_counts_as_the_same_company():
    target = Target.for_interview(upcoming("case", datetime(2027, 3, 15, 9, tzinfo=UTC)), UTC)
    cards = [
        card(1, application=8, company="Globex"),
        card(2, application=9, company=" ACME"),
        card(3, application=7, company="Acme"),
    ]

    assert pks(practice_order(cards, today=TODAY, target=target)) == [2, 3, 1]


def test_due_cards_without_an_interview_keeps_only_those_due_today():
    cards = [card(1, due_on=TODAY + timedelta(days=1)), card(2, due_on=TODAY), card(3)]
    assert pks(due_cards(cards, today=TODAY)) == [2, 3]


def test_an_other_kind_interview_matches_no_kind():
    interview = upcoming("other", datetime(2027, 3, 15, 9, tzinfo=UTC))
    target = Target.for_interview(interview, UTC)
    cards = [card(1, kind="technical", box=1), card(2, kind="other", box=2)]

    assert target.kind is None
    assert pks(practice_order(cards, today=TODAY, target=target)) == [1, 2]


def test_the_interviews_day_is_read_in_the_users_time_zone():
    interview = upcoming("case", datetime(2027, 3, 15, 23, tzinfo=UTC))
    assert Target.for_interview(interview, ZoneInfo("Pacific/Auckland")).on == date(2027, 3, 16)
    assert Target.for_interview(interview, UTC).on == date(2027, 3, 15)


cards_strategy = st.lists(
    st.builds(
        card,
        st.integers(1, 10_000),
        box=boxes,
        due_on=st.none() | st.dates(date(2027, 1, 1), date(2027, 6, 1)),
        last=st.none() | st.datetimes(timezones=st.just(UTC)),
        application=st.none() | st.integers(1, 4),
        kind=st.none() | st.sampled_from(["technical", "case"]),
    ),
    unique_by=lambda c: c.pk,
    max_size=30,
)
targets = st.none() | st.builds(
    Target,
    application_pk=st.none() | st.integers(1, 4),
    kind=st.none() | st.sampled_from(["technical", "case"]),
    on=st.dates(date(2027, 1, 1), date(2027, 6, 1)),
)


@given(cards=cards_strategy, target=targets)
def test_the_order_is_a_permutation_with_every_due_card_before_every_other(cards, target):
    ordered = practice_order(cards, today=TODAY, target=target)
    by = target.on if target else TODAY

    assert sorted(pks(ordered)) == sorted(pks(cards))
    due = [c.due_on is None or c.due_on <= by for c in ordered]
    assert due == sorted(due, reverse=True)
    assert pks(due_cards(cards, today=TODAY, target=target)) == pks(ordered)[: sum(due)]


@given(cards=cards_strategy, target=targets)
def test_the_order_does_not_depend_on_the_order_cards_arrive_in(cards, target):
    forwards = practice_order(cards, today=TODAY, target=target)
    backwards = practice_order(list(reversed(cards)), today=TODAY, target=target)
    assert pks(forwards) == pks(backwards)
