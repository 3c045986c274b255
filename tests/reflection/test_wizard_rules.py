"""The wizard's rules: ownership, login, methods, malformed posts, ranges and start over."""

import pytest
from django.urls import reverse

from interviews.models import Reflection, WizardDraft

from ..conftest import make_interview, make_reflection
from .walk import answers, formset, post_step, reflect_url, step_url, walk


@pytest.fixture
def interview(alice):
    return make_interview(owner=alice, rating=1)


def start_over_url(interview):
    return reverse("interviews:reflect_start_over", args=[interview.pk])


def snapshot(interview):
    return list(WizardDraft.objects.filter(interview=interview).values())


def test_other_users_interview_is_404_and_their_draft_untouched(alice_client, interview, mallory):
    walk(alice_client, interview, ["feelings", "what_happened"], answers())
    before = snapshot(interview)
    alice_client.force_login(mallory)

    data = answers()
    responses = [
        alice_client.get(reflect_url(interview)),
        alice_client.get(step_url(interview, "feelings")),
        post_step(alice_client, interview, "feelings", data["feelings"]),
        post_step(
            alice_client, interview, "questions", {}, button={"wizard_goto_step": "feelings"}
        ),
        alice_client.get(start_over_url(interview)),
        alice_client.post(start_over_url(interview)),
    ]

    assert [response.status_code for response in responses] == [404] * len(responses)
    assert snapshot(interview) == before
    assert not WizardDraft.objects.filter(owner=mallory).exists()


@pytest.mark.parametrize("method", ["get", "head", "post", "put", "patch", "delete", "options"])
def test_other_users_interview_is_404_for_every_method(alice_client, interview, mallory, method):
    alice_client.force_login(mallory)
    for url in (reflect_url(interview), step_url(interview, "feelings"), start_over_url(interview)):
        assert getattr(alice_client, method)(url).status_code == 404, url
    assert not WizardDraft.objects.exists()


def test_wrong_methods_are_405(alice_client, interview):
    assert alice_client.post(reflect_url(interview)).status_code == 405
    assert alice_client.put(step_url(interview, "feelings")).status_code == 405
    assert alice_client.delete(step_url(interview, "feelings")).status_code == 405
    assert alice_client.put(start_over_url(interview)).status_code == 405
    assert not WizardDraft.objects.exists()


def test_a_post_for_a_step_not_reached_yet_is_400(alice_client, interview):
    data = answers()
    response = post_step(alice_client, interview, "lessons", data["lessons"])
    assert response.status_code == 400
    assert "That page was out of date" in response.text
    assert not WizardDraft.objects.exists()


def test_a_post_for_a_step_that_does_not_apply_is_400(alice_client, alice, interview):
    data = answers(caught_out=False)
    walk(alice_client, interview, ["feelings", "what_happened"], data)
    before = snapshot(interview)

    response = post_step(alice_client, interview, "questions", answers()["questions"])

    assert response.status_code == 400
    assert snapshot(interview) == before


@pytest.mark.parametrize(
    "payload",
    [
        {"feelings-intensity_before": "3"},
        {"reflection_999-current_step": "feelings"},
        {"wizard_goto_step": "feelings"},
    ],
    ids=["no-management-field", "another-interviews-field", "back-without-management"],
)
def test_a_post_without_the_wizards_management_field_is_400(alice_client, interview, payload):
    response = alice_client.post(step_url(interview, "feelings"), payload)
    assert response.status_code == 400
    assert not WizardDraft.objects.exists()


def test_a_post_whose_management_field_names_another_step_is_400(alice_client, interview):
    response = alice_client.post(
        step_url(interview, "feelings"),
        {f"reflection_{interview.pk}-current_step": "summary", **answers()["feelings"]},
    )
    assert response.status_code == 400


def test_a_formset_without_its_management_fields_is_400_and_stores_nothing(alice_client, interview):
    walk(alice_client, interview, ["feelings", "what_happened"], answers())
    before = snapshot(interview)
    response = post_step(alice_client, interview, "questions", {"questions-0-question": "Why?"})
    assert response.status_code == 400
    assert snapshot(interview) == before


