"""Read a job posting out of a page, its schema.org data or pasted text, for the add form.

Pure functions: no request, no database and no network. The page's own markup is all there
is to go on (Rebound never fetches the posting), and it is treated as hostile: its size is
capped, broken JSON is skipped, walks through it are bounded and every value is checked and
trimmed to what the application's field can hold before it reaches the form.
"""

import html
import json
import math
import re
from contextlib import suppress
from dataclasses import asdict, dataclass, fields
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _

from ..models import Application, validate_sensible_date
from .salary import format_salary, period_of

MAX_INPUT_KB = 500
MAX_INPUT_BYTES = MAX_INPUT_KB * 1024
# A posting's data sits a few levels down (@graph → JobPosting → baseSalary → value); a walk
# deeper or wider than this is reading something that is not a posting.
MAX_DEPTH = 8
MAX_NODES = 5000
MAX_BLOCKS = 50
NOTES_EXCERPT = 400
# Salaries beyond this are not amounts anybody is paid; they are typos or junk.
MAX_SALARY = 100_000_000

TRACKING_PARAMETERS = re.compile(r"^(utm_|fbclid$|gclid$)", re.IGNORECASE)
HTML_TAG = re.compile(
    r"<(!doctype|html|head|body|script|meta|title|div|section|article|main|h1|p|span)\b",
    re.IGNORECASE,
)
URL_IN_TEXT = re.compile(r"https?://[^\s<>\"']+", re.IGNORECASE)
AMOUNT = re.compile(r"^\d{1,3}(?:[, ]\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$")
CURRENCY = re.compile(r"^[A-Z]{3}$")
# html.parser still raises on a few malformed declarations ("<![" and a bad name); what it
# read up to there is kept.
PARSER_ERRORS = (AssertionError, ValueError)
META = ("og:title", "og:url", "og:site_name", "og:description", "description")
_validate_url = URLValidator(schemes=["http", "https"])


class CaptureError(ValueError):
    """The text cannot be read as a posting at all (it is too big)."""


@dataclass(frozen=True)
class Posting:
    """What a posting says, keyed by the application's field names; empty when unknown."""

    role: str = ""
    company: str = ""
    location: str = ""
    job_url: str = ""
    source: str = ""
    salary_min: int | None = None
    salary_max: int | None = None
    salary_currency: str = ""
    salary_period: str = ""
    salary_text: str = ""
    deadline: date | None = None
    notes: str = ""
    # True when the values came from the page's schema.org JobPosting, not its title.
    structured: bool = False

    def initial(self):
        """Return the values found, ready to be a form's initial data."""
        found = asdict(self)
        del found["structured"]
        return {name: value for name, value in found.items() if value not in ("", None)}

    @property
    def is_empty(self):
        return not self.initial()


def posting_from_paste(text, *, url=""):
    """Return the posting in pasted text: a page's HTML, its JSON-LD or the words of it."""
    _check_size(text)
    stripped = text.strip()
    if stripped[:1] in ("{", "[") and (blocks := _load_json(stripped)) is not None:
        return _posting(blocks=[blocks], url=url)
    if HTML_TAG.search(text):
        return posting_from_html(text, url=url)
    return posting_from_text(text, url=url)


def posting_from_html(text, *, url=""):
    """Return the posting in a page's HTML: its JobPosting data, else its title and address."""
    _check_size(text)
    page = _PageReader()
    with suppress(*PARSER_ERRORS):
        page.feed(_closed(text))
        page.close()
    blocks = [block for raw in page.ld_blocks if (block := _load_json(raw)) is not None]
    base = _url(url)
    page_url = _url(page.meta.get("og:url", ""), base=base) or _url(page.canonical, base=base)
    title = page.meta.get("og:title") or page.title or page.heading
    return _posting(
        blocks=blocks,
        title=_strip_site_name(_clean(title), _clean(page.meta.get("og:site_name", ""))),
        url=page_url or base,
        source_url=base or page_url,
        text=page.meta.get("og:description") or page.meta.get("description", ""),
    )


def posting_from_page(*, ld="", title="", url=""):
    """Return the posting the bookmarklet sent: the page's JSON-LD text, its title and address."""
    _check_size(ld)
    base = _url(url)
    block = _load_json(ld) if ld else None
    return _posting(blocks=[] if block is None else [block], title=_clean(title), url=base)


def posting_from_text(text, *, url=""):
    """Return the posting in plain text: its first line as the role, and any address in it."""
    _check_size(text)
    lines = [line for line in (_clean(line) for line in text.splitlines()) if line]
    found = next((m.group(0).rstrip(".,;:)]") for m in URL_IN_TEXT.finditer(text)), "")
    first = lines[0] if lines else ""
    if _url(first):  # A paste that is only an address names no role.
        first = ""
    return _posting(
        blocks=[],
        title=first,
        url=_url(found) or _url(url),
        text=" ".join(lines[1:]),
    )


def normalise_job_url(url):
    """Return the address in a form two links to one posting share, or "" if it is no URL.

    The scheme and host are lower-cased; the fragment, a trailing slash and tracking
    parameters (utm_*, fbclid, gclid) are dropped.
    """
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").lower()
        port = parts.port
    except ValueError:
        return ""
    if parts.scheme.lower() not in ("http", "https") or not host:
        return ""
    query = [
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if not TRACKING_PARAMETERS.match(key)
    ]
    netloc = f"{host}:{port}" if port else host
    path = parts.path.rstrip("/")
    return urlunsplit((parts.scheme.lower(), netloc, path, urlencode(query), ""))


def host_of(url):
    """Return the host of an address without "www.", or ""."""
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""
    return host.removeprefix("www.")


