"""Draft follow-up letters from a reflection (pure functions)."""

import re
from dataclasses import dataclass, field
from datetime import date

from django.utils import dateformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from ..models import FollowUpLetter, Reflection

Kind = FollowUpLetter.Kind
Cause = Reflection.Cause

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
    to_own: str = ""
    questions: list[str] = field(default_factory=list)
    lessons: list[tuple[str, str]] = field(default_factory=list)
    sender_name: str = ""
    # Whom the letter goes to; None greets the interviewers, "" someone not named yet.
    recipient_name: str | None = None


@dataclass(frozen=True)
class Eligibility:
    offered: bool
    reason: str


@dataclass(frozen=True)
class Draft:
    subject: str
    body: str


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
    "apology_something_else": _lazy(
        "You described something else that went wrong. If part of it was yours, a short apology "
        "that names it can help."
    ),
    "apology_no": _lazy(
        "Nothing you ticked points to your own preparation or conduct, so there is nothing to "
        "apologise for. If you did something you want to own, tick it under “What happened”."
    ),
}


def eligibility(reflection) -> dict[str, Eligibility]:
    """Return, for each letter kind, whether the reflection's answers make it fit, and why.

    The reflection may be unsaved: the wizard asks before the answers are stored.
    """
    if reflection.blames_outside:
        chance = "chance_offered"
    elif reflection.outside_circumstances == Reflection.Outside.NO:
        chance = "chance_no"
    else:
        chance = "chance_unknown"
    owns_conduct = reflection.points_to_own_conduct
    if reflection.OWN_CONDUCT_CAUSES.intersection(reflection.causes or []):
        apology = "apology_offered"
    elif owns_conduct:
        apology = "apology_something_else"
    else:
        apology = "apology_no"
    return {
        Kind.THANK_YOU: Eligibility(True, str(_REASONS["thank_you"])),
        Kind.ANOTHER_CHANCE: Eligibility(reflection.blames_outside, str(_REASONS[chance])),
        Kind.APOLOGY: Eligibility(owns_conduct, str(_REASONS[apology])),
    }


def clean(text):
    """Return text on one line with single spaces."""
    return " ".join(str(text or "").split())


def _clause(text):
    """Return text cleaned for use inside a sentence, without closing punctuation."""
    return clean(text).rstrip(" .!;:,")


def _greeting(names):
    names = [name for name in map(clean, names or []) if name]
    if not names:
        return _("Dear hiring team,")
    if len(names) == 1:
        joined = names[0]
    else:
        joined = _("%(names)s and %(last)s") % {"names": ", ".join(names[:-1]), "last": names[-1]}
    return _("Dear %(names)s,") % {"names": joined}


def _letter(ctx, paragraphs):
    sender = clean(ctx.sender_name) or _("[Your name]")
    names = ctx.interviewer_names if ctx.recipient_name is None else [ctx.recipient_name]
    parts = [_greeting(names), *paragraphs, _("Best regards,") + "\n" + sender]
    return "\n\n".join(parts)


def _facts(ctx):
    facts = {
        "company": clean(ctx.company) or _("[company]"),
        "role": clean(ctx.role) or _("[role]"),
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


# What each conduct cause owns, said plainly; and the words that show the user already said it.
_CONDUCT = {
    Cause.SHORT_OR_RUDE: (
        _lazy("I was short with people on the day, and they deserved better."),
        r"\b(?:rude|short|snapp|curt|dismissive|impolite)",
    ),
    Cause.INTERRUPTED: (
        _lazy("I interrupted you instead of letting you finish."),
        r"\binterrupt|\btalk(?:ed|ing)? over|\bcut\b[^.!?]*\boff",
    ),
    Cause.LATE: (
        _lazy("I arrived late and cost you time."),
        r"\blate\b|\blateness",
    ),
    Cause.MISSED_BASICS: (
        _lazy("I had not done the basic preparation you could expect."),
        r"\bbasics?\b|\bbrief\b",
    ),
    Cause.NOT_HONEST: (
        _lazy("I was not completely honest with you."),
        r"\bhonest|\btruth|\blie\b|\blied\b|\bexaggerat",
    ),
}
_FIRST_PERSON = re.compile(r"I(?:['\u2019](?:m|ve|d|ll))?\b", re.IGNORECASE)
_FRAGMENT_START = re.compile(r"(?:\w+ing|the|a|an|my|not|how|what|that)\b", re.IGNORECASE)


def _sentence(text):
    """Return text cleaned, with a capital first letter and closing punctuation."""
    text = clean(text).strip(" ,;:")
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?" else text + "."


def _own_words(text):
    """Return what the user wants to own as a sentence of the letter, in their words.

    Written as "I …", it stands as it is; a fragment ("being rude to …") is framed by one.
    """
    text = clean(text).strip(" ,;:")
    if not text:
        return ""
    if _FIRST_PERSON.match(text):
        return _sentence(text)
    if _FRAGMENT_START.match(text):
        text = text[0].lower() + text[1:]
    return _("I regret %(what)s.") % {"what": text.rstrip(" .!?")}


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
    words = _own_words(ctx.to_own)
    if words:
        owned.append(words)
    for cause, (sentence, said) in _CONDUCT.items():
        if cause in ctx.causes and not (words and re.search(said, words, re.IGNORECASE)):
            owned.append(str(sentence))
    if Cause.UNDER_PREPARED in ctx.causes:
        owned.append(_("I had not prepared as well as I should have for a role like this."))
    # A question is in the reflection only because the user said it caught them out.
    if questions:
        owned.append(
            _(
                "I was not prepared for your question “%(question)s”, and my answer did not do it "
                "justice."
            )
            % {"question": questions[0]}
        )
        if questions[1:]:
            others = " " + _("or") + " "
            owned.append(
                _("I also did not answer %(questions)s as well as I should have.")
                % {"questions": others.join(f"“{q}”" for q in questions[1:])}
            )
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
    if not owned:
        owned.append(_("[Say plainly what you did, in a sentence that starts with “I”.]"))
    if len(owned) == 1:
        owned.append(_("That was my mistake, and I am sorry for it."))
    else:
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
    answers = Reflection(
        causes=ctx.causes,
        outside_circumstances=ctx.outside_circumstances,
        what_happened=ctx.what_happened,
        to_own=ctx.to_own,
    )
    fit = eligibility(answers)[kind]
    if not fit.offered:
        raise NotEligible(fit.reason)
    questions = [clean(q).rstrip(" .;:,") for q in ctx.questions if _clause(q)][:MAX_QUESTIONS]
    lessons = [(t, a) for t, a in ctx.lessons if _clause(t) or _clause(a)][:MAX_LESSONS]
    subject, paragraphs = _TEMPLATES[kind](ctx, _facts(ctx), questions, lessons)
    return Draft(subject=subject, body=_letter(ctx, paragraphs))
