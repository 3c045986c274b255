"""Letter drafting, tone check, highlighting and export: pure text, no database."""

import email
import email.policy
import re
from dataclasses import replace
from datetime import date
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from django.utils.safestring import SafeString

from interviews.letters.delivery import build_eml, eml_filename, mailto_url
from interviews.letters.drafting import LetterContext, NotEligible, draft_letter, eligibility
from interviews.letters.tone import Finding, highlight, tone_check, word_count
from interviews.models import FollowUpLetter, Reflection

from .tone_cases import CASES as TONE_CASES

Cause = Reflection.Cause
Outside = Reflection.Outside
Kind = FollowUpLetter.Kind
THANK_YOU, ANOTHER_CHANCE, APOLOGY = Kind.THANK_YOU, Kind.ANOTHER_CHANCE, Kind.APOLOGY
ALL_CODES = {
    "empty_subject",
    "subject_placeholder",
    "placeholder",
    "no_greeting",
    "excuse",
    "blame",
    "pressure",
    "shouting",
    "dismissive",
    "passive",
    "apostrophe",
    "vague_apology",
    "no_thanks",
    "no_request",
    "too_long",
    "too_short",
    "no_sign_off",
}


def fits(causes, outside):
    """Return the letter eligibility for a reflection with these answers."""
    return eligibility(Reflection(causes=causes, outside_circumstances=outside))


def context(**overrides):
    """Return a realistic context in which every letter kind is offered."""
    ctx = LetterContext(
        company="Northwind Maps",
        role="Data Analyst",
        interviewer_names=["Sam Rivera"],
        interview_date=date(2026, 3, 12),
        causes=[Cause.CAUGHT_OUT, Cause.NERVES, Cause.UNWELL],
        outside_circumstances=Outside.PARTLY,
        what_happened="I had a fever and lost my thread on the statistics question.",
        questions=["How would you explain a p-value to a client?"],
        lessons=[("Revise the statistics basics", "Explain one concept aloud every morning")],
        sender_name="Jo Bloggs",
    )
    return replace(ctx, **overrides)


def bare(**overrides):
    """Return a context with nothing optional known."""
    nothing = {
        "interviewer_names": [],
        "interview_date": None,
        "what_happened": "",
        "questions": [],
        "lessons": [],
        "sender_name": "",
    }
    return context(**{**nothing, **overrides})


def codes(findings):
    return {finding.code for finding in findings}


def assert_reads_well(text):
    assert "None" not in text
    assert "  " not in text
    assert "\n\n\n" not in text
    assert not re.search(r"\s[,.;:!?]", text), "space before punctuation"
    assert not re.search(r"Dear\s*,", text)
    for empty in ("“”", '""', "[]", "()", ": .", "- \n"):
        assert empty not in text
    assert all(line == line.strip() for line in text.splitlines())


# Drafts


def test_thank_you_names_company_role_question_and_lesson():
    draft = draft_letter(THANK_YOU, context())

    assert "Northwind Maps" in draft.body
    assert "Data Analyst" in draft.body
    assert "Data Analyst" in draft.subject
    assert "“How would you explain a p-value to a client?”" in draft.body
    assert "Revise the statistics basics" in draft.body
    assert "Thank you for taking the time" in draft.body


def test_thank_you_without_details_leaves_a_placeholder_for_the_specific_point():
    draft = draft_letter(THANK_YOU, bare())

    assert "[one thing you enjoyed discussing]" in draft.body
    assert_reads_well(draft.body)


def test_thank_you_does_not_paste_the_private_account_of_what_happened():
    draft = draft_letter(THANK_YOU, context())

    assert "fever" not in draft.body


def test_another_chance_names_the_circumstance_and_asks_for_a_second_conversation():
    draft = draft_letter(ANOTHER_CHANCE, context(causes=[Cause.UNWELL]))

    assert "Northwind Maps" in draft.body
    assert "Data Analyst" in draft.body
    assert "I was unwell on the day" in draft.body
    assert "Would you consider a second conversation, or a short call" in draft.body
    assert "work around your schedule" in draft.body


@pytest.mark.parametrize(
    ("cause", "phrase"),
    [
        (Cause.UNWELL, "I was unwell"),
        (Cause.BAD_DAY, "something difficult outside work"),
        (Cause.TECHNICAL, "technical problems during our call"),
        (Cause.OTHER, "Something outside work was affecting me"),
    ],
)
def test_another_chance_tells_the_outside_circumstance_plainly(cause, phrase):
    draft = draft_letter(ANOTHER_CHANCE, context(causes=[cause], outside_circumstances="yes"))

    assert phrase in draft.body


