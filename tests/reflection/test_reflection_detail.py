"""A finished reflection opens as a page to read, with Edit to change it; finishing again says
what really happened to its letter."""

import pytest
from django.urls import reverse

from interviews.models import FollowUpLetter, WizardDraft

from ..conftest import make_interview, make_letter, make_reflection
from .walk import answers, post_step, reflect_url, step_url, walk

STEPS = ["feelings", "what_happened", "questions", "lessons", "forgive", "follow_up"]


@pytest.fixture
def interview(alice):
    return make_interview(owner=alice, rating=1, interviewers="Sam Lee")


def detail_url(interview):
    return reverse("interviews:reflection_detail", args=[interview.pk])


def messages_of(response):
    return [str(message) for message in response.wsgi_request._messages]


def test_reopening_a_finished_reflection_shows_it_to_read(alice_client, interview):
    make_reflection(interview=interview, lessons=2, questions=1, causes=["caught_out"])

    response = alice_client.get(reflect_url(interview))

    assert response["Location"] == detail_url(interview)
    page = alice_client.get(detail_url(interview))
    assert page.status_code == 200
    assert "I froze on the system design question." in page.text
    assert "Lesson 1" in page.text
    assert "Question 0?" in page.text
    assert "One interview does not define you." in page.text
    # Reading writes nothing and shows no form to change the answers in place.
    assert not WizardDraft.objects.exists()
    assert "<textarea" not in page.text


def test_the_read_view_has_an_edit_button_into_the_wizard(alice_client, interview):
    make_reflection(interview=interview)

    page = alice_client.get(detail_url(interview))

    edit = step_url(interview, "summary")
    assert f'href="{edit}"' in page.text
    assert ">Edit your reflection<" in page.text
    wizard = alice_client.get(edit)
    assert wizard.status_code == 200
    assert "Check and finish" in wizard.text


def test_the_read_view_links_to_the_letter_it_led_to(alice_client, interview):
    make_reflection(interview=interview, follow_up="apology")
    letter = make_letter(interview=interview, kind=FollowUpLetter.Kind.APOLOGY)

    page = alice_client.get(detail_url(interview))

    assert reverse("interviews:letter_detail", args=[letter.pk]) in page.text


def test_unfinished_changes_are_resumed_not_hidden(alice_client, alice, interview):
    make_reflection(interview=interview, follow_up="none")
    changed = {**answers()["what_happened"], "what_happened-what_happened": "Second thoughts."}
    post_step(alice_client, interview, "what_happened", changed, button={"wizard_save_later": "1"})

    assert alice_client.get(reflect_url(interview))["Location"] == step_url(
        interview, "what_happened"
    )
    page = alice_client.get(detail_url(interview))
    assert "You have changes you have not finished" in page.text
    assert reflect_url(interview) in page.text


def test_without_a_finished_reflection_the_page_opens_the_wizard(alice_client, interview):
    assert alice_client.get(detail_url(interview))["Location"] == reflect_url(interview)
    walk(alice_client, interview, ["feelings"], answers())
    assert alice_client.get(detail_url(interview))["Location"] == reflect_url(interview)


def test_finishing_first_time_offers_a_first_draft(alice_client, interview):
    walk(alice_client, interview, STEPS, answers())

    response = post_step(alice_client, interview, "summary")

    assert any("first draft" in message for message in messages_of(response))


def test_finishing_again_does_not_claim_a_first_draft_for_a_sent_letter(alice_client, interview):
    make_reflection(interview=interview, follow_up="thank_you")
    sent = make_letter(
        interview=interview, kind=FollowUpLetter.Kind.THANK_YOU, status=FollowUpLetter.Status.SENT
    )

    response = post_step(alice_client, interview, "summary")

    assert response["Location"] == reverse("interviews:letter_detail", args=[sent.pk])
    said = " ".join(messages_of(response))
    assert "first draft" not in said
    assert "already sent" in said
    assert FollowUpLetter.objects.count() == 1


def test_finishing_again_with_a_draft_letter_says_it_was_already_started(alice_client, interview):
    make_reflection(interview=interview, follow_up="thank_you")
    started = make_letter(interview=interview, kind=FollowUpLetter.Kind.THANK_YOU)

    response = post_step(alice_client, interview, "summary")

    assert response["Location"] == reverse("interviews:letter_detail", args=[started.pk])
    said = " ".join(messages_of(response))
    assert "first draft" not in said
    assert "already started" in said


def test_reflection_page_takes_only_get(alice_client, interview):
    make_reflection(interview=interview)
    assert alice_client.post(detail_url(interview)).status_code == 405


def test_another_users_reflection_page_is_404(mallory_client, interview):
    make_reflection(interview=interview)
    assert mallory_client.get(detail_url(interview)).status_code == 404
