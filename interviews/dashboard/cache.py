"""Keep each person's dashboard data in the shared cache, never stale and never another's.

What is kept: the sections build_dashboard returns, the Today reminders and the sting's
prompts and chart, for one user, under a key made of the user's id, the user's generation,
the language and a digest of the code that made it. Times are kept as timestamps and shown
in the person's zone when the page is drawn. The entry is pickled and sealed with the
diary's Fernet keys, so the cache holds no diary text in the clear and nothing forged is
ever unpickled.

Why it is never stale, in two halves:

- Data. Every write of a user's rows (post_save and post_delete of every model the user
  owns, the m2m links, and the bulk writes and `.update()` calls that send no signals,
  which call `changed()` themselves) sets the user's generation to a new random value once
  the transaction commits. A random value rather than a counter: two replicas bumping at
  once cannot both land on the same number, and a generation the cache evicted never comes
  back as one an old entry was stored under. The generation is read before the data, so an
  entry is stored under a generation no newer than what it holds; the bump after commit
  retires it. A request that wrote the user's rows in a transaction still open reads its
  own writes: it builds afresh and stores nothing. (API tokens' last use is written with
  `.update()` on every call and bumps nothing: the dashboard shows no tokens.)
- Time. The sections are worked out at a moment `now`. The entry records that moment and
  the first moment from then on at which anything they take from the clock could read
  differently, and it is used only between the two (a clock set back builds afresh).
  Those moments are: the user's next local midnight (the date shown, the days since a
  letter was sent, the funnel's days, which sting check-in is open); the start of the next
  interview (upcoming or past, the checklists, the evidence, "interview tomorrow"); for
  every bad interview still inside its cool-off, the end of the window, each hour it counts
  down ("14 h left") and the moment it leaves the recent ones judged in Python; and the
  moment each sting reminder under Today stops being shown. A moment too early costs one
  more build; none is left out.

Ownership follows the chain of foreign keys (OWNER_PATHS); a test proves every model of
the app is in it, so a new model cannot be forgotten.
"""

import hashlib
import logging
import math
import pickle
import secrets
import sys
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from pathlib import Path

from cryptography.fernet import InvalidToken
from django.core.cache import cache
from django.db import transaction
from django.db.models import Model, QuerySet
from django.utils import timezone, translation

from .. import crypto
from ..account.today import STING_SHOWN_FOR, today_reminders
from ..models import MAX_DURATION_MINUTES, Interview, Reminder
from . import build, charts, evidence, fading, funnel, insights, readiness, recovering
from .build import build_dashboard
from .fading import Fading

logger = logging.getLogger(__name__)

# However far off the next moment that matters, an entry is rebuilt at least this often.
LONGEST = timedelta(hours=6)

# The lookup from each model of the app to the id of the user whose data it is.
OWNER_PATHS = {
    "User": "",
    "Profile": "user",
    "Application": "owner",
    "Interview": "application__owner",
    "Reflection": "interview__application__owner",
    "CaughtOutQuestion": "owner",
    "Lesson": "reflection__interview__application__owner",
    "FollowUpLetter": "interview__application__owner",
    "WizardDraft": "owner",
    "StatusChange": "application__owner",
    "Reminder": "owner",
    "Tag": "owner",
    "Contact": "owner",
    "Document": "application__owner",
    "StingCheck": "interview__application__owner",
    "Practice": "question__owner",
    "MentorLink": "owner",
    "MentorLinkView": "link__owner",
    "ApiToken": "owner",
}


def _shape():
    """Return a digest of the code whose objects an entry pickles.

    A release that changes any of it reads none of the entries an older one left.
    """
    modules = (build, charts, evidence, fading, funnel, insights, readiness, recovering)
    sources = [sys.modules[name] for name in ("interviews.models", "interviews.account.today")]
    digest = hashlib.sha256()
    for module in (*modules, *sources):
        digest.update(Path(module.__file__).read_bytes())
    return digest.hexdigest()[:12]


SHAPE = _shape()


def _owned(model):
    return model._meta.app_label == "interviews" and model.__name__ in OWNER_PATHS


def _generation_key(user_id):
    return f"dashboard:generation:{user_id}"


def _new_generation():
    return secrets.token_hex(8)


def generation(user_id):
    """Return the user's current generation, starting one if the cache has none.

    None when the cache keeps nothing (a dummy cache, or one evicting as fast as it is
    written): there is then nothing safe to key an entry by.
    """
    key = _generation_key(user_id)
    value = cache.get(key)
    if value is None:
        cache.add(key, _new_generation(), timeout=None)
        value = cache.get(key)
    return value


def bump(user_id):
    """Give the user a generation no entry was ever stored under."""
    cache.set(_generation_key(user_id), _new_generation(), timeout=None)


class _Bump:
    """The on-commit bump of one user's generation, registered once per transaction."""

    def __init__(self, user_id):
        self.user_id = user_id
        self.done = False

    def __call__(self):
        self.done = True
        bump(self.user_id)


def _pending(connection, user_id):
    return any(
        isinstance(func, _Bump) and func.user_id == user_id and not func.done
        for _sids, func, _robust in connection.run_on_commit
    )


def changed(user_id):
    """Retire the user's cached dashboard once the current transaction commits."""
    if user_id is None:
        return
    connection = transaction.get_connection()
    if connection.in_atomic_block and _pending(connection, user_id):
        return
    # Robust: a cache that is down must not turn a saved write into an error page.
    transaction.on_commit(_Bump(user_id), robust=True)