def test_another_chance_makes_no_excuse_about_the_answers():
    draft = draft_letter(ANOTHER_CHANCE, context())

    assert "answer" not in draft.body.lower()
    assert "p-value" not in draft.body


def test_another_chance_owns_the_rest_when_outside_circumstances_were_only_partly_to_blame():
    partly = draft_letter(ANOTHER_CHANCE, context(outside_circumstances="partly"))
    fully = draft_letter(ANOTHER_CHANCE, context(outside_circumstances="yes"))

    assert "Not all of it was down to that" in partly.body
    assert "Not all of it was down to that" not in fully.body


def test_apology_names_the_question_that_caught_them_out():
    draft = draft_letter(APOLOGY, context())

    assert (
        "I was not prepared for your question “How would you explain a p-value to a client?”"
        in draft.body
    )
    assert "Northwind Maps" in draft.body
    assert "Data Analyst" in draft.body


def test_apology_owns_every_question_that_caught_them_out():
    questions = ["Why maps?", "Walk me through a window function.", "What is a p-value?"]
    draft = draft_letter(APOLOGY, context(questions=questions))

    assert "“Why maps?”" in draft.body
    assert "“Walk me through a window function”" in draft.body
    assert "“What is a p-value?”" in draft.body


@pytest.mark.parametrize(
    ("cause", "phrase"),
    [
        (Cause.UNDER_PREPARED, "I had not prepared as well as I should have"),
        (Cause.CAUGHT_OUT, "Some of your questions caught me out"),
        (Cause.NERVES, "I let my nerves get the better of me"),
        (Cause.LITTLE_ENTHUSIASM, "I did not show how much this role interests me"),
        (Cause.SHORT_OR_RUDE, "I was short with people on the day"),
        (Cause.INTERRUPTED, "I interrupted you instead of letting you finish"),
        (Cause.LATE, "I arrived late"),
        (Cause.MISSED_BASICS, "I had not done the basic preparation"),
        (Cause.NOT_HONEST, "I was not completely honest with you"),
    ],
)
def test_apology_owns_each_cause_in_its_own_sentence(cause, phrase):
    draft = draft_letter(APOLOGY, bare(causes=[cause]))

    assert phrase in draft.body
    assert "That was my mistake, and I am sorry for it." in draft.body
    assert_reads_well(draft.body)


RUDE = "I was rude to your receptionist and I interrupted Dana while she was explaining the role"


def test_apology_for_something_else_names_what_the_user_wants_to_own():
    ctx = bare(
        causes=[Cause.OTHER],
        outside_circumstances=Outside.NO,
        what_happened="I snapped at the receptionist and kept talking over the panel lead.",
        to_own=RUDE,
    )

    draft = draft_letter(APOLOGY, ctx)

    assert RUDE + "." in draft.body
    assert "That was my mistake, and I am sorry for it." in draft.body
    assert "snapped" not in draft.body, "the private account stays private"
    assert "[Say plainly" not in draft.body
    assert_reads_well(draft.body)


def test_apology_for_nerves_alone_owns_nerves_and_nothing_the_user_did_not_say():
    draft = draft_letter(APOLOGY, bare(causes=[Cause.NERVES], outside_circumstances=Outside.NO))

    assert "I let my nerves get the better of me" in draft.body
    for unsaid in ("rude", "short with", "interrupt", "late", "honest", "prepared", "question"):
        assert unsaid not in draft.body


def test_apology_never_owns_a_cause_that_was_not_ticked():
    ticked = {Cause.SHORT_OR_RUDE, Cause.LATE}
    draft = draft_letter(APOLOGY, bare(causes=sorted(ticked)))

    assert "I was short with people" in draft.body
    assert "I arrived late" in draft.body
    assert "nerves" not in draft.body
    assert "interrupted" not in draft.body
    assert "honest" not in draft.body
    assert "These were my mistakes, and I am sorry for them." in draft.body


def test_apology_puts_the_users_words_first_without_repeating_a_cause_they_already_named():
    ctx = bare(causes=[Cause.SHORT_OR_RUDE, Cause.NERVES], to_own="I was rude to your receptionist")

    draft = draft_letter(APOLOGY, ctx)

    owned = draft.body.split("\n\n")[2]
    assert owned.startswith("I was rude to your receptionist. ")
    assert "short with people" not in owned
    assert "I let my nerves get the better of me" in owned


