"""Input types that take exactly what the schema says: strict JSON, ISO 8601 dates and times."""

import re
from datetime import UTC, date, datetime
from typing import Annotated, Literal

from django.utils.translation import gettext as _
from ninja import Field, Schema
from pydantic import BeforeValidator, ConfigDict, PlainSerializer, WithJsonSchema, create_model

from ..access import MAX_ID

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
    return datetime.fromisoformat(value.upper().replace("Z", "+00:00"))


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
# What every time in a response looks like: ISO 8601 in UTC.
UtcDateTime = Annotated[
    datetime,
    PlainSerializer(_utc, return_type=str),
    WithJsonSchema({"type": "string", "format": "date-time"}),
]
RowId = Annotated[int, Field(ge=1, le=MAX_ID)]


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


def text(model, name, **extra):
    """Return the type of a text field, with the model field's own length limit."""
    return Annotated[str, Field(max_length=model._meta.get_field(name).max_length, **extra)]


def choice(choices):
    """Return the type of a field that takes one of these TextChoices' values."""
    return Literal[tuple(choices.values)]


def optional_fields(schema, name):
    """Return a copy of an input schema in which every field may be left out (for PATCH)."""
    fields = {
        field: (info.annotation | None, Field(None, description=info.description))
        for field, info in schema.model_fields.items()
    }
    return create_model(name, __base__=Input, **fields)
