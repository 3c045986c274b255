"""The tone check against short real-style drafts, each with what a careful reader would flag."""

import pytest

from interviews.letters.tone import highlight, tone_check

from .tone_cases import CASES, ISSUE_DRAFT, JUDGED, Case

NEW_CODES = {"blame", "pressure", "shouting", "dismissive", "passive", "apostrophe"}


def test_the_table_is_large_and_covers_every_kind():
    assert len(CASES) >= 80
    assert {case.kind for case in CASES} == {"thank_you", "another_chance", "apology"}
    assert len({case.id for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_tone_case(case: Case):
    found = {f.code for f in tone_check(case.kind, case.subject, case.body)}

    assert case.must <= found, f"missed {case.must - found}"
    assert not (found & case.must_not), f"wrongly flagged {found & case.must_not}"


def test_every_judged_finding_is_drawn_out_by_some_case():
    found = set()
    for case in CASES:
        found |= {f.code for f in tone_check(case.kind, case.subject, case.body)} & case.must
    assert found == JUDGED


@pytest.mark.parametrize("code", sorted(NEW_CODES))
def test_word_findings_quote_the_words_at_their_offsets(code):
    for case in CASES:
        for f in tone_check(case.kind, case.subject, case.body):
            if f.code == code:
                assert f.quote
                assert case.body[f.start : f.end] == f.quote
                assert f"“{f.quote}”" in f.message


def test_the_issue_draft_marks_each_problem_in_the_preview():
    findings = tone_check("another_chance", "Another chance", ISSUE_DRAFT)
    quotes = {(f.code, f.quote) for f in findings}

    assert ("blame", "The traffic was terrible") in quotes
    assert ("excuse", "it wasn't my fault") in quotes
    assert ("blame", "your video platform is kind of bad") in quotes
    assert ("pressure", "please please") in quotes
    assert ("pressure", "ASAP") in quotes
    assert ("pressure", "I deserve") in quotes
    assert ("shouting", "!!!") in quotes
    assert ("dismissive", "or whatever") in quotes
    html = highlight(ISSUE_DRAFT, findings)
    # Touching spans ("ASAP" then "!!!") share one mark.
    for mark in ("The traffic was terrible", "ASAP!!!", "I deserve", "or whatever"):
        assert f"<mark>{mark}</mark>" in html


def test_apostrophe_finding_offers_the_spelling():
    (finding,) = [
        f
        for f in tone_check("thank_you", "Thanks", "Hi Sam,\n\nI dont mind.\n\nBest,\nJo")
        if f.code == "apostrophe"
    ]

    assert finding.quote == "dont"
    assert "don\u2019t" in finding.message


def test_shouting_quotes_the_whole_run_of_capitals():
    body = "Hi Sam,\n\nI WILL NOT LET THIS HAPPEN AGAIN.\n\nBest,\nJo"
    (finding,) = [f for f in tone_check("apology", "Sorry", body) if f.code == "shouting"]

    assert finding.quote == "I WILL NOT LET THIS HAPPEN AGAIN"
