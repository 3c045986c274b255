"""Cells of an imported file that hold more than plain text: salaries, excitement, contacts.

Pure functions, used by csv_import to turn a row's raw cells into fields; format_contacts()
writes the contacts cell of Rebound's own export.
"""

import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from ..models import EXCITEMENT_MAX, EXCITEMENT_MIN
from .salary import AMOUNT_MAX, currency_of, parse_salary, period_of, whole_amount

SALARY_FIELDS = ("salary_min", "salary_max", "salary_currency", "salary_period")


def valid_or_blank(value, validator):
    """Return value if validator accepts it, else "" (for optional cells with placeholders)."""
    try:
        validator(value)
    except ValidationError:
        return ""
    return value


# A plain amount as trackers write it: digits with optional thousands commas and decimals.
# Anything else (exponents, thousands of digits) is kept as typed, never converted.
_AMOUNT = re.compile(r"\d{1,15}(?:\.\d{1,4})?|\d{1,3}(?:,\d{3}){1,4}(?:\.\d{1,4})?")


def _amount(text):
    """Return an amount with thousands commas ("90000" → "90,000"), or the text as typed."""
    if not _AMOUNT.fullmatch(text):
        return text
    number = Decimal(text.replace(",", ""))
    return f"{int(number):,}" if number == number.to_integral_value() else f"{number:,}"


def _fold_salary(low, high, currency, period):
    """Return Teal's salary columns as one text, like "USD 90,000-110,000 per year"."""
    low, high = _amount(low), _amount(high)
    if not (low or high):
        return ""
    amount = f"{low}\N{EN DASH}{high}" if low and high and low != high else low or high
    parts = [currency, amount]
    if period:
        parts.append(_("per %(period)s") % {"period": period_of(period) or period.casefold()})
    return " ".join(filter(None, parts))


def _salary_fields(minimum=None, maximum=None, currency="", period=""):
    """Return the structured salary fields, left empty unless they make a sensible range.

    A currency or period needs an amount, and the top of a range cannot be below its bottom
    (the model refuses both); what is refused here stays in the salary as written.
    """
    if (minimum is None and maximum is None) or (
        minimum is not None and maximum is not None and minimum > maximum
    ):
        return {"salary_min": None, "salary_max": None, "salary_currency": "", "salary_period": ""}
    return {
        "salary_min": minimum,
        "salary_max": maximum,
        "salary_currency": currency,
        "salary_period": period,
    }


def teal_salary(raw):
    """Return (salary text, structured fields) from Teal's four salary columns."""
    low_cell, high_cell = raw.pop("_min_salary", ""), raw.pop("_max_salary", "")
    currency_cell, period_cell = raw.pop("_currency", ""), raw.pop("_period", "")
    text = _fold_salary(low_cell, high_cell, currency_cell, period_cell)
    low, high = parse_salary(low_cell), parse_salary(high_cell)
    # One cell may hold a whole range ("55000-65000"); a single amount is that end only.
    minimum = low.minimum if low else None
    if low is None and high is not None and high.minimum != high.maximum:
        minimum = high.minimum
    maximum = high.maximum if high else None
    if high is None and low is not None and low.minimum != low.maximum:
        maximum = low.maximum
    parsed = [salary for salary in (low, high) if salary]
    currency = currency_of(currency_cell) or next((s.currency for s in parsed if s.currency), "")
    period = period_of(period_cell) or next((s.period for s in parsed if s.period), "")
    return text, _salary_fields(minimum, maximum, currency, period)


def salary_from_text(text):
    """Return the structured fields a salary as written describes, empty when unclear."""
    salary = parse_salary(text)
    if salary is None:
        return _salary_fields()
    return _salary_fields(salary.minimum, salary.maximum, salary.currency, salary.period)


def _whole(text):
    """Return a cell of plain digits as a whole amount the model can hold, or None."""
    text = text.replace(",", "").strip()
    if not re.fullmatch(r"\d{1,10}", text):
        return None
    return whole_amount(Decimal(text)) if int(text) <= AMOUNT_MAX else None


def rebound_salary(raw):
    """Return the structured fields from Rebound's own columns, or from the text if absent."""
    if not any(name in raw for name in SALARY_FIELDS):
        return salary_from_text(raw.get("salary_text", ""))  # an export from before them
    return _salary_fields(
        _whole(raw.get("salary_min", "")),
        _whole(raw.get("salary_max", "")),
        currency_of(raw.get("salary_currency", "")),
        period_of(raw.get("salary_period", "")),
    )


def excitement_of(text):
    """Return an excitement of 1–5, or None for blank or anything else (0 is "not rated")."""
    text = text.strip()
    if not re.fullmatch(r"\d{1,2}", text):
        return None
    value = int(text)
    return value if EXCITEMENT_MIN <= value <= EXCITEMENT_MAX else None


def _quoted_name(name):
    """Return a contact name, quoted when it holds a character the contacts column uses."""
    if not re.search(r'[;<>"\\]', name):
        return name
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


def format_contacts(contacts):
    """Return (name, e-mail) pairs as one cell: "Ann Lee <ann@acme.example>; Bo Chen"."""
    return "; ".join(
        f"{_quoted_name(name)} <{email}>" if email else _quoted_name(name)
        for name, email in contacts
    )


_CONTACT = re.compile(
    r'\s*(?:"(?P<quoted>(?:[^"\\]|\\.)*)"|(?P<plain>[^<";]*?))\s*(?:<(?P<email>[^<>;]*)>)?\s*'
    r"(?:;|$)"
)


def parse_contacts(text):
    """Return the (name, e-mail) pairs format_contacts() wrote; an e-mail alone is its name."""
    contacts, position, text = [], 0, text.strip()
    while position < len(text):
        match = _CONTACT.match(text, position)
        if match is None or match.end() == position:
            # Not as Rebound writes it: keep the rest as one name rather than lose it.
            contacts.append((" ".join(text[position:].split()), ""))
            break
        position = match.end()
        if match["quoted"] is not None:
            name = re.sub(r"\\(.)", r"\1", match["quoted"])
        else:
            name = match["plain"]
        name = " ".join(name.split())
        email = valid_or_blank((match["email"] or "").strip(), validate_email)
        if name or email:
            contacts.append((name or email, email))
    return contacts


def row_contacts(raw):
    """Return the row's contacts, once each: a contacts column, or one name and e-mail."""
    contacts = parse_contacts(raw.pop("_contacts", ""))
    name = " ".join(raw.pop("_contact_name", "").split())
    email = valid_or_blank(raw.pop("_contact_email", ""), validate_email)
    if name or email:
        contacts.append((name or email, email))
    unique, seen = [], set()
    for name, email in contacts:
        key = email.casefold() or name.casefold()
        if key not in seen:
            seen.add(key)
            unique.append((name, email))
    return unique
