"""Read an invite's property values as plain text, people and numbers, whatever the file holds."""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

MAX_ATTENDEES = 30
NAME_MAX = 200
EMAIL_MAX = 254


@dataclass(frozen=True)
class Person:
    name: str
    email: str

    @property
    def label(self):
        return self.name or self.email


def plain_text(value, limit=None):
    """Return a property as one line of plain text, control characters removed."""
    if value is None:
        return ""
    if isinstance(value, list):
        value = value[0] if value else ""
    text = re.sub(r"[\x00-\x1f\x7f]+", " ", str(value))
    text = " ".join(text.split())
    return text[:limit] if limit else text


def as_list(value):
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def read_sequence(value):
    try:
        return int(value or 0)
    except (TypeError, ValueError):
        return 0


def _address(value):
    """Return the e-mail address of a mailto: value, or "" when it is not a valid one."""
    text = plain_text(value)
    if text[:7].lower() == "mailto:":
        text = text[7:]
    text = text.strip()
    if not text or len(text) > EMAIL_MAX:
        return ""
    try:
        validate_email(text)
    except ValidationError:
        return ""
    return text


def read_person(prop):
    if prop is None or isinstance(prop, list):
        prop = as_list(prop)[0] if prop else None
    if prop is None:
        return None
    params = getattr(prop, "params", {})
    name = plain_text(params.get("CN"), NAME_MAX).strip("\"' ")
    email = _address(prop)
    if not name and not email:
        return None
    return Person(name=name, email=email)


def read_attendees(value):
    people = []
    for prop in as_list(value)[:MAX_ATTENDEES]:
        params = getattr(prop, "params", {})
        # Meeting rooms and projectors are invited too; they are not people to keep.
        if plain_text(params.get("CUTYPE")).upper() in {"ROOM", "RESOURCE"}:
            continue
        person = read_person(prop)
        if person is not None:
            people.append(person)
    return tuple(people)
