"""The wizard lets a user own their conduct, and the apology it drafts names it."""

import pytest

from interviews.models import FollowUpLetter, Reflection

from ..conftest import make_interview
from .walk import answers, post_step, step_url, walk

BEFORE_FOLLOW_UP = ["feelings", "what_happened", "lessons", "forgive"]
RUDE = "I was rude to your receptionist, and I interrupted your panel lead"


@pytest.fixture
def interview(alice):
    return make_interview(owner=alice, rating=1, interviewers="Dana Cole")


def rude_answers(*, causes=("other",), to_own=RUDE, follow_up="apology"):
    data = answers(caught_out=False, follow_up=follow_up)
    data["what_happened"]["what_happened-causes"] = list(causes)
    data["what_happened"]["what_happened-what_happened"] = (
        "I snapped at the receptionist and kept talking over the panel lead."
    )
    data["follow_up"]["follow_up-to_own"] = to_own
    return data


def test_what_happened_offers_causes_for_the_users_own_conduct(alice_client, interview):
    walk(alice_client, interview, ["feelings"], answers())

    page = alice_client.get(step_url(interview, "what_happened")).text

    for label in (
        "I was short or rude with someone",
        "I interrupted people",
        "I arrived late",
        "prepared for the basics",
        "honest about something",
    ):
        assert label in page


def test_something_else_described_offers_an_apology_and_asks_what_to_own(alice_client, interview):
    walk(alice_client, interview, BEFORE_FOLLOW_UP, rude_answers())

    page = alice_client.get(step_url(interview, "follow_up"))

    fields = page.context["wizard"]["form"].fields
    assert "apology" in {value for value, _label in fields["follow_up"].choices}
    assert "to_own" in fields
    assert "what exactly do you want to own?" in page.text
    assert "You described something else that went wrong" in page.text


def test_no_question_about_owning_anything_when_no_apology_fits(alice_client, interview):
    walk(alice_client, interview, BEFORE_FOLLOW_UP, rude_answers(causes=["technical"]))

    page = alice_client.get(step_url(interview, "follow_up"))

    assert "to_own" not in page.context["wizard"]["form"].fields
    assert "what exactly do you want to own" not in page.text


def test_finishing_with_an_apology_saves_the_words_and_the_draft_names_them(
    alice_client, interview
):
    data = rude_answers()
    walk(alice_client, interview, [*BEFORE_FOLLOW_UP, "follow_up"], data)

    summary = alice_client.get(step_url(interview, "summary")).text
    assert RUDE in summary
    response = post_step(alice_client, interview, "summary")

    reflection = Reflection.objects.get()
    assert reflection.to_own == RUDE
    letter = FollowUpLetter.objects.get()
    assert response["Location"] == letter.get_absolute_url()
    assert letter.kind == "apology"
    assert RUDE + "." in letter.body
    assert "snapped" not in letter.body
    assert "nerves" not in letter.body


def test_a_ticked_conduct_cause_is_owned_in_the_draft(alice_client, interview):
    data = rude_answers(causes=["late"], to_own="")
    walk(alice_client, interview, [*BEFORE_FOLLOW_UP, "follow_up"], data)

    post_step(alice_client, interview, "summary")

    letter = FollowUpLetter.objects.get()
    assert "I arrived late" in letter.body
    assert "rude" not in letter.body


def test_too_long_an_answer_about_what_to_own_is_refused_and_nothing_saved(alice_client, interview):
    walk(alice_client, interview, BEFORE_FOLLOW_UP, rude_answers())
    limit = Reflection._meta.get_field("to_own").max_length

    response = post_step(
        alice_client,
        interview,
        "follow_up",
        {"follow_up-follow_up": "apology", "follow_up-to_own": "x" * (limit + 1)},
    )

    assert response.status_code == 200
    assert f"at most {limit} characters" in response.text
    assert not Reflection.objects.exists()
    assert alice_client.get(step_url(interview, "summary"))["Location"] == step_url(
        interview, "follow_up"
    )


def test_what_to_own_is_dropped_when_the_answers_no_longer_point_to_an_apology(
    alice_client, interview
):
    data = rude_answers(follow_up="thank_you")
    walk(alice_client, interview, [*BEFORE_FOLLOW_UP, "follow_up"], data)
    changed = {**data["what_happened"], "what_happened-causes": ["technical"]}
    post_step(alice_client, interview, "what_happened", changed, query="?then=summary")

    post_step(alice_client, interview, "summary")

    assert Reflection.objects.get().to_own == ""


def test_editing_a_finished_reflection_keeps_what_the_user_wanted_to_own(alice_client, interview):
    walk(alice_client, interview, [*BEFORE_FOLLOW_UP, "follow_up"], rude_answers())
    post_step(alice_client, interview, "summary")

    page = alice_client.get(step_url(interview, "follow_up"))

    assert page.context["wizard"]["form"]["to_own"].value() == RUDE
