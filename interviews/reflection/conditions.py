"""Decisions that follow earlier answers: which steps apply and which letters fit."""

from ..letters.drafting import eligibility
from ..models import Reflection
from .steps import QUESTIONS, WHAT_HAPPENED


def caught_out_ticked(wizard):
    """Show the questions step only when "caught out by questions" was ticked."""
    answers = wizard.get_cleaned_data_for_step(WHAT_HAPPENED) or {}
    return Reflection.Cause.CAUGHT_OUT in answers.get("causes", [])


def letter_fit(wizard):
    """Return which letters fit the answers to "what happened", and why."""
    answers = wizard.get_cleaned_data_for_step(WHAT_HAPPENED) or {}
    return eligibility(
        Reflection(
            causes=answers.get("causes", []),
            outside_circumstances=answers.get("outside_circumstances", ""),
            what_happened=answers.get("what_happened", ""),
        )
    )


CONDITIONS = {QUESTIONS: caught_out_ticked}
