"""End a user's sessions on every device, or delete the account and everything in it."""

from importlib import import_module

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.db import transaction


def user_session_keys(user):
    """Return the keys of every stored session that belongs to user.

    Session data is signed and encoded, so it cannot be filtered in SQL: each row is
    decoded. This reads the whole session table, which is fine at Rebound's scale.
    """
    session_model = import_module(settings.SESSION_ENGINE).SessionStore.get_model_class()
    user_id = str(user.pk)
    return [
        session.session_key
        for session in session_model.objects.only("session_key", "session_data").iterator()
        if session.get_decoded().get(SESSION_KEY) == user_id
    ]


def user_sessions_end(*, user):
    """Delete every session of user, on every device; return how many were ended."""
    session_model = import_module(settings.SESSION_ENGINE).SessionStore.get_model_class()
    with transaction.atomic():
        keys = user_session_keys(user)
        session_model.objects.filter(session_key__in=keys).delete()
    return len(keys)


def account_delete(*, user):
    """Delete user and every row they own, and end their sessions, in one transaction.

    The user row cascades to the profile, applications (and through them interviews,
    reflections, lessons and letters), questions, wizard drafts and email addresses.
    """
    with transaction.atomic():
        user_sessions_end(user=user)
        user.delete()
