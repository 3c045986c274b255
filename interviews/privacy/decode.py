"""Turn one JSON value of an export into the Python value a model field stores."""

from datetime import UTC, date, datetime, time

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from ..models import validate_sensible_date


def decode(model_field, value):
    """Turn one JSON value into the Python value model_field stores, or raise ValueError."""
    if value is None:
        if model_field.null:
            return None
        raise ValueError(_("must not be null."))
    if isinstance(model_field, models.DateTimeField):
        return _decode_datetime(value)
    if isinstance(model_field, models.DateField):
        return _decode_date(value)
    if isinstance(model_field, models.TimeField):
        return _decode_time(value)
    if isinstance(model_field, models.BooleanField):
        if not isinstance(value, bool):
            raise ValueError(_("must be true or false."))
        return value
    if isinstance(model_field, models.IntegerField):
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(_("must be a whole number."))
        return value
    if isinstance(model_field, models.JSONField):
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise ValueError(_("must be a list of text values."))
        return [_text(item) for item in value]
    if not isinstance(value, str):
        raise ValueError(_("must be text."))
    limit = model_field.max_length
    # A TextField's length is held by a database constraint, which full_clean names only
    # by its constraint's name: say it in words here.
    if isinstance(model_field, models.TextField) and limit and len(value) > limit:
        raise ValueError(_("must be at most %(limit)s characters.") % {"limit": limit})
    return _text(value)


def _text(value):
    """Return text the database can store: no NUL character, no lone surrogate."""
    if "\x00" in value:
        raise ValueError(_("must not contain a NUL character."))
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError(_("must be valid Unicode text.")) from None
    return value


def _in_range(value):
    """Return a decoded date or time, or raise ValueError when it is outside the sensible range."""
    try:
        validate_sensible_date(value)
    except ValidationError as error:
        raise ValueError(error.messages[0]) from None
    return value


def _decode_datetime(value):
    parsed = None
    if isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value)
            parsed = parsed.astimezone(UTC) if parsed.tzinfo is not None else None
        except (ValueError, OverflowError):
            # An offset can push a time at the end of year 9999 past what Python holds.
            parsed = None
    if parsed is not None:
        return _in_range(parsed)
    raise ValueError(
        _("must be an ISO 8601 date and time with a time zone, e.g. %(example)s.")
        % {"example": "2026-03-01T09:30:00Z"}
    )


def _decode_time(value):
    if isinstance(value, str):
        try:
            parsed = time.fromisoformat(value)
        except ValueError:
            parsed = None
        if parsed is not None and parsed.isoformat(timespec="minutes") == value:
            return parsed
    raise ValueError(_("must be a time of day written HH:MM."))


def _decode_date(value):
    if isinstance(value, str):
        try:
            parsed = date.fromisoformat(value)
        except ValueError:
            parsed = None
        if parsed is not None and parsed.isoformat() == value:
            return _in_range(parsed)
    raise ValueError(_("must be a date written YYYY-MM-DD."))
