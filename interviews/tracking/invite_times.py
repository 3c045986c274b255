"""Read when an invite starts, in its own time zone, and how long it lasts."""

import functools
import zoneinfo
from datetime import UTC, date, datetime, timedelta
from datetime import timezone as dt_timezone

from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from icalendar.timezone import tzp
from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

from ..models import EARLIEST_YEAR, LATEST_YEAR, MAX_DURATION_MINUTES, MIN_DURATION_MINUTES
from .invite_properties import plain_text
from .times import read_wall_time

DEFAULT_DURATION_MINUTES = 60


@functools.cache
def _known_zones():
    return frozenset(zoneinfo.available_timezones())


def _zone(tzid, zones):
    """Return (tzinfo, name to show) for a TZID, or (None, "") when nothing defines it."""
    cleaned = tzid.strip().strip("/")
    for candidate in (cleaned, WINDOWS_TO_OLSON.get(cleaned), cleaned.rpartition("/")[2]):
        if candidate in _known_zones():
            return zoneinfo.ZoneInfo(candidate), candidate
    # A globally unique TZID ("/vendor/Europe/Berlin") ends with the zone it names.
    parts = cleaned.split("/")
    for first in range(1, len(parts)):
        candidate = "/".join(parts[first:])
        if candidate in _known_zones():
            return zoneinfo.ZoneInfo(candidate), candidate
    # The file's own definition, built afresh: the library's shared cache keeps the first
    # definition any file ever gave of a name, which may be another upload's.
    component = zones.get(tzid)
    if component is not None:
        return tzp.create_timezone(component), cleaned[:64]
    return None, ""


def read_moment(prop, zones, tz, notes):
    """Return (aware datetime, zone name, problem) for a DTSTART or DTEND property."""
    if prop is None:
        return None, "", ""
    try:
        value = prop.dt
    # The library keeps a value it could not parse as a "broken" property that raises here.
    except Exception:
        return None, "", _("The start time cannot be read.")
    if not isinstance(value, datetime):
        if isinstance(value, date):
            return None, "", _("This is an all-day event, not an interview time: add it by hand.")
        return None, "", _("The start time cannot be read.")
    wall = value.replace(tzinfo=None)
    if not EARLIEST_YEAR <= wall.year <= LATEST_YEAR:
        return (
            None,
            "",
            _("Its date is outside %(earliest)s–%(latest)s.")
            % {"earliest": EARLIEST_YEAR, "latest": LATEST_YEAR},
        )
    tzid = prop.params.get("TZID")
    if tzid:
        zone, name = _zone(str(tzid), zones)
        if zone is None:
            notes.append(
                _("We do not know the time zone “%(zone)s”, so the time is read in yours.")
                % {"zone": plain_text(tzid, 64)}
            )
            zone, name = tz, str(tz)
    elif value.tzinfo is not None:
        zone, name = UTC, "UTC"
    else:
        notes.append(_("The invite gives no time zone, so the time is read in yours."))
        zone, name = tz, str(tz)
    moment = _localise(wall, zone, notes)
    # A fixed offset from here on: Python subtracts and compares two times of one zone by
    # their wall clocks, which is wrong across a clock change.
    return moment.astimezone(dt_timezone(moment.utcoffset())), name, ""


def _localise(wall, zone, notes):
    if not isinstance(zone, zoneinfo.ZoneInfo):
        return wall.replace(tzinfo=zone)
    local = read_wall_time(wall, zone)
    if local.is_gap:
        notes.append(_("That time is skipped when the clocks go forward; check it."))
        return local.shifted
    if local.is_fold:
        notes.append(_("That time happens twice as the clocks go back; the first is used."))
    return local.moments[0]


def read_duration(component, start, zones, tz, notes):
    minutes = None
    if component.get("DTEND") is not None:
        end, _zone_name, _problem = read_moment(component.get("DTEND"), zones, tz, [])
        if end is not None:
            minutes = (end - start) / timedelta(minutes=1)
    elif component.get("DURATION") is not None:
        try:
            length = component.get("DURATION").dt
        except Exception:  # A broken value reads as no value, as for DTSTART.
            length = None
        if isinstance(length, timedelta):
            minutes = length / timedelta(minutes=1)
    if minutes is None or minutes <= 0:
        notes.append(
            _("The invite gives no length, so it is set to %(minutes)s minutes.")
            % {"minutes": DEFAULT_DURATION_MINUTES}
        )
        return DEFAULT_DURATION_MINUTES
    clamped = min(max(round(minutes), MIN_DURATION_MINUTES), MAX_DURATION_MINUTES)
    if clamped != round(minutes):
        notes.append(
            ngettext(
                "Its length is set to %(minutes)s minute, the closest an interview can be.",
                "Its length is set to %(minutes)s minutes, the closest an interview can be.",
                clamped,
            )
            % {"minutes": clamped}
        )
    return clamped