# Reading the page


class _PageReader(HTMLParser):
    """Collect a page's JSON-LD scripts, title, first heading, meta tags and canonical link."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ld_blocks = []
        self.meta = {}
        self.canonical = ""
        self.title = ""
        self.heading = ""
        self._in = None  # "ld", "title", "h1" or "skip" (a script or style not to read)
        self._buffer = []

    def handle_starttag(self, tag, attrs):
        values = {name.lower(): (value or "") for name, value in attrs}
        if tag == "script":
            kind = values.get("type", "").split(";")[0].strip().lower()
            self._start("ld" if kind == "application/ld+json" else "skip")
        elif tag in ("style", "noscript", "template"):
            self._start("skip")
        elif tag == "title" and not self.title:
            self._start("title")
        elif tag == "h1" and not self.heading and self._in is None:
            self._start("h1")
        elif tag == "meta":
            key = (values.get("property") or values.get("name") or "").strip().lower()
            if key in META and key not in self.meta:
                self.meta[key] = values.get("content", "")
        elif tag == "link" and "canonical" in values.get("rel", "").lower().split():
            self.canonical = self.canonical or values.get("href", "")

    def handle_endtag(self, tag):
        ends = {"script": ("ld", "skip"), "style": ("skip",), "noscript": ("skip",)}
        ends |= {"template": ("skip",), "title": ("title",), "h1": ("h1",)}
        if self._in in ends.get(tag, ()):
            text = "".join(self._buffer)
            if self._in == "ld" and len(self.ld_blocks) < MAX_BLOCKS:
                self.ld_blocks.append(text)
            elif self._in == "title":
                self.title = text
            elif self._in == "h1":
                self.heading = text
            self._in, self._buffer = None, []

    def handle_data(self, data):
        if self._in is not None:
            self._buffer.append(data)

    def _start(self, what):
        self._in, self._buffer = what, []


def _closed(markup):
    """Return markup with each "<" after its last ">" written as text.

    html.parser reads an unfinished tag at the end again from every "<" in it, which takes
    minutes on a hostile page; no tag can start there anyway.
    """
    end = markup.rfind(">") + 1
    return markup[:end] + markup[end:].replace("<", "&lt;")


def _check_size(text):
    if len(text.encode("utf-8", "surrogatepass")) > MAX_INPUT_BYTES:
        raise CaptureError(
            _("That is more than %(size)s KB, too much to read. Paste only the job posting.")
            % {"size": MAX_INPUT_KB}
        )


def _load_json(text):
    """Return the parsed JSON, or None for text that is not JSON (or is nested absurdly)."""
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return None


def _job_postings(blocks):
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


def _posting(*, blocks, title="", url="", source_url="", text=""):
    """Build a Posting from the first JobPosting in blocks, falling back on title and url."""
    job = next(_job_postings(blocks), None)
    if job is None:
        job_url = _url(url)
        role, company = _role_and_company(title)
        return _trimmed(
            role=role,
            company=company,
            job_url=job_url,
            source=host_of(source_url or job_url),
            notes=_excerpt(text),
        )
    job_url = _url(_first(job.get("url")), base=url) or _url(url)
    salary = _salary(job.get("baseSalary"))
    return _trimmed(
        role=_text(job.get("title")) or _text(job.get("name")) or title,
        company=_name(job.get("hiringOrganization")),
        location=_location(job),
        deadline=_date(job.get("validThrough")),
        job_url=job_url,
        source=host_of(source_url or url or job_url),
        notes=_excerpt(_plain(_text(job.get("description")))) or _excerpt(text),
        structured=True,
        **salary,
    )


def _role_and_company(title):
    """Split a title like "Data Analyst at Cobalt Harbour" into its role and company."""
    role, at, company = title.partition(" at ")
    if at and role and company and " at " not in company:
        return role.strip(), company.strip()
    return title, ""


def _trimmed(**values):
    """Return a Posting with each text cut to the length its application field holds."""
    for field in fields(Posting):
        value = values.get(field.name)
        if isinstance(value, str) and field.name != "job_url":
            limit = Application._meta.get_field(field.name).max_length
            if limit and len(value) > limit:
                values[field.name] = value[: limit - 1].rstrip() + "…"
    return Posting(**values)


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
    return _clean(str(value))


def _name(value):
    """Return the name of an organisation given as a string or an Organization object."""
    return _text(value)


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


def _url(value, *, base=""):
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


def _clean(text):
    """Return text with entities decoded and runs of white space made one space."""
    if not isinstance(text, str):
        return ""
    return " ".join(html.unescape(text).split())


def _strip_site_name(title, site):
    """Drop a trailing " | Site" or " - Site" that repeats the site's name in a page title."""
    if site and len(title) > len(site):
        for separator in (" | ", " - ", " – ", " — ", " · "):
            if title.endswith(separator + site):
                return title[: -len(separator + site)].strip()
    return title


class _Plain(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []

    def handle_data(self, data):
        self.parts.append(data)

    def handle_starttag(self, tag, attrs):
        self.parts.append(" ")


def _plain(text):
    """Return the words of an HTML fragment (descriptions are often HTML)."""
    if "<" not in text:
        return text
    reader = _Plain()
    with suppress(*PARSER_ERRORS):
        reader.feed(_closed(text))
        reader.close()
    return _clean("".join(reader.parts))


def _excerpt(text):
    """Return the opening words of text, cut at a word, short enough for a note."""
    text = _clean(text)
    if len(text) <= NOTES_EXCERPT:
        return text
    cut = text[:NOTES_EXCERPT].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"