@pytest.mark.parametrize(
    ("to_own", "sentence"),
    [
        ("being rude to the receptionist", "I regret being rude to the receptionist."),
        ("my tone with Dana.", "I regret my tone with Dana."),
        ("i was late  and\nunprepared", "I was late and unprepared."),
        ("I’m sorry I cut you off!", "I’m sorry I cut you off!"),
        ("Dana's question, which I brushed off", "I regret Dana's question, which I brushed off."),
    ],
)
def test_apology_turns_the_users_words_into_a_plain_sentence(to_own, sentence):
    ctx = bare(causes=[Cause.OTHER], what_happened="It went wrong.", to_own=to_own)

    draft = draft_letter(APOLOGY, ctx)

    assert sentence in draft.body
    assert_reads_well(draft.body)


def test_apology_with_nothing_named_leaves_a_gap_rather_than_guessing():
    draft = draft_letter(APOLOGY, bare(causes=[Cause.OTHER], what_happened="It went wrong."))

    assert "[Say plainly what you did" in draft.body
    assert "nerves" not in draft.body


def test_apology_says_what_has_changed_since_using_the_actions():
    lessons = [
        ("Revise the statistics basics", "Explain one concept aloud every morning"),
        ("Research the company", ""),
    ]
    draft = draft_letter(APOLOGY, context(lessons=lessons))

    assert "Since then I have been putting this right:" in draft.body
    assert "- Explain one concept aloud every morning\n" in draft.body
    assert "- Research the company\n" in draft.body


def test_apology_makes_no_excuse_about_outside_circumstances():
    draft = draft_letter(APOLOGY, context(causes=[Cause.NERVES, Cause.UNWELL]))

    assert "unwell" not in draft.body


def test_apology_for_lateness_alone_owns_the_lateness_and_nothing_else():
    draft = draft_letter(APOLOGY, bare(causes=[Cause.LATE]))

    assert "I arrived late" in draft.body
    for unsaid in ("nerves", "rude", "interrupt", "question", "honest"):
        assert unsaid not in draft.body


@pytest.mark.parametrize(
    ("names", "greeting"),
    [
        ([], "Dear hiring team,"),
        (["  "], "Dear hiring team,"),
        (["Sam Rivera"], "Dear Sam Rivera,"),
        (["Sam", "Alex"], "Dear Sam and Alex,"),
        (["Sam", "Alex", "Priya"], "Dear Sam, Alex and Priya,"),
    ],
)
@pytest.mark.parametrize("kind", list(Kind))
def test_draft_greets_the_interviewers_by_name_or_the_hiring_team(kind, names, greeting):
    draft = draft_letter(kind, context(interviewer_names=names))

    assert draft.body.splitlines()[0] == greeting


@pytest.mark.parametrize("kind", list(Kind))
def test_draft_mentions_the_interview_date_as_day_and_month(kind):
    draft = draft_letter(kind, context(interview_date=date(2026, 3, 12)))

    assert "on 12 March" in draft.body


@pytest.mark.parametrize("kind", list(Kind))
def test_draft_signs_off_with_the_senders_name_or_a_placeholder(kind):
    named = draft_letter(kind, context(sender_name="Jo Bloggs"))
    unnamed = draft_letter(kind, context(sender_name=""))

    assert named.body.endswith("Best regards,\nJo Bloggs")
    assert unnamed.body.endswith("Best regards,\n[Your name]")


@pytest.mark.parametrize("kind", list(Kind))
def test_draft_reads_well_when_nothing_optional_is_known(kind):
    draft = draft_letter(kind, bare())

    assert_reads_well(draft.subject)
    assert_reads_well(draft.body)
    assert draft.body.splitlines()[0] == "Dear hiring team,"
    assert "Northwind Maps" in draft.body
    assert "Data Analyst" in draft.body


@pytest.mark.parametrize("kind", list(Kind))
def test_draft_uses_placeholders_when_company_and_role_are_blank(kind):
    draft = draft_letter(kind, bare(company="", role=" "))

    assert "[company]" in draft.body
    assert "[role]" in draft.body
    assert_reads_well(draft.body)


@pytest.mark.parametrize("kind", list(Kind))
def test_realistic_draft_passes_its_own_tone_check(kind):
    draft = draft_letter(kind, context())

    assert tone_check(kind, draft.subject, draft.body) == []
    assert 50 <= word_count(draft.body) <= 250
    assert_reads_well(draft.body)


@pytest.mark.parametrize("kind", list(Kind))
def test_bare_draft_is_flagged_only_for_the_gaps_it_leaves(kind):
    draft = draft_letter(kind, bare())
    findings = tone_check(kind, draft.subject, draft.body)

    assert codes(findings) == {"placeholder"}
    assert [f.quote for f in findings] == re.findall(r"\[[^\]]+\]", draft.body)
    assert all(draft.body[f.start : f.end] == f.quote for f in findings)
    assert 50 <= word_count(draft.body) <= 250
    assert_reads_well(draft.body)


