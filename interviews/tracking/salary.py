"""Salaries as amounts: read them from what a posting or a tracker wrote, and say them back.

Pure functions: nothing here touches the database.
"""

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.translation import gettext as _

# The largest amount Application.salary_min/salary_max (PositiveIntegerField) can hold.
AMOUNT_MAX = 2_147_483_647

# A bare "$" is read as US dollars; other dollars need their prefix ("CA$", "A$").
SYMBOLS = {
    "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₩": "KRW", "₽": "RUB", "₪": "ILS",
    "₺": "TRY", "zł": "PLN", "r$": "BRL", "us$": "USD", "ca$": "CAD", "c$": "CAD",
    "a$": "AUD", "au$": "AUD", "nz$": "NZD", "hk$": "HKD", "s$": "SGD", "$": "USD",
}  # fmt: skip
# Shown before the amount, the way each currency is usually written.
PREFIXES = {"EUR": "€", "GBP": "£", "USD": "$", "JPY": "¥", "INR": "₹"}
CODES = frozenset({
    "AED", "AUD", "BRL", "CAD", "CHF", "CNY", "CZK", "DKK", "EUR", "GBP", "HKD", "HUF", "ILS",
    "INR", "JPY", "KRW", "MXN", "NOK", "NZD", "PLN", "RON", "RUB", "SEK", "SGD", "TRY", "USD",
    "ZAR",
})  # fmt: skip

_PERIOD_WORDS = {
    "year": ("year", "years", "yr", "yrs", "yearly", "annual", "annually", "annum", "pa", "p.a",
             "p.a.", "y"),
    "month": ("month", "months", "mo", "monthly", "pcm", "mth", "m"),
    "week": ("week", "weeks", "wk", "weekly", "pw", "w"),
    "day": ("day", "days", "daily", "pd", "d"),
    "hour": ("hour", "hours", "hr", "hrs", "hourly", "ph", "h"),
}  # fmt: skip
PERIOD_ALIASES = {word: period for period, words in _PERIOD_WORDS.items() for word in words}

# One amount: digits with optional thousands commas or decimals, then an optional k or m.
_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_AMOUNT = re.compile(rf"(?P<number>{_NUMBER})\s*(?P<scale>k|m)?(?![a-z])", re.IGNORECASE)
_RANGE_JOIN = re.compile(r"^\s*(?:-|–|—|to|and)\s*$", re.IGNORECASE)
# Words a salary may carry besides amounts, currencies and periods; any other word (or a
# stray "%", "e" or digit) means the text says something else, and it is left as written.
_FILLER = frozenset({
    "per", "a", "an", "each", "every", "from", "up", "to", "upto", "min", "minimum", "max",
    "maximum", "and", "gross", "base", "salary", "plus", "bonus", "approx", "about", "around",
    "circa", "c", "k", "or", "more", "between",
})  # fmt: skip
_ALLOWED_MARKS = re.compile(r"[\s\-–—/+~.,():]*")
# Longer than any salary anyone writes: do not spend time on it.
TEXT_MAX = 200


@dataclass(frozen=True)
class Salary:
    minimum: int | None = None
    maximum: int | None = None
    currency: str = ""
    period: str = ""


def period_of(text):
    """Return the period ("year", "hour", …) a word such as "annually" or "per hour" names."""
    word = " ".join(text.casefold().replace("/", " ").split())
    word = re.sub(r"^(?:per|a|an|each|every)\s+", "", word)
    return PERIOD_ALIASES.get(word, "")


def currency_of(text):
    """Return the three-letter code a currency code or symbol stands for, or ""."""
    text = text.strip()
    # A column that holds only a currency may use any ISO-style code, not just common ones.
    if re.fullmatch(r"[A-Za-z]{3}", text):
        return text.upper()
    return SYMBOLS.get(text.casefold(), "")


