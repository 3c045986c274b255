"""Errors speak only of answers the user gave or a step needs, the count stays "of 6", and
required answers are marked."""

import re

import pytest

from ..conftest import make_interview
from .walk import answers, formset, post_step, step_url, walk

ERRORS = "A few answers need another look"
BLANK_LESSON = formset("lessons", [{"text": "", "category": "", "action": ""}])
BLANK_QUESTION = formset("questions", [{"question": "", "what_i_said": "", "better_answer": ""}])


@pytest.fixture
def interview(alice):
    return make_interview(owner=alice, rating=1)


def back(client, interview, step, data, to):
    response = post_step(client, interview, step, data, button={"wizard_goto_step": to})
    assert response.status_code == 302, response.content.decode()[:500]
    return response


def count_line(page):
    return re.search(r"Step \d+ of \d+", page.text).group(0)


def test_back_from_a_blank_step_then_continue_shows_no_errors(alice_client, interview):
    data = answers()
    walk(alice_client, interview, ["feelings", "what_happened", "questions"], data)
    back(alice_client, interview, "lessons", BLANK_LESSON, to="questions")
    back(alice_client, interview, "questions", BLANK_QUESTION, to="what_happened")
    walk(alice_client, interview, ["what_happened"], data)

    questions = alice_client.get(step_url(interview, "questions"))
    assert ERRORS not in questions.text
    assert "is-invalid" not in questions.text
    assert not questions.context["errors"]

    post_step(alice_client, interview, "questions", data["questions"])
    lessons = alice_client.get(step_url(interview, "lessons"))
    assert ERRORS not in lessons.text
    assert "is-invalid" not in lessons.text


def test_an_untouched_follow_up_step_shows_no_errors_when_returned_to(alice_client, interview):
    data = answers(caught_out=False)
    walk(alice_client, interview, ["feelings", "what_happened", "lessons", "forgive"], data)
    back(alice_client, interview, "follow_up", {}, to="forgive")
    walk(alice_client, interview, ["forgive"], data)

    page = alice_client.get(step_url(interview, "follow_up"))

    assert ERRORS not in page.text
    assert not page.context["errors"]


def test_a_half_answered_step_shown_again_flags_only_what_was_given(alice_client, interview):
    data = answers(caught_out=False)
    walk(alice_client, interview, ["feelings", "what_happened", "lessons"], data)
    half = {"forgive-went_well": "x" * 5001, "forgive-intensity_after": "4"}
    back(alice_client, interview, "forgive", half, to="lessons")

    page = alice_client.get(step_url(interview, "forgive"))

    messages = [message for _anchor, message in page.context["errors"]]
    assert len(messages) == 1
    assert "at most 5000 characters" in messages[0]
    assert "Write what you would tell a friend." not in page.text
    assert page.context["wizard"]["form"]["intensity_after"].value() == "4"


def test_continue_on_a_blank_step_still_says_what_it_needs(alice_client, interview):
    data = answers(caught_out=False)
    walk(alice_client, interview, ["feelings", "what_happened"], data)

    response = post_step(alice_client, interview, "lessons", BLANK_LESSON)

    assert response.status_code == 200
    assert ERRORS in response.text
    assert "Write the lesson in a sentence." in response.text


def test_a_step_link_past_a_step_left_blank_shows_why_it_stopped(alice_client, interview):
    data = answers(caught_out=False)
    walk(alice_client, interview, ["feelings", "what_happened", "lessons", "forgive"], data)
    back(alice_client, interview, "follow_up", data["follow_up"], to="lessons")
    blank = {**BLANK_LESSON}

    response = post_step(
        alice_client, interview, "lessons", blank, button={"wizard_goto_step": "follow_up"}
    )

    assert response.status_code == 200
    assert ERRORS in response.text
    assert "Write the lesson in a sentence." in response.text


@pytest.mark.parametrize("caught_out", [False, True])
def test_the_step_count_stays_of_six_whether_or_not_questions_apply(
    alice_client, interview, caught_out
):
    data = answers(caught_out=caught_out)
    feelings = alice_client.get(step_url(interview, "feelings"))
    assert count_line(feelings) == "Step 1 of 6"
    walk(alice_client, interview, ["feelings", "what_happened"], data)
    if caught_out:
        questions = alice_client.get(step_url(interview, "questions"))
        assert count_line(questions) == "Step 2 of 6"
        assert len(questions.context["step_items"]) == 6
        walk(alice_client, interview, ["questions"], data)

    lessons = alice_client.get(step_url(interview, "lessons"))

    assert count_line(lessons) == "Step 3 of 6"
    assert [item["number"] for item in lessons.context["step_items"]] == [1, 2, 3, 4, 5, 6]


def test_the_step_list_names_the_questions_step_while_on_it(alice_client, interview):
    walk(alice_client, interview, ["feelings", "what_happened"], answers())

    page = alice_client.get(step_url(interview, "questions"))

    items = page.context["step_items"]
    assert [item["state"] for item in items] == ["done", "current", "todo", "todo", "todo", "todo"]
    assert items[1]["label"] == "Questions"
    assert page.text.count('aria-current="step"') == 1


def test_required_answers_are_marked_and_optional_ones_are_not(alice_client, interview):
    data = answers(caught_out=False)
    walk(alice_client, interview, ["feelings", "what_happened", "lessons"], data)

    page = alice_client.get(step_url(interview, "forgive"))

    form = page.context["wizard"]["form"]
    assert "(required)" in str(form["went_well"].label)
    assert "(required)" in str(form["intensity_after"].label)
    assert "(required)" not in str(form["reframe"].label)
    assert "(required)" not in str(form["thinking_traps"].label)
    assert page.text.count('class="wizard-required"') == 4
