"""Draft follow-up letters from a reflection, and check their tone (pure functions)."""

import re
from dataclasses import dataclass, field
from datetime import date
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, make_msgid, parseaddr
from urllib.parse import quote

from django.utils import dateformat, timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import ngettext_lazy

from .models import FollowUpLetter, Reflection

Kind = FollowUpLetter.Kind
Cause = Reflection.Cause

MIN_WORDS = 50
MAX_WORDS = 250
MAX_QUESTIONS = 3
MAX_LESSONS = 3


@dataclass(frozen=True)
class LetterContext:
    company: str
    role: str
    interviewer_names: list[str] = field(default_factory=list)
    interview_date: date | None = None
    causes: list[str] = field(default_factory=list)
    outside_circumstances: str = ""
    what_happened: str = ""
    questions: list[str] = field(default_factory=list)
    lessons: list[tuple[str, str]] = field(default_factory=list)
    sender_name: str = ""


@dataclass(frozen=True)
class Eligibility:
    offered: bool
    reason: str


@dataclass(frozen=True)
class Draft:
    subject: str
    body: str


@dataclass(frozen=True)
class Finding:
    code: str
    message: str
    quote: str = ""
    start: int = -1
    end: int = -1


class NotEligible(Exception):
    """Raised when a letter kind does not fit what the reflection says."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


_REASONS = {
    "thank_you": _lazy("A thank-you fits after any interview."),
    "chance_offered": _lazy(
        "You said something outside the interview got in the way, so asking for another chance "
        "is fair."
    ),
    "chance_no": _lazy(
        "You said nothing outside the interview got in the way, so a thank-you or an apology "
        "fits better than asking for another chance."
    ),
    "chance_unknown": _lazy(
        "Asking for another chance fits only when something outside the interview, such as "
        "illness or a bad day, got in the way."
    ),
    "apology_offered": _lazy(
        "You named something in your own preparation or conduct, so a short apology that owns "
        "it can help."
    ),
    "apology_no": _lazy(
        "Nothing you ticked points to your own preparation or conduct, so there is nothing to "
        "apologise for."
    ),
}


def eligibility(causes, outside_circumstances) -> dict[str, Eligibility]:
    """Return, for each letter kind, whether it is offered and why."""
    blames_outside = outside_circumstances in {Reflection.Outside.YES, Reflection.Outside.PARTLY}
    owns_conduct = bool(Reflection.OWN_CONDUCT_CAUSES.intersection(causes or []))
    if blames_outside:
        chance = "chance_offered"
    else:
        chance = "chance_no" if outside_circumstances == Reflection.Outside.NO else "chance_unknown"
    apology = "apology_offered" if owns_conduct else "apology_no"
    return {
        Kind.THANK_YOU: Eligibility(True, str(_REASONS["thank_you"])),
        Kind.ANOTHER_CHANCE: Eligibility(blames_outside, str(_REASONS[chance])),
        Kind.APOLOGY: Eligibility(owns_conduct, str(_REASONS[apology])),
    }


def _clean(text):
    """Return text on one line with single spaces."""
    return " ".join(str(text or "").split())


def _clause(text):
    """Return text cleaned for use inside a sentence, without closing punctuation."""
    return _clean(text).rstrip(" .!;:,")


def _greeting(names):
    names = [name for name in map(_clean, names or []) if name]
    if not names:
        return _("Dear hiring team,")
    if len(names) == 1:
        joined = names[0]
    else:
        joined = _("%(names)s and %(last)s") % {"names": ", ".join(names[:-1]), "last": names[-1]}
    return _("Dear %(names)s,") % {"names": joined}


def _letter(ctx, paragraphs):
    sender = _clean(ctx.sender_name) or _("[Your name]")
    parts = [_greeting(ctx.interviewer_names), *paragraphs, _("Best regards,") + "\n" + sender]
    return "\n\n".join(parts)


def _facts(ctx):
    facts = {
        "company": _clean(ctx.company) or _("[company]"),
        "role": _clean(ctx.role) or _("[role]"),
    }
    if ctx.interview_date:
        facts["date"] = dateformat.format(ctx.interview_date, "j F")
    return facts


def _thank_you(ctx, facts, questions, lessons):
    if "date" in facts:
        opening = _(
            "Thank you for taking the time to speak with me on %(date)s about the %(role)s role "
            "at %(company)s. I enjoyed learning more about the team and the work ahead."
        )
    else:
        opening = _(
            "Thank you for taking the time to speak with me about the %(role)s role at "
            "%(company)s. I enjoyed learning more about the team and the work ahead."
        )
    if questions:
        specific = _(
            "Your question “%(question)s” has stayed with me, and I have enjoyed thinking it "
            "through further since."
        ) % {"question": questions[0]}
    else:
        specific = _("I especially enjoyed our discussion of [one thing you enjoyed discussing].")
    if lessons:
        specific += " " + _(
            "Our conversation also gave me something useful to take away: %(lesson)s."
        ) % {"lesson": _clause(lessons[0][0])}
    closing = _(
        "I am still very interested in the role and in joining %(company)s, and I would be glad "
        "to answer anything else that would help."
    )
    subject = _("Thank you for the %(role)s interview") % facts
    return subject, [opening % facts, specific, closing % facts]


_CIRCUMSTANCES = {
    Cause.UNWELL: _lazy(
        "I was unwell on the day, and it affected how clearly I could think and speak."
    ),
    Cause.BAD_DAY: _lazy(
        "I was dealing with something difficult outside work that day, and I was not at my best."
    ),
    Cause.TECHNICAL: _lazy(
        "The technical problems during our call cost us time and broke the flow of the "
        "conversation."
    ),
}


def _another_chance(ctx, facts, questions, lessons):
    if "date" in facts:
        opening = _(
            "Thank you for meeting me on %(date)s to talk about the %(role)s role at %(company)s."
        )
    else:
        opening = _("Thank you for meeting me to talk about the %(role)s role at %(company)s.")
    account = [str(text) for cause, text in _CIRCUMSTANCES.items() if cause in ctx.causes] or [
        _("Something outside work was affecting me that day, and I was not at my best.")
    ]
    if ctx.outside_circumstances == Reflection.Outside.PARTLY:
        account.append(_("Not all of it was down to that, and I am working on the rest."))
    account.append(
        _(
            "I do not feel the interview showed what I can bring to %(company)s, and I would "
            "welcome the chance to show you properly."
        )
        % facts
    )
    request = _(
        "Would you consider a second conversation, or a short call if that is easier? I am happy "
        "to work around your schedule, whenever and however suits you best."
    )
    closing = _("Thank you for your time, and for considering this.")
    subject = _("Request for a second conversation about the %(role)s role") % facts
    return subject, [opening % facts, " ".join(account), request, closing]


def _apology(ctx, facts, questions, lessons):
    if "date" in facts:
        opening = _(
            "Thank you for interviewing me for the %(role)s role at %(company)s on %(date)s. "
            "Looking back, I want to apologise for how parts of it went."
        )
    else:
        opening = _(
            "Thank you for interviewing me for the %(role)s role at %(company)s. Looking back, "
            "I want to apologise for how parts of it went."
        )
    owned = []
    if Cause.UNDER_PREPARED in ctx.causes:
        owned.append(_("I had not prepared as well as I should have for a role like this."))
    if questions:
        owned.append(
            _(
                "I was not prepared for your question “%(question)s”, and my answer did not do it "
                "justice."
            )
            % {"question": questions[0]}
        )
        owned += [
            _("I also did not answer “%(question)s” as well as I should have.") % {"question": q}
            for q in questions[1:]
        ]
    elif Cause.CAUGHT_OUT in ctx.causes:
        owned.append(
            _(
                "Some of your questions caught me out, and my answers were not as clear as they "
                "should have been."
            )
        )
    if Cause.NERVES in ctx.causes:
        owned.append(
            _("I let my nerves get the better of me, and it made my answers harder to follow.")
        )
    if Cause.LITTLE_ENTHUSIASM in ctx.causes:
        owned.append(_("I did not show how much this role interests me, and it genuinely does."))
    owned.append(_("These were my mistakes, and I am sorry for them."))
    if lessons:
        steps = [_clause(action) or _clause(text) for text, action in lessons]
        since = "\n".join(
            [_("Since then I have been putting this right:"), *(f"- {s}" for s in steps)]
        )
    else:
        since = _("Since then I have been working on exactly these points.")
    closing = _(
        "Thank you for your time and your patience. If another opportunity comes up at "
        "%(company)s, I would be glad to show you what I have learned."
    )
    subject = _("Following up on my %(role)s interview") % facts
    return subject, [opening % facts, " ".join(owned), since, closing % facts]


_TEMPLATES = {
    Kind.THANK_YOU: _thank_you,
    Kind.ANOTHER_CHANCE: _another_chance,
    Kind.APOLOGY: _apology,
}


def draft_letter(kind: str, ctx: LetterContext) -> Draft:
    """Return a first draft of a letter of this kind, or raise NotEligible."""
    if kind not in _TEMPLATES:
        raise ValueError(f"Unknown letter kind: {kind!r}")
    fit = eligibility(ctx.causes, ctx.outside_circumstances)[kind]
    if not fit.offered:
        raise NotEligible(fit.reason)
    questions = [_clean(q).rstrip(" .;:,") for q in ctx.questions if _clause(q)][:MAX_QUESTIONS]
    lessons = [(t, a) for t, a in ctx.lessons if _clause(t) or _clause(a)][:MAX_LESSONS]
    subject, paragraphs = _TEMPLATES[kind](ctx, _facts(ctx), questions, lessons)
    return Draft(subject=subject, body=_letter(ctx, paragraphs))


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


def _excuses(body):
    quoted = [m.span() for m in _QUOTED.finditer(body)]
    found = [
        Finding("excuse", _MESSAGES["excuse"] % {"quote": m.group()}, m.group(), *m.span())
        for pattern in _EXCUSES
        for m in pattern.finditer(body)
        if not any(start <= m.start() < end for start, end in quoted)
    ]
    return sorted(found, key=lambda f: (f.start, f.end))


def tone_check(kind: str, subject: str, body: str) -> list[Finding]:
    """Return what to improve in a letter's tone and shape, in reading order."""
    findings = []
    if not subject.strip():
        findings.append(_flag("empty_subject"))
    lines = [line.strip() for line in body.splitlines() if line.strip()]
    if not lines or not _GREETING.match(lines[0]):
        findings.append(_flag("no_greeting"))
    findings += _excuses(body)
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


def mailto_url(to: str, subject: str, body: str) -> str:
    """Return a mailto: link that opens the letter in the user's mail program."""
    # RFC 6068 asks for CRLF line breaks in the body.
    body = re.sub(r"\r\n|\r|\n", "\r\n", body)
    return (
        f"mailto:{quote(to, safe='@')}"
        f"?subject={quote(subject, safe='')}&body={quote(body, safe='')}"
    )


def build_eml(*, from_addr: str, to_name: str, to_addr: str, subject: str, body: str) -> bytes:
    """Return the letter as an unsent .eml draft that mail programs open for editing."""
    message = EmailMessage(policy=SMTP)
    if from_addr:
        message["From"] = from_addr
    if to_addr:
        message["To"] = Address(display_name=_clean(to_name), addr_spec=to_addr)
    message["Subject"] = subject
    message["Date"] = format_datetime(timezone.now())
    domain = parseaddr(from_addr)[1].rpartition("@")[2] or "rebound.invalid"
    message["Message-ID"] = make_msgid(domain=domain)
    message["X-Unsent"] = "1"
    message.set_content(body, charset="utf-8", cte="quoted-printable")
    return message.as_bytes()
