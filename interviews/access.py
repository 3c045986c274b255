"""The one place that turns (user, id) into an object, or a 404 for anyone else's."""

from functools import wraps

from django.shortcuts import get_object_or_404

from .models import (
    ApiToken,
    Application,
    CaughtOutQuestion,
    Contact,
    Document,
    FollowUpLetter,
    Interview,
    Lesson,
    MentorLink,
    Profile,
    Reflection,
    Reminder,
)

# The largest id a row can have (a 64-bit primary key).
MAX_ID = 2**63 - 1


def id_or_none(value):
    """Return value as a row id, or None if no row could have it.

    A row id is plain ASCII digits that fit a 64-bit integer: int() would also take "٣", " 3 "
    and "1_000", and fail on "²" or on more than 4,300 digits.
    """
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= 19:
        pk = int(value)
        return pk if 0 < pk <= MAX_ID else None
    return None


def profile_for(user):
    """Return the user's profile, creating it for accounts made before profiles existed."""
    try:
        return user.profile
    except Profile.DoesNotExist:
        profile, _ = Profile.objects.get_or_create(user=user)
        return profile


def get_application(user, pk):
    return get_object_or_404(Application.objects.owned_by(user), pk=pk)


def get_interview(user, pk):
    return get_object_or_404(Interview.objects.owned_by(user), pk=pk)


def get_interview_with_recovery(user, pk):
    """Return the user's interview with what its recovery stage reads, or a 404."""
    return get_object_or_404(Interview.objects.owned_by(user).with_recovery(), pk=pk)


def get_contact(user, pk):
    return get_object_or_404(Contact.objects.owned_by(user), pk=pk)


def get_document(user, pk):
    return get_object_or_404(Document.objects.owned_by(user), pk=pk)


def get_question(user, pk):
    return get_object_or_404(CaughtOutQuestion.objects.owned_by(user), pk=pk)


def get_lesson(user, pk):
    return get_object_or_404(Lesson.objects.owned_by(user), pk=pk)


def get_letter(user, pk):
    return get_object_or_404(FollowUpLetter.objects.owned_by(user), pk=pk)


def get_reflection(user, pk):
    return get_object_or_404(Reflection.objects.owned_by(user).prefetch_related("lessons"), pk=pk)


def get_reminder(user, pk):
    return get_object_or_404(Reminder.objects.owned_by(user), pk=pk)


def get_mentor_link(user, pk):
    """Return the user's mentor link with its openings counted, or a 404 for anyone else's."""
    return get_object_or_404(MentorLink.objects.owned_by(user).with_openings(), pk=pk)


def get_api_token(user, pk):
    """Return the user's API token, revoked and expired ones too, or a 404 for anyone else's."""
    return get_object_or_404(ApiToken.objects.owned_by(user), pk=pk)


def lock_owned(rows, pk):
    """Return the row of an owned queryset, locked until the transaction ends, or a 404."""
    return get_object_or_404(rows.select_for_update(of=("self",)), pk=pk)


def owned(getter):
    """Fetch the user's object before the method check, so another user's id is always a 404."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, pk):
            return view(request, getter(request.user, pk))

        return wrapper

    return decorator
