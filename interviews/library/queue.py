"""Read a user's questions as Leitner cards: plain rows, one query however many there are."""

from django.db.models import F
from django.db.models.functions import Coalesce

from ..models import CaughtOutQuestion
from .leitner import Card

CARD_FIELDS = ("pk", "box", "due_on", "last_practised_at", "application_pk", "kind", "company")


def question_rows(user, *extra, questions=None):
    """Return the user's questions as rows of the card's fields followed by the `extra` ones.

    questions, if given, is a narrower queryset of the user's questions to read instead.
    """
    if questions is None:
        questions = CaughtOutQuestion.objects.owned_by(user).with_company()
    return (
        questions.annotate(
            # A question from a reflection belongs to that interview's application.
            application_pk=Coalesce("reflection__interview__application", "application"),
            kind=F("reflection__interview__kind"),
        )
        .order_by()
        .values_list(*CARD_FIELDS, *extra)
    )


def cards(user):
    """Return every question of the user as a card, in no particular order."""
    return [Card(*row) for row in question_rows(user)]
