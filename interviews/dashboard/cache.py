"""Keep each person's dashboard in the shared cache, never stale and never another's.

What is kept: the dashboard's sections below Today, already drawn as HTML (they hold no
form and nothing of the request), the Today reminders and the first few sting prompts (drawn
on every load, as their forms carry the request's CSRF token), for one user, under a key made
of the user's id, the user's generation, the language and a digest of the code and templates
that made it. The entry is pickled and sealed with the diary's Fernet keys, so the cache
holds no diary text in the clear and nothing forged is ever unpickled. `kept()` does the
same for any other per-user value.

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
from datetime import date, datetime, time, timedelta
from pathlib import Path

from cryptography.fernet import InvalidToken
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Model, QuerySet
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

from .. import crypto
from ..account.today import STING_SHOWN_FOR, today_reminders
from ..models import MAX_DURATION_MINUTES, Interview, Reminder
from . import build, charts, evidence, fading, funnel, insights, readiness, recovering
from .build import build_dashboard
from .fading import Fading

logger = logging.getLogger(__name__)

# However far off the next moment that matters, an entry is rebuilt at least this often.
LONGEST = timedelta(hours=6)
# The dashboard's sections below Today and the sting prompts, drawn once per entry.
SECTIONS = "interviews/dashboard/partials.html#sections"
# The sting prompts asked at once; the others wait their turn (each one closes in days).
PROMPTS_SHOWN = 3

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
    """Return a digest of the code and templates whose output an entry keeps.

    A release that changes any of it reads none of the entries an older one left.
    """
    modules = (build, charts, evidence, fading, funnel, insights, readiness, recovering)
    sources = [sys.modules[name] for name in ("interviews.models", "interviews.account.today")]
    files = [Path(module.__file__) for module in (*modules, *sources)]
    # The board keeps its columns drawn the same way (it imports this module, so by its path).
    files.append(Path(__file__).resolve().parent.parent / "tracking" / "board.py")
    for folder in settings.TEMPLATES[0]["DIRS"]:
        files.extend(sorted(Path(folder).rglob("*.html")))
    digest = hashlib.sha256()
    for file in files:
        digest.update(file.read_bytes())
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
    value: object


def _seal(entry):
    return crypto.fernet().encrypt(pickle.dumps(entry, protocol=pickle.HIGHEST_PROTOCOL))


def _open(token):
    try:
        # Only what _seal wrote passes Fernet's check, so nothing forged is unpickled.
        return pickle.loads(crypto.fernet().decrypt(token))  # noqa: S301
    except (InvalidToken, TypeError, AttributeError, ImportError, EOFError, pickle.UnpicklingError):
        return None


def _entry_key(user_id, user_generation, name="dashboard"):
    return f"{name}:{SHAPE}:{user_id}:{user_generation}:{translation.get_language()}"


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


def kept(user, name, now, make):
    """Return what make(now, keep) works out for user, from the cache while it still holds.

    make returns (value, valid_until): the value, picklable, and the first moment at which
    it may read differently (only worked out when keep is true; `now` otherwise). The value
    is kept under the user's generation, so any write of the user's rows retires it.
    """
    connection = transaction.get_connection()
    if connection.in_atomic_block and _pending(connection, user.pk):
        # This transaction changed the user's rows: show them, and keep nothing of it.
        return make(now, False)[0]
    try:
        user_generation = generation(user.pk)
        if user_generation is None:
            return make(now, False)[0]
        key = _entry_key(user.pk, user_generation, name)
        token = cache.get(key)
    except Exception:
        logger.exception("The %s cache could not be read; working it out afresh", name)
        return make(now, False)[0]
    entry = _open(token) if token is not None else None
    if entry is not None and entry.built_at <= now < entry.valid_until:
        return entry.value
    value, until = make(now, True)
    if until > now:
        lifetime = math.ceil((until - now).total_seconds())
        try:
            cache.set(key, _seal(_Entry(now, until, value)), timeout=lifetime)
        except Exception:
            logger.exception("The %s cache could not be written", name)
    return value


@dataclass(frozen=True)
class Header:
    """What the dashboard shows above its sections: the date, and whether it has anything."""

    today: date
    is_new: bool


@dataclass(frozen=True)
class _Page:
    """One dashboard as kept: the sections already drawn, and the parts drawn per request.

    The sections' HTML holds no form (so no CSRF token) and nothing of the request; the
    reminders and the first few sting prompts are drawn on every load, as their forms are.
    """

    header: Header
    sections: str
    reminders: list
    prompts: list
    prompts_more: int


def _build(user, now, keep):
    """Work the page out at now, and (when it is to be kept) until when it holds.

    Returns ((the page, the sections themselves), valid_until).
    """
    reminders = today_reminders(user, now)
    sting = fading.fading(user, now)
    data = build_dashboard(user, now)
    sections = ""
    if not data.is_new:
        sections = render_to_string(SECTIONS, {"dashboard": data, "fading": sting})
    page = _Page(
        header=Header(today=data.today, is_new=data.is_new),
        sections=sections,
        reminders=reminders,
        prompts=sting.prompts[:PROMPTS_SHOWN],
        prompts_more=max(0, len(sting.prompts) - PROMPTS_SHOWN),
    )
    return (page, data), valid_until(user, now, reminders) if keep else now


def dashboard_context(user, now=None):
    """Return the dashboard page's context for user, from the cache when it still holds.

    "dashboard" is the sections' data when they were just worked out, and only the header
    when they come from the cache: the page itself reads no more than the header.
    """
    now = now or timezone.now()
    fresh = []

    def make(now, keep):
        (page, data), until = _build(user, now, keep)
        fresh.append(data)
        return page, until

    page = kept(user, "dashboard", now, make)
    return {
        "dashboard": fresh[0] if fresh else page.header,
        "sections": mark_safe(page.sections),  # noqa: S308 - drawn by our own template
        "reminders": page.reminders,
        "fading": Fading(prompts=page.prompts, more=page.prompts_more),
    }
