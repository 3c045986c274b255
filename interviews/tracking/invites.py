"""Read calendar invites (.ics files) into interviews to preview: no request, no database.

Every file is untrusted. Whatever is uploaded, `parse_invites` returns events (each either
importable or saying why not) or raises `InviteError` with a message for the person.
"""

import codecs
import hashlib
import re
from dataclasses import dataclass, field, replace
from datetime import datetime

from django.utils.translation import gettext as _
from icalendar import Calendar

from ..models import Interview
from ..web.limits import MAX_UPLOAD_BYTES, MAX_UPLOAD_MB
from .invite_matching import guess_format, guess_kind, video_link
from .invite_properties import (
    MAX_ATTENDEES,
    Person,
    as_list,
    plain_text,
    read_attendees,
    read_person,
    read_sequence,
)
from .invite_times import DEFAULT_DURATION_MINUTES, read_duration, read_moment

MAX_FILES = 10
MAX_EVENTS = 50
# VCALENDAR › VEVENT › VALARM and VCALENDAR › VTIMEZONE › STANDARD are the deepest real
# invites go; one level spare, and anything deeper is a file built to hurt a parser.
MAX_DEPTH = 4
MAX_TIMEZONES = 20
# Fifty real invites come to a few thousand lines; each line costs the library time to read.
MAX_LINES = 10_000
# Rebound's own calendar feed (feed.py) names its events so: they are already here.
REBOUND_UID_SUFFIX = "@rebound"
UID_MAX = Interview._meta.get_field("ical_uid").max_length
LOCATION_MAX = Interview._meta.get_field("location").max_length
SUMMARY_MAX = 200


class InviteError(ValueError):
    """A file that cannot be read as calendar invites; the message is for the person."""


@dataclass
class InviteEvent:
    """One interview invite as read from a file, ready to preview."""

    uid: str
    summary: str
    file_name: str
    start: datetime | None = None  # Aware, in the invite's own zone.
    time_zone: str = ""
    duration_minutes: int = DEFAULT_DURATION_MINUTES
    location: str = ""
    video_link: str = ""
    organizer: Person | None = None
    attendees: tuple = ()
    cancelled: bool = False
    notes: list = field(default_factory=list)  # What the person should check.
    problem: str = ""  # Why it cannot be imported; empty when it can.
    sequence: int = 0
    recurrence_instance: bool = False

    @property
    def importable(self):
        return not self.problem

    @property
    def people(self):
        """Return the organizer and the attendees, each address once."""
        seen, people = set(), []
        for person in (self.organizer, *self.attendees):
            if person is None:
                continue
            key = person.email.casefold() or person.name.casefold()
            if key and key not in seen:
                seen.add(key)
                people.append(person)
        return people

    @property
    def kind(self):
        return guess_kind(self.summary)

    @property
    def format(self):
        return guess_format(self.summary, self.location, self.video_link)

    def to_session(self):
        """Return the event as plain JSON values, for the session."""
        return {
            "uid": self.uid,
            "summary": self.summary,
            "file_name": self.file_name,
            "start": self.start.isoformat() if self.start else None,
            "time_zone": self.time_zone,
            "duration_minutes": self.duration_minutes,
            "location": self.location,
            "video_link": self.video_link,
            "organizer": [self.organizer.name, self.organizer.email] if self.organizer else None,
            "attendees": [[person.name, person.email] for person in self.attendees],
            "cancelled": self.cancelled,
            "notes": list(self.notes),
            "problem": self.problem,
        }

    @classmethod
    def from_session(cls, data):
        """Return the event to_session() wrote."""
        organizer = data["organizer"]
        return cls(
            uid=data["uid"],
            summary=data["summary"],
            file_name=data["file_name"],
            start=datetime.fromisoformat(data["start"]) if data["start"] else None,
            time_zone=data["time_zone"],
            duration_minutes=data["duration_minutes"],
            location=data["location"],
            video_link=data["video_link"],
            organizer=Person(*organizer) if organizer else None,
            attendees=tuple(Person(*person) for person in data["attendees"]),
            cancelled=data["cancelled"],
            notes=list(data["notes"]),
            problem=data["problem"],
        )


