"""One structured log line per request, and the filter and formatter of the LOGGING config.

The line says what was asked and how it went, never what was in it: no query string,
no form data, no bodies, no headers or cookies. SecretFilter holds every other record
to the same rule: secrets that live in a URL path (the calendar feed token, e-mail
confirmation and password-reset keys, any route parameter named in SECRET_URL_KWARGS)
are masked, query strings dropped, and SQL and database error values withheld.

This module must not import models: LOGGING loads it before apps are ready.
"""

import json
import logging
import re
import threading
import time
from datetime import UTC, datetime

from django.apps import apps
from django.db import Error as DatabaseError

logger = logging.getLogger("rebound.request")

# URL parameters that are secrets in themselves; their values are masked in the path.
SECRET_URL_KWARGS = frozenset({"token", "key", "uidb36", "uidb64"})
MASK = "[secret]"
WITHHELD = "[withheld]"

# The request fields RequestLogMiddleware attaches to its record, in output order.
REQUEST_FIELDS = ("method", "path", "status", "duration_ms", "user_id")


class RequestLogMiddleware:
    """Log method, path, status, duration and user id of every request to rebound.request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        fields = {
            "method": request.method,
            "path": safe_path(request),
            "status": response.status_code,
            "duration_ms": round((time.perf_counter() - started) * 1000, 1),
            "user_id": _user_id(request),
        }
        logger.info("%(method)s %(path)s %(status)s", fields, extra=fields)
        return response


def safe_path(request):
    """Return the request path without its query string and with URL secrets masked."""
    return mask_secrets(request.path)


def _user_id(request):
    # A request that failed before AuthenticationMiddleware ran has no user at all; an API
    # request has the token's owner instead of a session's.
    user = getattr(request, "api_user", None) or getattr(request, "user", None)
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return user.pk


class JsonFormatter(logging.Formatter):
    """Format each record as one line of JSON: time, level, logger, message and request fields."""

    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC)
            .isoformat(timespec="milliseconds")
            .replace("+00:00", "Z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for name in REQUEST_FIELDS:
            if hasattr(record, name):
                entry[name] = getattr(record, name)
        if record.exc_info:
            entry["exception"] = record.exc_text or self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = record.stack_info
        return json.dumps(entry, ensure_ascii=False, default=str)


class SecretFilter(logging.Filter):
    """Mask URL secrets and query strings, and withhold SQL and database values, in a record.

    Attached to LOGGING's handler, it sees every record the process writes, whichever
    logger made it. It rewrites the record in place, so later handlers see it masked too.
    """

    def filter(self, record):
        if hasattr(record, "sql") or hasattr(record, "params"):
            # django.db.backends interpolates the parameters into the SQL it logs.
            alias = getattr(record, "alias", None) or "the database"
            record.msg = "SQL statement on %s (text and parameters withheld)"
            record.args = (alias,)
            record.sql = record.params = WITHHELD
        try:
            message = record.getMessage()
        except Exception:  # a bad format string must not print its arguments instead
            message = f"unformattable log message from {record.name}"
        record.msg, record.args = mask_secrets(message), None
        for name in REQUEST_FIELDS:
            value = getattr(record, name, None)
            if isinstance(value, str):
                setattr(record, name, mask_secrets(value))
        if record.exc_info and not record.exc_text:
            record.exc_text = mask_secrets(_exception_text(record.exc_info))
        if record.stack_info:
            record.stack_info = mask_secrets(record.stack_info)
        return True


# Anything that looks like a URL path, up to the next space or quote.
_PATH = re.compile(r"""/[^\s"'<>]*""")
# An API token wherever it shows up: in a path, a header someone logs, an exception's message.
# (models.API_TOKEN_PREFIX; the logging filter loads before the models can be imported.)
_API_TOKEN = re.compile(r"rbd_[A-Za-z0-9_-]+")
# Quoted literals in a database error's first line ('invalid input syntax ...: "text"').
_QUOTED = re.compile(r""""[^"]*"|'[^']*'""")


def mask_secrets(text):
    """Return text without query strings, its secret path segments and API tokens masked."""
    return _API_TOKEN.sub(MASK, _PATH.sub(_mask_path, text))


def _mask_path(match):
    # Matching inside one path keeps a greedy route (allauth's "(?P<key>.+)/") to that path.
    path = match.group().partition("?")[0].partition("#")[0]
    for pattern in _secret_paths():
        path = pattern.sub(_mask_groups, path)
    return path


def _mask_groups(match):
    pieces, position = [], match.start()
    spans = sorted(
        match.span(name)
        for name in SECRET_URL_KWARGS & set(match.re.groupindex)
        if match.group(name) is not None
    )
    for start, end in spans:
        pieces += [match.string[position:start], MASK]
        position = end
    pieces.append(match.string[position : match.end()])
    return "".join(pieces)


_routes = threading.local()
_secret_path_cache = {}


def _secret_paths():
    """Return one regex per route of the URLconf that carries a secret parameter."""
    # Before apps are ready the URLconf cannot load; nothing has served a request yet.
    if not apps.ready or getattr(_routes, "building", False):
        return ()
    from django.urls import get_resolver

    try:
        _routes.building = True  # loading the URLconf may log, which calls back here
        resolver = get_resolver()
        if resolver not in _secret_path_cache:
            _secret_path_cache.clear()
            _secret_path_cache[resolver] = tuple(_route_regexes(resolver.url_patterns, ""))
        return _secret_path_cache[resolver]
    except Exception:  # a broken URLconf must not break logging as well
        return ()
    finally:
        _routes.building = False


def _route_regexes(patterns, prefix):
    from django.urls import URLResolver

    for pattern in patterns:
        regex = prefix + _unanchored(pattern.pattern.regex.pattern)
        if isinstance(pattern, URLResolver):
            yield from _route_regexes(pattern.url_patterns, regex)
        elif SECRET_URL_KWARGS & set(re.compile(regex).groupindex):
            yield re.compile("/" + regex)


def _unanchored(regex):
    regex = regex.removeprefix("^")
    for end in ("\\Z", "$"):
        regex = regex.removesuffix(end)
    return regex


def _exception_text(exc_info):
    """Format a traceback with the values in database errors' messages withheld."""
    text = logging.Formatter().formatException(exc_info)
    for error in _exception_chain(exc_info[1]):
        if _is_database_error(error):
            try:
                message = str(error)
            except Exception:  # the traceback already says it could not be printed
                message = ""
            if message:
                first_line = message.splitlines()[0]
                text = text.replace(message, _QUOTED.sub(f'"{WITHHELD}"', first_line))
    return text


def _exception_chain(error):
    seen = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        yield error
        error = error.__cause__ or error.__context__


def _is_database_error(error):
    # The driver's own errors (psycopg, sqlite3) carry the same text as Django's wrapper.
    module = type(error).__module__.split(".")[0]
    return isinstance(error, DatabaseError) or module in {"psycopg", "psycopg2", "sqlite3"}