def test_gaps_are_named_in_the_finding_and_marked_in_the_preview():
    body = letter(THANKS, "I enjoyed [one topic].", FILLER, sign_off="Best regards,\n[Your name]")
    findings = tone_check(THANK_YOU, "Thanks for the [role] interview", body)

    assert [f.code for f in findings] == ["subject_placeholder", "placeholder", "placeholder"]
    assert "“[role]”" in findings[0].message
    assert findings[0].start == -1
    assert "“[one topic]” is a gap the draft left for you" in findings[1].message
    assert "<mark>[one topic]</mark>" in highlight(body, findings)
    assert "<mark>[Your name]</mark>" in highlight(body, findings)


@pytest.mark.parametrize("kind", list(Kind))
def test_draft_stays_under_the_word_limit_with_many_questions_and_lessons(kind):
    ctx = context(
        causes=list(Cause),
        interviewer_names=["Sam Rivera", "Alex Chen"],
        questions=[
            f"Tell me about a time you changed a stakeholder's mind ({n})" for n in range(6)
        ],
        lessons=[
            (f"Lesson {n} about preparing", f"Practise answer {n} out loud") for n in range(6)
        ],
    )
    draft = draft_letter(kind, ctx)

    assert tone_check(kind, draft.subject, draft.body) == []


def test_draft_cleans_stray_whitespace_from_what_the_user_typed():
    ctx = context(
        interviewer_names=["  Sam \n Rivera "],
        questions=["  Why   maps?\n"],
        lessons=[("x", "  Read the\nannual report.  ")],
    )
    draft = draft_letter(APOLOGY, ctx)

    assert draft.body.startswith("Dear Sam Rivera,\n")
    assert "“Why maps?”" in draft.body
    assert "- Read the annual report\n" in draft.body


def test_draft_refuses_a_kind_that_the_reflection_does_not_support():
    ctx = context(causes=[Cause.NOT_A_FIT], outside_circumstances="no")

    with pytest.raises(NotEligible) as refused:
        draft_letter(ANOTHER_CHANCE, ctx)

    assert refused.value.reason == fits(ctx.causes, "no")[ANOTHER_CHANCE].reason
    with pytest.raises(NotEligible):
        draft_letter(APOLOGY, ctx)


def test_draft_rejects_an_unknown_kind():
    with pytest.raises(ValueError, match="Unknown letter kind"):
        draft_letter("none", context())


# Eligibility


@pytest.mark.parametrize("outside", ["yes", "partly", "no", ""])
def test_thank_you_is_always_offered(outside):
    result = fits([], outside)

    assert result["thank_you"].offered is True


@pytest.mark.parametrize(
    ("outside", "offered"), [("yes", True), ("partly", True), ("no", False), ("", False)]
)
def test_another_chance_is_offered_only_when_outside_circumstances_played_a_part(outside, offered):
    assert fits([Cause.UNWELL], outside)["another_chance"].offered is offered


CONDUCT = {
    "under_prepared",
    "little_enthusiasm",
    "caught_out",
    "nerves",
    "short_or_rude",
    "interrupted",
    "late",
    "missed_basics",
    "not_honest",
}


@pytest.mark.parametrize("cause", list(Cause))
def test_apology_is_offered_only_for_causes_in_the_users_own_conduct(cause):
    own = cause in CONDUCT

    assert fits([cause], "no")["apology"].offered is own


@pytest.mark.parametrize(
    ("what_happened", "offered"), [("I was rude to the receptionist.", True), ("  ", False)]
)
def test_something_else_points_to_an_apology_once_it_is_described(what_happened, offered):
    answers = Reflection(
        causes=[Cause.OTHER], outside_circumstances="no", what_happened=what_happened
    )

    result = eligibility(answers)["apology"]

    assert result.offered is offered
    if offered:
        assert "You described something else" in result.reason


def test_the_rude_receptionist_is_offered_an_apology_that_names_the_rudeness():
    ctx = bare(
        causes=[Cause.OTHER],
        outside_circumstances=Outside.NO,
        what_happened="I was rude to the receptionist and interrupted the panel lead.",
        to_own="I was rude to your receptionist, and I interrupted your panel lead",
    )
    answers = Reflection(
        causes=ctx.causes,
        outside_circumstances=ctx.outside_circumstances,
        what_happened=ctx.what_happened,
    )

    assert eligibility(answers)["apology"].offered is True
    draft = draft_letter(APOLOGY, ctx)
    assert "I was rude to your receptionist, and I interrupted your panel lead." in draft.body


