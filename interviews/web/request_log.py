"""One structured log line per request, and a JSON formatter for the LOGGING config.

The line says what was asked and how it went, never what was in it: no query string,
no form data, no bodies, no headers or cookies. Secrets that live in a URL path (the
calendar feed token, email-confirmation and password-reset keys) are masked.

This module must not import models: LOGGING loads JsonFormatter before apps are ready.
"""

import json
import logging
import time
from datetime import UTC, datetime

logger = logging.getLogger("rebound.request")

# URL parameters that are secrets in themselves; their values are masked in the path.
SECRET_URL_KWARGS = frozenset({"token", "key", "uidb36", "uidb64"})
MASK = "[secret]"

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
    path = request.path
    match = getattr(request, "resolver_match", None)
    if match is not None:
        for name, value in match.kwargs.items():
            if name in SECRET_URL_KWARGS and value:
                path = path.replace(str(value), MASK)
    return path


def _user_id(request):
    # A request that failed before AuthenticationMiddleware ran has no user at all.
    user = getattr(request, "user", None)
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
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)
