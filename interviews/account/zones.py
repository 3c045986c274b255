"""Which time zones to offer, read from the tz database rather than written out by hand.

The tz database names one zone per country and region in zone.tab; every other name
(Europe/Kiev, US/Eastern, Zulu, Factory, Etc/GMT+5) is an old spelling, a link or a
technical zone. Links are read from tzdata.zi, so an old name finds the zone it now points to.
"""

import zoneinfo
from functools import cache
from importlib import resources
from pathlib import Path

UTC = "UTC"
# Every spelling of UTC ("Etc/UTC", "Zulu", "Universal") is offered and stored as this one.
UTC_TARGET = "Etc/UTC"


def _tz_data_file(name):
    """Return the text of one of the tz database's data files, or "" if none is installed."""
    try:
        return resources.files("tzdata").joinpath("zoneinfo", name).read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        pass
    for directory in zoneinfo.TZPATH:
        path = Path(directory) / name
        if path.is_file():
            return path.read_text(encoding="utf-8")
    return ""


@cache
def canonical_zones():
    """Return the zones to offer: UTC, then the tz database's zone per country, sorted."""
    available = zoneinfo.available_timezones()
    named = set()
    for line in _tz_data_file("zone.tab").splitlines():
        if line and not line.startswith("#"):
            # country code, coordinates, zone name, comment
            named.add(line.split("\t")[2])
    return (UTC, *sorted(named & available))


@cache
def _links():
    """Return {old name: the name it links to} from the tz database's compiled source."""
    links = {}
    for line in _tz_data_file("tzdata.zi").splitlines():
        if line.startswith("L "):
            _kind, target, alias = line.split()
            links[alias] = target
    return links


def canonical_zone(name):
    """Return the offered zone that `name` is or links to, or None if it is not one of them."""
    offered = set(canonical_zones())
    links = _links()
    seen = set()
    while name not in offered and name not in seen:
        seen.add(name)
        if name == UTC_TARGET:
            return UTC
        name = links.get(name)
        if name is None:
            return None
    return name if name in offered else None


@cache
def zone_aliases():
    """Return {old name: offered zone} for every old name that points to an offered zone."""
    aliases = {}
    for alias in _links():
        canonical = canonical_zone(alias)
        if canonical and canonical != alias:
            aliases[alias] = canonical
    return aliases