def test_back_to_an_unknown_step_is_400(alice_client, interview):
    response = post_step(
        alice_client, interview, "feelings", {}, button={"wizard_goto_step": "nowhere"}
    )
    assert response.status_code == 400


def test_an_unknown_step_in_the_url_goes_to_where_the_user_stopped(alice_client, interview):
    walk(alice_client, interview, ["feelings"], answers())
    response = alice_client.get(step_url(interview, "nowhere"))
    assert response["Location"] == step_url(interview, "what_happened")
    response = alice_client.get(step_url(interview, "summary"))
    assert response["Location"] == step_url(interview, "what_happened")


@pytest.mark.parametrize("value", ["11", "-1", "7.5", "lots"])
def test_values_out_of_range_are_refused_with_a_message(alice_client, alice, interview, value):
    response = post_step(
        alice_client,
        interview,
        "feelings",
        {"feelings-feelings_before": ["upset"], "feelings-intensity_before": value},
    )

    assert response.status_code == 200
    assert "Choose a number from 0 to 10." in response.text
    assert alice_client.get(reflect_url(interview))["Location"] == step_url(interview, "feelings")


def test_an_unknown_feeling_is_refused(alice_client, interview):
    response = post_step(
        alice_client,
        interview,
        "feelings",
        {"feelings-feelings_before": ["elated"], "feelings-intensity_before": "3"},
    )
    assert response.status_code == 200
    assert response.context["errors"]


def test_too_long_an_answer_is_refused(alice_client, interview):
    data = answers()
    walk(alice_client, interview, ["feelings"], data)
    long = {**data["what_happened"], "what_happened-what_happened": "x" * 5001}
    response = post_step(alice_client, interview, "what_happened", long)
    assert response.status_code == 200
    assert "at most 5000 characters" in response.text


def test_a_tampered_item_count_is_refused(alice_client, interview):
    walk(alice_client, interview, ["feelings", "what_happened"], answers())
    items = [{"question": "Q?", "better_answer": "A."}] * 3
    data = {**formset("questions", items), "questions-TOTAL_FORMS": "5000"}
    response = post_step(alice_client, interview, "questions", data)
    assert response.status_code == 200
    assert "You can list up to 20 questions here." in response.text


def test_removing_every_lesson_asks_for_one(alice_client, interview):
    data = answers(caught_out=False)
    walk(alice_client, interview, ["feelings", "what_happened"], data)
    removed = {**data["lessons"], "lessons-0-DELETE": "on"}
    response = post_step(alice_client, interview, "lessons", removed)
    assert response.status_code == 200
    assert response.context["errors"] == [
        ("items-errors", "Add at least one lesson — one small one is enough.")
    ]


def test_start_over_asks_first_then_clears_the_draft(alice_client, alice, interview):
    walk(alice_client, interview, ["feelings", "what_happened"], answers())

    page = alice_client.get(start_over_url(interview))
    assert page.status_code == 200
    assert "Start over?" in page.text
    assert WizardDraft.objects.filter(owner=alice).exists()

    response = alice_client.post(start_over_url(interview))
    assert response["Location"] == reflect_url(interview)
    assert not WizardDraft.objects.exists()
    assert alice_client.get(reflect_url(interview))["Location"] == step_url(interview, "feelings")


def test_start_over_on_a_finished_reflection_keeps_it(alice_client, alice, interview):
    reflection = make_reflection(interview=interview)
    changed = {"feelings-feelings_before": ["calm"], "feelings-intensity_before": "2"}
    post_step(alice_client, interview, "feelings", changed)
    assert WizardDraft.objects.exists()

    page = alice_client.get(start_over_url(interview))
    assert "Your saved reflection stays exactly as it is" in page.text
    alice_client.post(start_over_url(interview))

    assert not WizardDraft.objects.exists()
    reflection.refresh_from_db()
    assert reflection.feelings_before == ["upset"]
    assert Reflection.objects.count() == 1


def test_an_interview_not_marked_bad_can_be_reflected_on_with_a_note(alice_client, alice):
    fine = make_interview(owner=alice, rating=4)
    page = alice_client.get(step_url(fine, "feelings"))
    assert page.status_code == 200
    assert "marked as one that went badly" in page.text