def owner_id_of(instance):
    """Return the id of the user whose data instance is, or None if it is no one's."""
    if not _owned(type(instance)):
        return None
    path = OWNER_PATHS[type(instance).__name__]
    if not path:
        return instance.pk
    names = path.split("__")
    current = instance
    for index, name in enumerate(names):
        field = current._meta.get_field(name)
        value = getattr(current, field.attname)
        if index == len(names) - 1 or value is None:
            return value
        if not field.is_cached(current):
            # One query for the rest of the chain, rather than one per link.
            rest = "__".join(names[index + 1 :])
            manager = field.related_model._base_manager
            return manager.filter(pk=value).values_list(rest, flat=True).first()
        current = field.get_cached_value(current)
        if current is None:
            return None
    return None


def changed_for(instance):
    """Retire the cached dashboard of whoever owns instance."""
    changed(owner_id_of(instance))


def deleted(instance, origin):
    """Retire the owner's dashboard for a deleted row, asking once per cascade, not per row.

    A cascade stays inside one person's data (the chain of foreign keys), so the rows it
    takes with it have the owner of the row it started from.
    """
    if isinstance(origin, Model) and _owned(type(origin)):
        if not hasattr(origin, "_dashboard_owner_id"):
            origin._dashboard_owner_id = owner_id_of(origin)
        changed(origin._dashboard_owner_id)
    elif isinstance(origin, QuerySet) and origin.model is not type(instance):
        # Each row of the queryset itself comes by here with its own owner.
        return
    else:
        changed_for(instance)


@dataclass(frozen=True)
class _Entry:
    built_at: datetime
    valid_until: datetime
    dashboard: object
    reminders: list
    prompts: list
    chart: object


def _seal(entry):
    return crypto.fernet().encrypt(pickle.dumps(entry, protocol=pickle.HIGHEST_PROTOCOL))


def _open(token):
    try:
        # Only what _seal wrote passes Fernet's check, so nothing forged is unpickled.
        return pickle.loads(crypto.fernet().decrypt(token))  # noqa: S301
    except (InvalidToken, TypeError, AttributeError, ImportError, EOFError, pickle.UnpicklingError):
        return None


def _entry_key(user_id, user_generation):
    return f"dashboard:{SHAPE}:{user_id}:{user_generation}:{translation.get_language()}"


def _next_midnight(now, tz):
    """Return when the user's date next changes (the earlier instant on a doubtful clock)."""
    tomorrow = timezone.localtime(now, tz).date() + timedelta(days=1)
    return datetime.combine(tomorrow, time.min, tzinfo=tz)


def _cooling_moments(interview, cool_off, now):
    """Return the moments at which a recent bad interview's part of the page may change."""
    until = interview.scheduled_at + timedelta(minutes=interview.duration_minutes) + cool_off
    moments = [interview.scheduled_at + cool_off + timedelta(minutes=MAX_DURATION_MINUTES)]
    if until >= now:
        hours_left = math.ceil((until - now).total_seconds() / 3600)
        # The label drops an hour each time a whole hour less is left, then the window ends.
        moments.append(until - timedelta(hours=max(0, hours_left - 1)))
        moments.append(until)
    return moments


def valid_until(user, now, reminders):
    """Return the first moment from now on at which the user's dashboard may read differently."""
    profile = user.profile
    moments = [now + LONGEST, _next_midnight(now, profile.tzinfo)]
    interviews = Interview.objects.filter(application__owner=user)
    first_start = (
        interviews.filter(scheduled_at__gte=now)
        .order_by("scheduled_at")
        .values_list("scheduled_at", flat=True)
        .first()
    )
    if first_start is not None:
        moments.append(first_start)
    cool_off = timedelta(hours=profile.cool_off_hours)
    recent_from = now - cool_off - timedelta(minutes=MAX_DURATION_MINUTES)
    for interview in (
        interviews.went_badly()
        .filter(scheduled_at__gte=recent_from)
        .only("scheduled_at", "duration_minutes")
    ):
        moments.extend(m for m in _cooling_moments(interview, cool_off, now) if m >= now)
    stings = [item for item in reminders if item.kind == Reminder.Kind.STING_CHECK]
    moments.extend(item.due_at + STING_SHOWN_FOR for item in stings)
    return min(m for m in moments if m >= now)


def _build(user, now, *, kept=True):
    """Work the page out at now; how long it holds only when it is to be kept."""
    reminders = today_reminders(user, now)
    sting = fading.fading(user, now)
    return _Entry(
        built_at=now,
        valid_until=valid_until(user, now, reminders) if kept else now,
        dashboard=build_dashboard(user, now),
        reminders=reminders,
        prompts=sting.prompts,
        chart=sting.chart,
    )


def _context(entry):
    return {
        "dashboard": entry.dashboard,
        "reminders": entry.reminders,
        "fading": Fading(prompts=entry.prompts, chart=entry.chart),
    }


def dashboard_context(user, now=None):
    """Return the dashboard page's context for user, from the cache when it still holds."""
    now = now or timezone.now()
    connection = transaction.get_connection()
    if connection.in_atomic_block and _pending(connection, user.pk):
        # This transaction changed the user's rows: show them, and keep nothing of it.
        return _context(_build(user, now, kept=False))
    try:
        user_generation = generation(user.pk)
        if user_generation is None:
            return _context(_build(user, now, kept=False))
        key = _entry_key(user.pk, user_generation)
        token = cache.get(key)
    except Exception:
        logger.exception("The dashboard cache could not be read; building the page afresh")
        return _context(_build(user, now, kept=False))
    entry = _open(token) if token is not None else None
    if entry is not None and entry.built_at <= now < entry.valid_until:
        return _context(entry)
    entry = _build(user, now)
    if entry.valid_until > now:
        lifetime = math.ceil((entry.valid_until - now).total_seconds())
        try:
            cache.set(key, _seal(entry), timeout=lifetime)
        except Exception:
            logger.exception("The dashboard cache could not be written")
    return _context(entry)