# Reading the files ------------------------------------------------------------------------


def parse_invites(files, *, tz):
    """Return the events of the uploaded (name, bytes) files, or raise InviteError.

    Floating times (no zone in the invite) are read in tz, the person's own zone.
    """
    if len(files) > MAX_FILES:
        raise InviteError(_("Choose at most %(count)s files at a time.") % {"count": MAX_FILES})
    for name, content in files:
        if len(content) > MAX_UPLOAD_BYTES:
            raise InviteError(
                _("“%(name)s” is larger than %(size)s MB; an invite is only a few KB.")
                % {"name": name, "size": MAX_UPLOAD_MB}
            )
    if sum(len(content) for _name, content in files) > MAX_UPLOAD_BYTES:
        raise InviteError(
            _("These files come to more than %(size)s MB together. Upload fewer at a time.")
            % {"size": MAX_UPLOAD_MB}
        )
    texts = [(name, _decode(name, content)) for name, content in files]
    total = sum(_check_shape(name, text) for name, text in texts)
    if total > MAX_EVENTS:
        raise InviteError(
            _(
                "These files hold %(count)s events; we read at most %(limit)s at a time. "
                "Export only the interview invites and try again."
            )
            % {"count": total, "limit": MAX_EVENTS}
        )
    events = []
    for name, text in texts:
        events.extend(_read_file(name, text, tz))
    return _newest_of_each(events)


def _decode(name, content):
    """Return the file's text: UTF-8, UTF-16 with its mark, the declared charset or Latin-1."""
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return content.decode("utf-16")
        except UnicodeError:
            raise InviteError(_("“%(name)s” is not readable text.") % {"name": name}) from None
    if b"\x00" in content:
        raise InviteError(
            _("“%(name)s” is not a calendar file: it holds binary data.") % {"name": name}
        )
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    # Older calendar programs write a CHARSET parameter; trust it only if Python knows it
    # as a text encoding, then fall back to Latin-1, which reads any byte.
    declared = re.search(rb"CHARSET=\"?([A-Za-z0-9_.:-]{1,40})", content, re.IGNORECASE)
    if declared:
        try:
            return content.decode(declared.group(1).decode("ascii"))
        except (LookupError, UnicodeError, ValueError):
            pass
    return content.decode("latin-1")


def _unfold(text):
    return re.sub(r"\r?\n[ \t]", "", text)


def _check_shape(name, text):
    """Refuse what is not a calendar, or nests too deep; return how many events it holds."""
    depth = events = timezones = 0
    seen_calendar = False
    lines = _unfold(text).splitlines()
    if len(lines) > MAX_LINES:
        raise InviteError(
            _("“%(name)s” is far longer than a calendar invite. Export only the interviews.")
            % {"name": name}
        )
    for line in lines:
        head = line[:6].upper()
        if head == "BEGIN:":
            depth += 1
            kind = line[6:].strip().upper()
            seen_calendar = seen_calendar or kind == "VCALENDAR"
            events += kind == "VEVENT"
            timezones += kind == "VTIMEZONE"
            if depth > MAX_DEPTH:
                raise InviteError(
                    _("“%(name)s” nests its sections too deeply to be a calendar invite.")
                    % {"name": name}
                )
        elif line[:4].upper() == "END:":
            depth -= 1
    if not seen_calendar:
        raise InviteError(
            _("“%(name)s” is not a calendar file. Choose the .ics file attached to the invite.")
            % {"name": name}
        )
    if timezones > MAX_TIMEZONES:
        raise InviteError(
            _("“%(name)s” defines too many time zones to be an invite.") % {"name": name}
        )
    return events


