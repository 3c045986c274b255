"""Check a follow-up letter's tone and shape, and mark what it found (pure functions)."""

import re
from dataclasses import dataclass, replace

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import ngettext_lazy

from ..models import FollowUpLetter

Kind = FollowUpLetter.Kind

MIN_WORDS = 50
MAX_WORDS = 250


@dataclass(frozen=True)
class Finding:
    code: str
    message: str
    quote: str = ""
    start: int = -1
    end: int = -1


# Tone check. Apostrophes may be typed straight or curly.
_NT = r"(?:n['\u2019]t|\s+not)"
_EXCUSES = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"\bbut\s+I\s+was\b(?:\s+[\w\u2019'-]+)?",
        r"\b(?:it|that|this)\s+(?:was|is)" + _NT + r"\s+(?:really\s+)?my\s+fault\b",
        r"\bno\s+fault\s+of\s+my\s+own\b",
        r"\bthe\s+interviewers?\s+(?:did|would|was|were|could)" + _NT + r"(?:\s+[\w\u2019'-]+)?",
        r"\b(?:they|you)\s+(?:did" + _NT + r"|never)\s+(?:give|gave|tell|told|let|explain|allow)\b"
        r"(?:\s+me)?",
        r"\bI\s+was" + _NT + r"\s+given\b",
        r"\bunfortunately\b[^.!?\n]*?\bbecause\b",
        r"\bI\s+only\b[^.!?\n]*?\bbecause\b",
        r"\bto\s+be\s+fair\b",
        r"\bin\s+my\s+defen[cs]e\b",
        r"\bif\s+only\s+(?:they|you|the\s+interviewers?)\s+(?:had|would|could)\b",
    )
]
# Words a person quotes (what the interviewer asked, what they said) are not their excuse.
_QUOTED = re.compile(r"\"[^\"\n]*\"|“[^”\n]*”")
_SPECIFIC_MISTAKE = re.compile(
    r"\bI\s+(?:was" + _NT + r"\s+(?:prepared|ready)|did" + _NT + r"|should(?:" + _NT + r")?\s+have"
    r"|struggled|froze|forgot|rambled|could" + _NT + r"|failed\s+to|had" + _NT + r"|let\s+my)\b"
    r"|\bmy\s+answers?\b",
    re.IGNORECASE,
)
# The drafts leave "[Your name]"-style gaps for the user to fill; none should be sent.
_PLACEHOLDER = re.compile(r"\[[^\[\]\n]{1,80}\]")
_THANKS = re.compile(r"\b(?:thank|grateful|appreciat)", re.IGNORECASE)
_REQUEST = re.compile(
    r"\b(?:would\s+you\s+consider|would\s+you\s+be\s+open\s+to|could\s+we|would\s+it\s+be\s+"
    r"possible|another\s+conversation|second\s+(?:conversation|interview)|another\s+interview"
    r"|short\s+call|chance\s+to)\b",
    re.IGNORECASE,
)
_GREETING = re.compile(r"(?:dear|hello|hi|good\s+(?:morning|afternoon|evening))\b", re.IGNORECASE)
_SIGN_OFF = re.compile(
    r"\b(?:regards|best\s+wishes|sincerely|thank\s+you|thanks|all\s+the\s+best|warm\s+wishes)\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W_]+(?:['\u2019-][^\W_]+)*")


def word_count(text: str) -> int:
    """Return the number of words in text."""
    return len(_WORD.findall(text))