def whole_amount(number):
    """Return a Decimal as a whole amount that fits the model, or None if it cannot."""
    try:
        value = int(number.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    except InvalidOperation:
        return None
    return value if 0 <= value <= AMOUNT_MAX else None


def _amounts(text):
    """Return [(Decimal, scale letter, match)] for every amount in text."""
    found = []
    for match in _AMOUNT.finditer(text):
        number = Decimal(match["number"].replace(",", ""))
        found.append((number, (match["scale"] or "").casefold(), match))
    return found


def _scaled(number, scale):
    return number * {"k": 1000, "m": 1_000_000}.get(scale, 1)


def _find_currency(text):
    for code in re.findall(r"\b[A-Za-z]{3}\b", text):
        if code.upper() in CODES:
            return code.upper()
    # The longest symbols first, so "CA$" wins over "$".
    for symbol in sorted(SYMBOLS, key=len, reverse=True):
        if symbol in text.casefold():
            return SYMBOLS[symbol]
    return ""


def _find_period(text):
    words = re.findall(r"[a-z]+(?:\.[a-z]\.?)?", text.casefold().replace("/", " / "))
    slash = re.search(r"/\s*([a-z]+)", text.casefold())
    if slash and (period := PERIOD_ALIASES.get(slash[1])):
        return period
    for word in words:
        # Single letters only count after a slash ("/h"), never alone ("m" may be millions).
        if len(word) > 1 and (period := PERIOD_ALIASES.get(word)):
            return period
    return ""


def _only_salary_words(text, found):
    """Return True if, amounts aside, text holds only currencies, periods and filler words."""
    rest = text.casefold()
    for _number, _scale, match in reversed(found):
        rest = f"{rest[: match.start()]} {rest[match.end() :]}"
    for symbol in sorted(SYMBOLS, key=len, reverse=True):
        rest = rest.replace(symbol, " ")
    words = re.findall(r"[a-z]+(?:\.[a-z]\.?)?", rest)
    allowed = _FILLER | PERIOD_ALIASES.keys() | {code.casefold() for code in CODES}
    if any(word not in allowed for word in words):
        return False
    return bool(_ALLOWED_MARKS.fullmatch(re.sub(r"[a-z]+(?:\.[a-z]\.?)?", "", rest)))


def parse_salary(text):
    """Return the Salary text describes, or None when it names no amount we can trust.

    Reads "55000-65000", "£55k–65k a year", "$120k", "from $40 an hour", "up to 70,000 EUR",
    "USD 90,000 per year". A "k" after the last number of a range counts for both ("55-65k").
    A top below the bottom, an amount too large to store, or more than two amounts → None.
    """
    text = (text or "").strip()
    if not text or len(text) > TEXT_MAX:
        return None
    found = _amounts(text)
    if not found or len(found) > 2 or not _only_salary_words(text, found):
        return None
    lowered = text.casefold()
    if len(found) == 2:
        (low, low_scale, first), (high, high_scale, second) = found
        between = text[first.end() : second.start()]
        for symbol in SYMBOLS:
            between = between.casefold().replace(symbol, "")
        if not _RANGE_JOIN.match(between):
            return None
        low_scale = low_scale or high_scale
        minimum = whole_amount(_scaled(low, low_scale))
        maximum = whole_amount(_scaled(high, high_scale))
    else:
        number, scale, _match = found[0]
        amount = whole_amount(_scaled(number, scale))
        if re.search(r"\b(?:up to|upto|max|maximum|to)\b", lowered):
            minimum, maximum = None, amount
        else:
            minimum = amount
            maximum = None if re.search(r"\b(?:from|min|minimum)\b|\+", lowered) else amount
    if (len(found) == 2 and None in (minimum, maximum)) or (minimum is None and maximum is None):
        return None
    if minimum is not None and maximum is not None and minimum > maximum:
        return None
    return Salary(minimum, maximum, _find_currency(text), _find_period(text))


def _money(amount, currency):
    """Return an amount with thousands separators and its currency, e.g. "€55,000"."""
    number = f"{amount:,}"
    if currency in PREFIXES:
        return f"{PREFIXES[currency]}{number}"
    return f"{number} {currency}" if currency else number


def _per(period):
    """Return "a year", "an hour", … for a period, or "" for none."""
    return {
        "year": _("a year"),
        "month": _("a month"),
        "week": _("a week"),
        "day": _("a day"),
        "hour": _("an hour"),
    }.get(period, "")


def format_salary(minimum, maximum, currency="", period=""):
    """Return a structured salary in words: "€55,000–€65,000 a year", "from $40 an hour".

    Return "" when there is no amount.
    """
    if minimum is None and maximum is None:
        return ""
    if minimum is not None and maximum is not None:
        if minimum == maximum:
            text = _money(minimum, currency)
        else:
            text = f"{_money(minimum, currency)}\N{EN DASH}{_money(maximum, currency)}"
    elif minimum is not None:
        text = _("from %(amount)s") % {"amount": _money(minimum, currency)}
    else:
        text = _("up to %(amount)s") % {"amount": _money(maximum, currency)}
    per = _per(period)
    return f"{text} {per}" if per else text


def application_salary(application):
    """Return an application's structured salary in words, or ""."""
    return format_salary(
        application.salary_min,
        application.salary_max,
        application.salary_currency,
        application.salary_period,
    )