def _read_file(name, text, tz):
    try:
        calendars = Calendar.from_ical(text, multiple=True)
    # Whatever the library trips on, for the person the file is simply unreadable.
    except Exception:
        raise InviteError(
            _("“%(name)s” could not be read as a calendar file.") % {"name": name}
        ) from None
    events = []
    for calendar in calendars:
        method = plain_text(calendar.get("METHOD")).upper()
        zones = {
            plain_text(component.get("TZID")): component for component in calendar.walk("VTIMEZONE")
        }
        for component in calendar.walk("VEVENT"):
            try:
                events.append(_read_event(component, name=name, method=method, zones=zones, tz=tz))
            # One unreadable event must not hide the others.
            except Exception:
                events.append(
                    InviteEvent(
                        uid=_uid(component, "", None),
                        summary=_summary(component),
                        file_name=name,
                        problem=_("We could not read this event."),
                    )
                )
    if not events:
        raise InviteError(
            _("“%(name)s” holds no events. Choose the invite's .ics file.") % {"name": name}
        )
    return events


def _newest_of_each(events):
    """Keep one event per UID: the newest version, the series rather than one changed date."""
    kept = {}
    for event in events:
        rank = (not event.recurrence_instance, event.sequence)
        current = kept.get(event.uid)
        if current is None:
            kept[event.uid] = event
        elif rank >= (not current.recurrence_instance, current.sequence):
            kept[event.uid] = replace(
                event, notes=[*event.notes, _("The upload held an older copy; this is the newest.")]
            )
    return list(kept.values())


# One event --------------------------------------------------------------------------------


def _summary(component):
    return plain_text(component.get("SUMMARY"), SUMMARY_MAX) or _("Untitled event")


def _uid(component, summary, start):
    """Return the invite's UID; one made from its title and time when it has none."""
    uid = plain_text(component.get("UID"))
    if not uid:
        seed = f"{summary}|{start.isoformat() if start else ''}"
        return f"rebound-{hashlib.sha256(seed.encode()).hexdigest()[:32]}"
    if len(uid) > UID_MAX:
        return f"sha256-{hashlib.sha256(uid.encode()).hexdigest()}"
    return uid


def _read_event(component, *, name, method, zones, tz):
    summary = _summary(component)
    status = plain_text(component.get("STATUS")).upper()
    event = InviteEvent(
        uid="",
        summary=summary,
        file_name=name,
        location=plain_text(component.get("LOCATION"), LOCATION_MAX),
        video_link=video_link(component),
        organizer=read_person(component.get("ORGANIZER")),
        attendees=read_attendees(component.get("ATTENDEE")),
        cancelled=method == "CANCEL" or status == "CANCELLED",
        sequence=read_sequence(component.get("SEQUENCE")),
        recurrence_instance=component.get("RECURRENCE-ID") is not None,
    )
    if len(as_list(component.get("ATTENDEE"))) > MAX_ATTENDEES:
        event.notes.append(
            _("Only the first %(count)s people on the invite are shown.") % {"count": MAX_ATTENDEES}
        )
    start, event.time_zone, problem = read_moment(component.get("DTSTART"), zones, tz, event.notes)
    event.start = start
    event.uid = _uid(component, summary, start)
    if problem:
        event.problem = problem
    elif start is None:
        event.problem = _("The invite has no start time.")
    else:
        event.duration_minutes = read_duration(component, start, zones, tz, event.notes)
    if event.uid.endswith(REBOUND_UID_SUFFIX):
        event.problem = _("This event comes from your Rebound calendar, so it is already here.")
    if event.cancelled and not event.problem:
        event.problem = _("This invite was cancelled, so there is nothing to add.")
    if component.get("RRULE") is not None or component.get("RDATE") is not None:
        event.notes.append(
            _("This is a repeating event: only its first date is imported, as one interview.")
        )
    if event.recurrence_instance:
        event.notes.append(_("This changes one date of a repeating event."))
    return event
