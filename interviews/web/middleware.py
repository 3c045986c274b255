"""Per-request glue: session refresh, the user's time zone, privacy headers."""

import time

from django.utils import timezone
from django.utils.cache import add_never_cache_headers

from ..access import profile_for

# The longest a signed-in session's idle timeout waits to be pushed back. Saving on
# every page view would make every read a database write.
SESSION_REFRESH_SECONDS = 60 * 60
# A shorter timeout is pushed back every tenth of itself, so a session ends between
# nine tenths of the idle timeout and the whole of it after the last visit.
SESSION_REFRESH_FRACTION = 10
REFRESHED_KEY = "_rebound_refreshed_at"


def session_refresh_seconds(session):
    """Return how long a visit may leave the session's expiry where it is."""
    return max(
        1, min(SESSION_REFRESH_SECONDS, session.get_expiry_age() // SESSION_REFRESH_FRACTION)
    )


class SessionRefreshMiddleware:
    """Extend the session's idle timeout at most once an hour, or every tenth of a shorter one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        user = getattr(request, "user", None)
        if session is not None and user is not None and user.is_authenticated:
            now = int(time.time())
            if now - session.get(REFRESHED_KEY, 0) >= session_refresh_seconds(session):
                session[REFRESHED_KEY] = now
        return response


class UserTimeZoneMiddleware:
    """Show times in the signed-in user's own time zone."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            timezone.activate(profile_for(user).tzinfo)
        else:
            timezone.deactivate()
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()


class PrivacyHeadersMiddleware:
    """Keep pages with personal data out of caches and other origins."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and "Cache-Control" not in response:
            add_never_cache_headers(response)
        return response