_MESSAGES = {
    "empty_subject": _lazy("The subject line is empty. Add a short one that names the role."),
    "no_greeting": _lazy(
        "The letter does not open with a greeting. Start with a line such as “Dear Sam,”."
    ),
    "excuse": _lazy(
        "“%(quote)s” can come across as an excuse or as blaming someone else. Say what happened "
        "plainly and own your part, or leave it out."
    ),
    "placeholder": _lazy(
        "“%(quote)s” is a gap the draft left for you. Replace it with your own words before "
        "you send the letter."
    ),
    "subject_placeholder": _lazy(
        "The subject still has the gap “%(quote)s”. Replace it with your own words."
    ),
    "vague_apology": _lazy(
        "The apology does not name a specific mistake yet. Say plainly what went wrong, for "
        "example “I was not prepared for the question on …”."
    ),
    "no_thanks": _lazy(
        "This thank-you never says thank you. Add a line thanking them for their time."
    ),
    "no_request": _lazy(
        "It is not clear yet what you are asking for. Add a direct request, such as “Would you "
        "consider a short call next week?”"
    ),
    "too_long": _lazy(
        "At %(count)d words this is long. Aim for %(limit)d or fewer so it is read in full."
    ),
    "too_short": ngettext_lazy(
        "At %(count)d word this may feel abrupt. Aim for at least %(limit)d: thanks, one "
        "specific point and a clear close.",
        "At %(count)d words this may feel abrupt. Aim for at least %(limit)d: thanks, one "
        "specific point and a clear close.",
        "count",
    ),
    "no_sign_off": _lazy(
        "The letter has no sign-off. End with a line such as “Best regards,” and your name."
    ),
}


def _flag(code, **params):
    message = _MESSAGES[code] % params if params else str(_MESSAGES[code])
    return Finding(code, message)


def _spans(code, matches):
    return [
        Finding(code, _MESSAGES[code] % {"quote": m.group()}, m.group(), *m.span()) for m in matches
    ]


def _marked(body):
    """Return the findings that point at words in the body (excuses, gaps), in reading order."""
    quoted = [m.span() for m in _QUOTED.finditer(body)]
    excuses = [
        m
        for pattern in _EXCUSES
        for m in pattern.finditer(body)
        if not any(start <= m.start() < end for start, end in quoted)
    ]
    found = _spans("excuse", excuses) + _spans("placeholder", _PLACEHOLDER.finditer(body))
    return sorted(found, key=lambda f: (f.start, f.end))


def tone_check(kind: str, subject: str, body: str) -> list[Finding]:
    """Return what to improve in a letter's tone and shape, in reading order."""
    findings = []
    if not subject.strip():
        findings.append(_flag("empty_subject"))
    # A gap in the subject has no place in the body's preview, so it carries no span.
    gaps = _spans("subject_placeholder", _PLACEHOLDER.finditer(subject))
    findings += [replace(gap, start=-1, end=-1) for gap in gaps]
    lines = [line.strip() for line in body.splitlines() if line.strip()]
    if not lines or not _GREETING.match(lines[0]):
        findings.append(_flag("no_greeting"))
    findings += _marked(body)
    if kind == Kind.APOLOGY and not _SPECIFIC_MISTAKE.search(body):
        findings.append(_flag("vague_apology"))
    if kind == Kind.THANK_YOU and not _THANKS.search(body):
        findings.append(_flag("no_thanks"))
    if kind == Kind.ANOTHER_CHANCE and not _REQUEST.search(body):
        findings.append(_flag("no_request"))
    count = word_count(body)
    if count > MAX_WORDS:
        findings.append(_flag("too_long", count=count, limit=MAX_WORDS))
    elif count < MIN_WORDS:
        findings.append(_flag("too_short", count=count, limit=MIN_WORDS))
    if not any(_SIGN_OFF.search(line) for line in lines[-3:]):
        findings.append(_flag("no_sign_off"))
    return findings


def highlight(body: str, findings: list[Finding]) -> SafeString:
    """Return body as safe HTML with each flagged span in <mark> and line breaks as <br>."""
    spans = sorted(
        (max(f.start, 0), min(f.end, len(body))) for f in findings if 0 <= f.start < f.end
    )
    merged = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])

    def html(text):
        return re.sub(r"\r\n|\r|\n", "<br>", escape(text))

    out, pos = [], 0
    for start, end in merged:
        out += [html(body[pos:start]), "<mark>", html(body[start:end]), "</mark>"]
        pos = end
    out.append(html(body[pos:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece of body went through escape()
