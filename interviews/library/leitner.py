"""Spaced practice with Leitner boxes, and the one order questions are practised in.

A question answered well moves up a box and waits longer before it is due again; a shaky
answer sends it back to box 1, due tomorrow. Pure: no request, no database.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from ..models import PRACTICE_BOX_MAX, PRACTICE_BOX_MIN, Interview, Practice

# Days until a question in each box is due again.
INTERVALS = {1: 1, 2: 2, 3: 4, 4: 8, 5: 16}
assert set(INTERVALS) == set(range(PRACTICE_BOX_MIN, PRACTICE_BOX_MAX + 1))


def _clamp(box):
    return min(max(box, PRACTICE_BOX_MIN), PRACTICE_BOX_MAX)


def next_box(box, result):
    """Return the box after one practice: up one when answered well, back to box 1 when shaky."""
    if result == Practice.Result.WELL:
        return _clamp(box + 1)
    if result == Practice.Result.SHAKY:
        return PRACTICE_BOX_MIN
    raise ValueError(f"Unknown practice result: {result!r}")


def due_on_after(box, today):
    """Return the day a question put in `box` on `today` is next due."""
    return today + timedelta(days=INTERVALS[_clamp(box)])


def company_key(name):
    """Return a company name as compared: "ACME " and "Acme" are one company."""
    # A question added by hand may name no company at all.
    return (name or "").strip().casefold()


@dataclass(frozen=True)
class Target:
    """What the questions are practised for: an interview's application, kind and day."""

    application_pk: int | None
    kind: str | None
    on: date
    company: str = ""

    @classmethod
    def for_interview(cls, interview, tz):
        """Return the target of an upcoming interview, its day read in the user's time zone."""
        # "Other" names no kind of interview, so two of them have nothing in common.
        kind = None if interview.kind == Interview.Kind.OTHER else interview.kind
        return cls(
            interview.application_id,
            kind,
            interview.scheduled_at.astimezone(tz).date(),
            interview.application.company,
        )


@dataclass(frozen=True)
class Card:
    """What the practice order needs to know of one question."""

    pk: int
    box: int
    due_on: date | None
    last_practised_at: datetime | None
    # The question's application (its interview's, or the one a hand-added question names).
    application_pk: int | None
    # The kind of interview it caught the user out in; None for a question added by hand.
    kind: str | None
    # The company of that application, so another application at the same company matches too.
    company: str | None = ""


def is_due(due_on, by):
    """Return True when a question due on `due_on` (None: now) is due by the day `by`."""
    return due_on is None or due_on <= by


def match(card, target):
    """Return why the card matters for the target: "company", "kind" or ""."""
    if target is None:
        return ""
    if target.application_pk is not None and card.application_pk == target.application_pk:
        return "company"
    if company_key(target.company) and company_key(card.company) == company_key(target.company):
        return "company"
    if target.kind and card.kind == target.kind:
        return "kind"
    return ""


MATCH_RANK = {"company": 0, "kind": 1, "": 2}


def practice_key(card, *, today, target=None):
    """Return the sort key of one card: due first, then same company, same kind, the rest.

    Ties go to the lowest box, then to the question left alone longest (never practised first).
    """
    by = target.on if target is not None else today
    practised = card.last_practised_at
    return (
        not is_due(card.due_on, by),
        MATCH_RANK[match(card, target)],
        card.box,
        practised is not None,
        practised.timestamp() if practised is not None else 0.0,
        card.pk,
    )


def practice_order(cards, *, today, target=None):
    """Return the cards in the order to practise them for the target (or for no interview)."""
    return sorted(cards, key=lambda card: practice_key(card, today=today, target=target))


def due_cards(cards, *, today, target=None):
    """Return only the cards due by the target's day (or today), in practice order."""
    by = target.on if target is not None else today
    return [
        card
        for card in practice_order(cards, today=today, target=target)
        if is_due(card.due_on, by)
    ]