def test_apology_is_not_offered_when_no_cause_was_given():
    result = fits([], "yes")

    assert result["apology"].offered is False
    assert "nothing to apologise for" in result["apology"].reason


def test_eligibility_explains_why_a_letter_is_not_offered():
    result = fits([Cause.NOT_A_FIT], "no")

    assert "nothing outside the interview got in the way" in result["another_chance"].reason
    assert "apology" in result["another_chance"].reason
    assert "own preparation or conduct" in result["apology"].reason


@pytest.mark.parametrize("outside", ["yes", "partly", "no", ""])
@pytest.mark.parametrize("causes", [[], [Cause.NERVES], [Cause.BAD_DAY, Cause.CAUGHT_OUT]])
def test_eligibility_gives_a_one_line_reason_for_every_kind(causes, outside):
    result = fits(causes, outside)

    assert set(result) == {"thank_you", "another_chance", "apology"}
    for fit in result.values():
        assert fit.reason.strip()
        assert "\n" not in fit.reason


# Tone check

GREETING = "Dear Sam,"
SIGN_OFF = "Best regards,\nJo"
THANKS = "Thank you for speaking with me about the Data Analyst role at Northwind Maps on Tuesday."
FILLER = (
    "I enjoyed hearing how the analytics team works with the product managers, and the way "
    "you described the first three months made the role feel concrete. I remain keen on the "
    "role and happy to send anything else that helps."
)
REQUEST = "Would you consider a short call next week? I can fit around your schedule."
OWNED = "I was not prepared for your question on window functions, and I am sorry for that."


def letter(*paragraphs, greeting=GREETING, sign_off=SIGN_OFF):
    return "\n\n".join(part for part in (greeting, *paragraphs, sign_off) if part)


CLEAN = {
    THANK_YOU: letter(THANKS, FILLER),
    ANOTHER_CHANCE: letter(THANKS, "I was unwell on the day.", REQUEST, FILLER),
    APOLOGY: letter(THANKS, OWNED, FILLER),
}


def with_line(kind, line):
    """Return the clean letter of this kind with one more sentence in its middle."""
    return letter(THANKS, line, *CLEAN[kind].split("\n\n")[2:-1])


