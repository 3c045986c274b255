"""Where a reflection in progress stands, in steps a person can count on.

The questions step only appears when "caught out by questions" is ticked, so it is counted
as the second half of "What happened": the total stays the same whichever causes are ticked.
"""

from dataclasses import dataclass

from django.urls import reverse

from .steps import QUESTIONS, STEPS

# The steps that get a number of their own, in order.
NUMBERED = tuple(step.name for step in STEPS if step.name != QUESTIONS)
STEP_TOTAL = len(NUMBERED)


def step_number(name):
    """Return the 1-based number a step shows; the questions step shares the one before it."""
    names = [step.name for step in STEPS]
    index = names.index(name) if name in names else 0
    return sum(1 for earlier in names[: index + 1] if earlier != QUESTIONS) or 1


@dataclass(frozen=True)
class Progress:
    number: int
    total: int
    url: str


def draft_progress(draft):
    """Return where a saved wizard draft stands, or None when there is none."""
    if draft is None:
        return None
    return Progress(
        number=step_number(draft.current_step),
        total=STEP_TOTAL,
        url=reverse("interviews:reflect", args=[draft.interview_id]),
    )
