"""Personal access tokens as the API's only credential, each scope checked per operation.

Session cookies never open the API (so it has no CSRF surface), and tokens never open a page:
only the API's own operations read the Authorization header.
"""

import time
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja.security import HttpBearer

from ..access import profile_for
from ..models import ApiToken, api_token_digest
from .errors import ApiError

# last_used_at is written at most this often, so reading the API is not a write per request.
LAST_USED_PRECISION = timedelta(minutes=1)
RATE_WINDOW_SECONDS = 60


class TokenAuth(HttpBearer):
    """Accept a live token that has this operation's scope, and count it against its limit."""

    scope = None

    def __call__(self, request):
        # HttpBearer's own __call__ logs a malformed header whole under DEBUG: never a token.
        scheme, _space, secret = request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not secret.strip():
            return None
        return self.authenticate(request, secret.strip())

    def authenticate(self, request, token):
        now = timezone.now()
        found = (
            ApiToken.objects.usable(now)
            .select_related("owner__profile")
            .filter(digest=api_token_digest(token), owner__is_active=True)
            .first()
        )
        if found is None:
            return None
        if self.scope not in found.scopes:
            raise ApiError(
                403,
                "missing_scope",
                _("This token may not do that: it needs the “%(scope)s” scope.")
                % {"scope": self.scope},
            )
        check_rate(found)
        if found.last_used_at is None or now - found.last_used_at >= LAST_USED_PRECISION:
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        # Times in messages (and "today" for practice) read as on the owner's own pages.
        timezone.activate(profile_for(found.owner).tzinfo)
        request.api_user = found.owner
        return found


def check_rate(token):
    """Refuse the request once the token has used up this minute's allowance."""
    limit = settings.REBOUND_API_REQUESTS_PER_MINUTE
    window = int(time.time() // RATE_WINDOW_SECONDS)
    key = f"api-rate:{token.pk}:{window}"
    # In the shared cache, so every worker and replica counts the same requests.
    if cache.add(key, 1, timeout=RATE_WINDOW_SECONDS * 2):
        used = 1
    else:
        try:
            used = cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.add(key, 1, timeout=RATE_WINDOW_SECONDS * 2)
            used = 1
    if used > limit:
        retry_after = RATE_WINDOW_SECONDS * (window + 1) - int(time.time())
        raise ApiError(
            429,
            "rate_limited",
            _("Too many requests with this token: up to %(limit)s a minute.") % {"limit": limit},
            headers={"Retry-After": str(max(1, retry_after))},
        )


class ReadToken(TokenAuth):
    """A token with the read scope."""

    scope = ApiToken.Scope.READ


class WriteToken(TokenAuth):
    """A token with the write scope."""

    scope = ApiToken.Scope.WRITE


class ReflectionsToken(TokenAuth):
    """A token with the reflections scope: the only way the API shows the diary."""

    scope = ApiToken.Scope.REFLECTIONS


# The schema names each operation's scheme after its class, so it says which scope it needs.
READ, WRITE, REFLECTIONS = ReadToken(), WriteToken(), ReflectionsToken()


def user_of(request):
    """Return the user whose token opened this request."""
    return request.api_user
