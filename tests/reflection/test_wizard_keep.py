"""Answers are kept while the user types (the page's script posts them), and the footer
promises only what happens without a script."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from interviews.models import WizardDraft

from ..conftest import make_interview, make_reflection
from .walk import answers, formset, reflect_url, step_url, walk


@pytest.fixture
def interview(alice):
    return make_interview(owner=alice, rating=1)


def keep_url(interview, step):
    return reverse("interviews:reflect_keep", kwargs={"pk": interview.pk, "step": step})


def keep(client, interview, step, data, **extra):
    payload = {f"reflection_{interview.pk}-current_step": step, **data}
    return client.post(keep_url(interview, step), payload, **extra)


def draft_of(alice, interview):
    return WizardDraft.objects.get(owner=alice, interview=interview)


def test_typed_answers_are_kept_without_continue_and_shown_on_return(
    alice_client, alice, interview
):
    walk(alice_client, interview, ["feelings"], answers())
    typed = {"what_happened-what_happened": "I lost my thread on the caching question."}

    response = keep(alice_client, interview, "what_happened", typed)

    assert response.status_code == 204
    assert draft_of(alice, interview).data["step_data"]["what_happened"] == {
        "what_happened-what_happened": ["I lost my thread on the caching question."]
    }
    # Closing the tab and opening the reflection again lands on the step, text in place.
    page = alice_client.get(alice_client.get(reflect_url(interview))["Location"])
    assert page.request["PATH_INFO"] == step_url(interview, "what_happened")
    assert "I lost my thread on the caching question." in page.text
    assert not page.context["errors"]


def test_keeping_checks_nothing_and_moves_nowhere(alice_client, alice, interview):
    walk(alice_client, interview, ["feelings", "what_happened"], answers())
    before = draft_of(alice, interview).current_step

    response = keep(alice_client, interview, "feelings", {"feelings-intensity_before": ""})

    assert response.status_code == 204
    draft = draft_of(alice, interview)
    assert draft.current_step == before == "questions"
    assert draft.data["step_data"]["feelings"] == {"feelings-intensity_before": [""]}
    page = alice_client.get(step_url(interview, "feelings"))
    assert "A few answers need another look" not in page.text


def test_a_formset_step_is_kept_item_by_item(alice_client, alice, interview):
    walk(alice_client, interview, ["feelings", "what_happened"], answers(caught_out=False))
    items = formset("lessons", [{"text": "Rehearse out loud.", "category": "", "action": ""}])

    assert keep(alice_client, interview, "lessons", items).status_code == 204

    page = alice_client.get(step_url(interview, "lessons"))
    assert "Rehearse out loud." in page.text
    assert not page.context["errors"]


def test_keeping_a_step_not_reached_is_refused_and_stores_nothing(alice_client, interview):
    response = keep(alice_client, interview, "lessons", formset("lessons", [{"text": "x"}]))
    assert response.status_code == 400
    assert not WizardDraft.objects.exists()


@pytest.mark.parametrize(
    "payload",
    [{"feelings-intensity_before": "3"}, {"reflection_1-current_step": "summary"}],
    ids=["no-management-field", "another-step"],
)
def test_keeping_without_the_right_management_field_is_refused(alice_client, interview, payload):
    response = alice_client.post(keep_url(interview, "feelings"), payload)
    assert response.status_code == 400
    assert not WizardDraft.objects.exists()


def test_keeping_a_formset_without_its_management_fields_is_refused(alice_client, interview):
    walk(alice_client, interview, ["feelings", "what_happened"], answers())
    before = list(WizardDraft.objects.values())
    response = keep(alice_client, interview, "questions", {"questions-0-question": "Why?"})
    assert response.status_code == 400
    assert list(WizardDraft.objects.values()) == before


def test_keeping_takes_only_post(alice_client, interview):
    response = alice_client.get(keep_url(interview, "feelings"))
    assert response.status_code == 405
    assert response["Allow"] == "POST"


def test_keeping_needs_the_pages_csrf_token(alice, interview):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(alice)
    data = {"feelings-intensity_before": "3"}

    assert keep(browser, interview, "feelings", data).status_code == 403
    assert not WizardDraft.objects.exists()

    page = browser.get(step_url(interview, "feelings"))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    response = keep(browser, interview, "feelings", {**data, "csrfmiddlewaretoken": token})
    assert response.status_code == 204
    assert "csrfmiddlewaretoken" not in str(WizardDraft.objects.get().data)


def test_another_users_interview_cannot_be_kept_into(mallory_client, interview):
    response = keep(mallory_client, interview, "feelings", {"feelings-intensity_before": "3"})
    assert response.status_code == 404
    assert not WizardDraft.objects.exists()


def test_typing_into_a_finished_reflection_keeps_it_and_marks_changes_unfinished(
    alice_client, alice, interview
):
    reflection = make_reflection(interview=interview)

    keep(alice_client, interview, "feelings", {"feelings-feelings_before": ["calm"]})

    reflection.refresh_from_db()
    assert reflection.feelings_before == ["upset"]
    detail = alice_client.get(reverse("interviews:reflection_detail", args=[interview.pk]))
    assert "You have changes you have not finished" in detail.text


def test_the_page_points_its_script_at_the_keep_url(alice_client, interview):
    page = alice_client.get(step_url(interview, "feelings"))
    assert f'data-keep-url="{keep_url(interview, "feelings")}"' in page.text
    assert "js/wizard.js" in page.text


def test_the_footer_promises_only_what_happens_without_a_script(alice_client, interview):
    page = alice_client.get(step_url(interview, "feelings"))
    assert "Every answer is saved as you go" not in page.text
    assert "saved each time you move between steps" in page.text
