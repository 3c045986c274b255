"""Writes for tracking applications and their interviews."""

from django.db import transaction

from ..models import Application

# An interview being booked means the application has reached the interviewing stage.
NOT_YET_INTERVIEWING = frozenset({Application.Status.WISHLIST, Application.Status.APPLIED})


def interview_book(*, interview):
    """Save a new interview; move its application on to interviewing and return True if earlier."""
    with transaction.atomic():
        interview.save()
        application = interview.application
        moved = application.status in NOT_YET_INTERVIEWING
        if moved:
            application.status = Application.Status.INTERVIEWING
            application.save(update_fields=["status", "updated_at"])
    return moved