TABLE = [
    # (id, kind, subject, body, codes that must appear, codes that must not appear)
    ("clean thank-you", THANK_YOU, "Thanks", CLEAN[THANK_YOU], set(), ALL_CODES),
    ("clean another chance", ANOTHER_CHANCE, "A request", CLEAN[ANOTHER_CHANCE], set(), ALL_CODES),
    ("clean apology", APOLOGY, "Sorry", CLEAN[APOLOGY], set(), ALL_CODES),
    (
        "'but I was' mid-sentence",
        APOLOGY,
        "Sorry",
        with_line(APOLOGY, "I am sorry, but I was exhausted after a long week."),
        {"excuse"},
        {"vague_apology"},
    ),
    (
        "'it wasn't my fault'",
        ANOTHER_CHANCE,
        "A request",
        with_line(ANOTHER_CHANCE, "Honestly it wasn't my fault that the call dropped."),
        {"excuse"},
        {"no_request"},
    ),
    (
        "'it was not my fault' in capitals",
        APOLOGY,
        "Sorry",
        with_line(APOLOGY, "I want you to know IT WAS NOT MY FAULT."),
        {"excuse"},
        set(),
    ),
    (
        "curly apostrophe 'wasn\u2019t my fault'",
        APOLOGY,
        "Sorry",
        with_line(APOLOGY, "Still, that wasn\u2019t my fault."),
        {"excuse"},
        set(),
    ),
    (
        "'the interviewer didn't'",
        THANK_YOU,
        "Thanks",
        with_line(THANK_YOU, "I felt the interviewer didn't explain the task."),
        {"excuse"},
        {"no_thanks"},
    ),
    (
        "'they didn't give me'",
        APOLOGY,
        "Sorry",
        with_line(APOLOGY, "The real problem was that they didn't give me enough time."),
        {"excuse"},
        set(),
    ),
    (
        "'you never gave me'",
        APOLOGY,
        "Sorry",
        with_line(APOLOGY, "I would have done better, yet you never gave me the brief."),
        {"excuse"},
        set(),
    ),
    (
        "'unfortunately … because' in one sentence",
        ANOTHER_CHANCE,
        "A request",
        with_line(ANOTHER_CHANCE, "Unfortunately I stumbled because the room was loud."),
        {"excuse"},
        set(),
    ),
    (
        "'unfortunately' and 'because' in different sentences",
        THANK_YOU,
        "Thanks",
        with_line(THANK_YOU, "Unfortunately I missed your email. I write now because I care."),
        set(),
        {"excuse"},
    ),
    (
        "'I only … because'",
        APOLOGY,
        "Sorry",
        with_line(APOLOGY, "I only paused for so long because I was thinking."),
        {"excuse"},
        set(),
    ),
    (
        "'to be fair' mid-sentence",
        APOLOGY,
        "Sorry",
        with_line(APOLOGY, "My answer was weak and, TO BE FAIR, the brief was vague."),
        {"excuse"},
        {"vague_apology"},
    ),
    (
        "'if only they had'",
        ANOTHER_CHANCE,
        "A request",
        with_line(ANOTHER_CHANCE, "It would have gone well if only they had started on time."),
        {"excuse"},
        set(),
    ),
    (
        "'in my defence'",
        APOLOGY,
        "Sorry",
        with_line(APOLOGY, "In my defence, the question was unusual."),
        {"excuse"},
        set(),
    ),
    (
        "excuse words inside straight quotes",
        APOLOGY,
        "Sorry",
        with_line(APOLOGY, 'You asked how I would answer a client who says "it was not my fault".'),
        set(),
        {"excuse"},
    ),
    (
        "excuse words inside curly quotes",
        THANK_YOU,
        "Thanks",
        with_line(THANK_YOU, "You called the rota “to be fair to everyone”, which I liked."),
        set(),
        {"excuse"},
    ),
    (
        "excuse after a quote is still flagged",
        APOLOGY,
        "Sorry",
        with_line(APOLOGY, "You asked “why now?” but I was too tired to think."),
        {"excuse"},
        set(),
    ),
    (
        "thank-you without thanks",
        THANK_YOU,
        "Following up",
        letter("I enjoyed our talk about the Data Analyst role at Northwind Maps.", FILLER),
        {"no_thanks"},
        {"excuse", "no_greeting", "no_sign_off"},
    ),
    (
        "thank-you saying 'grateful'",
        THANK_YOU,
        "Following up",
        letter("I am grateful for our talk about the role at Northwind Maps.", FILLER),
        set(),
        {"no_thanks"},
    ),
    (
        "thank-you saying 'appreciate'",
        THANK_YOU,
        "Following up",
        letter("I really appreciated our talk about the role at Northwind Maps.", FILLER),
        set(),
        {"no_thanks"},
    ),
    (
        "another chance without a request",
        ANOTHER_CHANCE,
        "Following up",
        letter(THANKS, "I was unwell on the day and I hope to hear from you.", FILLER),
        {"no_request"},
        {"excuse"},
    ),
    (
        "another chance asking 'could we'",
        ANOTHER_CHANCE,
        "Following up",
        letter(THANKS, "I was unwell. Could we speak again next week?", FILLER),
        set(),
        {"no_request"},
    ),
    (
        "another chance asking 'would it be possible'",
        ANOTHER_CHANCE,
        "Following up",
        letter(THANKS, "I was unwell. Would it be possible to meet again?", FILLER),
        set(),
        {"no_request"},
    ),
    (
        "apology naming no specific mistake",
        APOLOGY,
        "Sorry",
        letter(THANKS, "I am so sorry about everything. I feel terrible about it.", FILLER),
        {"vague_apology"},
        {"excuse"},
    ),
    (
        "apology saying 'I froze'",
        APOLOGY,
        "Sorry",
        letter(THANKS, "I froze on the SQL task, and I am sorry.", FILLER),
        set(),
        {"vague_apology"},
    ),
    (
        "apology saying 'I should have'",
        APOLOGY,
        "Sorry",
        letter(THANKS, "I should have asked a clarifying question. I am sorry.", FILLER),
        set(),
        {"vague_apology"},
    ),
    (
        "too long",
        THANK_YOU,
        "Thanks",
        letter(THANKS, *[FILLER] * 8),
        {"too_long"},
        {"too_short"},
    ),
    (
        "too short",
        THANK_YOU,
        "Thanks",
        letter("Thanks for today."),
        {"too_short"},
        {"too_long", "no_greeting", "no_sign_off", "no_thanks"},
    ),
    (
        "missing greeting",
        THANK_YOU,
        "Thanks",
        letter(THANKS, FILLER, greeting=""),
        {"no_greeting"},
        {"no_sign_off"},
    ),
    (
        "'Hiring manager' is not 'Hi'",
        THANK_YOU,
        "Thanks",
        letter(THANKS, FILLER, greeting="Hiring manager,"),
        {"no_greeting"},
        set(),
    ),
    (
        "'Good afternoon' after blank lines",
        THANK_YOU,
        "Thanks",
        "\n\n  " + letter(THANKS, FILLER, greeting="Good afternoon Sam,"),
        set(),
        {"no_greeting"},
    ),
    (
        "missing sign-off",
        APOLOGY,
        "Sorry",
        letter(THANKS, OWNED, FILLER, "Jo", sign_off=""),
        {"no_sign_off"},
        {"no_greeting"},
    ),
    (
        "'Kind regards' sign-off",
        APOLOGY,
        "Sorry",
        letter(THANKS, OWNED, FILLER, sign_off="Kind regards,\nJo Bloggs"),
        set(),
        {"no_sign_off"},
    ),
    (
        "'Warm wishes' sign-off",
        THANK_YOU,
        "Thanks",
        letter(THANKS, FILLER, sign_off="Warm wishes,\nJo"),
        set(),
        {"no_sign_off"},
    ),
    (
        "empty subject",
        THANK_YOU,
        "  ",
        CLEAN[THANK_YOU],
        {"empty_subject"},
        ALL_CODES - {"empty_subject"},
    ),
    (
        "a gap the draft left in the body",
        THANK_YOU,
        "Thanks",
        with_line(THANK_YOU, "I enjoyed [one thing you enjoyed discussing]."),
        {"placeholder"},
        {"subject_placeholder"},
    ),
    (
        "a gap left in the subject",
        THANK_YOU,
        "Thanks for the [role] interview",
        CLEAN[THANK_YOU],
        {"subject_placeholder"},
        {"placeholder", "empty_subject"},
    ),
    (
        "empty body",
        APOLOGY,
        "Sorry",
        "",
        {"no_greeting", "no_sign_off", "too_short", "vague_apology"},
        {"excuse"},
    ),
]


