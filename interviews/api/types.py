"""Input types that take exactly what the schema says: strict JSON, ISO 8601 dates and times."""

import re
from datetime import UTC, date, datetime
from typing import Annotated, Literal

from django.core.validators import ProhibitNullCharactersValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext as _
from ninja import Field, Schema
from pydantic import (
    AfterValidator,
    BeforeValidator,
    ConfigDict,
    PlainSerializer,
    WithJsonSchema,
    create_model,
)

from ..access import MAX_ID
from ..models import EARLIEST_YEAR, LATEST_YEAR

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# RFC 3339: a date, a time and an offset (Z or ±hh:mm); no naive times, which would guess a zone.
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([Zz]|[+-]\d{2}:\d{2})")


def _iso_date(value):
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        raise ValueError(_("Give a date as YYYY-MM-DD."))
    return date.fromisoformat(value)


def _iso_datetime(value):
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value
    if not isinstance(value, str) or not _DATETIME.fullmatch(value):
        raise ValueError(_("Give a date and time with its offset, e.g. 2026-12-01T09:30:00Z."))
    moment = datetime.fromisoformat(value.upper().replace("Z", "+00:00"))
    # In UTC: PostgreSQL refuses offsets past ±15:59, which ISO 8601 allows.
    try:
        return moment.astimezone(UTC)
    except OverflowError:
        # Within a day of either end of the calendar, as early or as late as a time can be.
        return (datetime.min if moment.year == datetime.min.year else datetime.max).replace(
            tzinfo=UTC
        )


def _whole_number(value):
    """Take 3.0 as 3: JSON has one kind of number, and to JSON Schema 3.0 is an integer."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _utc(value):
    """Write a time in UTC with a Z, whatever zone it was read in."""
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


IsoDate = Annotated[
    date, BeforeValidator(_iso_date), WithJsonSchema({"type": "string", "format": "date"})
]
IsoDateTime = Annotated[
    datetime,
    BeforeValidator(_iso_datetime),
    WithJsonSchema({"type": "string", "format": "date-time"}),
]
# The years the forms take a date or time in (the form checks them, with its own message).
_SENSIBLE_YEARS = "^(" + "|".join(map(str, range(EARLIEST_YEAR, LATEST_YEAR + 1))) + ")-"
SensibleDate = Annotated[
    date,
    BeforeValidator(_iso_date),
    WithJsonSchema({"type": "string", "format": "date", "pattern": _SENSIBLE_YEARS}),
]
SensibleDateTime = Annotated[
    datetime,
    BeforeValidator(_iso_datetime),
    WithJsonSchema({"type": "string", "format": "date-time", "pattern": _SENSIBLE_YEARS}),
]
# What every time in a response looks like: ISO 8601 in UTC.
UtcDateTime = Annotated[
    datetime,
    PlainSerializer(_utc, return_type=str),
    WithJsonSchema({"type": "string", "format": "date-time"}),
]


def integer(*, ge, le):
    """Return the type of a whole number from ge to le, which 3.0 is as much as 3."""
    # The bounds go on the int itself, so the schema shows them too.
    return Annotated[int, Field(ge=ge, le=le), BeforeValidator(_whole_number)]


RowId = integer(ge=1, le=MAX_ID)


class Input(Schema):
    """A request body: strictly typed, and a field the schema does not name is refused."""

    model_config = ConfigDict(strict=True, extra="forbid")


class Page(Schema):
    """One page of a list: its items, how many there are in all, and where this page starts."""

    count: int
    limit: int
    offset: int


PAGE_LIMIT_MAX = 100
PAGE_LIMIT_DEFAULT = 25


class PageQuery(Schema):
    limit: int = Field(PAGE_LIMIT_DEFAULT, ge=1, le=PAGE_LIMIT_MAX)
    offset: int = Field(0, ge=0, le=MAX_ID)


def page_of(rows, query, item):
    """Return the page of rows the query asks for, each row turned into item's schema."""
    count = rows.count()
    chosen = rows[query.offset : query.offset + query.limit] if query.offset < count else []
    return {
        "count": count,
        "limit": query.limit,
        "offset": query.offset,
        "items": [item(row) for row in chosen],
    }


# The forms refuse a NUL anywhere, and text that must not be blank unless it holds more than
# the whitespace they strip; the schema says so, and the forms give their own messages.
_NO_NUL = r"^[^\x00]*$"
_NOT_BLANK = r"^[^\x00]*[^\s\x00][^\x00]*$"
# What Django's URL check takes, kept within the host length it allows.
_LABEL = r"[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_WEB_ADDRESS = rf"^https?://({_LABEL}\.){{1,3}}[A-Za-z]{{2,24}}(:[0-9]{{1,4}})?([/?#][^\s\x00]*)?$"


class _Shown:
    """Add keywords to a type's JSON Schema that the form behind it checks, not pydantic."""

    def __init__(self, **keywords):
        self.keywords = keywords

    def __get_pydantic_json_schema__(self, core_schema, handler):
        return {**handler(core_schema), **self.keywords}


def _without_nul(value):
    """Refuse a NUL even where no form looks: PostgreSQL cannot store one."""
    if "\x00" in value:
        raise ValueError(str(ProhibitNullCharactersValidator.message))
    return value


def _shape(field):
    """Return, as JSON Schema, the shape the form checks a text field's value has, if any."""
    if isinstance(field, models.EmailField):
        return {"format": "email"}
    if isinstance(field, models.URLField):
        return {"pattern": _WEB_ADDRESS}
    for validator in field.validators:
        if isinstance(validator, RegexValidator) and not validator.inverse_match:
            return {"pattern": validator.regex.pattern}
    return None


def text(model, name, **extra):
    """Return the type of a text field as its model field and form take it.

    The schema carries the field's length limit, refuses a NUL, says when it must not be
    blank, and gives the shape of an e-mail address, a URL or a code (which may be empty if
    the field allows). The form behind each write checks the shape too, with its messages.
    """
    field = model._meta.get_field(name)
    kind = Annotated[str, Field(max_length=field.max_length, **extra), AfterValidator(_without_nul)]
    if "pattern" not in extra:
        kind = Annotated[kind, _Shown(pattern=_NO_NUL if field.blank else _NOT_BLANK)]
    shape = _shape(field)
    if shape is None:
        return kind
    shown = {"type": "string", "maxLength": field.max_length, **shape}
    if field.blank:
        shown = {"anyOf": [shown, {"type": "string", "maxLength": 0}]}
    return Annotated[kind, WithJsonSchema(shown)]


def choice(choices):
    """Return the type of a field that takes one of these TextChoices' values."""
    return Literal[tuple(choices.values)]


def _constrained(info):
    """Return a field's type with its limits, which pydantic keeps beside the type."""
    return Annotated[info.annotation, *info.metadata] if info.metadata else info.annotation


def optional_fields(schema, name):
    """Return a copy of an input schema in which every field may be left out (for PATCH)."""
    fields = {
        field: (_constrained(info) | None, Field(None, description=info.description))
        for field, info in schema.model_fields.items()
    }
    return create_model(name, __base__=Input, **fields)
