"""Read a job posting out of a page, its schema.org data or pasted text, for the add form.

Pure functions: no request, no database and no network. The page's own markup is all there
is to go on (Rebound never fetches the posting), and it is treated as hostile: its size is
capped, broken JSON is skipped, walks through it are bounded and every value is checked and
trimmed to what the application's field can hold before it reaches the form.
"""

import json
import re
from contextlib import suppress
from dataclasses import asdict, dataclass, fields
from datetime import date
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.utils.translation import gettext as _

from ..models import Application
from .jobposting import absolute_url, clean_text, job_fields, job_postings

MAX_INPUT_KB = 500
MAX_INPUT_BYTES = MAX_INPUT_KB * 1024
MAX_BLOCKS = 50
NOTES_EXCERPT = 400
# What page titles put between the job and the site's name.
TITLE_SEPARATORS = (" | ", " - ", " – ", " — ", " · ")

TRACKING_PARAMETERS = re.compile(r"^(utm_|fbclid$|gclid$)", re.IGNORECASE)
HTML_TAG = re.compile(
    r"<(!doctype|html|head|body|script|meta|title|div|section|article|main|h1|p|span)\b",
    re.IGNORECASE,
)
URL_IN_TEXT = re.compile(r"https?://[^\s<>\"']+", re.IGNORECASE)
# html.parser still raises on a few malformed declarations ("<![" and a bad name); what it
# read up to there is kept.
PARSER_ERRORS = (AssertionError, ValueError)
META = ("og:title", "og:url", "og:site_name", "og:description", "description")


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
    base = absolute_url(url)
    page_url = absolute_url(page.meta.get("og:url", ""), base=base) or absolute_url(
        page.canonical, base=base
    )
    title = page.meta.get("og:title") or page.title or page.heading
    return _posting(
        blocks=blocks,
        title=_strip_site_name(clean_text(title), clean_text(page.meta.get("og:site_name", ""))),
        url=page_url or base,
        source_url=base or page_url,
        text=page.meta.get("og:description") or page.meta.get("description", ""),
    )


def posting_from_page(*, ld="", title="", url=""):
    """Return the posting the bookmarklet sent: the page's JSON-LD text, its title and address."""
    _check_size(ld)
    base = absolute_url(url)
    block = _load_json(ld) if ld else None
    return _posting(blocks=[] if block is None else [block], title=clean_text(title), url=base)


def posting_from_text(text, *, url=""):
    """Return the posting in plain text: its first line as the role, and any address in it."""
    _check_size(text)
    lines = [line for line in (clean_text(line) for line in text.splitlines()) if line]
    found = next((m.group(0).rstrip(".,;:)]") for m in URL_IN_TEXT.finditer(text)), "")
    first = lines[0] if lines else ""
    if absolute_url(first):  # A paste that is only an address names no role.
        first = ""
    return _posting(
        blocks=[],
        title=first,
        url=absolute_url(found) or absolute_url(url),
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


def _posting(*, blocks, title="", url="", source_url="", text=""):
    """Build a Posting from the first JobPosting in blocks, falling back on title and url."""
    job = next(job_postings(blocks), None)
    if job is None:
        job_url = absolute_url(url)
        role, company = _role_and_company(title)
        return _trimmed(
            role=role,
            company=company,
            job_url=job_url,
            source=host_of(source_url or job_url),
            notes=_excerpt(text),
        )
    found = job_fields(job, base=url)
    description = found.pop("description")
    return _trimmed(
        **found
        | {
            "role": found["role"] or title,
            "job_url": found["job_url"] or absolute_url(url),
            "source": host_of(source_url or url or found["job_url"]),
            "notes": _excerpt(_plain(description)) or _excerpt(text),
            "structured": True,
        }
    )


def _role_and_company(title):
    """Split a title like "Data Analyst at Cobalt Harbour | Jobs" into its role and company."""
    role, at, company = title.partition(" at ")
    if not (at and role and company) or " at " in company:
        return title, ""
    # What follows the company is the site's name: "… at Acme | Job Board".
    for separator in TITLE_SEPARATORS:
        company = company.split(separator)[0]
    return role.strip(), company.strip()


def _trimmed(**values):
    """Return a Posting with each text cut to the length its application field holds."""
    for field in fields(Posting):
        value = values.get(field.name)
        if isinstance(value, str) and field.name != "job_url":
            limit = Application._meta.get_field(field.name).max_length
            if limit and len(value) > limit:
                values[field.name] = value[: limit - 1].rstrip() + "…"
    return Posting(**values)


def _strip_site_name(title, site):
    """Drop a trailing " | Site" or " - Site" that repeats the site's name in a page title."""
    if site and len(title) > len(site):
        for separator in TITLE_SEPARATORS:
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
    return clean_text("".join(reader.parts))


def _excerpt(text):
    """Return the opening words of text, cut at a word, short enough for a note."""
    text = clean_text(text)
    if len(text) <= NOTES_EXCERPT:
        return text
    cut = text[:NOTES_EXCERPT].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"