@pytest.mark.parametrize(
    ("kind", "subject", "body", "must", "must_not"),
    [pytest.param(*row[1:], id=row[0]) for row in TABLE],
)
def test_tone_check_table(kind, subject, body, must, must_not):
    found = codes(tone_check(kind, subject, body))

    assert must <= found
    assert not (found & must_not)
    if not must:
        assert found == set()


def test_the_table_draws_every_finding_out_of_the_tone_check():
    """Every finding the tone check can give comes out of some row, so none goes untested."""
    found = set()
    for _id, kind, subject, body, _must, _must_not in TABLE:
        found |= codes(tone_check(kind, subject, body))
    for case in TONE_CASES:
        found |= codes(tone_check(case.kind, case.subject, case.body))

    assert found == ALL_CODES


def test_excuse_finding_quotes_the_exact_words_at_their_offsets():
    body = with_line(APOLOGY, "I am sorry, But I Was exhausted, and to be fair it was late.")

    excuses = [f for f in tone_check(APOLOGY, "Sorry", body) if f.code == "excuse"]

    assert [f.quote for f in excuses] == ["But I Was exhausted", "to be fair"]
    for finding in excuses:
        assert body[finding.start : finding.end] == finding.quote
        assert f"“{finding.quote}”" in finding.message


def test_unfortunately_because_quotes_the_whole_span():
    body = with_line(ANOTHER_CHANCE, "Unfortunately I stumbled because the room was loud.")

    (finding,) = [f for f in tone_check(ANOTHER_CHANCE, "A", body) if f.code == "excuse"]

    assert finding.quote == "Unfortunately I stumbled because"


def test_findings_not_tied_to_words_have_no_offsets_and_say_how_to_fix_it():
    findings = tone_check(APOLOGY, "", "sorry")

    assert codes(findings) == {
        "empty_subject",
        "no_greeting",
        "vague_apology",
        "too_short",
        "no_sign_off",
    }
    for finding in findings:
        assert (finding.start, finding.end, finding.quote) == (-1, -1, "")
        assert len(finding.message) > 30


def test_length_findings_give_the_word_count():
    (short,) = [f for f in tone_check(THANK_YOU, "Thanks", letter(THANKS)) if f.code == "too_short"]

    assert f"At {word_count(letter(THANKS))} words" in short.message


def test_word_count_treats_contractions_and_hyphens_as_one_word():
    assert word_count("I didn\u2019t over-prepare — it's fine.") == 5


# Highlight


def test_highlight_escapes_html_so_a_script_stays_inert():
    body = "Dear Sam,\n<script>alert('x')</script> & <b>bold</b>"

    html = highlight(body, tone_check(THANK_YOU, "", body))

    assert isinstance(html, SafeString)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &lt;b&gt;" in html


