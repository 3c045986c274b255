"""What a calendar invite is about: its meeting link, kind, format, application and people.

Pure functions over the events invites.py reads; nothing here touches a request or the database.
"""

import re
from urllib.parse import urlsplit

from ..models import Interview

LOCATION_MAX = Interview._meta.get_field("location").max_length
# Hosts whose links are video meetings: the invite's format is then "video".
VIDEO_HOSTS = (
    "meet.google.com",
    "zoom.us",
    "zoomgov.com",
    "teams.microsoft.com",
    "teams.live.com",
    "whereby.com",
    "webex.com",
    "meet.jit.si",
    "chime.aws",
    "gotomeeting.com",
)
# Properties that carry a meeting link, best first; LOCATION and DESCRIPTION come last
# because they mention other links too.
LINK_PROPERTIES = (
    "X-GOOGLE-CONFERENCE",
    "CONFERENCE",
    "X-MICROSOFT-SKYPETEAMSMEETINGURL",
    "X-MICROSOFT-ONLINEMEETINGCONFLINK",
    "URL",
    "LOCATION",
    "DESCRIPTION",
)
URL_PATTERN = re.compile(r"https://[^\s<>\"'()\[\]{}\\|^`]+", re.IGNORECASE)

# Mail providers anyone can use: their domain says nothing about the company.
SHARED_MAIL_DOMAINS = frozenset({
    "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "msn.com",
    "yahoo.com", "icloud.com", "me.com", "proton.me", "protonmail.com", "aol.com", "gmx.com",
    "gmx.de", "web.de", "mail.com", "fastmail.com", "calendar.google.com",
    "resource.calendar.google.com",
})  # fmt: skip
# Words after a company's name that its e-mail domain or an invite's title leaves out.
COMPANY_SUFFIXES = frozenset({
    "inc", "incorporated", "ltd", "limited", "llc", "llp", "gmbh", "corp", "corporation", "co",
    "company", "plc", "ag", "sa", "sas", "bv", "nv", "srl", "spa", "oy", "ab", "as", "pty",
    "group", "holdings",
})  # fmt: skip
DOMAIN_FILLER = frozenset({
    "www", "mail", "email", "careers", "jobs", "recruiting", "talent", "hr", "co", "com",
    "org", "net",
})  # fmt: skip
# The first match wins: "final technical round" is a final.
KIND_PATTERNS = (
    (Interview.Kind.FINAL, r"\bfinal\b"),
    (Interview.Kind.PANEL, r"\bpanel\b"),
    (Interview.Kind.ON_SITE, r"\bon[- ]?site\b"),
    (Interview.Kind.CASE, r"\bcase (?:study|interview)\b"),
    (Interview.Kind.BEHAVIOURAL, r"\bbehaviou?ral\b"),
    (
        Interview.Kind.TECHNICAL,
        r"\b(?:technical|tech|coding|pair(?:ing)?|system design|take[- ]home|code review)\b",
    ),
    (
        Interview.Kind.PHONE_SCREEN,
        r"\b(?:phone screen|screening|screen|recruiter call|intro call)\b",
    ),
)


# Its meeting link -------------------------------------------------------------------------


def _is_video_host(host):
    host = (host or "").lower().rstrip(".")
    return any(host == known or host.endswith("." + known) for known in VIDEO_HOSTS)


def video_link(component):
    """Return the first meeting link (Meet, Zoom, Teams, Whereby, Webex…) the event gives."""
    for name in LINK_PROPERTIES:
        values = component.get(name)
        for value in values if isinstance(values, list) else [values] if values else []:
            for match in URL_PATTERN.finditer(str(value)):
                link = match.group(0).rstrip(".,;:!?")
                try:
                    host = urlsplit(link).hostname
                except ValueError:
                    continue
                if _is_video_host(host) and len(link) <= LOCATION_MAX:
                    return link
    return ""


# What the invite is -----------------------------------------------------------------------


def guess_kind(summary):
    """Return the interview kind an invite's title makes obvious, else "other"."""
    text = summary.casefold()
    for kind, pattern in KIND_PATTERNS:
        if re.search(pattern, text):
            return kind
    return Interview.Kind.OTHER


def guess_format(summary, location, video_link):
    """Return video for a meeting link, phone for a call, in person for an address."""
    if video_link:
        return Interview.Format.VIDEO
    text = f"{summary} {location}".casefold()
    if "tel:" in text or re.search(r"\b(?:phone|call)\b", text):
        return Interview.Format.PHONE
    if location:
        return Interview.Format.IN_PERSON
    return Interview.Format.VIDEO


# Which application it belongs to ----------------------------------------------------------


def _words(text):
    return re.findall(r"[^\W_]+", text.casefold())


def _company_words(company):
    words = _words(company)
    while len(words) > 1 and words[-1] in COMPANY_SUFFIXES:
        words.pop()
    return words


def _contains(words, part):
    size = len(part)
    return bool(part) and any(words[i : i + size] == part for i in range(len(words) - size + 1))


def _domain_matches(domain, compact):
    labels = [label for label in domain.split(".")[:-1] if label not in DOMAIN_FILLER]
    for label in labels:
        label = label.replace("-", "")
        if label == compact:
            return True
        if min(len(label), len(compact)) >= 4 and (
            label.startswith(compact) or compact.startswith(label)
        ):
            return True
    return False


def match_score(event, company):
    """Return how surely the event is about the company: 3 by title, 2 by organizer, 1 by domain."""
    part = _company_words(company)
    if not part:
        return 0
    if _contains(_words(event.summary), part):
        return 3
    if event.organizer and _contains(_words(event.organizer.name), part):
        return 2
    compact = "".join(part)
    if len(compact) >= 3:
        for person in event.people:
            domain = person.email.rpartition("@")[2].casefold()
            if domain and domain not in SHARED_MAIL_DOMAINS and _domain_matches(domain, compact):
                return 1
    return 0


def match_application(event, applications):
    """Return the application (from those given, best first) the invite is about, or None."""
    best, best_score = None, 0
    for application in applications:
        score = match_score(event, application.company)
        if score > best_score:
            best, best_score = application, score
    return best


def interviewer_names(event, own_emails):
    """Return the invited people's names, comma-separated, leaving out the person themselves."""
    limit = Interview._meta.get_field("interviewers").max_length
    people = [
        person
        for person in event.attendees
        if person.email.casefold() not in own_emails and person != event.organizer
    ] or [
        person
        for person in [event.organizer]
        if person and person.email.casefold() not in own_emails
    ]
    names = ""
    for person in people:
        joined = f"{names}, {person.label}" if names else person.label
        if len(joined) > limit:
            break
        names = joined
    return names
