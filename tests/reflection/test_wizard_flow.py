"""Walking the reflection wizard: steps, conditions, Back, resume and what gets stored."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from interviews.models import Reflection, WizardDraft

from ..conftest import PASSWORD, make_interview
from .walk import answers, post_step, reflect_url, step_url, walk

ALL_STEPS = ["feelings", "what_happened", "questions", "lessons", "forgive", "follow_up"]


@pytest.fixture
def interview(alice):
    # Three days ago: a bad interview whose cool-off window has passed.
    return make_interview(owner=alice, rating=1)


def draft_of(alice, interview):
    return WizardDraft.objects.get(owner=alice, interview=interview)


def step_names(response):
    return [item["label"] for item in response.context["step_items"]]


def test_opening_the_wizard_starts_at_the_first_step(alice_client, interview):
    response = alice_client.get(reflect_url(interview))
    assert response["Location"] == step_url(interview, "feelings")
    page = alice_client.get(response["Location"])
    assert page.status_code == 200
    assert "Backend developer" in page.text
    assert "How are you feeling?" in page.text


def test_walking_every_step_finishes_the_reflection(alice_client, alice, interview):
    data = answers()
    for step in ALL_STEPS:
        assert alice_client.get(step_url(interview, step)).status_code == 200
        response = post_step(alice_client, interview, step, data[step])
        assert response.status_code == 302, step
    assert response["Location"] == step_url(interview, "summary")
    summary = alice_client.get(step_url(interview, "summary"))
    assert "How would you cache this endpoint?" in summary.text
    assert f'href="{step_url(interview, "lessons")}?then=summary"' in summary.text

    finished = post_step(alice_client, interview, "summary")

    reflection = Reflection.objects.get(interview=interview)
    letter = interview.letters.get()
    assert finished["Location"] == reverse("interviews:letter_detail", args=[letter.pk])
    assert reflection.is_complete
    assert reflection.completed_at is not None
    assert reflection.feelings_before == ["upset", "frustrated"]
    assert reflection.intensity_before == 5
    assert reflection.outside_circumstances == "no"
    assert reflection.thinking_traps == ["catastrophising"]
    assert (reflection.intensity_after, reflection.confidence_after) == (3, 6)
    assert reflection.questions.get().question == "How would you cache this endpoint?"
    assert reflection.lessons.get().action == "Do two mock design sessions."
    assert letter.kind == "thank_you"
    assert not WizardDraft.objects.exists()


def test_questions_step_appears_and_disappears_with_the_caught_out_answer(alice_client, interview):
    without = answers(caught_out=False)
    with_questions = answers(caught_out=True)
    walk(alice_client, interview, ["feelings"], without)

    response = post_step(alice_client, interview, "what_happened", without["what_happened"])
    assert response["Location"] == step_url(interview, "lessons")
    lessons_page = alice_client.get(response["Location"])
    assert "Questions" not in step_names(lessons_page)
    assert len(step_names(lessons_page)) == 6
    assert alice_client.get(step_url(interview, "questions"))["Location"] == step_url(
        interview, "lessons"
    )

    response = post_step(alice_client, interview, "what_happened", with_questions["what_happened"])
    assert response["Location"] == step_url(interview, "questions")
    questions_page = alice_client.get(response["Location"])
    # The questions step takes the place of "What happened" in the list: still six steps.
    assert step_names(questions_page)[1] == "Questions"
    assert len(step_names(questions_page)) == 6


@pytest.mark.parametrize(
    ("outside", "causes", "offered"),
    [
        ("yes", ["nerves"], {"thank_you", "another_chance", "apology", "none"}),
        ("partly", ["bad_day"], {"thank_you", "another_chance", "none"}),
        ("no", ["under_prepared"], {"thank_you", "apology", "none"}),
        ("no", ["technical", "unwell"], {"thank_you", "none"}),
    ],
)
def test_follow_up_choices_follow_the_answers(alice_client, interview, outside, causes, offered):
    data = answers(caught_out=False)
    data["what_happened"]["what_happened-causes"] = causes
    data["what_happened"]["what_happened-outside_circumstances"] = outside
    walk(alice_client, interview, ["feelings", "what_happened", "lessons", "forgive"], data)

    page = alice_client.get(step_url(interview, "follow_up"))

    choices = {
        value for value, _label in page.context["wizard"]["form"].fields["follow_up"].choices
    }
    assert choices == offered
    not_offered = {str(label) for label, _reason in page.context["not_offered"]}
    all_letters = {"Send a thank-you", "Ask for another chance", "Apologise"}
    assert not_offered == all_letters - {str(Reflection.FollowUp(value).label) for value in offered}
    assert "A thank-you fits after any interview." in page.text


def test_a_letter_that_does_not_fit_is_refused(alice_client, alice, interview):
    data = answers(caught_out=False, outside="no")
    walk(alice_client, interview, ["feelings", "what_happened", "lessons", "forgive"], data)

    response = post_step(
        alice_client, interview, "follow_up", {"follow_up-follow_up": "another_chance"}
    )

    assert response.status_code == 200
    assert "That option doesn" in response.text
    assert alice_client.get(reflect_url(interview))["Location"] == step_url(interview, "follow_up")


def test_resuming_in_a_new_session_opens_the_next_step_with_answers_in_place(
    alice_client, alice, interview
):
    data = answers()
    walk(alice_client, interview, ["feelings", "what_happened", "questions"], data)
    alice_client.post(reverse("account_logout"))

    other_device = Client()
    assert other_device.login(email=alice.email, password=PASSWORD)
    response = other_device.get(reflect_url(interview))

    assert response["Location"] == step_url(interview, "lessons")
    assert other_device.get(response["Location"]).status_code == 200
    feelings = other_device.get(step_url(interview, "feelings")).context["wizard"]["form"]
    assert feelings.cleaned_data["feelings_before"] == ["upset", "frustrated"]
    questions = other_device.get(step_url(interview, "questions"))
    assert "How would you cache this endpoint?" in questions.text


def test_back_saves_the_current_answers_even_when_unfinished(alice_client, alice, interview):
    data = answers()
    walk(alice_client, interview, ["feelings", "what_happened", "questions", "lessons"], data)
    half_done = {"forgive-went_well": "I was on time.", "forgive-intensity_after": "4"}

    response = post_step(
        alice_client, interview, "forgive", half_done, button={"wizard_goto_step": "lessons"}
    )

    assert response["Location"] == step_url(interview, "lessons")
    draft = draft_of(alice, interview)
    assert draft.current_step == "lessons"
    assert draft.data["step_data"]["forgive"] == {
        "forgive-went_well": ["I was on time."],
        "forgive-intensity_after": ["4"],
    }
    page = alice_client.get(step_url(interview, "forgive"))
    assert "I was on time." in page.text


def test_only_the_steps_own_keys_are_stored(alice_client, alice, interview):
    data = answers()
    walk(alice_client, interview, ["feelings", "what_happened"], data)
    post_step(
        alice_client,
        interview,
        "questions",
        {**data["questions"], "csrfmiddlewaretoken": "abc", "lessons-0-text": "sneaky"},
        button={"wizard_next": "1"},
    )

    step_data = draft_of(alice, interview).data["step_data"]

    assert set(step_data) == {"feelings", "what_happened", "questions"}
    for step, values in step_data.items():
        assert all(key.startswith(f"{step}-") for key in values), values
    assert "questions-TOTAL_FORMS" in step_data["questions"]
    assert "csrfmiddlewaretoken" not in str(draft_of(alice, interview).data)


def test_add_another_question_works_without_javascript(alice_client, alice, interview):
    data = answers()
    walk(alice_client, interview, ["feelings", "what_happened"], data)

    response = post_step(
        alice_client, interview, "questions", data["questions"], button={"wizard_add": "1"}
    )

    assert response["Location"] == step_url(interview, "questions") + "#item-2"
    formset = alice_client.get(step_url(interview, "questions")).context["wizard"]["form"]
    assert len(formset.forms) == 2
    assert formset.is_valid()
    assert formset.forms[0].cleaned_data["question"] == "How would you cache this endpoint?"
    assert draft_of(alice, interview).current_step == "questions"


def test_a_removed_lesson_is_left_out(alice_client, interview):
    data = answers(caught_out=False)
    data["lessons"]["lessons-TOTAL_FORMS"] = "2"
    data["lessons"].update(
        {
            "lessons-1-text": "Drop me",
            "lessons-1-category": "mindset",
            "lessons-1-action": "Nothing",
            "lessons-1-DELETE": "on",
        }
    )
    walk(
        alice_client,
        interview,
        ["feelings", "what_happened", "lessons", "forgive", "follow_up"],
        data,
    )
    post_step(alice_client, interview, "summary")
    assert list(Reflection.objects.get().lessons.values_list("text", flat=True)) == [
        "I need to rehearse system design out loud."
    ]


def test_strong_feelings_inside_the_cool_off_window_suggest_a_pause_once(alice_client, alice):
    recent = make_interview(owner=alice, rating=1, scheduled_at=timezone.now() - timedelta(hours=1))
    strong = {"feelings-feelings_before": ["upset"], "feelings-intensity_before": "8"}

    first = post_step(alice_client, recent, "feelings", strong)
    assert first["Location"] == step_url(recent, "feelings")
    page = alice_client.get(first["Location"])
    assert page.context["suggest_pause"]
    assert "It is fine to let this settle first" in page.text
    assert 'name="wizard_save_later"' in page.text

    second = post_step(alice_client, recent, "feelings", strong)
    assert second["Location"] == step_url(recent, "what_happened")


@pytest.mark.parametrize(
    ("hours_ago", "intensity"), [(72, "9"), (1, "6")], ids=["cool-off-over", "mild-feeling"]
)
def test_no_pause_when_the_window_passed_or_the_feeling_is_mild(
    alice_client, alice, hours_ago, intensity
):
    past = make_interview(
        owner=alice, rating=1, scheduled_at=timezone.now() - timedelta(hours=hours_ago)
    )
    response = post_step(
        alice_client,
        past,
        "feelings",
        {"feelings-feelings_before": ["upset"], "feelings-intensity_before": intensity},
    )
    assert response["Location"] == step_url(past, "what_happened")


def test_save_and_come_back_later_keeps_the_answers(alice_client, alice, interview):
    response = post_step(
        alice_client,
        interview,
        "feelings",
        {"feelings-feelings_before": ["anxious"], "feelings-intensity_before": "9"},
        button={"wizard_save_later": "1"},
    )

    assert response["Location"] == reverse("interviews:interview_detail", args=[interview.pk])
    draft = draft_of(alice, interview)
    assert draft.current_step == "feelings"
    assert draft.data["step_data"]["feelings"]["feelings-feelings_before"] == ["anxious"]
    assert alice_client.get(reflect_url(interview))["Location"] == step_url(interview, "feelings")


def test_opening_the_wizard_again_never_wipes_the_draft(alice_client, alice, interview):
    walk(alice_client, interview, ["feelings", "what_happened"], answers())
    before = draft_of(alice, interview)

    alice_client.get(reflect_url(interview))
    alice_client.get(step_url(interview, "feelings"))
    alice_client.get(reflect_url(interview) + "?reset=1")

    after = draft_of(alice, interview)
    assert (after.data, after.current_step, after.updated_at) == (
        before.data,
        before.current_step,
        before.updated_at,
    )


def test_looking_at_a_step_writes_nothing(alice_client, interview):
    alice_client.get(reflect_url(interview))
    alice_client.get(step_url(interview, "feelings"))
    assert not WizardDraft.objects.exists()


def test_step_indicator_names_every_step_and_marks_where_you_are(alice_client, interview):
    walk(alice_client, interview, ["feelings"], answers())
    page = alice_client.get(step_url(interview, "what_happened"))
    assert page.text.count('aria-current="step"') == 1
    states = [item["state"] for item in page.context["step_items"]]
    assert states == ["done", "current", "todo", "todo", "todo", "todo"]
    assert '<ol class="wizard-steps">' in page.text


def test_change_from_the_summary_goes_back_to_the_summary(alice_client, interview):
    data = answers()
    walk(alice_client, interview, ALL_STEPS, data)
    changed = {**data["what_happened"], "what_happened-what_happened": "Shorter now."}

    response = post_step(alice_client, interview, "what_happened", changed, query="?then=summary")

    assert response["Location"] == step_url(interview, "summary")
    assert "Shorter now." in alice_client.get(response["Location"]).text


def test_errors_are_summarised_with_links_to_their_fields(alice_client, interview):
    response = post_step(alice_client, interview, "feelings", {})

    assert response.status_code == 200
    assert 'role="alert"' in response.text
    assert 'href="#id_feelings-feelings_before_0"' in response.text
    assert 'href="#id_feelings-intensity_before_0"' in response.text
    assert "Tick at least one feeling" in response.text
    assert response.text.count("Choose a number from 0 to 10.") == 2  # summary and field