def test_highlight_marks_each_excuse_and_keeps_line_breaks():
    body = "Dear Sam,\nI am sorry, but I was tired.\nTo be fair, <it> was late."

    html = highlight(body, tone_check(APOLOGY, "Sorry", body))

    assert html == (
        "Dear Sam,<br>I am sorry, <mark>but I was tired</mark>.<br>"
        "<mark>To be fair</mark>, &lt;it&gt; was late."
    )


def test_highlight_merges_overlapping_spans():
    body = "abcdefghij"
    findings = [Finding("excuse", "m", "bcd", 1, 4), Finding("excuse", "m", "cdef", 2, 6)]

    assert highlight(body, findings) == "a<mark>bcdef</mark>ghij"


def test_highlight_ignores_findings_without_offsets():
    assert highlight("a\r\nb", [Finding("no_greeting", "m")]) == "a<br>b"


# Export


def test_mailto_round_trips_subject_and_body_through_unquote():
    subject = "Thanks & a question = “café”?"
    body = "Dear Zoë,\n\n50% + more: a&b=c #1\n\nBest regards,\nJo"

    url = mailto_url("zoe.muller@example.com", subject, body)
    parts = urlsplit(url)
    query = parse_qs(parts.query)

    assert parts.scheme == "mailto"
    assert unquote(parts.path) == "zoe.muller@example.com"
    assert query["subject"] == [subject]
    assert query["body"] == [body.replace("\n", "\r\n")]
    assert unquote(url.split("&body=")[1]) == body.replace("\n", "\r\n")


def test_mailto_encodes_spaces_and_line_breaks_for_every_mail_client():
    url = mailto_url("a@example.com", "Hi there", "one\ntwo")

    assert "+" not in url
    assert "subject=Hi%20there" in url
    assert "body=one%0D%0Atwo" in url


def build_sample_eml():
    return build_eml(
        from_addr="jo@example.com",
        to_name="Zoë Müller",
        to_addr="zoe@example.de",
        subject="Thank you — café “thanks”",
        body="Dear Zoë Müller,\n\nThe café — “thanks” for your time. " + "More text. " * 15,
    )


def test_eml_parses_back_with_subject_recipient_and_non_ascii_body():
    message = email.message_from_bytes(build_sample_eml(), policy=email.policy.default)

    assert message["Subject"] == "Thank you — café “thanks”"
    (to,) = message["To"].addresses
    assert (to.display_name, to.addr_spec) == ("Zoë Müller", "zoe@example.de")
    assert message["From"] == "jo@example.com"
    content = message.get_content().replace("\r\n", "\n")
    assert content.startswith("Dear Zoë Müller,\n\nThe café — “thanks” for your time.")
    assert message.get_content_charset() == "utf-8"


def test_eml_opens_as_an_unsent_draft_with_date_and_message_id():
    message = email.message_from_bytes(build_sample_eml(), policy=email.policy.default)

    assert message["X-Unsent"] == "1"
    assert message["Date"].datetime is not None
    assert re.fullmatch(r"<[^@>]+@example\.com>", message["Message-ID"])


def test_eml_is_plain_ascii_with_crlf_line_endings():
    data = build_sample_eml()

    assert data.isascii()
    assert b"\r\n" in data
    assert b"\n" not in data.replace(b"\r\n", b"")


def test_eml_without_a_recipient_address_leaves_to_for_the_user():
    data = build_eml(from_addr="", to_name="Sam", to_addr="", subject="Hi", body="Dear Sam,")
    message = email.message_from_bytes(data, policy=email.policy.default)

    assert message["To"] is None
    assert message["X-Unsent"] == "1"
    assert message.get_content().strip() == "Dear Sam,"


def test_eml_message_id_uses_the_senders_domain_even_with_a_display_name():
    data = build_eml(
        from_addr="Jo Bloggs <jo@bloggs.example>",
        to_name="",
        to_addr="a@b.example",
        subject="Hi",
        body="Dear Sam,",
    )
    message = email.message_from_bytes(data, policy=email.policy.default)

    assert message["Message-ID"].endswith("@bloggs.example>")
    assert message["From"].addresses[0].display_name == "Jo Bloggs"
    assert message["To"].addresses[0].addr_spec == "a@b.example"


@pytest.mark.parametrize(
    ("subject", "expected"),
    [
        ("Thank you — Data Analyst interview", "thank-you-data-analyst-interview.eml"),
        ("Спасибо", "letter.eml"),
        ("", "letter.eml"),
        ("x" * 100, "x" * 60 + ".eml"),
    ],
)
def test_eml_filename_is_plain_ascii_with_a_fallback(subject, expected):
    assert eml_filename(subject) == expected
