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


# Tone check. Apostrophes may be typed straight or curly, or left out.
_NT = r"(?:n['\u2019]?t|\s+not)"
_EXCUSES = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"\bbut\s+I\s+was\b(?:\s+[\w\u2019'-]+)?",
        r"\bI\s+was" + _NT + r"\s+given\b",
        r"\bunfortunately\b[^.!?\n]*?\bbecause\b",
        r"\bI\s+only\b[^.!?\n]*?\bbecause\b",
        r"\bto\s+be\s+fair\b",
        r"\b(?:it|that|this)(?:\s+(?:was|is)|['\u2019]s)"
        + _NT
        + r"\s+(?:really\s+|entirely\s+)?my\s+fault\b",
        r"\b(?:was|is)" + _NT + r"\s+(?:really\s+|entirely\s+)?my\s+fault\b",
        r"\bnot\s+my\s+fault\b",
        r"\bno\s+fault\s+of\s+my\s+own\b",
        r"\bthe\s+(?:interviewers?|recruiter|panel|hiring\s+manager)\s+(?:did|would|was|were"
        r"|could)" + _NT + r"(?:\s+[\w\u2019'-]+)?",
        r"\bthe\s+(?:interviewers?|recruiter|panel|hiring\s+manager)\s+(?:never|failed\s+to)"
        r"\s+(?:tell|told|give|gave|explain|explained|warn|warned|let|send|sent|mention|mentioned)"
        r"\b(?:\s+me)?",
        r"\b(?:they|you)\s+(?:did" + _NT + r"|never)\s+(?:give|gave|tell|told|let|explain|allow)"
        r"\b(?:\s+me)?",
        r"\bif\s+only\s+(?:they|you|the\s+interviewers?)\s+(?:had|would|could)\b",
        r"\bin\s+my\s+defen[cs]e\b",
    )
]
# Someone or something else held responsible: a person, the setup or the day.
_TARGET = (
    r"(?:\byour\s+(?:[\w-]+\s+){0,2}?(?:platform|software|system|tool|app|website|site|link"
    r"|process|portal|setup|questions?|test|task|interviewers?|recruiter|panel|team|brief)"
    r"|\bthe\s+(?:traffic|trains?|bus|tube|roads?|weather|parking|wi-?fi|internet|connection"
    r"|signal|platform|software|system|process|link|portal|interviewers?|recruiter|panel"
    r"|questions?|task|test|brief|receptionist|hiring\s+manager|room|office|building|venue|audio"
    r"|video|call)"
    r"|\b(?:traffic|trains|zoom|teams|skype|google\s+meet)\b)"
    r"(?:\s+(?:you|they)\s+(?:put|sent|gave|booked|used|chose)(?:\s+me)?(?:\s+(?:in|on|to))?)?"
    r"(?:\s+(?:on|at|in|from|near|for)\s+(?:the\s+)?[\w-]+)?"
)
_BAD = (
    r"(?:bad|terrible|awful|horrible|horrendous|dreadful|atrocious|ridiculous|rubbish|useless"
    r"|broken|unfair|rude|confusing|unclear|poor|buggy|laggy|glitchy|unreliable|chaotic"
    r"|unprofessional|disorgani[sz]ed|insane|absurd|condescending|patronising|patronizing|hostile"
    r"|aggressive|dismissive|noisy|freezing|unbearable|appalling|shocking|pathetic|incompetent"
    r"|not\s+(?:great|good\s+enough)|(?:a|an)\s+(?:nightmare|mess|joke|disaster)"
    r"|the\s+worst)"
)
_BLAMES = [
    re.compile(p, re.IGNORECASE)
    for p in (
        _TARGET + r"\s+(?:was|were|is|are|has\s+been|had\s+been|seemed)"
        r"(?:\s+(?:kind\s+of|sort\s+of|a\s+bit|quite|really|very|so|pretty|just|totally"
        r"|completely|honestly|frankly|partly))*\s+" + _BAD + r"\b",
        _TARGET + r"\s+(?:gave|sent|told)\s+me\s+the\s+wrong\b",
        _TARGET + r"\s+(?:was|were|is|are)\s+(?:a\s+)?disaster\b(?:\s+on\s+your\s+end)?",
        _TARGET + r"\s+(?:kept|keeps)\s+(?:crashing|freezing|dropping|failing|cutting\s+out)\b",
        _TARGET + r"\s+(?:(?:is|was|were|are)\s+(?:partly\s+|really\s+)?to\s+blame)\b",
        r"\bif\s+(?:your|the)\s+(?:interviewers?|recruiter|panel|platform|software|system|link)"
        r"\s+had\b(?:\s+been)?",
        r"\bbecause\s+of\s+your\b(?:\s+[\w-]+)?",
        r"\bI\s+blame\b",
    )
]
# Claims on the reader and hurry; a repeated "please" begs.
_PRESSURES = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"\bI\s+(?:really\s+|truly\s+)?deserve[ds]?\b",
        r"\bI\s+(?:think\s+I\s+)?(?:have\s+|['\u2019]ve\s+)?earned\s+(?:a|an|another|the|this|it)\b",
        r"\burgent(?:ly)?\b",
        r"\b(?:reply|respond|answer|hear\s+back|get\s+back\s+to\s+me)\s+(?:today|tonight"
        r"|by\s+(?:tomorrow|monday|tuesday|wednesday|thursday|friday|the\s+end\s+of\s+(?:the\s+)?"
        r"(?:day|week)))\b",
        r"\bat\s+the\s+latest\b",
        r"\bI\s+(?:need|must)\s+(?:to\s+)?hear\s+(?:back\s+)?(?:from\s+you\s+)?by\b",
        r"\b(?:I\s+am|I['\u2019]?m)\s+entitled\b",
        r"\byou\s+owe\s+me\b",
        r"\bASAP\b",
        r"\b(?:reply|respond|answer|get\s+back\s+to\s+me|let\s+me\s+know|hear\s+back)\s+"
        r"(?:as\s+soon\s+as\s+possible|immediately|right\s+away|straight\s+away)\b",
        r"\bI\s+expect\s+(?:to\s+hear|a\s+(?:reply|response|decision|call)|an\s+answer)\b",
        r"\bI\s+(?:need|demand)\s+(?:an?\s+)?(?:answer|reply|response|decision)\b",
        r"\bI\s+(?:demand|insist)\b",
        r"\bplease(?:[\s,!.]+please)+\b",
    )
]
_PLEASE = re.compile(r"\bplease\b", re.IGNORECASE)
_BANG = re.compile(r"[!?]*!(?:[!?]*!)+[!?]*|\?+!+|!+\?+")
# A run of words in capitals; a word without vowels, or a known one, is an abbreviation.
_CAPITALS = re.compile(
    r"\b(?:I[ \t]+)?[A-Z]{2,}(?:['\u2019][A-Z]+)?(?:[ \t]+[A-Z]+(?:['\u2019][A-Z]+)?)*\b"
)
_ABBREVIATIONS = frozenset(
    (
        *("AI", "API", "APIS", "AWS", "CEO", "CFO", "COO", "CTO", "CV", "CVS", "EU", "FAQ"),
        *("HR", "IO", "IT", "OK", "PA", "QA", "SAAS", "UI", "US", "USA", "UK", "UX", "NASA"),
        *("JSON", "REST", "UNIX", "CRUD", "IBM", "ETA", "ASAP", "AM", "PM"),
    )
)
_DISMISSIVE = re.compile(
    r"\bor\s+whatever\b|\bwhatever\b(?=\s*(?:[,.!?;]|$))|\bno\s+big\s+deal\b"
    r"|\btake\s+it\s+or\s+leave\s+it\b|\bnot\s+that\s+it\s+matters\b"
    r"|\bif\s+you\s+(?:even\s+)?care\b|\bit\s+is\s+what\s+it\s+is\b|\bit['\u2019]s\s+what\s+it\s+is\b"
    r"|\bthanks,?\s+I\s+guess\b|\bor\s+something(?:\s+like\s+that)?(?=\s*[,.!?;]|\s*$)"
    r"|\bsorry\s+if\s+(?:you|anyone|anybody)\s+(?:was|were|felt|got)\b(?:\s+\w+)?"
    r"|\bsorry\s+(?:that\s+)?you\s+(?:feel|felt)\s+that\s+way\b",
    re.IGNORECASE | re.MULTILINE,
)
_PASSIVE = re.compile(
    r"\b(?:mistakes?|errors?|things|words|comments?|remarks?|deadlines?|the\s+ball)\s+"
    r"(?:were|was|got|have\s+been|had\s+been)\s+(?:made|said|missed|dropped|forgotten"
    r"|overlooked)\b"
    r"|\b(?:was|were)\s+(?:answered|handled|prepared|done|explained)\s+(?:poorly|badly)\b"
    r"|\b(?:was|were)\s+(?:poorly|badly)\s+(?:answered|handled|prepared|done|explained)\b"
    r"|\bthings\s+(?:got\s+out\s+of\s+hand|went\s+wrong)\b"
    r"|\b(?:was|were|got)\s+(?:forgotten|overlooked|lost|mixed\s+up|never\s+(?:done|sent|finished))\b"
    r"|\bthe\s+wrong\s+[\w-]+\s+(?:was|were)\s+(?:sent|given|used|attached|uploaded)\b",
    re.IGNORECASE,
)
# Common words missing their apostrophe, and how they are spelt; "its", "ill" and "were" are
# words in their own right, and "id" only reads as "I'd" before a verb.
_APOSTROPHES = {
    word: word[:cut] + "\u2019" + word[cut:]
    for word, cut in (
        ("dont", 3),
        ("doesnt", 4),
        ("didnt", 3),
        ("isnt", 2),
        ("wasnt", 3),
        ("werent", 4),
        ("arent", 3),
        ("cant", 2),
        ("couldnt", 5),
        ("wouldnt", 5),
        ("shouldnt", 6),
        ("wont", 2),
        ("havent", 4),
        ("hasnt", 3),
        ("hadnt", 3),
        ("im", 1),
        ("ive", 1),
        ("youre", 3),
        ("youve", 3),
        ("youll", 3),
        ("theyre", 4),
        ("theyve", 4),
        ("thats", 4),
        ("whats", 4),
        ("theres", 5),
        ("ill", 1),
        ("id", 1),
    )
}
_MISSING_APOSTROPHE = re.compile(
    r"\b(?:dont|doesnt|didnt|isnt|wasnt|werent|arent|cant|couldnt|wouldnt|shouldnt|wont|havent"
    r"|hasnt|hadnt|im|ive|youre|youve|youll|theyre|theyve|thats|whats|theres"
    r"|id(?=\s+(?:love|like|be|appreciate|welcome|hoped?))|ill(?=\s+(?:send|be|call|make|try)))\b",
    re.IGNORECASE,
)
# Words a person quotes (what the interviewer asked, what they said) are not their excuse.
_QUOTED = re.compile(r"\"[^\"\n]*\"|“[^”\n]*”")
_SPECIFIC_MISTAKE = re.compile(
    r"\bI\s+(?:was" + _NT + r"\s+(?:prepared|ready)|did" + _NT + r"|should(?:" + _NT + r")?\s+have"
    r"|struggled|froze|forgot|rambled|could" + _NT + r"|failed\s+to|had" + _NT + r"|let\s+my"
    r"|missed|misread|misunderstood|interrupted|talked\s+over|arrived\s+late|was\s+late"
    r"|was\s+(?:rude|short|curt|dismissive)|lost\s+(?:my|track)|mixed\s+up|got\s+[^.!?\n]{1,40}?"
    r"\s+wrong|made\s+(?:a\s+)?mistakes?)\b"
    r"|\bmy\s+answers?\b"
    # Owning it as regret or sorrow for something done: "I regret being rude to …".
    r"|\b(?:regret|sorry\s+(?:for|about))\s+(?:being|having|not|interrupting|arriving"
    r"|talking|losing|getting|missing|forgetting)\b",
    re.IGNORECASE,
)
# The drafts leave "[Your name]"-style gaps for the user to fill; none should be sent.
_PLACEHOLDER = re.compile(r"\[[^\[\]\n]{1,80}\]")
_THANKS = re.compile(r"\b(?:thank|grateful|appreciat)", re.IGNORECASE)
_REQUEST = re.compile(
    r"\b(?:would\s+you\s+consider|would\s+you\s+be\s+open\s+to|could\s+we|would\s+it\s+be\s+"
    r"possible|another\s+conversation|second\s+(?:conversation|interview)|another\s+interview"
    r"|short\s+call|chance\s+to|(?:another|a\s+second|one\s+more)\s+(?:chance|go|try|attempt"
    r"|opportunity|shot)|reconsider|opportunity\s+to|(?:could|can|may|might)\s+I\s+(?:have|get"
    r"|try|redo|re-?do|retake|re-?sit|sit|come|speak|meet|show)|is\s+there\s+(?:any\s+)?"
    r"(?:chance|way|possibility)|let\s+me\s+(?:try|show|redo|retake|re-?sit|come\s+back)"
    r"|would\s+you\s+let\s+me|another\s+round|come\s+back\s+in|try\s+again"
    r"|(?:re-?sit|retake|redo)\s+the)\b",
    re.IGNORECASE,
)
_GREETING = re.compile(r"(?:dear|hello|hi|good\s+(?:morning|afternoon|evening))\b", re.IGNORECASE)
_SIGN_OFF = re.compile(
    r"\b(?:regards|best\s+wishes|sincerely|thank\s+you|thanks|all\s+the\s+best|warm\s+wishes"
    r"|cheers|yours\s+(?:truly|faithfully)|with\s+(?:gratitude|appreciation)|take\s+care"
    r"|speak\s+soon|talk\s+soon)\b"
    r"|^(?:all\s+my\s+|my\s+|very\s+)?best\b[,.!]?$",
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
    "blame": _lazy(
        "“%(quote)s” puts the weight on someone or something else. Keep to what you did and what "
        "you would do next time; the reader will see the rest."
    ),
    "pressure": _lazy(
        "“%(quote)s” may feel like pressure. Ask once, plainly, and leave the decision with them."
    ),
    "shouting": _lazy(
        "“%(quote)s” can read as shouting. Ordinary capitals and a full stop say it more calmly."
    ),
    "dismissive": _lazy(
        "“%(quote)s” can sound as if you do not mind how this lands. Say it simply, or leave it "
        "out."
    ),
    "passive": _lazy(
        "“%(quote)s” leaves out who did it. Saying “I …” and naming what you did reads as more "
        "honest."
    ),
    "apostrophe": _lazy("“%(quote)s” is missing its apostrophe: “%(fixed)s”."),
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


def _capitals(body):
    """Yield the runs of capitals that shout, leaving abbreviations such as SQL or NHS alone."""
    for m in _CAPITALS.finditer(body):
        words = [w.strip("'\u2019") for w in m.group().split()]
        loud = [w for w in words if w not in _ABBREVIATIONS and re.search("[AEIOUY]", w)]
        if len(loud) >= 2 or any(len(w) >= 5 for w in loud):
            yield m


def _extra_pleas(body):
    """Yield each "please" after the second in a letter that asks more than twice."""
    return list(_PLEASE.finditer(body))[2:]


def _apostrophes(matches):
    found = []
    for m in matches:
        word = m.group()
        fixed = _APOSTROPHES[word.lower()]
        fixed = (
            fixed[0].upper() + fixed[1:]
            if word[0].isupper() or word.lower() in {"im", "ive", "id", "ill"}
            else fixed
        )
        message = _MESSAGES["apostrophe"] % {"quote": word, "fixed": fixed}
        found.append(Finding("apostrophe", message, word, *m.span()))
    return found


def _marked(body):
    """Return the findings that point at words in the body (excuses, gaps), in reading order."""
    quoted = [m.span() for m in _QUOTED.finditer(body)]

    def unquoted(matches):
        return [m for m in matches if not any(start <= m.start() < end for start, end in quoted)]

    def each(patterns):
        return unquoted(m for pattern in patterns for m in pattern.finditer(body))

    pressure = each(_PRESSURES)
    pleas = [
        m for m in _extra_pleas(body) if not any(p.start() <= m.start() < p.end() for p in pressure)
    ]
    found = (
        _spans("excuse", each(_EXCUSES))
        + _spans("blame", each(_BLAMES))
        + _spans("pressure", pressure + unquoted(pleas))
        + _spans("shouting", unquoted(_BANG.finditer(body)) + unquoted(_capitals(body)))
        + _spans("dismissive", each([_DISMISSIVE]))
        + _spans("passive", each([_PASSIVE]))
        + _apostrophes(each([_MISSING_APOSTROPHE]))
        + _spans("placeholder", _PLACEHOLDER.finditer(body))
    )
    return _distinct(sorted(found, key=lambda f: (f.start, f.end)))


def _distinct(findings):
    """Drop a finding whose span lies inside another of the same code (two patterns, one slip)."""
    return [
        f
        for f in findings
        if not any(
            g is not f
            and g.code == f.code
            and g.start <= f.start
            and f.end <= g.end
            and (g.start, g.end) != (f.start, f.end)
            for g in findings
        )
        and f is next(g for g in findings if (g.code, g.start, g.end) == (f.code, f.start, f.end))
    ]


def _is_sign_off(line):
    """Return whether a line closes the letter: short, or ending in a comma, with a closing word."""
    return (word_count(line) <= 5 or line.endswith(",")) and bool(_SIGN_OFF.search(line))


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
    if not any(_is_sign_off(line) for line in lines[-3:]):
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
