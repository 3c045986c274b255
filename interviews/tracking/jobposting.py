"""Read what the add form uses out of schema.org JobPosting data, however a page writes it.

Pure functions: the data comes from a page and is hostile. Walks through it are bounded,
and every value is checked (addresses, amounts, dates, currency codes) before it is returned.
"""

import html
import math
import re
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from urllib.parse import urljoin

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _

from ..models import Application, validate_sensible_date
from .salary import format_salary, period_of

# A posting's data sits a few levels down (@graph → JobPosting → baseSalary → value); a walk
# deeper or wider than this is reading something that is not a posting.
MAX_DEPTH = 8
MAX_NODES = 5000
# Salaries beyond this are not amounts anybody is paid; they are typos or junk.
MAX_SALARY = 100_000_000
AMOUNT = re.compile(r"^\d{1,3}(?:[, ]\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$")
CURRENCY = re.compile(r"^[A-Z]{3}$")
_validate_url = URLValidator(schemes=["http", "https"])


def job_fields(job, *, base=""):
    """Return a JobPosting's role, company, location, deadline, address, salary and description.

    A relative address is read against base; what is missing or unusable is left out.
    """
    return {
        "role": _text(job.get("title")) or _text(job.get("name")),
        "company": _text(job.get("hiringOrganization")),
        "location": _location(job),
        "deadline": _date(job.get("validThrough")),
        "job_url": absolute_url(_first(job.get("url")), base=base),
        "description": _text(job.get("description")),
        **_salary(job.get("baseSalary")),
    }


def job_postings(blocks):
    """Yield the JobPosting objects in the blocks: at the top, in lists, in @graph and below."""
    stack = [(block, 0) for block in reversed(blocks)]
    seen = 0
    while stack and seen < MAX_NODES:
        value, depth = stack.pop()
        seen += 1
        if depth > MAX_DEPTH:
            continue
        if isinstance(value, list):
            stack.extend((item, depth + 1) for item in reversed(value))
        elif isinstance(value, dict):
            if "JobPosting" in _types(value):
                yield value
                continue
            stack.extend((item, depth + 1) for item in reversed(list(value.values())))


def _types(thing):
    kind = thing.get("@type") if isinstance(thing, dict) else None
    kinds = kind if isinstance(kind, list) else [kind]
    return {k.rsplit("/", 1)[-1] for k in kinds if isinstance(k, str)}


def _first(value):
    """Return the first item of a list (schema.org allows one or several of most things)."""
    while isinstance(value, list):
        value = value[0] if value else None
    return value


def _text(value):
    value = _first(value)
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value")
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return ""
    return clean_text(str(value))


def _location(job):
    places = job.get("jobLocation")
    places = places if isinstance(places, list) else [places]
    found = []
    for place in places[:10]:
        address = place.get("address") if isinstance(place, dict) else place
        if isinstance(address, dict):
            parts = [_text(address.get(key)) for key in ("addressLocality", "addressRegion")]
            parts.append(_text(address.get("addressCountry")))
            where = ", ".join(dict.fromkeys(part for part in parts if part))
        else:
            where = _text(address)
        if where and where not in found:
            found.append(where)
    where = "; ".join(found)
    kinds = job.get("jobLocationType")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    if any(isinstance(kind, str) and kind.strip().upper() == "TELECOMMUTE" for kind in kinds):
        region = _text(job.get("applicantLocationRequirements"))
        remote = _("Remote (%(region)s)") % {"region": region} if region else _("Remote")
        where = (
            _("%(remote)s or %(place)s") % {"remote": remote, "place": where} if where else remote
        )
    return where


def _salary(value):
    """Return the salary fields of a MonetaryAmount: range, currency, period and a sentence."""
    amount = _first(value)
    if not isinstance(amount, dict):
        return {}
    currency = _text(amount.get("currency")).upper()
    currency = currency if CURRENCY.match(currency) else ""
    quantity = _first(amount.get("value"))
    if isinstance(quantity, dict):
        low, high = _amount(quantity.get("minValue")), _amount(quantity.get("maxValue"))
        exact = _amount(quantity.get("value"))
        unit = _text(quantity.get("unitText"))
    else:
        low = high = None
        exact = _amount(quantity)
        unit = _text(amount.get("unitText"))
    if low is None and high is None and exact is not None:
        low = high = exact
    if low is not None and high is not None and low > high:
        low, high = high, low
    period = period_of(unit)
    if low is None and high is None:
        return {}
    return {
        "salary_min": low,
        "salary_max": high,
        "salary_currency": currency,
        "salary_period": period,
        "salary_text": format_salary(low, high, currency, period),
    }


def _amount(value):
    """Return a sensible whole amount from a number or a numeric string, else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        value = value.strip()
        if not AMOUNT.match(value):
            return None
        value = value.replace(",", "").replace(" ", "")
    elif isinstance(value, float):
        if not math.isfinite(value):
            return None
        value = repr(value)
    elif not isinstance(value, int):
        return None
    try:
        # Half up, the way people round pay: 48.50 an hour is 49, not 48.
        amount = int(Decimal(value).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    except InvalidOperation:
        return None
    return amount if 0 < amount <= MAX_SALARY else None


def _date(value):
    """Return the day an ISO date or date-time names, if it is a sensible one, else None."""
    value = _text(value)
    try:
        day = date.fromisoformat(value[:10])
        validate_sensible_date(day)
    except (ValueError, ValidationError):
        return None
    return day


def absolute_url(value, *, base=""):
    """Return value as an absolute http(s) address (relative ones read against base), or ""."""
    if not isinstance(value, str):
        return ""
    value = value.strip()
    if not value:
        return ""
    try:
        if base:
            value = urljoin(base, value)
        _validate_url(value)
    except (ValidationError, ValueError):
        return ""
    return value if len(value) <= Application._meta.get_field("job_url").max_length else ""


def clean_text(text):
    """Return text with entities decoded and runs of white space made one space."""
    if not isinstance(text, str):
        return ""
    return " ".join(html.unescape(text).split())
